//! Fuzzing by property: inputs assembled from the pieces that have broken parsers before (nested and
//! unclosed groups, brackets, URLs, runs of blank lines, numbers at the edges of every integer type, hyphen
//! chains, the formats' own markers, query and URL syntax, odd Unicode), repeated to depth, fed to every
//! path from untrusted text to the screen: the normaliser, every listing format, the query parser, the URL
//! parser, search with highlighting, and the index file. Each property also checks what the output
//! promises (spans inside their text, fields within their limits, a URL that reads back the same).
//!
//! CI runs a few hundred cases of each; `cargo xtask fuzz` runs them by the hundred thousand
//! (`PAPERSCOPE_FUZZ_CASES`), optimised with overflow checks on.

use paperscope_corpus::{limits, parse, text, Date, Format, Paper, ParseOptions};
use paperscope_search::url::ViewState;
use paperscope_search::{query, Index, IndexFile, Request, Span};
use proptest::prelude::*;

/// Cases per property: `PAPERSCOPE_FUZZ_CASES`, or `default` (what CI runs).
fn cases(default: u32) -> u32 {
    std::env::var("PAPERSCOPE_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(default)
}

const PIECES: &[&str] = &[
    // LaTeX: groups, math, scripts, commands, accents.
    "{",
    "}",
    "$",
    "$$",
    "^",
    "_",
    "^{",
    "_{",
    "\\",
    "\\\\",
    "\\emph{",
    "\\mathbb{",
    "\\href{",
    "\\'",
    "\\'{",
    "\\c",
    "\\alpha",
    "\\log",
    "\\unknown",
    "~",
    "--",
    "---",
    "\\{",
    "\\$",
    // Brackets and URLs.
    "(",
    ")",
    "[",
    "]",
    "http://",
    "https://",
    "https://a.b/",
    "http://x.y/(",
    "https://a.b/c)",
    "www.",
    // Line structure.
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "   ",
    "\t",
    "\u{feff}",
    "\u{0}",
    // Numbers at the edges.
    "0",
    "2025",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "99999999999999999999",
    "1e309",
    "-1",
    // Hyphen chains and connectors.
    "foo-",
    "-",
    "a-b-c",
    "‐",
    "–",
    "@",
    "/",
    ".",
    "'s",
    // The listing formats' own markers.
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
    "This website uses cookies",
    "40 pages",
    "A title",
    "We study a problem. We show it is hard. We give an algorithm.",
    // JSON.
    "[",
    "{\"title\": \"",
    "\"",
    ",",
    "\"authors\": [",
    "\"upvotes\": ",
    "\"year\": ",
    "\"arxiv_id\": \"",
    "\"code_urls\": [",
    "\"sources\": [], \"abstract_truncated\": true, ",
    "\"versions\": [{\"created\": \"Mon, 2 Apr\"}]",
    ":",
    "null",
    "true",
    // Query syntax.
    " OR ",
    "OR",
    " -",
    "\"",
    "year:",
    "upvotes:>",
    "pages:<",
    "..",
    ">",
    "<=",
    "has:",
    "has:code",
    "title:",
    "author:",
    "id:",
    "2511.14710",
    "transformer",
    "learning",
    "trans",
    // URL syntax.
    "&",
    "=",
    "%",
    "%ZZ",
    "%E2%82",
    "%20",
    "+",
    "q=",
    "year=",
    "author=",
    "page=",
    "sort=",
    "paper=",
    "venue=",
    "year=2023..2025",
    "?",
    // Unicode that changes length when folded or lower-cased.
    "é",
    "日本",
    "𝔼",
    "İ",
    "ﬁ",
    "ß",
    "Ǆ",
    "\u{301}",
];

/// Text made of pieces, each repeated a few times or many (so groups nest and runs grow long).
fn hostile_text() -> impl Strategy<Value = String> {
    let chunk = (prop::sample::select(PIECES), prop_oneof![4 => 1usize..3, 1 => 3usize..300]);
    prop::collection::vec(chunk, 0..40).prop_map(|chunks| chunks.into_iter().map(|(p, n)| p.repeat(n)).collect())
}

/// Arbitrary strings or hostile ones.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => any::<String>(), 4 => hostile_text()]
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Spans lie inside a text of `len` characters, ascending and apart.
fn spans_fit(spans: &[Span], len: usize) -> Result<(), TestCaseError> {
    let mut at = 0;
    for s in spans {
        prop_assert!(s.start >= at && s.start < s.end && s.end <= len, "span {s:?} in {len} chars after {at}");
        at = s.end;
    }
    Ok(())
}

fn paper_from(title: String, abstract_text: String, authors: Vec<String>) -> Paper {
    Paper { title, abstract_text, authors, ..Paper::default() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn the_normaliser_keeps_its_promises(input in any_text()) {
        let out = text::normalize(&input);
        prop_assert!(!out.contains("  ") && out.trim() == out, "{out:?}");
        prop_assert!(!out.contains('\n'));
        let _ = text::fold_key(&input);
        for url in text::urls(&input) {
            prop_assert!(url.starts_with("http") && !url.contains(char::is_whitespace), "{url:?}");
        }
    }

    #[test]
    fn every_format_parses_anything_within_its_limits(input in any_text()) {
        // Lines end at `\n`, `\r\n` or a lone `\r`: counting both characters bounds the line count.
        let lines = input.matches(['\n', '\r']).count() as u32 + 1;
        for format in std::iter::once(None).chain(Format::ALL.map(Some)) {
            let options = ParseOptions { file: "fuzz.txt".into(), format, captured: Date::parse_iso("2026-05-28") };
            let Ok(parsed) = parse(&input, &options) else { continue };
            prop_assert!(!parsed.papers.is_empty() || !parsed.diagnostics.is_empty(), "nothing said for {format:?}");
            for d in &parsed.diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines, "line {} of {lines}: {}", d.line, d.message);
                prop_assert!(d.message.len() < 1_000, "a diagnostic of {} bytes", d.message.len());
            }
            for p in &parsed.papers {
                prop_assert!(!p.id.is_empty());
                prop_assert!(char_len(&p.title) <= limits::TITLE_CHARS.max(100));
                prop_assert!(char_len(&p.abstract_text) <= limits::ABSTRACT_CHARS);
                prop_assert!(p.authors.len() <= limits::AUTHORS);
                prop_assert!(p.code_urls.iter().all(|u| u.starts_with("http")));
            }
        }
    }

    #[test]
    fn the_query_parser_reads_anything_and_points_inside_it(input in any_text(), typing in any::<bool>()) {
        let (_, errors) = query::parse(&input, typing);
        for e in &errors {
            prop_assert!(e.start <= e.end && e.end <= input.len(), "{e:?} in {} bytes", input.len());
            prop_assert!(input.is_char_boundary(e.start) && input.is_char_boundary(e.end), "{e:?}");
        }
        prop_assert_eq!(query::parse_strict(&input).is_err(), !query::parse(&input, false).1.is_empty());
    }

    #[test]
    fn a_link_reads_back_as_the_view_it_shows(input in any_text()) {
        let state = ViewState::parse(&input);
        let again = ViewState::parse(&state.to_query_string());
        prop_assert_eq!(again, ViewState { ignored: 0, ..state });
    }

    #[test]
    fn search_and_highlights_stay_inside_their_texts(
        texts in prop::collection::vec((any_text(), any_text(), any_text()), 1..5),
        q in any_text(),
        typing in any::<bool>(),
        page in prop_oneof![Just(1usize), Just(usize::MAX), 0usize..4],
    ) {
        let papers: Vec<Paper> = texts.into_iter().map(|(t, a, au)| paper_from(t, a, vec![au])).collect();
        let count = papers.len();
        let index = Index::build(papers);
        let mut request = Request::new(q.clone());
        (request.typing, request.page, request.per_page) = (typing, page, 2);
        let response = index.search(&request);
        prop_assert!(response.total <= count && response.hits.len() <= 2);
        prop_assert!(response.page >= 1 && response.page <= response.pages.max(1));
        for hit in &response.hits {
            let paper = &index.papers()[hit.doc as usize];
            spans_fit(&hit.title_highlights, char_len(&paper.title))?;
            spans_fit(&hit.snippet_highlights, char_len(&hit.snippet))?;
        }
        // The same index read back from its file answers the same.
        let file = IndexFile::read(&index.to_file()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = Index::with_file(index.papers().iter().cloned().collect::<Vec<_>>().into(), file).map_err(|(e, _)| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(loaded.search(&request), response);
    }
}
