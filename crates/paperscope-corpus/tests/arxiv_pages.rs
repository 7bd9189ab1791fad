//! arXiv's own pages: subject listings ("new" and "recent") and search results, from the samples in
//! `tests/fixtures/` (written after the real pages' structure) and variations of them.

mod common;

use common::*;
use paperscope_corpus::{detect, parse, Format, ParseOptions, VenueStatus};

const NEW: &str = include_str!("fixtures/arxiv-list-new.txt");
const RECENT: &str = include_str!("fixtures/arxiv-list-recent.txt");
const SEARCH: &str = include_str!("fixtures/arxiv-search.txt");

#[test]
fn each_page_is_detected() {
    assert_eq!(detect(NEW), Some(Format::ArxivList));
    assert_eq!(detect(RECENT), Some(Format::ArxivList));
    assert_eq!(detect(SEARCH), Some(Format::ArxivSearch));
    // The seeds keep their formats.
    assert_eq!(detect(SEED_000), Some(Format::ArxivFeed));
}

#[test]
fn new_submissions_with_every_field() {
    let p = parse_as(NEW, Format::ArxivList);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(p.papers.len(), 5);
    let ids: Vec<_> = p.papers.iter().map(|x| x.arxiv_id.as_deref().unwrap_or("")).collect();
    assert_eq!(ids, ["2511.20001", "2511.20017", "2511.20102", "2511.19876", "2407.01234"]);

    let first = &p.papers[0];
    assert_eq!(first.title, "Provable Length Generalization of Linear Transformers on Regular Languages");
    assert_eq!(first.authors, ["Alice Zhang", "Bob Müller", "Carol Ng"]);
    assert!(!first.authors_partial);
    assert_eq!(first.author_count, Some(3));
    assert_eq!(first.comment.as_deref(), Some("28 pages, 3 figures; accepted at ICLR 2026"));
    assert_eq!((first.pages, first.figures), (Some(28), Some(3)));
    assert_eq!(first.venue.as_deref(), Some("ICLR 2026"));
    assert_eq!(first.venue_status, Some(VenueStatus::Accepted));
    assert_eq!(first.categories, ["cs.LG", "cs.FL", "stat.ML"]);
    assert!(first.abstract_text.starts_with("We show that linear transformers"));
    assert!(first.abstract_text.ends_with("lower bounds for softmax attention."));
    assert!(!first.untitled && !first.abstract_truncated);
    assert_eq!(first.sources[0].line, 7);

    // A title wrapped onto an indented line is one title.
    assert_eq!(p.papers[1].title, "A Note on Task Diversity and the In-Context Learning Plateau");
    assert_eq!(p.papers[1].authors, ["Dmitri Ivanov", "Ève Laurent"]);
    assert_eq!(p.papers[1].comment, None);
    // LaTeX in titles is read; a journal reference is where the paper appeared.
    assert_eq!(p.papers[2].title, "Sample Complexity of ε-Greedy Exploration in Linear MDPs");
    assert_eq!(p.papers[2].venue.as_deref(), Some("Journal of Machine Learning Research 26 (2025) 1-40"));
    assert_eq!(p.papers[2].venue_status, Some(VenueStatus::Accepted));
    assert_eq!(p.papers[2].categories, ["cs.LG", "math.OC"]);
    // The cross-list and the replacement (which has no abstract on this page).
    assert_eq!(p.papers[3].categories, ["stat.ML", "cs.LG"]);
    assert_eq!(p.papers[4].title, "Scaling Laws for Sparse Mixture-of-Experts Language Models");
    assert_eq!(p.papers[4].abstract_text, "");
    assert_eq!(p.papers[4].comment.as_deref(), Some("v3: new experiments"));
    assert_eq!(p.meta.page_title.as_deref(), Some("Machine Learning"));
}

#[test]
fn recent_submissions_take_their_dates_from_the_headings() {
    let p = parse_as(RECENT, Format::ArxivList);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(titles(&p).len(), 3);
    let dates: Vec<_> = p.papers.iter().map(|x| x.published.as_deref().unwrap_or("")).collect();
    assert_eq!(dates, ["2025-11-21", "2025-11-21", "2025-11-20"]);
    assert!(p.papers.iter().all(|x| x.abstract_text.is_empty()));
    assert_eq!(p.papers[0].venue.as_deref(), Some("NeurIPS 2025"));
    assert_eq!(p.papers[2].authors, ["Ana Lima", "Tomás García", "Ruth Adler", "Zoe Kim"]);
    assert_eq!(p.papers[1].categories, ["math.OC", "cs.LG"]);
    assert_eq!(p.papers[2].title, "Graph Neural Networks Cannot Count Cycles Beyond Six, and What to Do About It");
}

#[test]
fn listing_variations() {
    // No numbers before the ids, Windows line endings, blank lines between entries, a two-digit year in a
    // date heading, a replacement marked on its own line, authors with `and` and hidden authors, a wrapped
    // abstract, an unknown line before the first entry, and a malformed id.
    let text = "Computation and Language\r\n\
        Fri, 21 Nov 25\r\n\
        \r\n\
        arXiv:2511.00001 [pdf]\r\n\
        Title: One\r\n\
        Authors: A. Author, B. Author and C. Author (12 additional authors not shown)\r\n\
        Subjects: Computation and Language (cs.CL)\r\n\
        First line of the abstract\r\n\
        second line.\r\n\
        \r\n\
        arXiv:2511.00002 (replaced) [pdf]\r\n\
        Title: Two\r\n\
        Authors: D. Author et al.\r\n\
        arXiv:nonsense [pdf]\r\n\
        Title: Three\r\n";
    let p = parse_as(text, Format::ArxivList);
    assert_eq!(titles(&p), ["One", "Two", "Three"]);
    assert_eq!(p.papers[0].authors, ["A. Author", "B. Author", "C. Author"]);
    assert_eq!(p.papers[0].author_count, Some(15));
    assert!(p.papers[0].authors_partial);
    assert_eq!(p.papers[0].abstract_text, "First line of the abstract second line.");
    assert_eq!(p.papers[0].published.as_deref(), Some("2025-11-21"));
    assert_eq!(p.papers[1].published, None, "a replacement is not new on this day");
    assert_eq!(p.papers[1].authors, ["D. Author"]);
    assert!(p.papers[1].authors_partial);
    assert_eq!(p.papers[2].arxiv_id, None);
    assert_eq!(diagnostics(&p), ["14: warning: malformed arXiv id \"nonsense\"; entry kept without an id"]);

    let stray = parse_as(
        "Machine Learning\nsomething else entirely\n[1] arXiv:2511.00003 [pdf]\nTitle: X\n",
        Format::ArxivList,
    );
    assert_eq!(titles(&stray), ["X"]);
    assert_eq!(diagnostics(&stray), ["2: skipped: text outside any entry ignored: \"something else entirely\""]);
}

#[test]
fn search_results_with_every_field() {
    let p = parse_as(SEARCH, Format::ArxivSearch);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(
        titles(&p),
        [
            "A Note on Task Diversity and the In-Context Learning Plateau",
            "Transformers Learn to Implement Preconditioned Gradient Descent In Context",
            "Bayesian Model Averaging Explains In-Context Learning",
        ]
    );
    let [a, b, c] = &p.papers[..] else { panic!("three results") };
    assert_eq!(a.arxiv_id.as_deref(), Some("2511.20017"));
    assert_eq!(a.categories, ["cs.LG"]);
    assert_eq!(a.authors, ["Dmitri Ivanov", "Ève Laurent"]);
    assert!(a.abstract_truncated, "cut with … ▽ More");
    assert!(a.abstract_text.starts_with("We revisit the plateau") && a.abstract_text.ends_with("We also …"));
    assert_eq!((a.published.as_deref(), a.updated.as_deref()), (Some("2025-11-24"), None));

    assert_eq!(b.categories, ["cs.LG", "stat.ML"]);
    assert_eq!((b.published.as_deref(), b.updated.as_deref()), (Some("2025-10-09"), Some("2025-10-10")));
    assert_eq!(b.comment.as_deref(), Some("35 pages, 4 figures. NeurIPS 2025"));
    assert_eq!(b.venue.as_deref(), Some("NeurIPS 2025"));

    assert_eq!(c.categories, ["stat.ML", "cs.AI", "cs.LG"]);
    assert!(!c.abstract_truncated);
    assert_eq!(c.abstract_text, "In-context learning can be read as Bayesian model averaging over latent tasks.");
    assert_eq!(c.published.as_deref(), Some("2024-09-17"));
    assert_eq!(c.venue.as_deref(), Some("Transactions on Machine Learning Research, 2025"));
    assert_eq!(c.venue_status, Some(VenueStatus::Accepted));
    assert_eq!(p.meta.page_title.as_deref(), Some("arXiv search: all: in-context learning theory"));
}

#[test]
fn search_variations() {
    // Numbered results, a wrapped title, an expanded abstract (the whole text after `▽ More`, ending `△
    // Less`), a bad date, and a result with nothing but its id line.
    let text = "1. arXiv:2501.00001 [pdf] cs.CL\n\
        A Title That\n\
        Wraps\n\
        Authors: X Y\n\
        Abstract: Short version … ▽ More Short version and the whole rest of it. △ Less\n\
        Submitted 31 February, 2025; originally announced February 2025.\n\
        2. arXiv:2501.00002 [pdf] cs.CL\n";
    let p = parse_as(text, Format::ArxivSearch);
    assert_eq!(titles(&p)[0], "A Title That Wraps");
    assert_eq!(p.papers[0].abstract_text, "Short version and the whole rest of it.");
    assert!(!p.papers[0].abstract_truncated);
    assert_eq!(p.papers[0].published, None);
    assert_eq!(
        diagnostics(&p),
        [
            "6: warning: submission date \"31 February, 2025\" is not a date; left empty",
            "7: warning: result has no title line",
        ]
    );
}

#[test]
fn a_page_of_these_builds_with_ids_and_years() {
    let parsed = parse(NEW, &ParseOptions::new("new.txt")).expect("detected");
    assert_eq!(parsed.format, Format::ArxivList);
    assert_eq!(parsed.papers.len(), 5);
}

#[test]
fn each_page_names_itself() {
    use paperscope_corpus::default_label;
    let label = |text: &str, format| default_label(format, &parse_as(text, format).meta);
    assert_eq!(label(NEW, Format::ArxivList).as_deref(), Some("arXiv Machine Learning"));
    assert_eq!(label(RECENT, Format::ArxivList).as_deref(), Some("arXiv Machine Learning, 2025-11-21"));
    assert_eq!(label(SEARCH, Format::ArxivSearch).as_deref(), Some("arXiv search: all: in-context learning theory"));
}
