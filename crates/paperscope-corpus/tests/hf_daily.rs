mod common;

use common::*;
use paperscope_corpus::{parse, Format, ParseOptions};

const F: Format = Format::HfDaily;

#[test]
fn seed_gives_45_papers_with_dates_counts_and_upvotes() {
    let p = parse_captured(SEED_003, F, "2026-05-28");
    assert_eq!(p.papers.len(), 45);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(p.meta.page_title.as_deref(), Some("Daily Papers"));
    assert_eq!(p.meta.page_date.as_deref(), Some("May 28"));
    let first = &p.papers[0];
    assert!(first.title.starts_with("Rotary Positional Embeddings as Phase Modulation"));
    assert_eq!((first.author_count, first.published.as_deref(), first.year), (Some(1), Some("2026-02-11"), Some(2026)));
    assert_eq!(first.sources[0].line, 13);
    assert_eq!(p.papers[2].published.as_deref(), Some("2024-04-03"));
    assert!(p.papers.iter().all(|x| x.published.is_some()));
    let org = p.papers.iter().find(|x| x.organization.is_some()).expect("one organisation entry");
    assert_eq!((org.organization.as_deref(), org.author_count), (Some("ServiceNow-AI"), None));
    let upvoted = p.papers.iter().find(|x| x.published.as_deref() == Some("2025-02-25")).expect("Feb 25, 2025 2");
    assert_eq!(upvoted.upvotes, Some(2));
    assert!(p.papers.iter().all(|x| !x.abstract_truncated));
}

#[test]
fn year_less_dates_need_a_capture_date() {
    let text = "Title\n\nAbstract.\n\n  • 1 author\n·\nFeb 11\n";
    let p = parse(text, &ParseOptions::new("d.txt").format(F)).expect("parses");
    assert_eq!(p.papers[0].published, None);
    assert_eq!(
        diagnostics(&p),
        vec!["7: warning: date \"Feb 11\" has no year and no capture date was given (--captured YYYY-MM-DD); date left empty"]
    );
    let p = parse_captured(text, F, "2024-06-01");
    assert_eq!(p.papers[0].published.as_deref(), Some("2024-02-11"));
    assert_eq!(p.papers[0].author_count, Some(1));
}

#[test]
fn organisation_wrapped_title_upvotes_and_no_header() {
    let text = "A Title Wrapped\nOver Three\nLines\n\nThe abstract, ending in a URL https://github.com/a/b\n\nAcme Research Acme Research\n·\nMar 30 7\n\nSecond\n\nSecond abstract.\n\n  • 12 authors\n·\nJun 3, 2023\n";
    let p = parse_captured(text, F, "2026-05-28");
    assert_eq!(titles(&p), vec!["A Title Wrapped Over Three Lines", "Second"]);
    let a = &p.papers[0];
    assert_eq!(
        (a.organization.as_deref(), a.upvotes, a.published.as_deref()),
        (Some("Acme Research"), Some(7), Some("2026-03-30"))
    );
    assert!(!a.abstract_truncated);
    assert_eq!(a.code_urls, vec!["https://github.com/a/b"]);
    assert_eq!(p.papers[1].author_count, Some(12));
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
}

#[test]
fn crlf_extra_blank_lines_and_a_missing_date() {
    let text = "new\r\n\r\nDaily Papers\r\n\r\nMay 28\r\n\r\n\r\nT1\r\n\r\n\r\nA1.\r\n\r\n  • 2 authors\r\n·\r\n\r\nJan 2, 2025 3\r\n\r\nT2\r\n\r\nA2.\r\n\r\n  • 1 authors\r\n\r\nT3 has no meta block\r\n";
    let p = parse_captured(text, F, "2026-05-28");
    assert_eq!(titles(&p), vec!["T1", "T2"]);
    assert_eq!((p.papers[0].upvotes, p.papers[0].published.as_deref()), (Some(3), Some("2025-01-02")));
    assert_eq!(p.papers[1].author_count, Some(1));
    assert_eq!(
        diagnostics(&p),
        vec![
            "22: warning: entry has no date line after its authors",
            "24: skipped: text without an authors/date line after it is not a complete entry: \"T3 has no meta block\"",
        ]
    );
}
