//! Tokenisation for paper text.
//!
//! Text is split into words at whitespace; each word loses the punctuation around it. A word's *parts* are its
//! runs of letters and digits, folded (lower case, accents removed) and stemmed with the Snowball English
//! stemmer (`transformers` -> `transform`). A word whose parts are joined by connectors (`-`, `@`, `.`, `/`,
//! `+`, `_`) is also kept whole as a *compound*, not stemmed: `in-context`, `gpt-4`, `pass@k`, `q-learning`,
//! `2511.14710`. So `in-context` finds the compound exactly, and `context` still finds its part.
//!
//! Offsets are byte offsets into the text given, which callers convert for display.

use paperscope_corpus::text::fold_char;
use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to index on their own. They keep their surface forms' terms, so a quoted phrase that
/// contains them is still checked word by word against the text (see `phrase`).
pub const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
    "of", "on", "or", "our", "that", "the", "their", "this", "to", "we", "which", "with",
];

pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

const CONNECTORS: &[char] = &['-', '@', '.', '/', '+', '_', '‐', '–'];

/// Whether an indexed term is a compound (`in-context`): only compounds keep their connectors.
pub fn is_compound_term(term: &str) -> bool {
    term.contains(CONNECTORS)
}

/// One token of a text: its folded, stemmed term, and where its word part sits in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded and (for parts) stemmed.
    pub term: String,
    /// Folded, not stemmed: what prefix and typo matching compare against.
    pub surface: String,
    pub start: usize,
    pub end: usize,
    /// True for a whole connected word (`gpt-4`), false for one of its parts.
    pub compound: bool,
}

/// Turns text into tokens. Holds the stemmer, so build one and reuse it.
pub struct Tokenizer {
    stemmer: Stemmer,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer { stemmer: Stemmer::create(Algorithm::English) }
    }
}

/// Lower case with accents folded, character by character.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds `text` into `buf` (cleared first), with a fast path for ASCII.
pub fn fold_into(text: &str, buf: &mut String) {
    buf.clear();
    if text.is_ascii() {
        buf.extend(text.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        for c in text.chars() {
            buf.extend(fold_char(c).to_lowercase());
        }
    }
}

/// The tokens of `text` without stemming, allocation-free: calls `f(surface, start, end, compound)` with
/// the folded surface form (in `buf`) and its byte range in `text`. The index calls this and stems each
/// distinct surface form once.
pub fn each_raw(text: &str, buf: &mut String, mut f: impl FnMut(&str, usize, usize, bool)) {
    scan_raw(text, buf, |surface, start, end, compound| {
        f(surface, start, end, compound);
        true
    });
}

/// [`each_raw`] that stops as soon as `f` returns false.
pub fn scan_raw(text: &str, buf: &mut String, mut f: impl FnMut(&str, usize, usize, bool) -> bool) {
    for (word_start, word) in words(text) {
        // Fast path, one pass over the bytes: an ASCII word of letters and digits, perhaps with ASCII
        // punctuation around it (`(model),`).
        let bytes = word.as_bytes();
        let (mut start, mut end, mut plain) = (usize::MAX, 0, true);
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                if start == usize::MAX {
                    start = i;
                } else if end != i {
                    plain = false; // a gap inside the word: a compound or several parts
                }
                end = i + 1;
            } else if b >= 0x80 {
                plain = false;
                break;
            }
        }
        if plain {
            if start == usize::MAX {
                continue;
            }
            buf.clear();
            buf.push_str(&word[start..end]);
            buf.make_ascii_lowercase();
            if !f(buf, word_start + start, word_start + end, false) {
                return;
            }
            continue;
        }
        let Some(core_start) = word.find(|c: char| c.is_alphanumeric()) else { continue };
        let core_end = word.rfind(|c: char| c.is_alphanumeric()).map_or(0, |i| i + char_len(word, i));
        let core = &word[core_start..core_end];
        let base = word_start + core_start;
        // A compound: more than one part, every gap a single connector.
        let (mut parts, mut compound, mut gap, mut gap_ok) = (0, true, 0, true);
        for c in core.chars() {
            if c.is_alphanumeric() {
                if gap > 0 || parts == 0 {
                    parts += 1;
                    compound &= parts == 1 || (gap == 1 && gap_ok);
                }
                gap = 0;
                gap_ok = true;
            } else {
                gap += 1;
                gap_ok &= CONNECTORS.contains(&c);
            }
        }
        if parts > 1 && compound {
            fold_into(core, buf);
            if !f(buf, base, base + core.len(), true) {
                return;
            }
        }
        let mut start = None;
        let mut after_apostrophe = false;
        for (i, c) in core.char_indices().chain(std::iter::once((core.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let part = &core[s..i];
                    // Possessive `'s` is not a part of its own.
                    if !(after_apostrophe && (part == "s" || part == "S")) {
                        fold_into(part, buf);
                        if !f(buf, base + s, base + i, false) {
                            return;
                        }
                    }
                    start = None;
                }
                _ => {}
            }
            if start.is_none() {
                after_apostrophe = c == '\'' || c == '’';
            }
        }
    }
}

/// The word parts of ASCII `text` as byte ranges, exactly the non-compound parts [`each_raw`] gives for it,
/// in one pass over the bytes with nothing folded or copied: for checks that look closely at few parts
/// (quoted phrases). Stops as soon as `f` returns false.
pub fn scan_ascii_parts(text: &str, mut f: impl FnMut(usize, usize) -> bool) {
    debug_assert!(text.is_ascii());
    let bytes = text.as_bytes();
    let (mut i, mut word_has_part) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            // Possessive `'s` (after a part of the same word) is not a part of its own.
            let possessive = word_has_part
                && bytes[start - 1] == b'\''
                && i - start == 1
                && bytes[start].eq_ignore_ascii_case(&b's');
            word_has_part = true;
            if !possessive && !f(start, i) {
                return;
            }
        } else {
            if b.is_ascii_whitespace() || b == 0x0b {
                word_has_part = false;
            }
            i += 1;
        }
    }
}

impl Tokenizer {
    /// The term a folded word part is indexed under.
    pub fn stem(&self, folded: &str) -> String {
        if folded.chars().any(|c| c.is_ascii_digit()) || !folded.is_ascii() {
            return folded.to_string();
        }
        self.stemmer.stem(folded).into_owned()
    }

    /// Calls `f` for every token of `text`, parts in order with each compound just before its parts.
    pub fn each_token(&self, text: &str, mut f: impl FnMut(Token)) {
        let mut buf = String::new();
        each_raw(text, &mut buf, |surface, start, end, compound| {
            let term = if compound { surface.to_string() } else { self.stem(surface) };
            f(Token { term, surface: surface.to_string(), start, end, compound })
        });
    }

    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.each_token(text, |t| out.push(t));
        out
    }
}

/// Whitespace-separated words and their byte offsets, scanning bytes and decoding only non-ASCII ones.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let space_at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        }
    };
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (space, len) = space_at(i);
            if !space {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (space, len) = space_at(i);
            if space {
                break;
            }
            i += len;
        }
        Some((start, &text[start..i]))
    })
}

fn char_len(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Tokenizer::default().tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn a_compound_term_has_a_connector_ascii_or_not() {
        for term in ["in-context", "gpt-4.1", "pass@k", "c++", "snake_case", "tcp/ip", "a‐b", "1990–2000", "ü-net"]
        {
            assert!(is_compound_term(term), "{term}");
        }
        for term in ["context", "café", "naïve", "2511", ""] {
            assert!(!is_compound_term(term), "{term}");
        }
    }

    #[test]
    fn stems_folds_and_keeps_compounds() {
        assert_eq!(terms("Transformers LEARNING"), vec!["transform", "learn"]);
        assert_eq!(terms("In-context"), vec!["in-context", "in", "context"]);
        assert_eq!(terms("GPT-4, pass@K and 2SLS."), vec!["gpt-4", "gpt", "4", "pass@k", "pass", "k", "and", "2sls"]);
        assert_eq!(terms("Q-learning"), vec!["q-learning", "q", "learn"]);
        assert_eq!(terms("arXiv:2511.14710"), vec!["arxiv", "2511", "14710"]);
        assert_eq!(terms("(2511.14710)"), vec!["2511.14710", "2511", "14710"]);
        assert_eq!(terms("Cramér's bound"), vec!["cramer", "bound"]);
        assert_eq!(terms("«»—"), Vec::<String>::new());
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Über «in-context» learning";
        for t in Tokenizer::default().tokens(text) {
            assert_eq!(fold(&text[t.start..t.end]), t.surface);
        }
    }

    #[test]
    fn ascii_parts_are_each_raws_parts() {
        // Random strings over the bytes that decide where parts and words begin and end.
        const ALPHABET: &[u8] = b"aAsS9 '-.\t\x0b@,x";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut buf = String::new();
        for _ in 0..20_000 {
            let len = (state % 12) as usize;
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ALPHABET[(state % ALPHABET.len() as u64) as usize] as char
                })
                .collect();
            let mut raw = Vec::new();
            each_raw(&text, &mut buf, |surface, start, end, compound| {
                if !compound {
                    raw.push((surface.to_string(), start, end));
                }
            });
            let mut ascii = Vec::new();
            scan_ascii_parts(&text, |start, end| {
                ascii.push((text[start..end].to_ascii_lowercase(), start, end));
                true
            });
            assert_eq!(ascii, raw, "{text:?}");
        }
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOPWORDS);
        assert!(is_stopword("the") && !is_stopword("theory"));
    }
}
