//! Metadata dumps, on small fixtures excerpted from the realpapers files (and one arXiv snapshot record).
mod common;

use common::*;
use paperscope_corpus::{detect, parse, Date, Format, ParseOptions, VenueStatus};

fn parse_file(name: &str, text: &str, captured: Option<&str>) -> paperscope_corpus::Parsed {
    let mut options = ParseOptions::new(name);
    options.captured = captured.and_then(Date::parse_iso);
    parse(text, &options).expect("parses")
}

#[test]
fn conference_list_takes_venue_and_year_from_its_file_name() {
    let text = include_str!("fixtures/nips2018.json");
    let p = parse_file("nips2018.json", text, Some("2026-02-23"));
    assert_eq!(p.format, Format::Json);
    assert_eq!(p.papers.len(), 3);
    let first = &p.papers[0];
    assert_eq!(first.title, "ℓ₁-regression with Heavy-tailed Distributions");
    assert_eq!(first.authors, vec!["Lijun Zhang", "Zhi-Hua Zhou"]);
    assert_eq!(
        (first.venue.as_deref(), first.venue_status, first.year),
        (Some("NeurIPS 2018"), Some(VenueStatus::Accepted), Some(2018))
    );
    assert_eq!(first.published, None, "a conference list's capture date is not a publication date");
    assert_eq!(first.id, "regression-with-heavy-tailed-distributions");
    assert!(
        first.abstract_text.contains("O(√(d/n))") || first.abstract_text.contains("O(√"),
        "{}",
        first.abstract_text
    );
    // The record without an abstract is kept, and said.
    assert_eq!(diagnostics(&p).len(), 1);
    assert!(diagnostics(&p)[0].contains("has no abstract"));
}

#[test]
fn personal_fields_never_reach_the_corpus() {
    let text = include_str!("fixtures/nips2018.json");
    assert!(text.contains("someone@example.org"));
    let json = serde_json::to_string(&parse_file("nips2018.json", text, None).papers).expect("json");
    assert!(!json.contains("someone@example.org") && !json.contains("unspecified"));
}

#[test]
fn openreview_statuses() {
    let p = parse_file("iclr2018.json", include_str!("fixtures/iclr2018.json"), None);
    let statuses: Vec<_> = p.papers.iter().map(|x| x.venue_status).collect();
    assert_eq!(statuses, vec![Some(VenueStatus::Accepted), Some(VenueStatus::Rejected)]);
    assert!(p.papers.iter().all(|x| x.venue.as_deref() == Some("ICLR 2018")));
    // Each record's line is where its object opens in the pretty-printed array.
    let opens: Vec<u32> = include_str!("fixtures/iclr2018.json")
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start() == "{")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    assert_eq!(p.papers.iter().map(|x| x.sources[0].line).collect::<Vec<_>>(), opens);
}

#[test]
fn daily_listing_lines_with_a_broken_one() {
    let p = parse_file("2026-05-12.jsonl", include_str!("fixtures/2026-05-12.jsonl"), Some("2026-05-12"));
    assert_eq!(p.papers.len(), 3);
    let first = &p.papers[0];
    assert_eq!(first.id, "arxiv:2605.08086");
    assert_eq!(first.categories, vec!["cs.GR"]);
    assert_eq!(first.published.as_deref(), Some("2026-05-12"));
    assert_eq!(first.author_count, Some(3));
    assert!(first.comment.as_deref().is_some_and(|c| c.contains("SO(3)")));
    let d = diagnostics(&p);
    assert_eq!(d.len(), 1);
    assert!(d[0].starts_with("3: skipped: invalid JSON: EOF while parsing"), "{d:?}");
    assert_eq!(p.papers[2].sources[0].line, 4);
}

#[test]
fn arxiv_snapshot_records() {
    let p = parse_file("arxiv.jsonl", include_str!("fixtures/arxiv-metadata-snapshot.jsonl"), None);
    let [a, b] = p.papers.as_slice() else { panic!("two records") };
    assert_eq!(a.title, "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
    assert_eq!(a.authors, vec!["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"]);
    assert_eq!((a.published.as_deref(), a.updated.as_deref()), (Some("2007-04-02"), Some("2007-07-24")));
    assert_eq!((a.pages, a.figures), (Some(37), Some(15)));
    assert_eq!(a.venue_status, Some(VenueStatus::Accepted));
    assert_eq!(a.categories, vec!["hep-ph"]);
    assert_eq!(a.abstract_text, "A fully differential calculation in perturbative quantum chromodynamics is presented for the production of massive photon pairs at hadron colliders.");
    assert_eq!(b.authors.len(), 6);
    assert_eq!(b.authors[5], "Chelsea Finn");
    assert_eq!((b.venue.as_deref(), b.venue_status), (Some("NeurIPS 2023"), Some(VenueStatus::Accepted)));
    assert_eq!(b.categories, vec!["cs.LG", "cs.AI", "cs.CL"]);
    assert_eq!(b.id, "arxiv:2305.18290");
}

#[test]
fn malformed_dumps_keep_what_was_valid() {
    let p = parse_file("x.json", "[{\"title\": \"One\"}, {\"title\": \"Two\"}, {\"title\": ", None);
    assert_eq!(titles(&p), vec!["One", "Two"]);
    assert!(diagnostics(&p).iter().any(|d| d.contains("invalid JSON in record 3")), "{:?}", diagnostics(&p));
    let p = parse_file("x.json", "[{\"title\": \"One\"}, 7, {\"abstract\": \"no title\"}]", None);
    assert_eq!(titles(&p), vec!["One"]);
    let skipped: Vec<String> = diagnostics(&p).into_iter().filter(|d| d.contains("skipped")).collect();
    assert_eq!(skipped, vec!["1: skipped: expected a paper object, found a number", "1: skipped: record has no title"]);
    assert_eq!(detect("[{\"title\": \"x\"}]"), Some(Format::Json));
    assert_eq!(detect("{\"title\": \"x\"}\n{\"title\": \"y\"}\n"), Some(Format::Json));
}

#[test]
fn an_export_reads_back_with_every_field() {
    use paperscope_corpus::{build_corpus, export, BuildInput};
    let seeds = [("000.txt", SEED_000, None), ("003.txt", SEED_003, Some("2026-05-28"))];
    let inputs: Vec<BuildInput<'_>> = seeds
        .iter()
        .map(|(f, t, c)| BuildInput {
            file: f.to_string(),
            text: t,
            format: None,
            captured: c.and_then(Date::parse_iso),
            label: None,
        })
        .collect();
    let corpus = build_corpus(&inputs).expect("builds").corpus;
    let json = export::to_json(&corpus.papers);
    let back = parse_file("export.json", &json, None);
    assert!(back.diagnostics.is_empty(), "{:?}", diagnostics(&back));
    assert_eq!(back.papers.len(), corpus.papers.len());
    for (a, b) in corpus.papers.iter().zip(&back.papers) {
        let mut b = b.clone();
        // The import adds itself as a source; everything else is as exported.
        assert_eq!(b.sources.pop().map(|s| s.file), Some("export.json".to_string()));
        assert_eq!(a, &b);
    }
}
