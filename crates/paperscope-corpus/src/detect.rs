//! Format detection: each format scores the signals that only its pages show (its module's `score`); the
//! format with the most wins.

use crate::formats::{hf_search, READERS};
use crate::lines::{self, Line};
use crate::Format;

/// Detects the format of a listing, or `None` when the text looks like none of them.
pub fn detect(text: &str) -> Option<Format> {
    detect_lines(&lines::split(text))
}

pub(crate) fn detect_lines(lines: &[Line<'_>]) -> Option<Format> {
    let mut scores: Vec<(Format, usize)> = READERS.iter().map(|r| (r.format, (r.score)(lines))).collect();
    // Hugging Face search results copied without their header have no signal of their own: when no format
    // has more than a stray one, the alternation of title and abstract lines decides.
    if scores.iter().all(|&(_, s)| s <= 2) {
        if let Some(hf) = scores.iter_mut().find(|(f, _)| *f == Format::HfSearch) {
            hf.1 += hf_search::headerless_score(lines);
        }
    }
    let (best, top) = scores.into_iter().rev().max_by_key(|&(_, s)| s)?;
    (top >= 2).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_text_is_not_guessed() {
        assert_eq!(detect("hello world\nthis is not a listing\n"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("{\"id\": 1}"), Some(Format::Json));
        assert_eq!(detect("[\n  {\"title\": \"x\"}\n]"), Some(Format::Json));
        assert_eq!(detect("[citation needed] text"), None);
    }
}
