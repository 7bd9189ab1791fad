//! A note as the page shows it: text, with its web addresses as links.

/// A note's text in pieces, each `(is_link, text)`: only `http://` and `https://` addresses are links (a
/// note is shown as text; `javascript:` and the like stay words).
pub fn note_pieces(text: &str) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    // Where the current run of plain text starts, and where to look for the next address: one pass over
    // the note, however many addresses it holds (a restored backup's note can be megabytes).
    let (mut plain, mut from) = (0, 0);
    while let Some(found) = text[from..].find("http") {
        let at = from + found;
        let tail = &text[at..];
        if !(tail.starts_with("https://") || tail.starts_with("http://")) {
            from = at + "http".len();
            continue;
        }
        let end = tail.find(char::is_whitespace).map_or(text.len(), |e| at + e);
        // Closing punctuation after an address belongs to the sentence.
        let link = text[at..end].trim_end_matches(['.', ',', ')', ';', ':', '!', '?', '"', '\'']);
        if at > plain {
            pieces.push((false, &text[plain..at]));
        }
        pieces.push((true, link));
        plain = at + link.len();
        from = plain;
    }
    if plain < text.len() {
        pieces.push((false, &text[plain..]));
    }
    pieces
}
