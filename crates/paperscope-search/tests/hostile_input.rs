//! Hostile input, end to end: each input here once crashed Paperscope, ate gigabytes, took minutes or gave a
//! wrong answer (issue 10). The paths from untrusted text to the screen cross both library crates, so their
//! tests sit together here.
//!
//! Time is not measured here (`cargo xtask bench hostile` prints the figures). Where the old fault was time,
//! the input is sized so the quadratic code needs minutes and the linear code well under a second, and
//! [`finishes`] fails the test if the work has not ended after [`HANG`]: a guard against a hang, with a
//! margin of two orders of magnitude each way. Memory is counted by the allocator below, per thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

use paperscope_corpus::{bibtex, export, merge_and_finish, parse, text, Format, Paper, ParseOptions, Severity};
use paperscope_search::url::{ViewState, MAX_FILTERS};
use paperscope_search::{FacetKey, Index, Request, Sort};

/// How long any case here may run before it counts as hung (each takes milliseconds).
const HANG: Duration = Duration::from_secs(60);

/// Runs `work` on its own thread and returns its result, failing if it has not finished after [`HANG`].
fn finishes<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(work()));
    result.recv_timeout(HANG).unwrap_or_else(|_| panic!("{what}: not done after {HANG:?}; is a path quadratic again?"))
}

thread_local! {
    static CURRENT: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// Counts the bytes each thread holds, and its peak.
struct PerThread;

// SAFETY: every call goes to the system allocator unchanged; only thread-local counters are kept beside it.
unsafe impl GlobalAlloc for PerThread {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grow(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn grow(by: isize) {
    // A thread being torn down has no counters left; its allocations go uncounted.
    let _ = CURRENT.try_with(|c| {
        let now = c.get().saturating_add_signed(by);
        c.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

#[global_allocator]
static ALLOC: PerThread = PerThread;

/// The most bytes `work` held at once beyond what the thread held before, and its result.
fn peak_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = work();
    (out, PEAK.with(Cell::get) - before)
}

fn options(file: &str) -> ParseOptions {
    ParseOptions::new(file)
}

fn paper(title: &str, abstract_text: &str) -> Paper {
    Paper { title: title.into(), abstract_text: abstract_text.into(), ..Paper::default() }
}

#[test]
fn a_json_array_is_read_in_one_pass_with_true_line_numbers() {
    // 40,000 records, 8 MB: counting newlines from the start for each record took minutes.
    let records: Vec<String> = (0..40_000)
        .map(|i| format!("  {{\"title\": \"Paper {i}\", \"abstract\": \"{}\"}}", "We study things. ".repeat(10)))
        .collect();
    let text = format!("[\n{},\n  {{\"title\": 5}}\n]", records.join(",\n"));
    let parsed = finishes("a JSON array", move || parse(&text, &options("list.json")).expect("parses"));
    assert_eq!(parsed.papers.len(), 40_000);
    assert_eq!(parsed.papers[39_999].sources[0].line, 40_001);
    assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
    assert_eq!(parsed.diagnostics[0].line, 40_002);
}

#[test]
fn deep_latex_nesting_neither_overflows_the_stack_nor_copies_groups() {
    // Recursion per level overflowed the stack at 100,000 braces (the process aborted); copying each group
    // made 10,000 nested \emph take 1.4 GB.
    let braces = format!("{}x{}", "{".repeat(100_000), "}".repeat(100_000));
    assert_eq!(finishes("nested braces", move || text::normalize(&braces)), "x");
    let emph = format!("{}deep{}", "\\emph{".repeat(20_000), "}".repeat(20_000));
    let len = emph.len();
    let (out, peak) = peak_of(|| text::normalize(&emph));
    assert_eq!(out, "deep");
    assert!(peak < 64 * len, "20,000 nested \\emph held {peak} bytes for {len} bytes of text");
    let scripts = format!("${}y{}$", "x^{ab".repeat(20_000), "}".repeat(20_000));
    let (out, peak) = peak_of(|| text::normalize(&scripts));
    assert!(out.starts_with("x^(abx^(ab") && out.ends_with(&format!("y{}", ")".repeat(20_000))), "{}", &out[..40]);
    assert!(peak < 64 * scripts.len(), "nested scripts held {peak} bytes");
}

#[test]
fn unclosed_groups_and_url_brackets_are_scanned_once() {
    let unclosed = "{a".repeat(200_000);
    let out = finishes("unclosed braces", move || text::normalize(&unclosed));
    assert_eq!(out.len(), 400_000);
    let url = format!("see https://example.org/a_(b){} and more", ")".repeat(300_000));
    let found = finishes("closing brackets after a URL", move || text::urls(&url));
    assert_eq!(found, ["https://example.org/a_(b)"]);
    // Many http:// URLs and not one https://: searching for the other scheme from each URL to the end of
    // the text, and checking each URL against every one found, were both quadratic.
    let many = "http://example.org/x http://example.org/y ".repeat(50_000);
    let (found, normalized) = finishes("repeated URLs", move || (text::urls(&many), text::normalize(&many)));
    assert_eq!(found, ["http://example.org/x", "http://example.org/y"]);
    assert_eq!(normalized.len(), 50_000 * 42 - 1);
}

#[test]
fn blank_lines_in_a_feed_are_looked_past_once() {
    let feed = format!("We study a problem.\n\narXiv:2501.00001\n{}Created: 2025-01-02\n", "\n".repeat(300_000));
    let parsed = finishes("blank lines", move || parse(&feed, &options("feed.txt")).expect("parses"));
    assert_eq!(parsed.papers.len(), 1);
    assert_eq!(parsed.papers[0].published.as_deref(), Some("2025-01-02"));
}

#[test]
fn colliding_ids_shared_abstracts_and_long_author_lists_merge_in_linear_time() {
    // 30,000 distinct papers whose slugs collide get -2 ... -30000 without trying each number from 2.
    let common = "A very long common title prefix that fills the whole slug of sixty chars";
    let records: Vec<Paper> =
        (0..30_000).map(|i| paper(&format!("{common} variant {i}"), &format!("Abstract {i}."))).collect();
    let papers = finishes("colliding ids", move || merge_and_finish(records));
    assert_eq!(papers.len(), 30_000);
    assert_eq!(papers[29_999].id, format!("{}-30000", papers[0].id));
    // 30,000 records with one abstract are one paper, found without comparing every pair.
    let one = "We study a problem that many papers study, and we show that it is hard in general.";
    let records: Vec<Paper> = (0..30_000).map(|i| paper(&format!("Title number {i} of many"), one)).collect();
    let merged = finishes("a shared abstract", move || merge_and_finish(records));
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].sources.len(), 0, "records without sources stay without");
    // A cut-short abstract joins every complete one it starts.
    let mut records: Vec<Paper> =
        (0..20_000).map(|i| paper(&format!("Full title {i}"), &format!("{one} Then case {i}."))).collect();
    records.push(Paper { abstract_truncated: true, ..paper("Cut title", &format!("{one} Then c...")) });
    let merged = finishes("a cut-short abstract", move || merge_and_finish(records));
    assert_eq!(merged.len(), 1);
    // Two records of one paper with 200,000 authors each (half of them shared).
    let record = |from: usize| Paper {
        arxiv_id: Some("2501.00001".into()),
        authors: (from..from + 200_000).map(|i| format!("Author {i}")).collect(),
        ..paper("One paper", "Its abstract.")
    };
    let merged = finishes("long author lists", move || merge_and_finish(vec![record(0), record(100_000)]));
    assert_eq!(merged[0].authors.len(), 300_000);
    assert_eq!(merged[0].authors[299_999], "Author 299999");
}

#[test]
fn a_cookie_banner_above_a_profile_keeps_its_papers() {
    let page = "This website uses cookies to ensure you get the best experience. Learn more\n\nJason D. Lee\n\n117 papers on arXiv\n\nPapers on arXiv\n\nThumbnail for A Paper\n\nA Paper\n\nWe study it...\n\nThis website uses cookies to ensure you get the best experience. Learn more\n";
    let parsed = parse(page, &options("profile.txt").format(Format::AuthorProfile)).expect("parses");
    assert_eq!(parsed.papers.len(), 1, "{:?}", parsed.diagnostics);
    assert_eq!(parsed.papers[0].title, "A Paper");
    assert_eq!(parsed.papers[0].authors, ["Jason D. Lee"]);
    // Text that yields no paper at all is never passed over in silence.
    let parsed = parse("Name: X\n\nThis website uses cookies\n", &options("p.txt").format(Format::AuthorProfile))
        .expect("parses");
    assert!(parsed.papers.is_empty());
    assert_eq!(parsed.diagnostics.len(), 1);
    assert!(
        parsed.diagnostics[0].message.starts_with("no paper found in 2 non-blank lines"),
        "{:?}",
        parsed.diagnostics
    );
}

#[test]
fn huge_fields_are_cut_at_their_limits_and_reported_with_their_line() {
    let authors: Vec<String> = (0..100_000).map(|i| format!("\"Author {i}\"")).collect();
    let record = format!(
        "{{\"title\": \"ok\"}}\n{{\"title\": \"{}\", \"abstract\": \"x\", \"authors\": [{}]}}\n",
        "long-".repeat(200_000),
        authors.join(",")
    );
    let parsed = finishes("huge fields", move || parse(&record, &options("big.jsonl")).expect("parses"));
    let big = &parsed.papers[1];
    assert_eq!(big.title.chars().count(), paperscope_corpus::limits::TITLE_CHARS);
    assert_eq!(big.authors.len(), paperscope_corpus::limits::AUTHORS);
    let said: Vec<String> = parsed.diagnostics.iter().filter(|d| d.line == 2).map(|d| d.message.clone()).collect();
    assert!(said.iter().any(|m| m.starts_with("title has 1000000 characters; kept the first 1000")), "{said:?}");
    assert!(said.iter().any(|m| m.starts_with("100000 authors; kept the first")), "{said:?}");
    assert!(parsed.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn records_in_the_corpus_schema_are_checked_before_they_reach_links_bibtex_and_csv() {
    let crafted = r#"{"title": "T", "abstract": "A", "abstract_truncated": false, "sources": [], "arxiv_id": "2501.00001}, note = {pwned", "code_urls": ["javascript:alert(1)", "https://ok.example/x", "https://a.b/} x"], "published": "soon", "year": 65535}"#;
    let parsed = parse(crafted, &options("export.json")).expect("parses");
    let p = &parsed.papers[0];
    assert_eq!(p.arxiv_id, None);
    assert_eq!(p.code_urls, ["https://ok.example/x"]);
    assert_eq!((p.published.as_deref(), p.year), (None, None));
    assert_eq!(parsed.diagnostics.len(), 4, "{:?}", parsed.diagnostics);
    // BibTeX of a corpus nobody checked (a hosted one) still cannot be broken out of.
    let hosted = Paper {
        arxiv_id: Some("1}, note = {pwned".into()),
        code_urls: vec!["https://a.b/} x".into()],
        ..paper("T", "A")
    };
    let entry = bibtex::entries([&hosted]);
    assert!(!entry.contains("note = {pwned"), "{entry}");
    let unescaped = entry.matches('{').count() - entry.matches("\\{").count();
    assert_eq!(unescaped, entry.matches('}').count() - entry.matches("\\}").count(), "{entry}");
    // A spreadsheet formula behind a tab or a carriage return is defused too.
    let csv = export::to_csv([&paper("\t=HYPERLINK(\"x\")", "\r=1+1")]);
    assert!(csv.contains(",\"'\t=HYPERLINK") && csv.contains("\"'\r=1+1\""), "{csv}");
}

#[test]
fn bibtex_keys_that_collide_are_numbered_without_trying_each_from_the_start() {
    let papers: Vec<Paper> =
        (0..30_000).map(|_| Paper { year: Some(2024), authors: vec!["Lee".into()], ..paper("Scaling", "") }).collect();
    let out = finishes("colliding BibTeX keys", move || bibtex::entries(&papers));
    assert_eq!(out.matches("@misc{").count(), 30_000);
    assert!(out.contains("@misc{lee2024scaling1134a,"), "the 29,485th suffix is 1134a");
}

#[test]
fn highlighting_a_long_hyphenated_title_is_one_pass() {
    // Each match scanned back to its word's start, and each span counted characters from the start: a
    // 400 KB title took 14 s to search.
    let title = "foo-".repeat(200_000);
    let index = Index::build(vec![paper(&title, "foo bar"), paper("Other", "nothing")]);
    let response = finishes("highlighting", move || index.search(&Request::new("foo")));
    assert_eq!(response.total, 1);
    assert!(!response.hits[0].title_highlights.is_empty());
}

fn counting(upvotes: &[u32]) -> Index {
    Index::build(
        upvotes
            .iter()
            .enumerate()
            .map(|(i, &u)| Paper { id: format!("p{i}"), upvotes: Some(u), year: Some(2020), ..paper("P", "A") })
            .collect(),
    )
}

#[test]
fn integer_edges_neither_panic_nor_match_wrongly() {
    let index = counting(&[u32::MAX, 5, u32::MAX - 1]);
    // More than the largest number asks for nothing (it wrapped around and matched every paper).
    for query in ["year:>9223372036854775807", "upvotes:>9223372036854775807", "year:<-9223372036854775808"] {
        assert_eq!(index.search(&Request::new(query)).total, 0, "{query}");
    }
    // The largest upvote counts are counts, not "unknown", and sort first.
    assert_eq!(index.search(&Request::new("upvotes:>4294967290")).total, 2);
    let mut by_votes = Request::new("");
    by_votes.sort = Sort::Upvotes;
    let order: Vec<String> = index.search(&by_votes).hits.into_iter().map(|h| h.id).collect();
    assert_eq!(order.last().map(String::as_str), Some("p1"));
    // Paging near the largest numbers shows the last page under its own number.
    let mut far = Request::new("");
    (far.page, far.per_page) = (usize::MAX, usize::MAX - 1);
    let response = index.search(&far);
    assert_eq!((response.page, response.pages, response.hits.len()), (1, 1, 3));
    let mut past = Request::new("");
    (past.page, past.per_page) = (9, 2);
    let response = index.search(&past);
    assert_eq!((response.page, response.hits.len()), (2, 1));
}

#[test]
fn a_link_with_a_hundred_thousand_filters_is_read_quickly_and_capped() {
    let link: Vec<String> = (0..100_000).map(|i| format!("author=Author%20{i}")).collect();
    let link = link.join("&");
    let state = finishes("a long link", move || ViewState::parse(&link));
    assert_eq!(state.filters.len(), MAX_FILTERS);
    assert_eq!(state.ignored, 100_000 - MAX_FILTERS);
    let papers: Vec<Paper> =
        (0..2_000).map(|i| Paper { authors: vec![format!("Author {i}")], ..paper(&format!("P {i}"), "x") }).collect();
    let index = Index::build(papers);
    let response = index.search(&state.request(20));
    assert_eq!(response.total, MAX_FILTERS);
    let authors = &response.facets[FacetKey::Author as usize];
    assert_eq!(authors.values.iter().filter(|v| v.selected).count(), MAX_FILTERS);
}

#[test]
fn a_megabyte_of_or_negations_is_read_up_to_the_query_limit() {
    let query: String = (0..100_000).map(|i| format!("w{i} OR -v{i} ")).collect();
    let papers: Vec<Paper> = (0..5_000).map(|i| paper(&format!("Paper w{} v{}", i % 50, i % 30), "text")).collect();
    let index = Index::build(papers);
    let response = finishes("OR negations", move || index.search(&Request::new(query)));
    assert!(
        response.errors.iter().any(|e| e.message.contains("only its first 1000 are read")),
        "{:?}",
        response.errors
    );
    // `w0 OR -v0` and the rest: every paper without v0 ... has one of the alternatives.
    assert!(response.total > 0);
}

#[test]
fn reference_files_cost_linear_time_however_they_break() {
    // 200,000 nested braces never closed; 50,000 entries each left open until the next; 200,000 wrapped
    // lines of one RIS abstract; 100,000 `and`s in one author list.
    let nested = format!("@article{{a, title = {{{}", "{".repeat(200_000));
    let p =
        finishes("nested braces", move || parse(&nested, &options("a.bib").format(Format::Bibtex)).expect("parses"));
    assert_eq!(p.papers.len(), 0);
    assert_eq!(p.diagnostics.len(), 1);
    let open = "@article{x, title = {Open\n".repeat(50_000);
    let p = finishes("open entries", move || parse(&open, &options("b.bib").format(Format::Bibtex)).expect("parses"));
    assert_eq!(p.diagnostics.len(), 50_000, "each open entry is reported");
    let wrapped = format!("TY  - GEN\nTI  - T\nAB  - start\n{}ER  - \n", "more words\n".repeat(200_000));
    let p = finishes("wrapped RIS", move || parse(&wrapped, &options("c.ris").format(Format::Ris)).expect("parses"));
    assert_eq!(p.papers.len(), 1);
    let authors = format!("@misc{{m, title = {{T}}, author = {{{}}}}}", vec!["A B"; 100_000].join(" and "));
    let p = finishes("long author list", move || {
        parse(&authors, &options("d.bib").format(Format::Bibtex)).expect("parses")
    });
    assert!(p.papers[0].authors.len() <= paperscope_corpus::limits::AUTHORS);
}
