//! The parser never panics, whatever it is given: arbitrary strings, and (more searching) strings built from
//! the pieces the real formats are made of.
use paperscope_corpus::{parse, text, Date, Format, ParseOptions};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "  ",
    "·",
    "  • 3 authors",
    "• 1 author",
    "Feb 11",
    "Jun 3, 2023 4",
    "Feb 29",
    "arXiv:2501.00001",
    "arXiv:",
    "arXiv:x - NeurIPS 2025",
    "Created: 2025-01-02 Updated: 2025-01-03",
    "Created:",
    "Thumbnail for ",
    "Papers on arXiv",
    "Name: ",
    "117 papers on arXiv",
    "Subscribe",
    "Daily Papers",
    "...",
    "…",
    "$",
    "$$",
    "\\",
    "\\'",
    "{",
    "}",
    "^",
    "_",
    "~",
    "\\emph{",
    "\\c",
    "\\'{",
    "https://",
    "http://x.",
    "é",
    "日本",
    "\u{feff}",
    "\u{0}",
    "A title",
    "We study a problem. We show it is hard. We give an algorithm.",
    "40 pages",
    "--",
    "This website uses cookies",
    "[",
    "]",
    "{\"title\": \"x\"",
    "}",
    ",",
    "\"versions\": [{\"created\": \"Mon, 2 Apr\"}]",
];

fn all_ways(text: &str) {
    let captured = Date::parse_iso("2026-05-28");
    for format in std::iter::once(None).chain(Format::ALL.map(Some)) {
        let options = ParseOptions { file: "fuzz.txt".into(), format, captured };
        if let Ok(parsed) = parse(text, &options) {
            for paper in &parsed.papers {
                assert!(!paper.id.is_empty());
            }
        }
    }
    let _ = text::normalize(text);
    let _ = text::fold_key(text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        all_ways(&text);
    }

    #[test]
    fn strings_made_of_listing_pieces(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)) {
        all_ways(&pieces.concat());
    }
}
