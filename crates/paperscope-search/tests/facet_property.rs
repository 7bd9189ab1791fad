//! Facet counts equal a brute-force recount, on random corpora, libraries, queries and selections; so do the
//! library's query conditions (`is:saved`, `tag:`, `list:`, `is:read`, `note:`).
use std::collections::BTreeMap;
use std::sync::Arc;

use paperscope_corpus::{Format, Paper, Source, VenueStatus};
use paperscope_search::tokenize::Tokenizer;
use paperscope_search::{FacetKey, Filter, Index, Kept, LibraryIndex, Muting, Request, READ, UNKNOWN, UNREAD};
use proptest::prelude::*;

/// Short words (under five letters, so no typo tolerance) that stem to themselves.
const WORDS: &[&str] = &["cat", "dog", "bird", "fish", "tree", "lake", "rock", "sun", "moon", "star", "wind", "rain"];
const VENUES: &[&str] = &["ICML 2024", "NeurIPS 2024", "ICLR 2025"];
const TOPICS: &[&str] = &["Optimization", "Reasoning", "Graph learning"];
const AUTHORS: &[&str] = &["Ada", "Grace", "Alan", "Edsger"];
const FILES: &[&str] = &["a.txt", "b.txt"];
const LISTS: &[&str] = &["Reading list", "Theory", "Empty"];
const TAGS: &[&str] = &["theory", "bandits", "to read"];

/// What the library keeps about one paper: its lists, tags, read mark and note.
#[derive(Debug, Clone)]
struct Marks {
    lists: Vec<&'static str>,
    tags: Vec<&'static str>,
    read: bool,
    note: Option<&'static str>,
}

fn arb_marks() -> impl Strategy<Value = Marks> {
    (
        prop::collection::btree_set(prop::sample::select(&LISTS[..2]), 0..3),
        prop::collection::btree_set(prop::sample::select(TAGS), 0..3),
        any::<bool>(),
        prop::option::of(prop::sample::select(WORDS)),
    )
        .prop_map(|(lists, tags, read, note)| Marks {
            lists: lists.into_iter().collect(),
            tags: tags.into_iter().collect(),
            read,
            note,
        })
}

/// Papers with ids, each with what the library keeps about it.
fn arb_library_corpus() -> impl Strategy<Value = Vec<(Paper, Marks)>> {
    prop::collection::vec((arb_paper(), arb_marks()), 0..40).prop_map(|mut v| {
        for (i, (p, _)) in v.iter_mut().enumerate() {
            p.id = format!("p{i}");
        }
        v
    })
}

fn arb_mutes() -> impl Strategy<Value = Vec<Muting>> {
    let mute = prop_oneof![
        prop::sample::select(AUTHORS).prop_map(|v| Muting::Value(FacetKey::Author, v.into())),
        prop::sample::select(VENUES).prop_map(|v| Muting::Value(FacetKey::Venue, v.into())),
        prop::sample::select(TOPICS).prop_map(|v| Muting::Value(FacetKey::Topic, v.into())),
        prop::sample::select(WORDS).prop_map(|v| Muting::Words(v.into())),
    ];
    prop::collection::vec(mute, 0..3)
}

/// Does a mute hide the paper (by the paper's own fields)?
fn is_muted(tokenizer: &Tokenizer, paper: &Paper, mutes: &[Muting]) -> bool {
    mutes.iter().any(|m| match m {
        Muting::Value(FacetKey::Author, a) => paper.authors.contains(a),
        Muting::Value(FacetKey::Venue, v) => paper.venue.as_ref() == Some(v),
        Muting::Value(FacetKey::Topic, t) => paper.topics.contains(t),
        Muting::Value(..) => false,
        Muting::Words(w) => {
            let text = format!("{} {}", paper.title, paper.abstract_text);
            tokenizer.tokens(&text).iter().any(|t| &t.term == w)
        }
    })
}

fn library_of(index: &Index, corpus: &[(Paper, Marks)]) -> Arc<LibraryIndex> {
    let kept = corpus.iter().map(|(p, m)| Kept {
        id: &p.id,
        lists: m.lists.clone(),
        tags: m.tags.clone(),
        read: m.read,
        notes: m.note.into_iter().collect(),
    });
    Arc::new(LibraryIndex::build(index, LISTS, kept))
}

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
        prop::sample::select(LISTS).prop_map(|v| (FacetKey::List, v.to_string())),
        prop::sample::select(TAGS).prop_map(|v| (FacetKey::Tag, v.to_string())),
        prop::sample::select(&[READ, UNREAD][..]).prop_map(|v| (FacetKey::Read, v.to_string())),
        // The unknown value: papers without one.
        prop::sample::select(
            &[FacetKey::Year, FacetKey::Venue, FacetKey::Topic, FacetKey::Author, FacetKey::List, FacetKey::Tag][..]
        )
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

/// A paper's values for a facet (the library's from its marks), [`UNKNOWN`] when it has none.
fn values_of(key: FacetKey, paper: &Paper, marks: &Marks) -> Vec<String> {
    let have: Vec<String> = match key {
        FacetKey::List => marks.lists.iter().map(|s| s.to_string()).collect(),
        FacetKey::Tag => marks.tags.iter().map(|s| s.to_string()).collect(),
        FacetKey::Read => vec![if marks.read { READ } else { UNREAD }.to_string()],
        _ => key.values_of(paper),
    };
    if have.is_empty() {
        vec![UNKNOWN.to_string()]
    } else {
        have
    }
}

fn passes(paper: &Paper, marks: &Marks, key: FacetKey, wanted: &[&String]) -> bool {
    let have = values_of(key, paper, marks);
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
        corpus in arb_library_corpus(),
        words in prop::collection::vec(prop::sample::select(WORDS), 0..3),
        filters in arb_filters(),
        mutes in arb_mutes(),
        show_muted in any::<bool>(),
        counted in prop::collection::btree_set(prop::sample::select(FacetKey::ALL.to_vec()), 0..5),
    ) {
        let tokenizer = Tokenizer::default();
        let index = Index::build(corpus.iter().map(|(p, _)| p.clone()).collect());
        let mut request = Request::new(words.join(" "));
        let library = Arc::into_inner(library_of(&index, &corpus)).expect("one owner");
        request.library = Some(Arc::new(library.muting(&index, &mutes)));
        request.show_muted = show_muted;
        request.filters = filters.iter().filter_map(|(k, v)| Filter::parse(*k, v)).collect();
        request.per_page = 1000;
        request.facet_limit = 1000;
        let response = index.search(&request);

        let mut by_key: BTreeMap<FacetKey, Vec<&String>> = BTreeMap::new();
        for (k, v) in &filters {
            by_key.entry(*k).or_default().push(v);
        }
        let matching: Vec<&(Paper, Marks)> = corpus
            .iter()
            .filter(|(p, _)| matches(&tokenizer, p, &words) && (show_muted || !is_muted(&tokenizer, p, &mutes)))
            .collect();
        let hidden: Vec<&(Paper, Marks)> =
            corpus.iter().filter(|(p, _)| matches(&tokenizer, p, &words) && is_muted(&tokenizer, p, &mutes)).collect();
        let passes_all_but = |(p, m): &(Paper, Marks), skip: Option<FacetKey>| {
            by_key.iter().all(|(k, wanted)| Some(*k) == skip || passes(p, m, *k, wanted))
        };
        let results: Vec<&&(Paper, Marks)> = matching.iter().filter(|p| passes_all_but(p, None)).collect();
        prop_assert_eq!(response.total, results.len());
        prop_assert_eq!(response.muted, hidden.iter().filter(|p| passes_all_but(p, None)).count());

        for facet in &response.facets {
            let mut expected: BTreeMap<String, u32> = BTreeMap::new();
            for (p, m) in matching.iter().filter(|p| passes_all_but(p, Some(facet.key))) {
                for v in values_of(facet.key, p, m) {
                    *expected.entry(v).or_insert(0) += 1;
                }
            }
            let got: BTreeMap<String, u32> = facet.values.iter().filter(|v| v.count > 0).map(|v| (v.value.clone(), v.count)).collect();
            prop_assert_eq!(&got, &expected, "facet {:?}", facet.key);
        }

        // Counting some facets only: the same papers and the same counts for those facets, the others left out.
        let counted: Vec<FacetKey> = counted.into_iter().collect();
        let some = index.search(&Request { counted: Some(counted.clone()), ..request.clone() });
        prop_assert_eq!((some.total, some.muted, &some.hits), (response.total, response.muted, &response.hits));
        let wanted: Vec<_> = response.facets.iter().filter(|f| counted.contains(&f.key)).cloned().collect();
        prop_assert_eq!(&some.facets, &wanted);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn library_conditions_equal_a_brute_force_count(
        corpus in arb_library_corpus(),
        word in prop::option::of(prop::sample::select(WORDS)),
        mark in 0usize..7,
        negated in any::<bool>(),
    ) {
        let tokenizer = Tokenizer::default();
        let index = Index::build(corpus.iter().map(|(p, _)| p.clone()).collect());
        let (clause, holds): (&str, fn(&Marks) -> bool) = match mark {
            0 => ("is:saved", |m: &Marks| !m.lists.is_empty()),
            1 => ("is:read", |m: &Marks| m.read),
            2 => ("is:unread", |m: &Marks| !m.read),
            3 => ("tag:Theory", |m: &Marks| m.tags.contains(&"theory")),
            4 => ("tag:\"to read\"", |m: &Marks| m.tags.contains(&"to read")),
            5 => ("list:\"reading list\"", |m: &Marks| m.lists.contains(&"Reading list")),
            _ => ("note:cat", |m: &Marks| m.note == Some("cat")),
        };
        let query = format!("{}{} {}", if negated { "-" } else { "" }, clause, word.unwrap_or(""));
        let mut request = Request::new(query.clone());
        request.library = Some(library_of(&index, &corpus));
        request.per_page = 1000;
        let expected = corpus
            .iter()
            .filter(|(p, m)| holds(m) != negated && matches(&tokenizer, p, &word.into_iter().collect::<Vec<_>>()))
            .count();
        prop_assert_eq!(index.search_strict(&request).map(|r| r.total), Ok(expected), "{}", query);
    }
}
