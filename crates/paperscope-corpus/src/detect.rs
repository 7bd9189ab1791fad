//! Format detection: each format has signals that only its pages show; the format with the most wins.

use crate::formats::{arxiv_feed, hf_search, is_hf_chrome};
use crate::lines::{self, Line};
use crate::Format;

/// Detects the format of a listing, or `None` when the text looks like none of them.
pub fn detect(text: &str) -> Option<Format> {
    detect_lines(&lines::split(text))
}

pub(crate) fn detect_lines(lines: &[Line<'_>]) -> Option<Format> {
    // JSON: an array or an object on the first non-blank line.
    if let Some(first) = lines.iter().find(|l| !l.is_blank()) {
        let t = first.trimmed();
        if (t.starts_with('[') || t.starts_with('{'))
            && (t.len() == 1 || t[1..].trim_start().starts_with(['{', '"', ']']))
        {
            return Some(Format::Json);
        }
    }
    let mut score = [0usize; 4];
    let mut nonblank = 0;
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let t = line.trimmed();
        nonblank += 1;
        if arxiv_feed::is_id_line(t) || arxiv_feed::is_created_line(t) {
            score[0] += 2;
        }
        if t.starts_with("Thumbnail for ") {
            score[2] += 2;
        }
        if t.ends_with("papers on arXiv") || t == "Academic Profile" || t.starts_with("Total Publications") {
            score[2] += 3;
        }
        if t == "·" || (t.starts_with('•') && (t.ends_with(" authors") || t.ends_with(" author"))) {
            score[3] += 2;
        }
        if t == "Daily Papers" || t == "byAK and the research community" {
            score[3] += 3;
        }
        if t.starts_with("Get trending papers in your email inbox") {
            score[1] += 1;
        }
        if t.starts_with("Subscribe") && t.len() > "Subscribe".len() {
            score[1] += 3;
        }
    }
    // Hugging Face search results without their header: title and abstract lines alternate, no blank lines.
    if score.iter().all(|&s| s <= 2) && nonblank >= 2 {
        let content: Vec<&str> =
            lines.iter().filter(|l| !l.is_blank() && !is_hf_chrome(l.trimmed())).map(|l| l.trimmed()).collect();
        let alternating = content
            .chunks(2)
            .filter(|pair| pair.len() == 2)
            .filter(|pair| !hf_search::looks_like_abstract(pair[0]) && hf_search::looks_like_abstract(pair[1]))
            .count();
        if alternating * 2 >= content.len().saturating_sub(1) && alternating >= 1 {
            score[1] += 2 + alternating;
        }
    }
    let (best, &top) = score.iter().enumerate().max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))?;
    (top >= 2).then_some(Format::ALL[best])
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
