//! Detection, the merged corpus of the four seeds, merge rules, determinism.
mod common;

use common::*;
use paperscope_corpus::{
    build_corpus, detect, merge, parse, Format, Paper, ParseError, ParseOptions, Source, VenueStatus,
};

#[test]
fn inputs_are_named_by_their_label_or_by_what_the_listing_says() {
    let mut inputs = seeds();
    inputs[0].label = Some("My feed".into());
    let built = build_corpus(&inputs).expect("builds");
    let labels: Vec<Option<&str>> = built.corpus.inputs.iter().map(|i| i.label.as_deref()).collect();
    assert_eq!(labels, [Some("My feed"), None, Some("Jason D. Lee, author profile"), Some("Daily Papers, May 28")]);
    // Every source carries its input's name; an input without one is named by its file.
    for paper in &built.corpus.papers {
        for source in &paper.sources {
            let input = built.corpus.inputs.iter().find(|i| i.file == source.file).expect("an input");
            assert_eq!(source.label, input.label);
            assert_eq!(source.name(), input.label.as_deref().unwrap_or(&input.file));
        }
    }
}

#[test]
fn each_seed_is_detected_as_its_format() {
    assert_eq!(detect(SEED_000), Some(Format::ArxivFeed));
    assert_eq!(detect(SEED_001), Some(Format::HfSearch));
    assert_eq!(detect(SEED_002), Some(Format::AuthorProfile));
    assert_eq!(detect(SEED_003), Some(Format::HfDaily));
    let p = parse(SEED_003, &ParseOptions::new("x")).expect("parses");
    assert!(p.detected);
}

#[test]
fn headerless_variants_are_detected_too() {
    let search = "A Title\nWe study a problem. We show it is hard. We give an algorithm that solves it quickly.\nB Title\nWe study another problem. We show it is easy. We give a proof of a theorem here.\n";
    assert_eq!(detect(search), Some(Format::HfSearch));
    assert_eq!(detect("Thumbnail for X\n\nX\n\nAbstract...\n"), Some(Format::AuthorProfile));
    assert_eq!(detect("T\n\nA.\n\n  • 1 author\n·\nFeb 11\n"), Some(Format::HfDaily));
    assert_eq!(detect("A.\n\narXiv:2501.00001\n"), Some(Format::ArxivFeed));
}

#[test]
fn unknown_text_gets_an_error_naming_the_formats() {
    let err = parse("just some notes\n", &ParseOptions::new("notes.txt")).unwrap_err();
    assert_eq!(err, ParseError::UnknownFormat { file: "notes.txt".into() });
    assert_eq!(
        err.to_string(),
        "notes.txt: not a listing format I know; known formats are arxiv-feed, hf-search, author-profile, hf-daily, json, arxiv-list, arxiv-search, bibtex, ris"
    );
    let err = parse(" \n\r\n", &ParseOptions::new("blank.txt")).unwrap_err();
    assert_eq!(err.to_string(), "blank.txt: the file is empty");
}

#[test]
fn the_seed_corpus_merges_every_duplicate() {
    let built = build_corpus(&seeds()).expect("builds");
    let c = &built.corpus;
    let records: Vec<usize> = c.inputs.iter().map(|i| i.records).collect();
    assert_eq!(records, vec![10, 119, 117, 45]);
    assert_eq!((c.counts.records, c.counts.papers, c.counts.merged), (291, 288, 3));
    assert_eq!(c.counts.untitled, 10);
    assert!(
        c.counts.with_topic * 10 >= c.counts.papers * 8,
        "{} of {} have a topic",
        c.counts.with_topic,
        c.counts.papers
    );
    let mut merged: Vec<(&str, Vec<String>)> = c
        .papers
        .iter()
        .filter(|p| p.sources.len() > 1)
        .map(|p| (p.title.as_str(), p.sources.iter().map(|s| format!("{}:{}", &s.file[..3], s.line)).collect()))
        .collect();
    merged.sort();
    assert_eq!(
        merged,
        vec![
            ("Cross-Entropy Loss Functions: Theoretical Analysis and Applications", vec!["001:9".to_string(), "003:189".to_string()]),
            ("Efficient displacement convex optimization with particle gradient descent", vec!["001:137".to_string(), "002:252".to_string()]),
            ("Lean Meets Theoretical Computer Science: Scalable Synthesis of Theorem Proving Challenges in Formal-Informal Pairs", vec!["001:11".to_string(), "003:205".to_string()]),
        ]
    );
    // Newest first (the hosted data's first part holds the newest papers), undated papers last.
    let dates: Vec<(Option<u16>, Option<&str>)> = c.papers.iter().map(|p| (p.year, p.published.as_deref())).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "not newest first: {dates:?}");
    assert_eq!((dates[0], dates.last()), ((Some(2026), Some("2026-04-26")), Some(&(None, None))));
    // The profile's truncated abstract loses to the search page's complete one; the author stays.
    let displacement = c.papers.iter().find(|p| p.title.starts_with("Efficient displacement")).expect("merged");
    assert!(!displacement.abstract_truncated);
    assert_eq!(displacement.authors, vec!["Jason D. Lee"]);
    // Ids are unique.
    let mut ids: Vec<&str> = c.papers.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), c.papers.len());
}

#[test]
fn the_build_is_deterministic() {
    let a = serde_json::to_string(&build_corpus(&seeds()).expect("builds").corpus).expect("json");
    let b = serde_json::to_string(&build_corpus(&seeds()).expect("builds").corpus).expect("json");
    assert_eq!(a, b);
}

fn record(file: &str, line: u32, title: &str, abstract_text: &str) -> Paper {
    Paper {
        title: title.into(),
        untitled: title.is_empty(),
        abstract_text: abstract_text.into(),
        abstract_truncated: abstract_text.ends_with("..."),
        sources: vec![Source { file: file.into(), line, format: Format::HfSearch, label: None }],
        ..Paper::default()
    }
}

const LONG: &str = "We establish the first global convergence result of neural networks for two stage least squares in nonparametric instrumental variable regression.";

#[test]
fn a_truncated_abstract_merges_with_the_complete_one_it_starts() {
    let cut = format!("{}...", &LONG[..90]);
    let merged = merge(vec![record("a", 1, "", &cut), record("b", 5, "The Real Title", LONG)]);
    assert_eq!(merged.len(), 1);
    assert_eq!((merged[0].title.as_str(), merged[0].untitled), ("The Real Title", false));
    assert_eq!((merged[0].abstract_text.as_str(), merged[0].abstract_truncated), (LONG, false));
    assert_eq!(merged[0].sources.len(), 2);
}

#[test]
fn short_prefixes_and_different_papers_do_not_merge() {
    let merged = merge(vec![record("a", 1, "A", "We study..."), record("b", 1, "B", "We study graphs.")]);
    assert_eq!(merged.len(), 2);
}

#[test]
fn titles_match_across_case_accents_and_latex() {
    let merged = merge(vec![
        record("a", 1, "Cramér–Rao Bounds for Transformers", "one"),
        record("b", 2, r"Cram\'er--Rao bounds for TRANSFORMERS", "two"),
    ]);
    assert_eq!(merged.len(), 1);
}

#[test]
fn ids_merge_and_conflicting_ids_never_do() {
    let mut a = record("a", 1, "Same Title Here Please", "x");
    a.arxiv_id = Some("2501.00001".into());
    let mut b = record("b", 1, "Same Title Here Please", "y");
    b.arxiv_id = Some("2501.00002".into());
    let mut c = record("c", 1, "", "z");
    c.arxiv_id = Some("2501.00001".into());
    c.venue = Some("ICML 2025".into());
    c.venue_status = Some(VenueStatus::Accepted);
    c.published = Some("2025-01-02".into());
    let merged = merge(vec![a, b, c]);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].arxiv_id.as_deref(), Some("2501.00001"));
    assert_eq!(merged[0].venue.as_deref(), Some("ICML 2025"));
    assert_eq!(merged[0].published.as_deref(), Some("2025-01-02"));
    assert_eq!(merged[0].title, "Same Title Here Please");
    assert_eq!(merged[1].arxiv_id.as_deref(), Some("2501.00002"));
}

#[test]
fn best_values_win() {
    let mut a = record("a", 1, "A Paper With Counts", "Abstract.");
    a.author_count = Some(3);
    a.upvotes = Some(2);
    a.code_urls = vec!["https://github.com/a/b".into()];
    let mut b = record("b", 1, "A Paper With Counts", "Abstract.");
    b.author_count = Some(4);
    b.upvotes = Some(9);
    b.updated = Some("2025-03-01".into());
    b.code_urls = vec!["https://github.com/a/b".into(), "https://x.io".into()];
    let merged = merge(vec![a, b]);
    assert_eq!((merged[0].author_count, merged[0].upvotes), (Some(4), Some(9)));
    assert_eq!(merged[0].code_urls, vec!["https://github.com/a/b", "https://x.io"]);
    assert_eq!(merged[0].updated.as_deref(), Some("2025-03-01"));
}
