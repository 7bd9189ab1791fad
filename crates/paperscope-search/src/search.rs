//! Running a request: parse the query, match and score documents, apply filters, count facets, sort, page
//! and highlight.

use crate::facets::{self, Columns, Selection};
use crate::filter::Filter;
use crate::hash::hash_str;
use crate::highlight::{highlight, snippet, Matcher};
use crate::index::{
    tf, title_key, Field, Index, Packed, BM25, FIELDS, HAS_ABSTRACT, HAS_ARXIV, HAS_CODE, HAS_VENUE, NONE,
};
use crate::library::{LibraryIndex, Muting};
use crate::phrase::Phrase;
use crate::query::{self, Clause, Has, Mark, NumField, Query, QueryError, TextField};
use crate::request::{Hit, Request, Response, SearchMode, Sort, MEANING_RESULTS, RRF_K};
use crate::tokenize::{is_stopword, Token, STOPWORDS};

/// Documents with scores, ascending by document.
type Docs = Vec<(u32, f32)>;

/// A word as the terms that satisfy it (the exact term weighs 1, completions and near misses less), and
/// the fields it is searched in.
struct Alternatives {
    terms: Vec<(u32, f32)>,
    fields: &'static [usize],
}

/// What a clause is, as a word.
enum Word {
    Terms(Alternatives),
    /// A lone stopword: it constrains nothing.
    Ignored,
    /// Not a single word (a phrase, OR, a range...).
    Other,
}

/// What matching a request yields before paging.
struct Matched<'a> {
    /// Every facet's column for this request (the library's with the index's).
    columns: Columns<'a>,
    results: Docs,
    counts: Vec<Vec<u32>>,
    selections: Vec<Selection>,
    matcher: Matcher,
    sort: Sort,
    /// Results the library's mutes hide (or would hide, when the request shows them).
    muted: usize,
}

/// Scores below exact matches: a prefix completion, and typos at edit distance 1 and 2.
pub const PREFIX_WEIGHT: f32 = 0.7;
pub const TYPO_WEIGHTS: [f32; 2] = [0.4, 0.25];
/// Most terms a prefix expands to (the most frequent are kept).
pub const MAX_PREFIX_TERMS: usize = 64;

/// Most postings a prefix's completions may have together: as many as there are papers, and never less
/// than 50,000, so corpora up to that size complete every prefix fully. A one-letter prefix in a large
/// corpus then reads its few most frequent completions, not millions of postings (Typesense and Algolia
/// also complete short prefixes to their most frequent words); the next key narrows it anyway.
pub fn prefix_budget(papers: usize) -> usize {
    papers.max(50_000)
}
/// Shortest word (in characters) that tolerates one typo, and two.
pub const TYPO_MIN_CHARS: [usize; 2] = [5, 9];
/// Added to the score of a paper whose title is exactly the query.
pub const EXACT_TITLE_BOOST: f32 = 1000.0;

impl Index {
    /// Searches, parsing the query leniently: never fails.
    pub fn search(&self, request: &Request) -> Response {
        let (query, errors) = query::parse(&request.query, request.typing);
        self.run(&query, errors, request)
    }

    /// Searches, failing on the first problem in the query.
    pub fn search_strict(&self, request: &Request) -> Result<Response, QueryError> {
        let (query, mut errors) = query::parse(&request.query, request.typing);
        if !errors.is_empty() {
            return Err(errors.remove(0));
        }
        Ok(self.run(&query, Vec::new(), request))
    }

    fn run(&self, query: &Query, errors: Vec<QueryError>, request: &Request) -> Response {
        let matched = self.matched(query, request);
        let Matched { columns, mut results, counts, selections, matcher, sort, muted } = matched;
        let total = results.len();
        let docs = if request.all_docs { results.iter().map(|d| d.0).collect() } else { Vec::new() };
        let per_page = request.per_page.max(1);
        let pages = total.div_ceil(per_page);
        // A page past the end shows the last page, and says which it is.
        let page = request.page.clamp(1, pages.max(1));
        let page_docs = self.top(&mut results, sort, (page - 1).saturating_mul(per_page), per_page);
        let hits = page_docs.into_iter().map(|(doc, score)| self.hit(doc, score, &matcher)).collect();
        let reads_library = query.reads_library()
            || request.filters.iter().any(|f| matches!(f, Filter::Value(key, _) if key.is_library()));
        let facets = columns.distribution(counts, &selections, request);
        Response { total, page, pages, hits, facets, errors, reads_library, muted, docs }
    }

    /// Every result of a request (all pages), in its order: what an export of the current view holds.
    pub fn result_docs(&self, request: &Request) -> Vec<u32> {
        let (query, _) = query::parse(&request.query, request.typing);
        // The documents only: no facet counted.
        let request = Request { counted: Some(Vec::new()), ..request.clone() };
        let Matched { mut results, sort, .. } = self.matched(&query, &request);
        let all = results.len();
        self.top(&mut results, sort, 0, all).into_iter().map(|(doc, _)| doc).collect()
    }

    /// The documents that match a query and pass the facet selections, with the facet counts.
    fn matched<'a>(&'a self, query: &Query, request: &'a Request) -> Matched<'a> {
        let mut matcher = Matcher::default();
        let library = self.library(request);
        let query = self.with_marks(query, library);
        let by_meaning = request.meaning.as_deref().filter(|_| request.mode != SearchMode::Words);
        let mut docs = match by_meaning {
            Some(near) if request.mode == SearchMode::Meaning => ascending(near.iter().take(MEANING_RESULTS).copied()),
            Some(near) => fuse(self.eval_and(&query.clauses, &mut matcher), near),
            None => self.eval_and(&query.clauses, &mut matcher),
        };
        if let Some(ids) = &request.only {
            let mut only: Vec<u32> = ids.iter().filter_map(|id| self.doc_of(id)).collect();
            only.sort_unstable();
            docs.retain(|(doc, _)| only.binary_search(doc).is_ok());
        }
        if let Some(within) = &request.within {
            docs.retain(|(doc, _)| within.binary_search(doc).is_ok());
        }
        // The muted results: left out, or kept when the request shows them; counted either way.
        let mut hidden = Vec::new();
        if !library.muted().is_empty() {
            let (muted, mut lo) = (library.muted(), 0);
            docs.retain(|&(doc, _)| {
                let mute = gallop(muted, &mut lo, doc).is_some();
                if mute {
                    hidden.push(doc);
                }
                !mute || request.show_muted
            });
        }
        let scored = by_meaning.is_some() || query.clauses.iter().any(is_scoring);
        if scored && by_meaning.is_none() {
            self.boost_exact_title(&query, &mut docs);
        }
        let columns = Columns::new(&self.derived.facets, library);
        let selections = columns.selections(&request.filters);
        let candidates: Vec<u32> = docs.iter().map(|d| d.0).collect();
        let (counts, passing) = facets::count(&columns, &candidates, &selections, |key| request.counts(key));
        let muted = facets::passing(&columns, &hidden, &selections);
        let results = if passing.len() == docs.len() {
            docs
        } else {
            // `passing` is a subsequence of `docs`, both ascending: walk them together to keep the scores.
            let mut results: Docs = Vec::with_capacity(passing.len());
            let mut j = 0;
            for doc in passing {
                while docs[j].0 != doc {
                    j += 1;
                }
                results.push(docs[j]);
            }
            results
        };
        let sort = if request.sort == Sort::Relevance && !scored { Sort::Newest } else { request.sort };
        Matched { columns, results, counts, selections, matcher, sort, muted }
    }

    /// The library a request comes with, or an empty one.
    fn library<'a>(&'a self, request: &'a Request) -> &'a LibraryIndex {
        match &request.library {
            Some(library) => library,
            None => self.no_library.get_or_init(|| LibraryIndex::empty(self.papers.len())),
        }
    }

    /// The documents `mutes` hide, ascending.
    pub fn muted_docs(&self, mutes: &[Muting]) -> Vec<u32> {
        let mut muted = vec![false; self.papers.len()];
        for mute in mutes {
            match mute {
                Muting::Value(key, value) if !key.is_library() => {
                    let column = &self.derived.facets.columns[*key as usize];
                    if let Some(id) = column.id(value).filter(|&id| id != column.unknown()) {
                        for (doc, m) in muted.iter_mut().enumerate() {
                            *m |= column.of(doc as u32).contains(&id);
                        }
                    }
                }
                Muting::Value(..) => {}
                Muting::Words(text) => {
                    for field in [TextField::Title, TextField::Abstract] {
                        let clause =
                            Clause::Text { text: text.clone(), field: Some(field), phrase: true, prefix: false };
                        for (doc, _) in self.eval(&clause, &mut Matcher::default()).unwrap_or_default() {
                            muted[doc as usize] = true;
                        }
                    }
                }
            }
        }
        muted.iter().enumerate().filter(|(_, &m)| m).map(|(d, _)| d as u32).collect()
    }

    /// The query with each library condition replaced by the documents it matches.
    fn with_marks(&self, query: &Query, library: &LibraryIndex) -> Query {
        fn resolve(clause: &Clause, docs: &dyn Fn(&Mark) -> Vec<u32>) -> Clause {
            match clause {
                Clause::Mark(mark) => Clause::Docs(docs(mark)),
                Clause::Or(alts) => Clause::Or(alts.iter().map(|a| resolve(a, docs)).collect()),
                Clause::Not(inner) => Clause::Not(Box::new(resolve(inner, docs))),
                other => other.clone(),
            }
        }
        let docs = |mark: &Mark| library.docs(mark, self.papers.len(), &self.tokenizer);
        Query { clauses: query.clauses.iter().map(|c| resolve(c, &docs)).collect() }
    }

    fn hit(&self, doc: u32, score: f32, matcher: &Matcher) -> Hit {
        let paper = &self.papers[doc as usize];
        let (snippet_text, snippet_highlights) = snippet(self, &paper.abstract_text, matcher);
        Hit {
            doc,
            id: paper.id.clone(),
            title: paper.title.clone(),
            score,
            title_highlights: highlight(self, &paper.title, matcher),
            snippet: snippet_text,
            snippet_highlights,
        }
    }

    /// AND of clauses; negated clauses subtract. With no positive clause, every document matches.
    fn eval_and(&self, clauses: &[Clause], matcher: &mut Matcher) -> Docs {
        // Words (each a set of terms: the exact one, completions, near misses) are kept apart so that only
        // the cheapest is read whole: the others are probed for its documents alone. Ranges and has: are
        // checked per candidate. Negations subtract.
        let mut words: Vec<Alternatives> = Vec::new();
        let mut lists: Vec<Docs> = Vec::new();
        let mut filters: Vec<&Clause> = Vec::new();
        let mut negative: Vec<Docs> = Vec::new();
        for clause in clauses {
            match clause {
                Clause::Not(inner) => {
                    let mut ignore = Matcher::default();
                    if let Some(d) = self.eval(inner, &mut ignore) {
                        negative.push(d);
                    }
                }
                Clause::Range { .. } | Clause::Has(_) => filters.push(clause),
                other => match self.word(other, matcher) {
                    Word::Terms(alternatives) => words.push(alternatives),
                    Word::Ignored => {}
                    Word::Other => lists.extend(self.eval(other, matcher)),
                },
            }
        }
        words.sort_by_key(|w| self.postings_of(w));
        lists.sort_by_key(|d| d.len());
        let word_first = match (words.first(), lists.first()) {
            (Some(word), Some(list)) => self.postings_of(word) <= list.len(),
            (Some(_), None) => true,
            _ => false,
        };
        let mut result: Docs = if word_first {
            self.word_docs(&words.remove(0))
        } else if !lists.is_empty() {
            lists.remove(0)
        } else {
            let kept = std::mem::take(&mut filters);
            self.filter_docs(|d| kept.iter().all(|f| self.passes(f, d)))
        };
        for list in &lists {
            result = intersect(&result, list);
        }
        for word in &words {
            result = self.probe(&result, word);
        }
        if !filters.is_empty() {
            result.retain(|&(d, _)| filters.iter().all(|f| self.passes(f, d)));
        }
        for neg in &negative {
            result = subtract(&result, neg);
        }
        result
    }

    /// A clause as a word: one exact term (a connected word the index keeps whole, or a word whose stem
    /// the corpus has), or a word with its completions while typing and its near misses; `Other` for
    /// phrases, connected words without a compound term, and every other clause.
    fn word(&self, clause: &Clause, matcher: &mut Matcher) -> Word {
        let Clause::Text { text, field, phrase: false, prefix } = clause else { return Word::Other };
        let tokens = self.tokenizer.tokens(text);
        let fields = Self::fields_of(*field);
        let compound = tokens.iter().find(|t| t.compound);
        if let Some((c, id)) = compound.and_then(|c| Some((c, self.term_id(&c.term)?))) {
            matcher.add(id, &c.surface);
            return Word::Terms(Alternatives { terms: vec![(id, 1.0)], fields });
        }
        // A connected word being typed (`in-cont`) completes to the connected words it starts (`in-context`):
        // what is meant, and far cheaper than its parts, which are read only when it completes to nothing
        // (see `eval_text`).
        if let Some(c) = compound.filter(|_| *prefix) {
            let completions = self.prefix_compounds(&c.surface);
            if !completions.is_empty() {
                for &id in &completions {
                    matcher.add(id, &c.surface);
                }
                let terms = completions.into_iter().map(|id| (id, 1.0)).collect();
                return Word::Terms(Alternatives { terms, fields });
            }
        }
        let parts: Vec<_> = tokens.iter().filter(|t| !t.compound).collect();
        match parts.as_slice() {
            [only] => self.word_terms(&only.term, &only.surface, fields, *prefix, matcher),
            [] => Word::Ignored,
            _ => Word::Other,
        }
    }

    /// How many postings a word's terms have: what reading it whole costs.
    fn postings_of(&self, word: &Alternatives) -> usize {
        word.terms.iter().map(|&(id, _)| self.text.postings.get(id).docs.len()).sum()
    }

    /// The documents of `docs` that have one of `word`'s terms (in its fields), with their scores added.
    /// Each term is merged from its shorter side: a long posting list is galloped through for the
    /// candidates, a short one walked with a gallop through the candidates; so each term costs about the
    /// smaller of its postings and the candidates.
    fn probe(&self, docs: &Docs, word: &Alternatives) -> Docs {
        let all_fields = word.fields.len() == FIELDS;
        let mut added: Vec<Option<f32>> = vec![None; docs.len()];
        let candidates: Vec<u32> = docs.iter().map(|d| d.0).collect();
        for &(id, weight) in &word.terms {
            let p = self.text.postings.get(id);
            let idf = self.idf(id) * weight;
            let mut add = |i: usize, at: usize| {
                let s = self.posting_score(idf, candidates[i], p.tfs[at], word.fields);
                if all_fields || s > 0.0 {
                    *added[i].get_or_insert(0.0) += s;
                }
            };
            let mut lo = 0;
            if p.docs.len() < candidates.len() {
                for (at, &doc) in p.docs.iter().enumerate() {
                    if let Some(i) = gallop(&candidates, &mut lo, doc) {
                        add(i, at);
                    }
                }
            } else {
                for (i, &doc) in candidates.iter().enumerate() {
                    if let Some(at) = gallop(p.docs, &mut lo, doc) {
                        add(i, at);
                    }
                }
            }
        }
        docs.iter().zip(added).filter_map(|(&(doc, score), add)| Some((doc, score + add?))).collect()
    }

    /// Whether a document satisfies a range or `has:` clause (read from the packed columns, not the paper).
    fn passes(&self, clause: &Clause, doc: u32) -> bool {
        let d = doc as usize;
        match clause {
            Clause::Range { field, min, max } => {
                let known = |v: u32| (v != NONE).then_some(i64::from(v));
                let value = match field {
                    NumField::Year => Some(self.derived.facets.years[d]).filter(|&y| y != 0).map(i64::from),
                    NumField::Upvotes => known(self.derived.numbers.upvotes[d]),
                    NumField::Pages => known(self.derived.numbers.pages[d]),
                };
                value.is_some_and(|v| min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m))
            }
            Clause::Has(what) => {
                let bit = match what {
                    Has::Code => HAS_CODE,
                    Has::Arxiv => HAS_ARXIV,
                    Has::Venue => HAS_VENUE,
                    Has::Abstract => HAS_ABSTRACT,
                };
                self.derived.numbers.flags[d] & bit != 0
            }
            _ => true,
        }
    }

    /// A clause's matching documents, or `None` when it constrains nothing (a lone stopword).
    fn eval(&self, clause: &Clause, matcher: &mut Matcher) -> Option<Docs> {
        match clause {
            Clause::Text { text, field, phrase, .. } => self.eval_text(clause, text, *field, *phrase, matcher),
            Clause::Or(alts) => {
                let mut acc = Accumulator::new(self.papers.len());
                let mut any = false;
                // `a OR -b OR -c`: documents without b or without c, which are those outside b AND c, so the
                // negated alternatives are intersected and complemented once, not once each.
                let mut excluded: Option<Docs> = None;
                for alt in alts {
                    match alt {
                        Clause::Not(inner) => {
                            // Nothing, if the negated alternative constrains nothing.
                            if let Some(docs) = self.eval(inner, &mut Matcher::default()) {
                                excluded = Some(match excluded {
                                    Some(both) => intersect(&both, &docs),
                                    None => docs,
                                });
                            }
                        }
                        other => {
                            if let Some(docs) = self.eval(other, matcher) {
                                any = true;
                                for (d, s) in docs {
                                    acc.add(d, s);
                                }
                            }
                        }
                    }
                }
                if let Some(excluded) = excluded {
                    any = true;
                    for (d, s) in subtract(&self.all_docs(), &excluded) {
                        acc.add(d, s);
                    }
                }
                any.then(|| acc.drain())
            }
            Clause::Not(inner) => Some(self.complement(inner).unwrap_or_else(|| self.all_docs())),
            Clause::Range { .. } | Clause::Has(_) => Some(self.filter_docs(|doc| self.passes(clause, doc))),
            Clause::Docs(docs) => Some(docs.iter().map(|&d| (d, 0.0)).collect()),
            // Resolved before evaluation (`with_marks`); one left over matches nothing.
            Clause::Mark(_) => Some(Vec::new()),
            Clause::Id(id) => {
                let id = id.trim();
                let bare = paperscope_corpus::arxiv_id(id);
                let doc = bare.and_then(|b| self.doc_of(&b)).or_else(|| self.doc_of(id));
                Some(doc.map(|d| vec![(d, 0.0)]).unwrap_or_default())
            }
        }
    }

    /// The documents without those of `inner` (its highlights are not wanted), or `None` when `inner`
    /// constrains nothing.
    fn complement(&self, inner: &Clause) -> Option<Docs> {
        let mut ignore = Matcher::default();
        self.eval(inner, &mut ignore).map(|neg| subtract(&self.all_docs(), &neg))
    }

    fn all_docs(&self) -> Docs {
        (0..self.papers.len() as u32).map(|d| (d, 0.0)).collect()
    }

    fn filter_docs(&self, keep: impl Fn(u32) -> bool) -> Docs {
        (0..self.papers.len() as u32).filter(|&d| keep(d)).map(|d| (d, 0.0)).collect()
    }

    fn fields_of(field: Option<TextField>) -> &'static [usize] {
        match field {
            None => &[0, 1, 2, 3, 4, 5],
            Some(TextField::Title) => &[Field::Title as usize],
            Some(TextField::Abstract) => &[Field::Abstract as usize],
            Some(TextField::Author) => &[Field::Authors as usize],
            Some(TextField::Venue) => &[Field::Venue as usize],
            Some(TextField::Topic) => &[Field::Topics as usize],
        }
    }

    fn eval_text(
        &self,
        clause: &Clause,
        text: &str,
        field: Option<TextField>,
        phrase: bool,
        matcher: &mut Matcher,
    ) -> Option<Docs> {
        if !phrase {
            match self.word(clause, matcher) {
                Word::Terms(word) => return Some(self.word_docs(&word)),
                Word::Ignored => return None,
                Word::Other => {}
            }
        }
        let fields = Self::fields_of(field);
        let tokens = self.tokenizer.tokens(text);
        let parts: Vec<_> = tokens.iter().filter(|t| !t.compound).collect();
        // Still being typed (`in-contex`, an unclosed `"gradient desc`): every part, the last one also as a
        // prefix, so the results stay while the word is finished.
        if matches!(clause, Clause::Text { prefix: true, .. }) && parts.len() > 1 {
            let words: Vec<Clause> = parts
                .iter()
                .enumerate()
                .map(|(i, p)| Clause::Text {
                    text: p.surface.clone(),
                    field,
                    phrase: false,
                    prefix: i + 1 == parts.len(),
                })
                .collect();
            return Some(self.eval_and(&words, matcher));
        }
        if parts.iter().all(|p| is_stopword(&p.surface)) {
            // Like a lone stopword, a phrase of stopwords (`"in the"`) constrains nothing: no posting list
            // narrows it, so checking it would read the text of every paper.
            return None;
        }
        // A phrase, or a connected word the index has no compound for: its parts, in this order.
        let ids: Vec<Option<u32>> = parts.iter().map(|p| self.term_id(&p.term)).collect();
        if ids.iter().any(Option::is_none) {
            return Some(Vec::new());
        }
        let ids: Vec<u32> = ids.into_iter().flatten().collect();
        for (p, &id) in parts.iter().zip(&ids) {
            matcher.add(id, &p.surface);
        }
        if ids.len() > 1 && matches!(field, None | Some(TextField::Title) | Some(TextField::Abstract)) {
            let docs = self.phrases.get_or((ids.clone(), field), || {
                let mut docs = self.phrase_candidates(&parts, &ids, fields);
                let mut phrase = Phrase::new(self, &ids);
                docs.retain(|&(doc, _)| phrase.in_doc(self, doc));
                docs
            });
            return Some(docs);
        }
        Some(self.phrase_candidates(&parts, &ids, fields))
    }

    /// The documents with every word of a phrase (stopwords aside): the rarest word's documents, probed for
    /// the others.
    fn phrase_candidates(&self, parts: &[&Token], ids: &[u32], fields: &'static [usize]) -> Docs {
        let mut words: Vec<u32> =
            parts.iter().zip(ids).filter(|(p, _)| !is_stopword(&p.surface)).map(|(_, &id)| id).collect();
        words.sort_by_key(|&id| self.text.postings.get(id).docs.len());
        match words.split_first() {
            Some((&first, rest)) => {
                let mut docs = self.term_docs(first, fields, 1.0);
                for &id in rest {
                    docs = self.probe(&docs, &Alternatives { terms: vec![(id, 1.0)], fields });
                }
                docs
            }
            None => Vec::new(), // a phrase of stopwords only is turned away before
        }
    }

    /// One word's terms: its exact term, its prefix completions while typing, and near misses for long
    /// words the corpus lacks.
    fn word_terms(
        &self,
        term: &str,
        surface: &str,
        fields: &'static [usize],
        prefix: bool,
        matcher: &mut Matcher,
    ) -> Word {
        let exact = self.term_id(term).filter(|_| !is_stopword(surface));
        let mut terms: Vec<(u32, f32)> = exact.map(|id| (id, 1.0)).into_iter().collect();
        if prefix {
            for id in self.prefix_terms(surface) {
                if Some(id) != exact {
                    terms.push((id, PREFIX_WEIGHT));
                    matcher.add(id, surface);
                }
            }
        }
        // Near misses only for a word the corpus lacks: a real word means what it says (as with Typesense's
        // typo threshold), and this keeps typo search off the common path.
        let chars = surface.chars().count();
        if chars >= TYPO_MIN_CHARS[0] && surface.chars().all(char::is_alphabetic) && exact.is_none() {
            let max = if chars >= TYPO_MIN_CHARS[1] { 2 } else { 1 };
            for (id, distance, near) in self.typo_terms(surface, max) {
                if !terms.iter().any(|a| a.0 == id) {
                    terms.push((id, TYPO_WEIGHTS[distance - 1]));
                    matcher.add(id, near);
                }
            }
        }
        if let Some(id) = exact {
            matcher.add(id, surface);
        }
        // A stopword alone constrains nothing; an unknown word matches nothing (no terms).
        if terms.is_empty() && is_stopword(surface) && !prefix {
            return Word::Ignored;
        }
        Word::Terms(Alternatives { terms, fields })
    }

    /// The documents with any of a word's terms, scored.
    fn word_docs(&self, word: &Alternatives) -> Docs {
        match word.terms.as_slice() {
            [] => Vec::new(),
            &[(id, weight)] => self.term_docs(id, word.fields, weight),
            terms => {
                let mut acc = Accumulator::new(self.papers.len());
                for &(id, weight) in terms {
                    self.add_term_docs(id, word.fields, weight, &mut acc);
                }
                acc.drain()
            }
        }
    }

    /// Terms whose surface form starts with `prefix`, most frequent first: at most [`MAX_PREFIX_TERMS`],
    /// and no more than [`prefix_budget`] postings in all (the most frequent is always kept). Stopwords
    /// are not completions: "th" completing to "the" would match every paper.
    fn prefix_terms(&self, prefix: &str) -> Vec<u32> {
        let surfaces = &self.text.surfaces;
        let from = surfaces.partition_point(|s| s < prefix);
        // The stopwords among the completions, found by looking each up (a one-letter prefix has thousands
        // of completions and at most a few stopwords).
        let stops: Vec<usize> =
            STOPWORDS.iter().filter(|w| w.starts_with(prefix)).filter_map(|w| self.surface_index(w)).collect();
        let ids: Vec<u32> = (from..surfaces.len())
            .take_while(|&i| surfaces.get(i).starts_with(prefix))
            .filter(|i| !stops.contains(i))
            .map(|i| self.text.surface_terms[i])
            .collect();
        self.most_frequent(ids)
    }

    /// Compound terms (`in-context`) that start with `prefix` (`in-cont`), within the same limits as
    /// [`Index::prefix_terms`]: what a connected word being typed completes to.
    fn prefix_compounds(&self, prefix: &str) -> Vec<u32> {
        let (terms, sorted) = (&self.text.terms, &self.text.compounds);
        let from = sorted.partition_point(|&id| terms.get(id as usize) < prefix);
        let ids = sorted[from..].iter().copied().take_while(|&id| terms.get(id as usize).starts_with(prefix)).collect();
        self.most_frequent(ids)
    }

    /// Of these terms, the most frequent first: at most [`MAX_PREFIX_TERMS`], and no more than
    /// [`prefix_budget`] postings in all (the most frequent is always kept).
    fn most_frequent(&self, mut ids: Vec<u32>) -> Vec<u32> {
        ids.sort_unstable();
        ids.dedup();
        // Each term's postings looked up once, and only the most frequent sorted (a one-letter prefix has
        // thousands of completions): keys are unique, so the first MAX_PREFIX_TERMS are those of a full sort.
        let mut ranked: Vec<(std::cmp::Reverse<usize>, u32)> =
            ids.into_iter().map(|id| (std::cmp::Reverse(self.text.postings.get(id).docs.len()), id)).collect();
        if ranked.len() > MAX_PREFIX_TERMS {
            ranked.select_nth_unstable(MAX_PREFIX_TERMS - 1);
            ranked.truncate(MAX_PREFIX_TERMS);
        }
        ranked.sort_unstable();
        let budget = prefix_budget(self.papers.len());
        let mut spent = 0;
        ranked
            .into_iter()
            .take_while(|&(std::cmp::Reverse(len), _)| {
                let first = spent == 0;
                spent += len;
                first || spent <= budget
            })
            .map(|(_, id)| id)
            .collect()
    }

    /// Terms within `max` edits (insert, delete, substitute, swap) of `word`, sharing its first letter.
    fn typo_terms(&self, word: &str, max: usize) -> Vec<(u32, usize, &str)> {
        let Some(first) = word.chars().next() else { return Vec::new() };
        let mut lo = [0u8; 4];
        let first_str: &str = first.encode_utf8(&mut lo);
        let from = self.text.surfaces.partition_point(|s| s < first_str);
        let word: Vec<char> = word.chars().collect();
        let mut distance = Distance::default();
        let mut out: Vec<(u32, usize, &str)> = Vec::new();
        for i in from..self.text.surfaces.len() {
            let surface = self.text.surfaces.get(i);
            if !surface.starts_with(first_str) {
                break;
            }
            // Byte length bounds the character count from above: a cheap first filter.
            if surface.len() + max < word.len() {
                continue;
            }
            if let Some(d) = distance.bounded(&word, surface, max) {
                let id = self.text.surface_terms[i];
                if d > 0 {
                    match out.iter_mut().find(|(t, _, _)| *t == id) {
                        Some(e) => e.1 = e.1.min(d),
                        None => out.push((id, d, surface)),
                    }
                }
            }
        }
        out
    }

    #[inline]
    fn posting_score(&self, idf: f32, doc: u32, packed: Packed, fields: &[usize]) -> f32 {
        let norm = &self.text.length_norm[doc as usize];
        let mut t = 0.0;
        if fields.len() == FIELDS {
            // Every field (the common case): a fixed loop the compiler unrolls, with no bounds checks.
            for (f, (w, n)) in BM25.weight.iter().zip(norm).enumerate() {
                t += w * tf(packed, f) as f32 * n;
            }
        } else {
            for &f in fields {
                t += BM25.weight[f] * tf(packed, f) as f32 * norm[f];
            }
        }
        if t == 0.0 {
            return 0.0;
        }
        idf * t * (BM25.k1 + 1.0) / (BM25.k1 + t)
    }

    fn term_docs(&self, term: u32, fields: &[usize], weight: f32) -> Docs {
        let p = self.text.postings.get(term);
        let idf = self.idf(term) * weight;
        let all_fields = fields.len() == FIELDS;
        p.docs
            .iter()
            .zip(p.tfs)
            .filter_map(|(&doc, &packed)| {
                let s = self.posting_score(idf, doc, packed, fields);
                (all_fields || s > 0.0).then_some((doc, s))
            })
            .collect()
    }

    fn add_term_docs(&self, term: u32, fields: &[usize], weight: f32, acc: &mut Accumulator) {
        let p = self.text.postings.get(term);
        let idf = self.idf(term) * weight;
        let all_fields = fields.len() == FIELDS;
        for (&doc, &packed) in p.docs.iter().zip(p.tfs) {
            let s = self.posting_score(idf, doc, packed, fields);
            if all_fields || s > 0.0 {
                acc.add(doc, s);
            }
        }
    }

    /// Puts papers whose title is exactly the query's words first.
    fn boost_exact_title(&self, query: &Query, docs: &mut Docs) {
        let words: Vec<&str> = query
            .clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Text { text, field: None | Some(TextField::Title), .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if words.len() != query.clauses.len() {
            return;
        }
        let key = title_key(&words.join(" "));
        let exact = self.derived.title_keys.get(hash_str(&key));
        if !exact.is_empty() {
            for (doc, score) in docs.iter_mut() {
                if exact.binary_search(doc).is_ok() && title_key(&self.papers[*doc as usize].title) == key {
                    *score += EXACT_TITLE_BOOST;
                }
            }
        }
    }

    /// The documents of one page, in `sort` order.
    fn top(&self, docs: &mut Docs, sort: Sort, offset: usize, count: usize) -> Docs {
        if offset >= docs.len() {
            return Vec::new();
        }
        let end = offset.saturating_add(count).min(docs.len());
        let keys = self.sort_keys(sort);
        let key = |doc: u32| keys.map_or(0, |k| k[doc as usize]);
        let cmp = |a: &(u32, f32), b: &(u32, f32)| {
            key(a.0).cmp(&key(b.0)).then_with(|| b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0))
        };
        // Many results under a fixed order: walk the precomputed order and stop once the page is full and
        // the key changes (ties are then ordered by score), instead of selecting among all of them.
        if let (Some(order), true) = (self.sort_order(sort), docs.len() * 8 > self.papers.len()) {
            let mut member = vec![0u64; self.papers.len().div_ceil(64)];
            for &(d, _) in docs.iter() {
                member[d as usize / 64] |= 1 << (d % 64);
            }
            let mut head: Docs = Vec::with_capacity(end + 8);
            for &d in order {
                if member[d as usize / 64] & (1 << (d % 64)) == 0 {
                    continue;
                }
                if head.len() >= end && head.last().is_some_and(|l| key(l.0) != key(d)) {
                    break;
                }
                let score = docs.binary_search_by_key(&d, |x| x.0).map_or(0.0, |i| docs[i].1);
                head.push((d, score));
            }
            head.sort_by(cmp);
            head.truncate(end);
            return head[offset..].to_vec();
        }
        if end < docs.len() {
            docs.select_nth_unstable_by(end, cmp);
        }
        let head = &mut docs[..end];
        head.sort_by(cmp);
        head[offset..].to_vec()
    }
}

fn is_scoring(clause: &Clause) -> bool {
    match clause {
        Clause::Text { .. } => true,
        Clause::Or(alts) => alts.iter().any(is_scoring),
        _ => false,
    }
}

/// The position of `doc` in the ascending `postings`, searching from `*lo` by doubling steps, then binary
/// search within the last step; `*lo` moves to where the search stopped, for the next, larger `doc`.
#[inline]
fn gallop(postings: &[u32], lo: &mut usize, doc: u32) -> Option<usize> {
    let mut step = 1;
    let mut hi = *lo;
    while hi < postings.len() && postings[hi] < doc {
        *lo = hi;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(postings.len());
    let at = *lo + postings[*lo..hi].partition_point(|&d| d < doc);
    *lo = at;
    (at < postings.len() && postings[at] == doc).then_some(at)
}

fn intersect(a: &Docs, b: &Docs) -> Docs {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn subtract(a: &Docs, b: &Docs) -> Docs {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &(doc, s) in a {
        while j < b.len() && b[j].0 < doc {
            j += 1;
        }
        if j >= b.len() || b[j].0 != doc {
            out.push((doc, s));
        }
    }
    out
}

/// Optimal-string-alignment distance (edits and adjacent swaps), with its rows kept between calls.
#[derive(Default)]
struct Distance {
    b: Vec<char>,
    rows: [Vec<usize>; 3],
}

impl Distance {
    /// The distance between `a` and `b` if it is at most `max`.
    fn bounded(&mut self, a: &[char], b: &str, max: usize) -> Option<usize> {
        self.b.clear();
        self.b.extend(b.chars());
        let (n, m) = (a.len(), self.b.len());
        if n.abs_diff(m) > max {
            return None;
        }
        let [prev2, prev, cur] = &mut self.rows;
        for row in [&mut *prev2, &mut *prev, &mut *cur] {
            row.clear();
            row.resize(m + 1, 0);
        }
        for (j, v) in prev.iter_mut().enumerate() {
            *v = j;
        }
        let b = &self.b;
        for i in 1..=n {
            cur[0] = i;
            let mut row_min = cur[0];
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(prev2[j - 2] + 1);
                }
                cur[j] = v;
                row_min = row_min.min(v);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        (prev[m] <= max).then_some(prev[m])
    }
}

/// Scored documents in document order.
fn ascending(docs: impl Iterator<Item = (u32, f32)>) -> Docs {
    let mut docs: Docs = docs.collect();
    docs.sort_unstable_by_key(|d| d.0);
    docs.dedup_by_key(|d| d.0);
    docs
}

/// The papers the words find and the first [`MEANING_RESULTS`] papers nearest by meaning, scored by
/// reciprocal rank fusion: `1 / (RRF_K + rank)` in each ranking a paper is in (ranks from 1, the words'
/// by score, ties to the lower document).
fn fuse(words: Docs, near: &[(u32, f32)]) -> Docs {
    let mut by_score = words;
    by_score.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let rank = |r: usize| 1.0 / (RRF_K + r as f32 + 1.0);
    let fused = by_score.iter().enumerate().map(|(r, &(doc, _))| (doc, rank(r)));
    let fused = fused.chain(near.iter().take(MEANING_RESULTS).enumerate().map(|(r, &(doc, _))| (doc, rank(r))));
    let mut docs: Docs = fused.collect();
    docs.sort_unstable_by_key(|d| d.0);
    docs.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    docs
}

/// A dense score array with a bitset of touched documents, drained in document order.
struct Accumulator {
    scores: Vec<f32>,
    bits: Vec<u64>,
}

impl Accumulator {
    fn new(n: usize) -> Accumulator {
        Accumulator { scores: vec![0.0; n], bits: vec![0; n.div_ceil(64)] }
    }

    #[inline]
    fn add(&mut self, doc: u32, score: f32) {
        self.scores[doc as usize] += score;
        self.bits[doc as usize / 64] |= 1 << (doc % 64);
    }

    fn drain(self) -> Docs {
        let mut out = Vec::new();
        for (w, &word) in self.bits.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                let doc = w * 64 + b;
                out.push((doc as u32, self.scores[doc]));
                bits &= bits - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_with_swaps() {
        let mut distance = Distance::default();
        let mut d = |a: &str, b: &str, max| distance.bounded(&a.chars().collect::<Vec<_>>(), b, max);
        assert_eq!(d("trasformer", "transformer", 2), Some(1));
        assert_eq!(d("transfromer", "transformer", 2), Some(1));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("same", "same", 1), Some(0));
    }

    #[test]
    fn sorted_list_operations() {
        let a = vec![(1, 1.0), (3, 1.0), (5, 1.0)];
        let b = vec![(3, 2.0), (4, 2.0), (5, 2.0)];
        assert_eq!(intersect(&a, &b), vec![(3, 3.0), (5, 3.0)]);
        assert_eq!(subtract(&a, &b), vec![(1, 1.0)]);
    }
}
