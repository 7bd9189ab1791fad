//! Highlights and snippets: where a hit's title and abstract match the query, as character offsets into the
//! text shown, so the app renders them as text nodes and never injects markup.

use serde::Serialize;

use crate::tokenize::each_raw;

/// Where highlighting finds a word of the text: its term id by its folded surface form (a connected word
/// as written, a word part by the surface forms the index knows). The index is one; highlighting needs
/// nothing else of it.
pub trait Terms {
    fn term_of(&self, surface: &str, compound: bool) -> Option<u32>;
}

/// The terms a query matched (exactly, as prefix completions or as near misses), and the first letters of
/// the words that led to them: a word of the text is looked up only if it starts like one of those, which
/// keeps highlighting off the dictionary for most words.
#[derive(Debug, Default, Clone)]
pub struct Matcher {
    terms: Vec<u32>,
    keys: Vec<String>,
}

/// How many leading characters a word must share with a query word to be looked up.
const KEY_CHARS: usize = 3;

impl Matcher {
    /// Records a matched term and a surface form that leads to it.
    pub fn add(&mut self, term: u32, surface: &str) {
        if !self.terms.contains(&term) {
            self.terms.push(term);
        }
        let key: String = surface.chars().take(KEY_CHARS).collect();
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    fn matches(&self, term: u32) -> bool {
        self.terms.contains(&term)
    }

    fn may_match(&self, surface: &str) -> bool {
        self.keys.iter().any(|k| surface.starts_with(k.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A matched span: `start..end` in characters (Unicode scalar values) of the text it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Length of a snippet, in characters, and how much context it keeps before the first match.
pub const SNIPPET_CHARS: usize = 240;
pub const SNIPPET_LEAD: usize = 60;

/// Matched byte ranges of `text`, merged where they touch.
fn byte_spans(terms: &impl Terms, text: &str, matcher: &Matcher) -> Vec<(usize, usize)> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut buf = String::new();
    let mut check = |surface: &str, start: usize, end: usize, compound: bool| {
        if !matcher.may_match(surface) {
            return;
        }
        if terms.term_of(surface, compound).is_some_and(|id| matcher.matches(id)) {
            spans.push((start, end));
        }
    };
    if text.is_ascii() && matcher.keys.iter().all(|k| k.is_ascii()) {
        // Only the words where a key starts need tokenising: find those in the lower-cased text.
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut starts: Vec<usize> = Vec::new();
        for key in &matcher.keys {
            starts.extend(
                lower
                    .match_indices(key.as_str())
                    .map(|(at, _)| at)
                    .filter(|&at| at == 0 || !bytes[at - 1].is_ascii_alphanumeric()),
            );
        }
        starts.sort_unstable();
        // One forward pass: each start either falls in the word already looked at or begins the search
        // for a new word after it, so no byte is scanned twice (a 400 KB hyphenated title with a match in
        // every part costs one pass, not one backward scan per match).
        let mut word_end = 0;
        for at in starts {
            if at < word_end {
                continue;
            }
            let from =
                bytes[word_end..at].iter().rposition(u8::is_ascii_whitespace).map_or(word_end, |i| word_end + i + 1);
            let to = bytes[at..].iter().position(u8::is_ascii_whitespace).map_or(text.len(), |i| at + i);
            word_end = to.max(at + 1);
            each_raw(&text[from..to], &mut buf, |surface, s, e, compound| check(surface, from + s, from + e, compound));
        }
    } else {
        each_raw(text, &mut buf, &mut check);
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Byte spans (ascending, not overlapping) of `text` as character spans, plus `shift`: counted as one walk
/// from the start, never once per span.
fn to_chars(text: &str, spans: &[(usize, usize)], shift: usize) -> Vec<Span> {
    let (mut byte, mut chars) = (0, 0);
    let mut at = |to: usize| {
        chars += text[byte..to].chars().count();
        byte = to;
        chars + shift
    };
    spans.iter().map(|&(s, e)| Span { start: at(s), end: at(e) }).collect()
}

/// Matched spans of a whole text, in characters.
pub fn highlight(terms: &impl Terms, text: &str, matcher: &Matcher) -> Vec<Span> {
    to_chars(text, &byte_spans(terms, text, matcher), 0)
}

/// A window of `text` around its densest run of matches (or its start), with `…` where it was cut, and the
/// matched spans in characters of the snippet.
pub fn snippet(terms: &impl Terms, text: &str, matcher: &Matcher) -> (String, Vec<Span>) {
    let spans = byte_spans(terms, text, matcher);
    // Windows are measured in bytes (characters, for ASCII text), then moved to character and word
    // boundaries.
    if text.len() <= SNIPPET_CHARS || text.chars().count() <= SNIPPET_CHARS {
        return (text.to_string(), to_chars(text, &spans, 0));
    }
    // The start of the window that holds the most matches (the first such): two pointers over the spans.
    let window = SNIPPET_CHARS - SNIPPET_LEAD;
    let (mut best, mut most, mut j) = (0, 0, 0);
    for (i, &(s, _)) in spans.iter().enumerate() {
        j = j.max(i);
        while j < spans.len() && spans[j].0 < s + window {
            j += 1;
        }
        if j - i > most {
            (best, most) = (s.saturating_sub(SNIPPET_LEAD), j - i);
        }
    }
    let bytes = text.as_bytes();
    let mut from = floor_boundary(text, best);
    if from > 0 {
        from = bytes[..from].iter().rposition(u8::is_ascii_whitespace).map_or(0, |i| i + 1);
    }
    let mut to = floor_boundary(text, (from + SNIPPET_CHARS).min(text.len()));
    if to < text.len() {
        if let Some(space) = bytes[from + SNIPPET_CHARS / 2..to].iter().rposition(u8::is_ascii_whitespace) {
            to = from + SNIPPET_CHARS / 2 + space;
        }
    }
    let raw = &text[from..to];
    let body = raw.trim();
    let body_start = from + (raw.len() - raw.trim_start().len());
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < text.len() { "…" } else { "" };
    let shift = prefix.chars().count();
    let inside: Vec<(usize, usize)> = spans
        .iter()
        .filter(|&&(s, e)| s >= body_start && e <= body_start + body.len())
        .map(|&(s, e)| (s - body_start, e - body_start))
        .collect();
    let inside = to_chars(body, &inside, shift);
    (format!("{prefix}{body}{suffix}"), inside)
}

/// The largest character boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
