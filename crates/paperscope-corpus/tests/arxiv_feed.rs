mod common;

use common::*;
use paperscope_corpus::{Format, VenueStatus};

const F: Format = Format::ArxivFeed;

#[test]
fn seed_gives_ten_papers_with_ids_and_both_dates() {
    let p = parse_as(SEED_000, F);
    assert_eq!(p.papers.len(), 10);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    for paper in &p.papers {
        assert!(paper.arxiv_id.is_some() && paper.published.is_some() && paper.updated.is_some(), "{paper:?}");
        assert!(paper.untitled, "the feed has no titles");
        assert!(!paper.abstract_text.is_empty());
    }
    let first = &p.papers[0];
    assert_eq!(first.id, "arxiv:2511.14710");
    assert_eq!((first.published.as_deref(), first.updated.as_deref()), (Some("2025-11-18"), Some("2025-11-19")));
    assert_eq!(first.year, Some(2025));
    assert!(first.abstract_text.contains("a bilevel optimization problem"));
    assert!(first.abstract_text.contains("termed F²BMLD"));
    assert!(first.title.starts_with("We establish the first global convergence result"));
    assert_eq!(first.sources[0].line, 1);
}

#[test]
fn seed_comments_give_pages_figures_and_venues() {
    let p = parse_as(SEED_000, F);
    let by_id = |id: &str| p.papers.iter().find(|x| x.arxiv_id.as_deref() == Some(id)).expect(id);
    let neurips = by_id("2510.17526");
    assert_eq!((neurips.pages, neurips.venue.as_deref()), (Some(40), Some("NeurIPS 2025")));
    assert_eq!(neurips.venue_status, Some(VenueStatus::Accepted));
    assert_eq!(neurips.comment.as_deref(), Some("40 pages"));
    let iclr = by_id("2509.25741");
    assert_eq!((iclr.pages, iclr.figures, iclr.venue.as_deref()), (Some(36), Some(2), Some("ICLR 2026")));
    assert_eq!(iclr.venue_status, Some(VenueStatus::UnderReview));
    let icml = by_id("2508.09820");
    assert_eq!((icml.venue.as_deref(), icml.venue_status), (Some("ICML 2025"), Some(VenueStatus::Accepted)));
    let plain = by_id("2511.07368");
    assert_eq!((plain.comment.as_deref(), plain.venue.as_deref(), plain.pages), (None, None, None));
}

#[test]
fn records_without_blank_lines_or_with_extra_ones() {
    let text = "First abstract about $\\alpha$-divergences.\narXiv:2501.00001\nCreated: 2025-01-02 Updated: 2025-01-03\nSecond abstract.\n\n\n\n12 pages, 3 figures\n\n\narXiv:2501.00002v3\n\nCreated: 2025-01-04 Updated: 2025-02-01\n";
    let p = parse_as(text, F);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    let ids: Vec<_> = p.papers.iter().map(|x| x.arxiv_id.as_deref().unwrap_or("")).collect();
    assert_eq!(ids, vec!["2501.00001", "2501.00002"]);
    assert_eq!(p.papers[0].abstract_text, "First abstract about α-divergences.");
    assert_eq!((p.papers[1].pages, p.papers[1].figures), (Some(12), Some(3)));
    assert_eq!(p.papers[1].sources[0].line, 4);
}

#[test]
fn comment_glued_to_the_abstract_is_split_off() {
    let text = "An abstract that ends here.\n45 pages, 2 figures. Accepted for publication at NeurIPS 2025\narXiv:2509.16974\nCreated: 2025-09-21 Updated: 2025-09-23\n";
    let paper = &parse_as(text, F).papers[0];
    assert_eq!(paper.abstract_text, "An abstract that ends here.");
    assert_eq!(paper.venue.as_deref(), Some("NeurIPS 2025"));
    assert_eq!(paper.pages, Some(45));
}

#[test]
fn windows_line_endings_and_a_missing_created_line() {
    let text = "An abstract.\r\n\r\narXiv:2501.00009 - ICML 2025\r\n\r\nAnother abstract.\r\n\r\narXiv:2501.00010\r\nCreated: 2025-01-10 Updated: 2025-01-11\r\n";
    let p = parse_as(text, F);
    assert_eq!(p.papers.len(), 2);
    assert_eq!(p.papers[0].published, None);
    assert_eq!(p.papers[0].venue.as_deref(), Some("ICML 2025"));
    assert_eq!(p.papers[1].updated.as_deref(), Some("2025-01-11"));
}

#[test]
fn entries_it_cannot_use_are_reported_with_their_line() {
    let text = "An abstract with no id.\n\nCreated: 2025-01-02 Updated: 2025-01-03\n\nGood abstract.\n\narXiv:not-an-id\nCreated: 2025-13-40 Updated: 2025-01-03\n\nTrailing text with no id at all.\n";
    let p = parse_as(text, F);
    assert_eq!(p.papers.len(), 1);
    assert_eq!(p.papers[0].arxiv_id, None);
    assert_eq!(
        diagnostics(&p),
        vec![
            "1: skipped: entry has no `arXiv:` line, so it cannot be identified (starts \"An abstract with no id.\")",
            "7: warning: malformed arXiv id \"not-an-id\"; entry kept without an id",
            "8: warning: Created: \"2025-13-40\" is not a date (YYYY-MM-DD); left empty",
            "10: skipped: entry has no `arXiv:` line, so it cannot be identified (starts \"Trailing text with no id at all.\")",
        ]
    );
}

#[test]
fn old_style_ids_and_versions() {
    let p = parse_as("Abstract.\n\narXiv:math.ST/0601001v2\nCreated: 2006-01-01 Updated: 2006-02-01\n", F);
    assert_eq!(p.papers[0].id, "arxiv:math.ST/0601001");
}
