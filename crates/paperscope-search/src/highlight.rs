//! Highlights and snippets: where a hit's title and abstract match the query, as character offsets into the
//! text shown, so the app renders them as text nodes and never injects markup.

use serde::Serialize;

use crate::index::Index;
use crate::tokenize::each_raw;

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
fn byte_spans(index: &Index, text: &str, matcher: &Matcher) -> Vec<(usize, usize)> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut buf = String::new();
    each_raw(text, &mut buf, |surface, start, end, compound| {
        if !matcher.may_match(surface) {
            return;
        }
        let term = if compound { index.term_ids.get(surface).copied() } else { index.surface_term(surface) };
        if term.is_some_and(|id| matcher.matches(id)) {
            spans.push((start, end));
        }
    });
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

fn to_chars(text: &str, spans: &[(usize, usize)]) -> Vec<Span> {
    spans.iter().map(|&(s, e)| Span { start: text[..s].chars().count(), end: text[..e].chars().count() }).collect()
}

/// Matched spans of a whole text, in characters.
pub fn highlight(index: &Index, text: &str, matcher: &Matcher) -> Vec<Span> {
    to_chars(text, &byte_spans(index, text, matcher))
}

/// A window of `text` around its densest run of matches (or its start), with `…` where it was cut, and the
/// matched spans in characters of the snippet.
pub fn snippet(index: &Index, text: &str, matcher: &Matcher) -> (String, Vec<Span>) {
    let spans = byte_spans(index, text, matcher);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= SNIPPET_CHARS {
        return (text.to_string(), to_chars(text, &spans));
    }
    let char_of = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
    // The window start (in chars) that covers the most matches.
    let starts: Vec<usize> = spans.iter().map(|&(s, _)| char_of(s)).collect();
    let best = starts
        .iter()
        .enumerate()
        .max_by_key(|&(i, &s)| {
            (starts[i..].iter().take_while(|&&t| t < s + SNIPPET_CHARS - SNIPPET_LEAD).count(), std::cmp::Reverse(s))
        })
        .map(|(_, &s)| s.saturating_sub(SNIPPET_LEAD))
        .unwrap_or(0);
    // Start and end at word boundaries.
    let mut from = best;
    while from > 0 && !chars[from - 1].1.is_whitespace() {
        from -= 1;
    }
    let mut to = (from + SNIPPET_CHARS).min(chars.len());
    while to < chars.len() && to > from + SNIPPET_CHARS / 2 && !chars[to].1.is_whitespace() {
        to -= 1;
    }
    let (byte_from, byte_to) = (chars[from].0, chars.get(to).map_or(text.len(), |c| c.0));
    let body = text[byte_from..byte_to].trim();
    let lead = text[byte_from..byte_to].len() - text[byte_from..byte_to].trim_start().len();
    let body_start = byte_from + lead;
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if byte_to < text.len() { "…" } else { "" };
    let snippet = format!("{prefix}{body}{suffix}");
    let shift = prefix.chars().count();
    let inside: Vec<Span> = spans
        .iter()
        .filter(|&&(s, e)| s >= body_start && e <= body_start + body.len())
        .map(|&(s, e)| Span {
            start: text[body_start..s].chars().count() + shift,
            end: text[body_start..e].chars().count() + shift,
        })
        .collect();
    (snippet, inside)
}
