//! Facet counts equal a brute-force recount, on random corpora, queries and selections.
use std::collections::BTreeMap;

use paperscope_corpus::{Format, Paper, Source, VenueStatus};
use paperscope_search::tokenize::Tokenizer;
use paperscope_search::{FacetKey, Filter, Index, Request, UNKNOWN};
use proptest::prelude::*;

/// Short words (under five letters, so no typo tolerance) that stem to themselves.
const WORDS: &[&str] = &["cat", "dog", "bird", "fish", "tree", "lake", "rock", "sun", "moon", "star", "wind", "rain"];
const VENUES: &[&str] = &["ICML 2024", "NeurIPS 2024", "ICLR 2025"];
const TOPICS: &[&str] = &["Optimization", "Reasoning", "Graph learning"];
const AUTHORS: &[&str] = &["Ada", "Grace", "Alan", "Edsger"];
const FILES: &[&str] = &["a.txt", "b.txt"];

fn arb_paper() -> impl Strategy<Value = Paper> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..4),
        prop::collection::vec(prop::sample::select(WORDS), 0..8),
        prop::option::of(2020u16..2025),
        prop::option::of(prop::sample::select(VENUES)),
        prop::collection::btree_set(prop::sample::select(TOPICS), 0..3),
        prop::collection::btree_set(prop::sample::select(AUTHORS), 0..3),
        prop::collection::btree_set(prop::sample::select(FILES), 1..3),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(title, abs, year, venue, topics, authors, files, status)| Paper {
            title: title.join(" "),
            abstract_text: abs.join(" "),
            year,
            venue: venue.map(String::from),
            venue_status: status.map(|s| if s { VenueStatus::Accepted } else { VenueStatus::UnderReview }),
            topics: topics.into_iter().map(String::from).collect(),
            authors: authors.into_iter().map(String::from).collect(),
            sources: files
                .into_iter()
                .map(|f| Source { file: f.into(), line: 1, format: Format::HfSearch, label: None })
                .collect(),
            ..Paper::default()
        })
}

fn arb_filters() -> impl Strategy<Value = Vec<(FacetKey, String)>> {
    let value = prop_oneof![
        (2020u16..2025).prop_map(|y| (FacetKey::Year, y.to_string())),
        (2020u16..2025, 0u16..3).prop_map(|(y, d)| (FacetKey::Year, format!("{y}..{}", y + d))),
        prop::sample::select(VENUES).prop_map(|v| (FacetKey::Venue, v.to_string())),
        prop::sample::select(TOPICS).prop_map(|v| (FacetKey::Topic, v.to_string())),
        prop::sample::select(AUTHORS).prop_map(|v| (FacetKey::Author, v.to_string())),
        prop::sample::select(FILES).prop_map(|v| (FacetKey::Source, v.to_string())),
        prop::sample::select(&["accepted", "under_review"][..]).prop_map(|v| (FacetKey::Status, v.to_string())),
        // The unknown value: papers without one.
        prop::sample::select(&[FacetKey::Year, FacetKey::Venue, FacetKey::Topic, FacetKey::Author][..])
            .prop_map(|k| (k, UNKNOWN.to_string())),
    ];
    prop::collection::vec(value, 0..5)
}

/// Does the paper contain every query word (in any text field)?
fn matches(tokenizer: &Tokenizer, paper: &Paper, words: &[&str]) -> bool {
    let text = format!(
        "{} {} {} {} {}",
        paper.title,
        paper.abstract_text,
        paper.authors.join(" "),
        paper.venue.clone().unwrap_or_default(),
        paper.topics.join(" ")
    );
    let terms: Vec<String> = tokenizer.tokens(&text).into_iter().map(|t| t.term).collect();
    words.iter().all(|w| terms.iter().any(|t| t == w))
}

/// A paper's values for a facet, [`UNKNOWN`] when it has none.
fn values_of(key: FacetKey, paper: &Paper) -> Vec<String> {
    let have = key.values_of(paper);
    if have.is_empty() {
        vec![UNKNOWN.to_string()]
    } else {
        have
    }
}

fn passes(paper: &Paper, key: FacetKey, wanted: &[&String]) -> bool {
    let have = values_of(key, paper);
    wanted.iter().any(|w| {
        if key == FacetKey::Year {
            if let Some((lo, hi)) = w.split_once("..") {
                let (lo, hi): (u16, u16) = (lo.parse().unwrap_or(0), hi.parse().unwrap_or(0));
                return paper.year.is_some_and(|y| (lo..=hi).contains(&y));
            }
        }
        have.contains(w)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn counts_equal_a_brute_force_recount(
        papers in prop::collection::vec(arb_paper(), 0..40),
        words in prop::collection::vec(prop::sample::select(WORDS), 0..3),
        filters in arb_filters(),
    ) {
        let tokenizer = Tokenizer::default();
        let index = Index::build(papers.clone());
        let mut request = Request::new(words.join(" "));
        request.filters = filters.iter().filter_map(|(k, v)| Filter::parse(*k, v)).collect();
        request.per_page = 1000;
        request.facet_limit = 1000;
        let response = index.search(&request);

        let mut by_key: BTreeMap<FacetKey, Vec<&String>> = BTreeMap::new();
        for (k, v) in &filters {
            by_key.entry(*k).or_default().push(v);
        }
        let matching: Vec<&Paper> = papers.iter().filter(|p| matches(&tokenizer, p, &words)).collect();
        let passes_all_but = |p: &Paper, skip: Option<FacetKey>| {
            by_key.iter().all(|(k, wanted)| Some(*k) == skip || passes(p, *k, wanted))
        };
        let results: Vec<&&Paper> = matching.iter().filter(|p| passes_all_but(p, None)).collect();
        prop_assert_eq!(response.total, results.len());

        for facet in &response.facets {
            let mut expected: BTreeMap<String, u32> = BTreeMap::new();
            for p in matching.iter().filter(|p| passes_all_but(p, Some(facet.key))) {
                for v in values_of(facet.key, p) {
                    *expected.entry(v).or_insert(0) += 1;
                }
            }
            let got: BTreeMap<String, u32> = facet.values.iter().filter(|v| v.count > 0).map(|v| (v.value.clone(), v.count)).collect();
            prop_assert_eq!(&got, &expected, "facet {:?}", facet.key);
        }
    }
}
