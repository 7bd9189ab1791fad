//! BibTeX entries for papers: `@misc` with the arXiv fields where the id is known, `@inproceedings` for a
//! paper accepted at a venue. Keys are unique within one export; every special character is escaped.

use std::collections::{HashMap, HashSet};

use crate::schema::{Paper, VenueStatus};

/// Entries for these papers, keys unique among them, separated by blank lines.
pub fn entries<'a>(papers: impl IntoIterator<Item = &'a Paper>) -> String {
    let mut keys = Keys::default();
    papers.into_iter().map(|p| entry(p, &mut keys)).collect::<Vec<_>>().join("\n")
}

/// The keys given so far in one export, and for each base key the next suffix to try.
#[derive(Default)]
pub struct Keys {
    used: HashSet<String>,
    next: HashMap<String, u32>,
}

/// One entry, with a key not used before in `keys` (which it joins).
pub fn entry(paper: &Paper, keys: &mut Keys) -> String {
    let key = unique_key(paper, keys);
    let accepted = paper.venue.is_some() && paper.venue_status == Some(VenueStatus::Accepted);
    let kind = if accepted { "inproceedings" } else { "misc" };
    let mut fields: Vec<(&str, String)> = vec![("title", format!("{{{}}}", escape(&paper.title)))];
    if !paper.authors.is_empty() {
        // BibTeX's own word for authors not named: styles print it as "et al.".
        let others = if paper.some_authors() { " and others" } else { "" };
        fields.push(("author", format!("{}{others}", escape(&paper.authors.join(" and ")))));
    }
    if let Some(y) = paper.year {
        fields.push(("year", y.to_string()));
    }
    if accepted {
        fields.push(("booktitle", escape(paper.venue.as_deref().unwrap_or_default())));
    }
    if let Some(id) = &paper.arxiv_id {
        fields.push(("eprint", escape(id)));
        fields.push(("archiveprefix", "arXiv".into()));
        fields.push(("url", url_field(&format!("https://arxiv.org/abs/{id}"))));
    } else if let Some(url) = paper.code_urls.first() {
        fields.push(("howpublished", format!("\\url{{{}}}", url_field(url))));
    }
    if !paper.abstract_text.is_empty() {
        fields.push(("abstract", escape(&paper.abstract_text)));
    }
    if let Some(note) = paper.incomplete_note() {
        fields.push(("note", note));
    }
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {{{v}}}")).collect();
    format!("@{kind}{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// `arxiv2511.14710`-style keys where the id is known, else the first author's surname (or `paper`), the
/// year and the first significant title word: `lee2024scaling`. Clashes get `a`, `b`, ...
fn unique_key(paper: &Paper, keys: &mut Keys) -> String {
    let base = match &paper.arxiv_id {
        Some(id) => format!("arxiv{}", id.replace('/', "_")),
        None => {
            let surname = paper.authors.first().and_then(|a| a.split_whitespace().last()).unwrap_or("paper");
            let word = paper
                .title
                .split(|c: char| !c.is_alphanumeric())
                .map(ascii_lower)
                .find(|w| w.len() > 3)
                .unwrap_or_else(|| "untitled".into());
            let year = paper.year.map(|y| y.to_string()).unwrap_or_default();
            format!("{}{year}{word}", ascii_lower(surname))
        }
    };
    // Only characters a key may hold: a crafted id or name must not end the entry's key early.
    let base: String = base.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')).collect();
    if keys.used.insert(base.clone()) {
        return base;
    }
    // Each base remembers the next suffix to try, so a thousand papers with one base key cost a thousand
    // steps.
    let n = keys.next.entry(base.clone()).or_insert(0);
    loop {
        let key = format!("{base}{}", suffix(*n));
        *n += 1;
        if keys.used.insert(key.clone()) {
            return key;
        }
    }
}

/// A URL as a BibTeX field holds it: the characters that would end the field or start a command (`{`, `}`,
/// `\\`, whitespace, quotes) percent-encoded, which any URL reader decodes back. (`%`, `#` and `~` are safe
/// inside `\url`.)
pub fn url_field(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '{' | '}' | '\\' | '"') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn suffix(n: u32) -> String {
    let letter = (b'a' + (n % 26) as u8) as char;
    if n < 26 {
        letter.to_string()
    } else {
        format!("{}{letter}", n / 26)
    }
}

fn ascii_lower(s: &str) -> String {
    s.chars().map(crate::text::fold_char).filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Escapes BibTeX's special characters so a field reads back as the same text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(title: &str) -> Paper {
        Paper { title: title.into(), year: Some(2024), authors: vec!["Jason D. Lee".into()], ..Paper::default() }
    }

    #[test]
    fn keys_are_unique_and_special_characters_escaped() {
        let a = paper("Scaling 50% of {GPT} & $x_1$ #1 ~ ^");
        let b = paper("Scaling again");
        let mut arxiv = paper("Has an id");
        arxiv.arxiv_id = Some("2511.14710".into());
        arxiv.venue = Some("NeurIPS 2025".into());
        arxiv.venue_status = Some(VenueStatus::Accepted);
        let out = entries([&a, &b, &arxiv]);
        assert!(out.starts_with("@misc{lee2024scaling,\n  title = {{Scaling 50\\% of \\{GPT\\} \\& \\$x\\_1\\$ \\#1 \\textasciitilde{} \\textasciicircum{}}},"), "{out}");
        assert!(out.contains("@misc{lee2024scalinga,"), "{out}");
        assert!(out.contains("@inproceedings{arxiv2511.14710,"), "{out}");
        assert!(out.contains("  booktitle = {NeurIPS 2025},\n  eprint = {2511.14710},"), "{out}");
        assert_eq!(out.matches('@').count(), 3);
        // Braces balance in every entry.
        for e in out.split("\n@") {
            let opens = e.matches('{').count() - e.matches("\\{").count();
            let closes = e.matches('}').count() - e.matches("\\}").count();
            assert_eq!(opens, closes, "{e}");
        }
    }

    #[test]
    fn keys_without_authors_or_ascii() {
        let mut p = Paper { title: "Über Lernen".into(), ..Paper::default() };
        assert!(entries([&p]).starts_with("@misc{paperuber,"));
        p.title = "日本".into();
        assert!(entries([&p]).starts_with("@misc{paperuntitled,"));
    }

    #[test]
    fn partial_authors_and_guesses_are_said() {
        let profile = Paper {
            title: "A Paper".into(),
            authors: vec!["Jason D. Lee".into()],
            authors_partial: true,
            year: Some(2024),
            ..Paper::default()
        };
        let e = entries([&profile]);
        assert!(e.contains("author = {Jason D. Lee and others}"), "{e}");
        assert!(e.contains("note = {Incomplete record: not every author named}"), "{e}");
        let feed = Paper { title: "We study x".into(), untitled: true, ..Paper::default() };
        let e = entries([&feed]);
        assert!(!e.contains("author ="), "{e}");
        assert!(e.contains("note = {Incomplete record: no authors, title derived from the abstract, no year}"), "{e}");
        let whole = Paper { title: "T".into(), authors: vec!["A B".into()], year: Some(2025), ..Paper::default() };
        assert!(!entries([&whole]).contains("note ="));
    }
}
