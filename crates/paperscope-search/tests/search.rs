//! The engine on small hand-made corpora: each query form, ranking order, highlights, sorting, paging.
use paperscope_corpus::{Format, Paper, Source, VenueStatus};
use paperscope_search::query::{parse, parse_strict, Clause, NumField};
use paperscope_search::{FacetKey, Filter, Index, LibraryIndex, Muting, Request, Sort, UNKNOWN};

fn paper(id: &str, title: &str, abstract_text: &str) -> Paper {
    Paper {
        id: id.into(),
        title: title.into(),
        abstract_text: abstract_text.into(),
        sources: vec![Source { file: "a.txt".into(), line: 1, format: Format::HfSearch, label: None }],
        ..Paper::default()
    }
}

fn corpus() -> Index {
    let mut papers = vec![
        paper("t1", "Transformers Learn In-Context", "We study how attention layers implement gradient descent."),
        paper("t2", "A Study of Optimization", "Transformers are trained with Adam. We analyse the loss landscape."),
        paper(
            "t3",
            "Diffusion Models for Images",
            "Score-based diffusion generates images. Code: https://github.com/x/y",
        ),
        paper(
            "t4",
            "Q-Learning with Function Approximation",
            "We prove regret bounds for Q-learning with linear features.",
        ),
        paper("t5", "Scaling GPT-4 Evaluations", "We measure pass@K of GPT-4 on coding tasks, with 2SLS estimates."),
        paper("t6", "Cramér–Rao Bounds for Learning", "Lower bounds via the Cramér–Rao inequality for estimators."),
    ];
    let years = [2023, 2024, 2025, 2024, 2025, 2022];
    let venues = [Some("NeurIPS 2024"), Some("ICML 2025"), None, Some("NeurIPS 2024"), None, Some("COLT 2022")];
    for (i, p) in papers.iter_mut().enumerate() {
        p.year = Some(years[i]);
        p.published = Some(format!("{}-0{}-01", years[i], i + 1));
        p.venue = venues[i].map(String::from);
        p.upvotes = Some(i as u32 * 3);
        p.pages = Some(10 + i as u32 * 5);
    }
    papers[0].arxiv_id = Some("2501.00001".into());
    papers[0].id = "arxiv:2501.00001".into();
    papers[0].venue_status = Some(VenueStatus::Accepted);
    papers[2].code_urls = vec!["https://github.com/x/y".into()];
    papers[3].authors = vec!["Ada Lovelace".into()];
    papers[0].topics = vec!["Transformers & attention".into()];
    papers[1].topics = vec!["Optimization".into(), "Transformers & attention".into()];
    Index::build(papers)
}

fn ids(index: &Index, query: &str) -> Vec<String> {
    index.search(&Request::new(query)).hits.into_iter().map(|h| h.id).collect()
}

fn check(index: &Index, query: &str, expected: &[&str]) {
    assert_eq!(ids(index, query), expected, "query {query:?}");
}

#[test]
fn terms_are_anded_and_stemmed() {
    let index = corpus();
    check(&index, "transformer", &["arxiv:2501.00001", "t2"]);
    check(&index, "transformers adam", &["t2"]);
    check(&index, "TRANSFORMING", &["arxiv:2501.00001", "t2"]);
    check(&index, "cramer", &["t6"]);
    check(&index, "nothinglikethis", &[]);
}

#[test]
fn title_matches_rank_above_abstract_matches() {
    let index = corpus();
    // t1 has it in the title, t2 only in the abstract.
    assert_eq!(ids(&index, "transformers"), vec!["arxiv:2501.00001", "t2"]);
    assert_eq!(ids(&index, "optimization"), vec!["t2"]);
}

#[test]
fn or_exclusion_and_phrases() {
    let index = corpus();
    check(&index, "diffusion OR regret", &["t3", "t4"]);
    check(&index, "transformers -adam", &["arxiv:2501.00001"]);
    check(&index, "\"gradient descent\"", &["arxiv:2501.00001"]);
    check(&index, "\"descent gradient\"", &[]);
    check(&index, "\"the loss landscape\"", &["t2"]);
    // A phrase's words must be adjacent and in one field: the title's last word and the abstract's first are not.
    check(&index, "\"learning we prove\"", &[]);
    check(&index, "\"approximation we\"", &[]);
    check(&index, "\"attention layers implement\"", &["arxiv:2501.00001"]);
    // Asked again (the answer is kept), the same.
    check(&index, "\"gradient descent\"", &["arxiv:2501.00001"]);
    check(&index, "\"descent gradient\"", &[]);
    // A phrase of stopwords only constrains nothing, like a lone stopword.
    assert_eq!(index.search(&Request::new("\"with the\" regret")).total, 1);
    assert_eq!(index.search(&Request::new("\"of the\"")).total, index.search(&Request::new("")).total);
    check(&index, "-diffusion -transformers -regret -gpt", &["t6"]);
}

#[test]
fn connected_words_keep_their_meaning() {
    let index = corpus();
    check(&index, "in-context", &["arxiv:2501.00001"]);
    check(&index, "gpt-4", &["t5"]);
    check(&index, "pass@K", &["t5"]);
    check(&index, "2SLS", &["t5"]);
    check(&index, "q-learning", &["t4"]);
    check(&index, "Q-Learning", &["t4"]);
}

#[test]
fn field_qualifiers_ranges_and_has() {
    let index = corpus();
    check(&index, "title:diffusion", &["t3"]);
    check(&index, "abstract:diffusion", &["t3"]);
    check(&index, "title:attention", &[]);
    check(&index, "author:lovelace", &["t4"]);
    check(&index, "venue:neurips", &["arxiv:2501.00001", "t4"]);
    check(&index, "topic:optimization", &["t2"]);
    check(&index, "id:2501.00001", &["arxiv:2501.00001"]);
    check(&index, "2501.00001", &["arxiv:2501.00001"]);
    check(&index, "arxiv:2501.00001v2", &["arxiv:2501.00001"]);
    check(&index, "id:t4", &["t4"]);
    let mut years = ids(&index, "year:2024..2025");
    years.sort();
    assert_eq!(years, vec!["t2", "t3", "t4", "t5"]);
    check(&index, "year:2022", &["t6"]);
    check(&index, "upvotes:>12", &["t6"]);
    check(&index, "pages:<15 has:arxiv", &["arxiv:2501.00001"]);
    check(&index, "has:code", &["t3"]);
    check(&index, "has:code year:<2025", &[]);
}

#[test]
fn prefix_while_typing_and_typos_rank_below_exact() {
    let index = corpus();
    let mut typing = Request::new("transfo");
    typing.typing = true;
    assert_eq!(index.search(&typing).total, 2);
    assert_eq!(index.search(&Request::new("transfo")).total, 0, "not a prefix unless typing");
    typing.query = "transfo ".into();
    assert_eq!(index.search(&typing).total, 0, "a finished word is not a prefix");
    check(&index, "trasformers", &["arxiv:2501.00001", "t2"]);
    check(&index, "difusion", &["t3"]);
    check(&index, "adm", &[]);
    // Exact beats a typo: "bounds" (exact in t4, t6) vs "bound" near misses.
    let with_typo = index.search(&Request::new("imagez"));
    assert_eq!(with_typo.hits.len(), 1);
    let exact = index.search(&Request::new("images"));
    assert!(exact.hits[0].score > with_typo.hits[0].score);
}

#[test]
fn completions_skip_stopwords_and_stay_within_the_budget() {
    let index = corpus();
    let typing = |q: &str| {
        let mut r = Request::new(q);
        r.typing = true;
        index.search(&r).total
    };
    // "th" completes to no stopword ("the" is in five of the six papers), only to words that mean something.
    assert_eq!(typing("th"), 0, "no paper has a word starting with \"th\" other than stopwords");
    // A word being typed after another finds the same papers whether it is read whole or probed.
    for (first, last) in [("transformers", "a"), ("bounds", "l"), ("we", "g"), ("learning", "b")] {
        let both: std::collections::BTreeSet<String> = {
            let mut r = Request::new(format!("{first} {last}"));
            r.typing = true;
            r.per_page = 100;
            index.search(&r)
        }
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
        let alone = |q: &str, typing: bool| -> std::collections::BTreeSet<String> {
            let mut r = Request::new(q);
            r.typing = typing;
            r.per_page = 100;
            index.search(&r).hits.into_iter().map(|h| h.id).collect()
        };
        let expected: std::collections::BTreeSet<String> =
            alone(first, false).intersection(&alone(last, true)).cloned().collect();
        assert_eq!(both, expected, "{first} {last}");
    }
    // Past 50,000 postings, a prefix reads only its most frequent completions (always at least one).
    assert_eq!(paperscope_search::prefix_budget(10), 50_000);
    assert_eq!(paperscope_search::prefix_budget(300_000), 300_000);
}

#[test]
fn a_prefix_with_many_completions_reads_the_most_frequent() {
    // 80 words starting with "zq", the k-th in k papers of its own: typing "zq" completes to the
    // MAX_PREFIX_TERMS most frequent, so it finds the papers of the words with 17 to 80 papers.
    let letters: Vec<char> = "bcdfghjkmnp".chars().collect();
    let word = |k: usize| format!("zq{}{}", letters[k / letters.len()], letters[k % letters.len()]);
    let mut papers = Vec::new();
    for k in 1..=80 {
        for j in 0..k {
            papers.push(paper(&format!("p{k}-{j}"), &format!("On {}", word(k)), "Nothing else."));
        }
    }
    let index = Index::build(papers);
    let mut typing = Request::new("zq");
    typing.typing = true;
    assert_eq!(paperscope_search::MAX_PREFIX_TERMS, 64);
    assert_eq!(index.search(&typing).total, (17..=80).sum::<usize>());
    // Each of the words kept is complete on its own; one left out is still found once typed further.
    typing.query = word(3);
    assert_eq!(index.search(&typing).total, 3);
}

#[test]
fn an_exact_title_comes_first() {
    let mut papers: Vec<Paper> = (0..5)
        .map(|i| {
            paper(
                &format!("p{i}"),
                "Learning learning learning with diffusion",
                "Diffusion diffusion diffusion learning.",
            )
        })
        .collect();
    papers.push(paper("exact", "Diffusion Learning", "Unrelated words here."));
    let index = Index::build(papers);
    assert_eq!(ids(&index, "diffusion learning")[0], "exact");
    assert_eq!(ids(&index, "Diffusion: learning!")[0], "exact");
}

#[test]
fn highlights_are_character_offsets_into_the_shown_text() {
    let index = corpus();
    let r = index.search(&Request::new("cramer bounds"));
    let hit = &r.hits[0];
    let chars: Vec<char> = hit.title.chars().collect();
    let shown: Vec<String> = hit.title_highlights.iter().map(|s| chars[s.start..s.end].iter().collect()).collect();
    assert_eq!(shown, vec!["Cramér", "Bounds"]);
    let snippet: Vec<char> = hit.snippet.chars().collect();
    let shown: Vec<String> = hit.snippet_highlights.iter().map(|s| snippet[s.start..s.end].iter().collect()).collect();
    assert_eq!(shown, vec!["bounds", "Cramér"]);
}

#[test]
fn long_abstracts_get_a_snippet_around_the_match() {
    let filler = "word ".repeat(200);
    let text = format!("{filler}the needle sits here {filler}");
    let index = Index::build(vec![paper("x", "Haystack", &text)]);
    let hit = &index.search(&Request::new("needle")).hits[0];
    assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'), "{}", hit.snippet);
    assert!(hit.snippet.chars().count() <= 245);
    let chars: Vec<char> = hit.snippet.chars().collect();
    let span = hit.snippet_highlights[0];
    assert_eq!(chars[span.start..span.end].iter().collect::<String>(), "needle");
}

#[test]
fn sorting_and_paging() {
    let index = corpus();
    let all = |sort, page, per_page| {
        let mut r = Request::new("");
        r.sort = sort;
        r.page = page;
        r.per_page = per_page;
        index.search(&r).hits.into_iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(all(Sort::Newest, 1, 3), vec!["t5", "t3", "t4"]);
    assert_eq!(all(Sort::Oldest, 1, 2), vec!["t6", "arxiv:2501.00001"]);
    assert_eq!(all(Sort::Upvotes, 1, 2), vec!["t6", "t5"]);
    assert_eq!(all(Sort::Title, 1, 2), vec!["t2", "t6"]);
    assert_eq!(all(Sort::Title, 2, 2), vec!["t3", "t4"]);
    // A page past the end shows the last page, under its own number; so does a page near usize::MAX, with a
    // page size near it too.
    assert_eq!(all(Sort::Title, 4, 2), all(Sort::Title, 3, 2));
    for (page, per_page) in [(4, 2), (usize::MAX, 2), (usize::MAX, usize::MAX), (2, usize::MAX)] {
        let mut r = Request::new("");
        (r.page, r.per_page) = (page, per_page);
        let resp = index.search(&r);
        assert_eq!(resp.page, resp.pages, "page {page} of {per_page}");
        assert!(!resp.hits.is_empty(), "page {page} of {per_page}");
    }
    // An empty query under relevance shows the newest first.
    assert_eq!(all(Sort::Relevance, 1, 1), vec!["t5"]);
    let mut r = Request::new("");
    r.per_page = 4;
    let resp = index.search(&r);
    assert_eq!((resp.total, resp.pages), (6, 2));
}

#[test]
fn facets_are_disjunctive() {
    let index = corpus();
    let mut r = Request::new("");
    r.filters = vec![Filter::Value(FacetKey::Venue, "NeurIPS 2024".into())];
    let resp = index.search(&r);
    assert_eq!(resp.total, 2);
    let venue = resp.facets.iter().find(|f| f.key == FacetKey::Venue).expect("venue facet");
    let counts: Vec<(&str, u32, bool)> = venue.values.iter().map(|v| (v.value.as_str(), v.count, v.selected)).collect();
    // The venue facet ignores its own selection: other venues still show what they would add, and so do the
    // papers with no venue (the unknown value, last).
    assert_eq!(
        counts,
        vec![("NeurIPS 2024", 2, true), ("COLT 2022", 1, false), ("ICML 2025", 1, false), ("none", 2, false)]
    );
    let year = resp.facets.iter().find(|f| f.key == FacetKey::Year).expect("year facet");
    let years: Vec<(&str, u32)> = year.values.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(years, vec![("2024", 1), ("2023", 1)]);
    // Two venues OR together; a year range ANDs with them.
    r.filters.push(Filter::Value(FacetKey::Venue, "ICML 2025".into()));
    assert_eq!(index.search(&r).total, 3);
    r.filters.push(Filter::Years(2024, 2025));
    assert_eq!(index.search(&r).total, 2);
    // The unknown value selects the papers without one, and ORs with the other values.
    let mut r = Request::new("");
    r.filters = vec![Filter::Value(FacetKey::Venue, UNKNOWN.into())];
    assert_eq!(index.search(&r).total, 2);
    r.filters.push(Filter::Value(FacetKey::Venue, "NeurIPS 2024".into()));
    assert_eq!(index.search(&r).total, 4);
    // A value the corpus lacks matches nothing but is still listed as selected.
    let mut r = Request::new("");
    r.filters = vec![Filter::Value(FacetKey::Author, "Nobody".into())];
    let resp = index.search(&r);
    assert_eq!(resp.total, 0);
    // It has no count to show: the app shows the selection from the URL, not from the counts.
    let authors = resp.facets.iter().find(|f| f.key == FacetKey::Author).expect("author facet");
    assert!(authors.values.iter().all(|v| v.value != "Nobody"));
}

#[test]
fn similar_papers_share_rare_terms() {
    let index = Index::build(vec![
        paper("a", "Regret bounds for linear bandits", "Linear bandits with regret bounds."),
        paper("b", "Diffusion for images", "Image diffusion."),
        paper("c", "Bandits and regret", "Regret of linear bandits."),
        paper("d", "Transformers", "Attention."),
    ]);
    let similar = index.similar(0, 2);
    assert_eq!(similar[0].0, 2);
    assert!(similar[0].1 > 0.3 && similar[0].1 <= 1.0001, "{}", similar[0].1);
    assert!(index.similar(99, 3).is_empty());
}

#[test]
fn lenient_parsing_never_fails() {
    for broken in [
        "\"unbalanced",
        "-",
        "a - b",
        "year:abc",
        "OR",
        "a OR",
        "OR b",
        "title:",
        "\"\"",
        "year:..",
        "has:nothing",
        ":",
        "--x",
        "a OR OR b",
    ] {
        let (query, errors) = parse(broken, true);
        assert!(parse_strict(broken).is_err() || errors.is_empty(), "{broken:?}");
        let index = corpus();
        let r = index.search(&Request { query: broken.into(), typing: true, ..Request::default() });
        assert!(r.total <= index.len(), "{broken:?} {query:?}");
    }
    let (q, errors) = parse("\"in context", false);
    assert_eq!(q.clauses.len(), 1);
    assert_eq!(errors[0].message, "unclosed quote: the phrase runs to the end");
    let (q, errors) = parse("diffusion year:abc", false);
    assert_eq!(q.clauses.len(), 1, "the bad range is skipped, the rest kept");
    assert_eq!((errors[0].start, errors[0].end), (10, 18));
    let (q, errors) = parse("a - b", false);
    assert_eq!(q.clauses.len(), 2);
    assert_eq!(errors[0].message, "a lone `-` excludes nothing");
    assert!(matches!(
        parse("year:2023..2025", false).0.clauses[0],
        Clause::Range { field: NumField::Year, min: Some(2023), max: Some(2025) }
    ));
    assert!(matches!(
        parse("pages:<20", false).0.clauses[0],
        Clause::Range { field: NumField::Pages, min: None, max: Some(19) }
    ));
    assert!(matches!(
        parse("upvotes:>5", false).0.clauses[0],
        Clause::Range { field: NumField::Upvotes, min: Some(6), max: None }
    ));
}

#[test]
fn strict_errors_carry_the_span() {
    let e = parse_strict("transformer year:abc").unwrap_err();
    assert_eq!((e.start, e.end), (12, 20));
    assert_eq!(e.message, "year:abc is not a number or range (try year:2024, year:2023..2025, year:>5)");
    assert_eq!(parse_strict("a OR").unwrap_err().message, "OR needs a term on each side");
    assert_eq!(
        parse_strict("has:x").unwrap_err().message,
        "has:x is unknown; use has:code, has:arxiv, has:venue or has:abstract"
    );
    assert!(parse_strict("Computer Science: Scalable").is_ok(), "an unknown word: is text");
}

#[test]
fn result_docs_are_every_page_in_order() {
    let index = corpus();
    let mut r = Request::new("");
    r.sort = Sort::Title;
    r.per_page = 2;
    let mut paged = Vec::new();
    for page in 1..=3 {
        r.page = page;
        paged.extend(index.search(&r).hits.into_iter().map(|h| h.doc));
    }
    assert_eq!(index.result_docs(&r), paged);
    r.filters = vec![Filter::Value(FacetKey::Venue, "NeurIPS 2024".into())];
    assert_eq!(index.result_docs(&r).len(), 2);
}

#[test]
fn one_person_spelled_several_ways_is_one_author_value() {
    let by = |id: &str, authors: &[&str]| Paper {
        authors: authors.iter().map(|a| a.to_string()).collect(),
        ..paper(id, &format!("Paper {id}"), "An abstract.")
    };
    let papers = vec![
        by("a", &["Michael I. Jordan"]),
        by("b", &["Michael I. Jordan", "Ada Lovelace"]),
        by("c", &["Michael I Jordan"]),
        by("d", &["MICHAEL I. JORDAN", "Michael I Jordan"]),
        by("e", &["M. I. Jordan"]),
        by("f", &["Michael Jordan"]),
    ];
    let built = Index::build(papers.clone());
    let from_file =
        Index::with_file(papers.into(), paperscope_search::IndexFile::read(&built.to_file()).expect("reads"))
            .expect("fits");
    for index in [built, from_file] {
        let mut r = Request::new("");
        r.facet_limit = 100;
        let resp = index.search(&r);
        let authors = resp.facets.iter().find(|f| f.key == FacetKey::Author).expect("author facet");
        let counts: Vec<(&str, u32)> = authors.values.iter().map(|v| (v.value.as_str(), v.count)).collect();
        // The most used spelling names the group; other initials and names stay apart.
        assert_eq!(counts, [("Michael I. Jordan", 4), ("Ada Lovelace", 1), ("M. I. Jordan", 1), ("Michael Jordan", 1)]);
        // The find box looks through every value, not only the top ones shown.
        r.facet_limit = 1;
        r.facet_find = vec![(FacetKey::Author, "LOVE".into())];
        let found = index.search(&r);
        let authors = found.facets.iter().find(|f| f.key == FacetKey::Author).expect("author facet");
        assert_eq!(authors.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["Ada Lovelace"]);
        r.facet_find = vec![(FacetKey::Author, "m.i. jordan".into())];
        let found = index.search(&r);
        let authors = found.facets.iter().find(|f| f.key == FacetKey::Author).expect("author facet");
        assert_eq!(authors.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["M. I. Jordan"]);
        // Any spelling selects the whole group.
        r.facet_find.clear();
        r.filters = vec![Filter::Value(FacetKey::Author, "michael i jordan".into())];
        assert_eq!(index.search(&r).total, 4);
    }
}

#[test]
fn what_is_being_typed_keeps_its_results_and_what_is_not_understood_is_said() {
    let index = Index::build(vec![
        paper("a", "Gradient descent in context", "In-context learning by gradient descent."),
        paper("b", "Diffusion models", "Score-based generative models."),
    ]);
    let total = |q: &str| index.search(&Request { query: q.into(), typing: true, ..Request::default() }).total;
    // An unfinished phrase, field value or connected word reads its last word as a prefix, not as "no match".
    assert_eq!(total("\"gradient desc"), 1);
    assert_eq!(total("title:diffu"), 1);
    assert_eq!(total("in-conte"), 1);
    assert_eq!(total("in-context"), 1);
    let (_, errors) = parse("\"gradient desc", true);
    assert!(errors.is_empty(), "an unclosed quote while typing is not a mistake yet: {errors:?}");
    // Text with no word in it is no clause: the empty query, in its order (newest first).
    assert!(parse("((((", true).0.clauses.is_empty());
    assert_eq!(total("(((("), 2);
    // Unknown fields and values are said, with what would work.
    let (_, errors) = parse("foo:bar learning", true);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.starts_with("foo: is not a field, so it was read as words; the fields are title:"));
    assert_eq!((errors[0].start, errors[0].end), (0, 4));
    for fine in ["Computer Science: Scalable", "https://github.com/x/y", "a: b"] {
        assert!(parse(fine, true).1.is_empty(), "{fine:?}");
    }
    assert!(parse("has:pdf", true).1[0].message.starts_with("has:pdf is unknown; use has:code"));
}

#[test]
fn a_connected_word_being_typed_completes_to_the_connected_words_it_starts() {
    let index = Index::build(vec![
        paper("a", "In-context learning of transformers", "We study in-context learning."),
        paper("b", "Context windows", "In a long context, contrast helps."),
        paper("c", "In-domain data", "Training in-domain."),
    ]);
    let ids = |q: &str| {
        let r = index.search(&Request { query: q.into(), typing: true, ..Request::default() });
        r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>()
    };
    // `in-conte` means `in-context`, not "in" and a word starting "conte".
    assert_eq!(ids("in-conte"), ["a"]);
    // With no connected word to complete to, the parts are read (the last as a prefix).
    assert_eq!(ids("in-cont-x"), Vec::<String>::new());
    assert_eq!(ids("long-conte"), ["b"]);
    // The highlight marks what was typed.
    let r = index.search(&Request { query: "in-conte".into(), typing: true, ..Request::default() });
    assert!(!r.hits[0].title_highlights.is_empty());
}

#[test]
fn an_answer_says_whether_it_depends_on_the_library() {
    let index = corpus();
    let reads =
        |query: &str, filters: Vec<Filter>| index.search(&Request { filters, ..Request::new(query) }).reads_library;
    for query in ["is:saved", "-tag:theory", "diffusion OR list:\"Reading list\"", "note:lemma bounds", "is:unread"] {
        assert!(reads(query, Vec::new()), "{query}");
    }
    for query in ["", "diffusion", "author:lovelace -transformers", "has:code", "year:2024"] {
        assert!(!reads(query, Vec::new()), "{query}");
    }
    assert!(reads("", vec![Filter::Value(FacetKey::Tag, "theory".into())]));
    assert!(reads("", vec![Filter::Value(FacetKey::Read, "no".into())]));
    assert!(!reads("", vec![Filter::Value(FacetKey::Venue, "NeurIPS 2024".into()), Filter::Years(2023, 2024)]));
}

#[test]
fn mutes_hide_by_facet_value_and_by_word_or_phrase_and_are_counted() {
    let index = corpus();
    let hidden = |mutes: &[Muting], query: &str| {
        let library = LibraryIndex::empty(index.papers().len()).muting(&index, mutes);
        let request = Request { library: Some(std::sync::Arc::new(library)), ..Request::new(query) };
        let shown = index.search(&request);
        let all = index.search(&Request { show_muted: true, ..request });
        assert_eq!(all.total, shown.total + shown.muted, "{mutes:?} {query}");
        assert_eq!(all.muted, shown.muted, "shown, the muted are still counted");
        let shown: Vec<String> = shown.hits.into_iter().map(|h| h.id).collect();
        let mut gone: Vec<String> = all.hits.into_iter().map(|h| h.id).filter(|id| !shown.contains(id)).collect();
        gone.sort();
        gone
    };
    // A word in the title or the abstract, stemmed; never a near miss.
    assert_eq!(hidden(&[Muting::Words("transformer".into())], ""), ["arxiv:2501.00001", "t2"]);
    assert_eq!(hidden(&[Muting::Words("transfomers".into())], ""), Vec::<String>::new());
    assert_eq!(hidden(&[Muting::Words("gradient descent".into())], ""), ["arxiv:2501.00001"]);
    assert_eq!(hidden(&[Muting::Words("descent gradient".into())], ""), Vec::<String>::new());
    // A facet value, spelled as the facet groups it.
    assert_eq!(hidden(&[Muting::Value(FacetKey::Author, "ada  LOVELACE".into())], ""), ["t4"]);
    assert_eq!(hidden(&[Muting::Value(FacetKey::Venue, "NeurIPS 2024".into())], "bounds"), ["t4"]);
    // The unknown value and values nobody has hide nothing.
    assert_eq!(hidden(&[Muting::Value(FacetKey::Venue, UNKNOWN.into())], ""), Vec::<String>::new());
    assert_eq!(hidden(&[Muting::Value(FacetKey::Topic, "Astrology".into())], ""), Vec::<String>::new());
}

#[test]
fn a_shared_list_shows_its_papers_only() {
    let index = corpus();
    let only = |ids: &[&str], query: &str| {
        let request = Request { only: Some(ids.iter().map(|s| s.to_string()).collect()), ..Request::new(query) };
        let mut found: Vec<String> = index.search(&request).hits.into_iter().map(|h| h.id).collect();
        found.sort();
        found
    };
    // Ids as the index reads them (a bare arXiv id too); ids it lacks match nothing.
    assert_eq!(only(&["t3", "2501.00001", "nope"], ""), ["arxiv:2501.00001", "t3"]);
    assert_eq!(only(&["t3", "t4"], "bounds"), ["t4"]);
    assert_eq!(only(&[], ""), Vec::<String>::new());
}

#[test]
fn meaning_hybrid_and_area_searches() {
    use paperscope_search::{SearchMode, RRF_K};
    use std::sync::Arc;
    let index = corpus();
    // The papers nearest by meaning (as the page computes them from the map), best first.
    let near = Arc::new(vec![(5, 0.9), (2, 0.8), (0, 0.1)]);
    let ask = |query: &str, mode, within: Option<Vec<u32>>| {
        let request = Request {
            mode,
            meaning: Some(near.clone()),
            within: within.map(Arc::new),
            all_docs: true,
            ..Request::new(query)
        };
        let response = index.search(&request);
        (response.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), response.docs, response.total)
    };
    // By meaning: exactly the nearest, in their order, whatever the words say.
    assert_eq!(ask("bounds", SearchMode::Meaning, None), (vec![5, 2, 0], vec![0, 2, 5], 3));
    // By the words, the ranking by meaning is not read.
    let (words, docs, total) = ask("bounds", SearchMode::Words, None);
    assert_eq!((docs, total), (vec![3, 5], 2));
    // Fused: the words' papers and the nearest; a paper in both rankings first (5: first by meaning, and a
    // words match), then by the fused rank.
    let (hybrid, docs, _) = ask("bounds", SearchMode::Hybrid, None);
    assert_eq!(docs, vec![0, 2, 3, 5]);
    assert_eq!(hybrid[0], 5, "{hybrid:?} (words alone: {words:?})");
    let rank = |r: f32| 1.0 / (RRF_K + r);
    let fused: Vec<f32> = hybrid
        .iter()
        .map(|&d| {
            let w = words.iter().position(|&x| x == d).map_or(0.0, |r| rank(r as f32 + 1.0));
            let m = near.iter().position(|&(x, _)| x == d).map_or(0.0, |r| rank(r as f32 + 1.0));
            w + m
        })
        .collect();
    assert!(fused.windows(2).all(|w| w[0] >= w[1]), "{hybrid:?} {fused:?}");
    // An area keeps its papers only, in every mode, and the facets count those.
    assert_eq!(ask("", SearchMode::Words, Some(vec![1, 4])).1, vec![1, 4]);
    assert_eq!(ask("bounds", SearchMode::Meaning, Some(vec![0, 1, 5])).1, vec![0, 5]);
    let request = Request { within: Some(Arc::new(vec![0, 3])), ..Request::default() };
    let venues = index.search(&request).facets.into_iter().find(|f| f.key == FacetKey::Venue).expect("venues");
    assert_eq!(venues.values.iter().map(|v| (v.value.as_str(), v.count)).collect::<Vec<_>>(), [("NeurIPS 2024", 2)]);
    // Without `all_docs` the answer carries no list of documents; a meaning mode without a ranking reads the
    // words.
    assert!(index.search(&Request::new("bounds")).docs.is_empty());
    let unranked = Request { mode: SearchMode::Meaning, ..Request::new("bounds") };
    assert_eq!(index.search(&unranked).total, 2);
}
