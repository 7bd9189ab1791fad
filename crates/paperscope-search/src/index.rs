//! The index: a dictionary of terms with posting lists carrying per-field term frequencies (for BM25F),
//! facet columns and sort keys.
//! Documents are numbered densely (`u32`) in corpus order.

use paperscope_corpus::Paper;

use crate::facets::Facets;
use crate::hash::{hash_str, FxHashMap as HashMap, HashList};
use crate::papers::Papers;
use crate::request::Sort;
use crate::tokenize::{each_raw, fold, is_compound_term, is_stopword, Tokenizer};

/// The fields BM25F weighs separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    Abstract = 1,
    Authors = 2,
    Venue = 3,
    Topics = 4,
    /// Organisation and the comment line.
    Other = 5,
}

pub const FIELDS: usize = 6;

/// A posting's term frequencies, one small field each (title, abstract, authors, venue, topics, other).
pub type Packed = u16;

/// Bits of each field's frequency in a [`Packed`]. A frequency past its field's maximum is capped, which
/// BM25's saturation makes harmless (a word 15 times in a title scores as one there 15 times or more).
pub const TF_BITS: [u32; FIELDS] = [4, 6, 2, 1, 1, 2];

const fn tf_shift(field: usize) -> u32 {
    let mut shift = 0;
    let mut i = 0;
    while i < field {
        shift += TF_BITS[i];
        i += 1;
    }
    shift
}

/// The term frequency of `field` in a packed posting.
#[inline]
pub fn tf(packed: Packed, field: usize) -> u32 {
    (u32::from(packed) >> tf_shift(field)) & ((1 << TF_BITS[field]) - 1)
}

fn add_tf(packed: &mut Packed, field: usize) {
    if tf(*packed, field) < (1 << TF_BITS[field]) - 1 {
        *packed += 1 << tf_shift(field);
    }
}

/// BM25F parameters, in one place. Field weights put the title above the abstract above the rest; `b`
/// says how much each field's length normalises its frequency.
pub struct Bm25 {
    pub k1: f32,
    pub weight: [f32; FIELDS],
    pub b: [f32; FIELDS],
}

pub const BM25: Bm25 = Bm25 {
    k1: 1.2,
    //        title abstract authors venue topics other
    weight: [3.0, 1.0, 2.0, 1.5, 1.0, 0.5],
    b: [0.5, 0.75, 0.3, 0.3, 0.3, 0.5],
};

/// A term's documents (ascending) and, parallel to them, the packed per-field frequencies.
#[derive(Debug, Clone, Copy)]
pub struct Postings<'a> {
    pub docs: &'a [u32],
    pub tfs: &'a [Packed],
}

/// Every term's postings end to end in two lists: term `t`'s are at `starts[t]..starts[t + 1]`. One list of
/// each instead of two per term saves the lists' own bookkeeping (24-48 bytes a term, 138,000 terms at
/// 100,000 papers) and keeps the postings of neighbouring terms together.
#[derive(Debug, Default)]
pub(crate) struct AllPostings {
    starts: Vec<usize>,
    docs: Vec<u32>,
    tfs: Vec<Packed>,
}

impl AllPostings {
    /// Room for `postings` postings over `terms` terms, filled by [`AllPostings::read_term`].
    pub(crate) fn with_capacity(terms: usize, postings: usize) -> AllPostings {
        let mut starts = Vec::with_capacity(terms + 1);
        starts.push(0);
        AllPostings { starts, docs: Vec::with_capacity(postings), tfs: Vec::with_capacity(postings) }
    }

    /// The postings of each term's own lists, joined: every term's documents first, then every term's
    /// frequencies, each list freed once copied, so the per-term and the joined lists are never all held at
    /// once (at 100,000 papers the index build's peak is 29 MB lower than with both joined lists reserved first).
    pub(crate) fn join(docs: Vec<Vec<u32>>, tfs: Vec<Vec<Packed>>) -> AllPostings {
        let total = docs.iter().map(Vec::len).sum();
        let mut starts = Vec::with_capacity(docs.len() + 1);
        starts.push(0);
        let mut joined = Vec::with_capacity(total);
        for term in docs {
            joined.extend_from_slice(&term);
            starts.push(joined.len());
        }
        let docs = joined;
        let mut joined = Vec::with_capacity(total);
        for term in tfs {
            joined.extend_from_slice(&term);
        }
        AllPostings { starts, docs, tfs: joined }
    }

    /// Appends the next term's postings as `from` gives them: its documents (ascending) through `docs`, then
    /// as many frequencies through `tfs`.
    pub(crate) fn read_term<R, E>(
        &mut self,
        from: &mut R,
        docs: impl FnOnce(&mut R, &mut Vec<u32>) -> Result<(), E>,
        tfs: impl FnOnce(&mut R, &mut Vec<Packed>) -> Result<(), E>,
    ) -> Result<(), E> {
        docs(from, &mut self.docs)?;
        tfs(from, &mut self.tfs)?;
        self.starts.push(self.docs.len());
        Ok(())
    }

    /// Term `term`'s postings.
    pub(crate) fn get(&self, term: u32) -> Postings<'_> {
        let (start, end) = (self.starts[term as usize], self.starts[term as usize + 1]);
        Postings { docs: &self.docs[start..end], tfs: &self.tfs[start..end] }
    }

    /// How many terms there are.
    pub(crate) fn terms(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// How many postings there are in all.
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Postings<'_>> {
        (0..self.terms() as u32).map(|t| self.get(t))
    }
}

/// Appends `value` as LEB128 (the index file's integers).
pub(crate) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Strings stored end to end in one buffer: far smaller than a `String` each for 100,000 short words.
pub(crate) struct Strings {
    pub(crate) text: String,
    pub(crate) ends: Vec<u32>,
}

impl Strings {
    pub(crate) fn from_iter<'a>(items: impl Iterator<Item = &'a str>) -> Strings {
        let mut strings = Strings { text: String::new(), ends: Vec::new() };
        for item in items {
            strings.text.push_str(item);
            strings.ends.push(strings.text.len() as u32);
        }
        strings.text.shrink_to_fit();
        strings
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The first index whose string fails `pred` (strings must be sorted so that `pred` holds on a prefix).
    pub(crate) fn partition_point(&self, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if pred(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Term numbering during the build: each distinct surface form is stemmed once.
#[derive(Default)]
struct Dictionary {
    term_ids: HashMap<String, u32>,
    /// Surface form of a part -> (term id, is a stopword).
    surface_ids: HashMap<String, (u32, bool)>,
    compound_ids: HashMap<String, u32>,
}

impl Dictionary {
    fn term_of(&mut self, surface: &str, compound: bool, tokenizer: &Tokenizer) -> (u32, bool) {
        if compound {
            if let Some(&id) = self.compound_ids.get(surface) {
                return (id, false);
            }
            let id = self.intern(surface.to_string());
            self.compound_ids.insert(surface.to_string(), id);
            return (id, false);
        }
        if let Some(&found) = self.surface_ids.get(surface) {
            return found;
        }
        let id = self.intern(tokenizer.stem(surface));
        let found = (id, is_stopword(surface));
        self.surface_ids.insert(surface.to_string(), found);
        found
    }

    fn intern(&mut self, term: String) -> u32 {
        let next = self.term_ids.len() as u32;
        *self.term_ids.entry(term).or_insert(next)
    }
}

pub struct Index {
    pub(crate) papers: Papers,
    pub(crate) tokenizer: Tokenizer,
    /// The full-text part: terms, postings, surface forms, length norms.
    pub(crate) text: Text,
    /// Each term's id by the hash of its text (checked against the text).
    pub(crate) term_lookup: HashList,
    /// Lookups by title and id, facet columns, sort orders, TF-IDF norms.
    pub(crate) derived: Derived,
    /// The library a request without one is answered with (nothing kept), made on first use.
    pub(crate) no_library: std::sync::OnceLock<crate::LibraryIndex>,
    /// The last few quoted phrases' matches (see [`crate::phrase`]).
    pub(crate) phrases: crate::phrase::PhraseCache,
}

/// The full-text part of the index: what takes time to build. The rest of [`Index`] is derived from the
/// papers quickly (see [`Derived`]); an index file (see [`crate::store`]) holds both.
pub(crate) struct Text {
    /// Each term's text, by term id.
    pub(crate) terms: Strings,
    pub(crate) postings: AllPostings,
    /// (folded surface form, term id), sorted by surface: prefix and typo matching walk ranges of it.
    pub(crate) surfaces: Strings,
    pub(crate) surface_terms: Vec<u32>,
    /// The compound terms (`in-context`, `gpt-4`) sorted by their text: what a connected word being typed
    /// completes to. Made with the index and kept in its file (sorting the 57,000 compounds of a
    /// 100,000-paper index took 21 ms, which the first connected word typed used to wait for).
    pub(crate) compounds: Vec<u32>,
    /// Per document and field, BM25F's length normalisation `1 / (1 - b + b * len / avg_len)`.
    pub(crate) length_norm: Vec<[f32; FIELDS]>,
}

impl Text {
    /// Tokenises every paper's fields into posting lists.
    pub(crate) fn build(papers: &[Paper], tokenizer: &Tokenizer) -> Text {
        let mut dict = Dictionary::default();
        // Each term's documents and frequencies while the papers are read; joined into one list at the end.
        let mut postings: Vec<(Vec<u32>, Vec<Packed>)> = Vec::new();
        let mut lengths: Vec<[u32; FIELDS]> = Vec::with_capacity(papers.len());
        // This document's packed frequencies, by term, and the terms it touched.
        let mut doc_tf: Vec<Packed> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        let mut buf = String::new();

        for (doc, paper) in papers.iter().enumerate() {
            let doc = doc as u32;
            let mut len = [0u32; FIELDS];
            let mut index_field = |text: &str, field: Field| {
                each_raw(text, &mut buf, |surface, _, _, compound| {
                    let (id, stop) = dict.term_of(surface, compound, tokenizer);
                    if id as usize >= postings.len() {
                        postings.resize_with(id as usize + 1, Default::default);
                        doc_tf.resize(id as usize + 1, 0);
                    }
                    if !compound {
                        len[field as usize] += 1;
                    }
                    if !stop {
                        if doc_tf[id as usize] == 0 {
                            touched.push(id);
                        }
                        add_tf(&mut doc_tf[id as usize], field as usize);
                    }
                });
            };
            index_field(&paper.title, Field::Title);
            index_field(&paper.abstract_text, Field::Abstract);
            for author in &paper.authors {
                index_field(author, Field::Authors);
            }
            for text in paper.venue.iter() {
                index_field(text, Field::Venue);
            }
            for topic in &paper.topics {
                index_field(topic, Field::Topics);
            }
            for text in paper.organization.iter().chain(paper.comment.iter()) {
                index_field(text, Field::Other);
            }
            touched.sort_unstable();
            for &term in &touched {
                let (docs, tfs) = &mut postings[term as usize];
                docs.push(doc);
                tfs.push(std::mem::take(&mut doc_tf[term as usize]));
            }
            touched.clear();
            lengths.push(len);
        }
        let (docs, tfs) = postings.into_iter().unzip();
        let all = AllPostings::join(docs, tfs);
        let Dictionary { term_ids, surface_ids, .. } = dict;

        let mut sorted: Vec<(String, u32)> = surface_ids.into_iter().map(|(s, (id, _))| (s, id)).collect();
        sorted.sort_unstable();
        let surfaces = Strings::from_iter(sorted.iter().map(|(s, _)| s.as_str()));
        let surface_terms = sorted.iter().map(|&(_, id)| id).collect();
        drop(sorted);
        let mut by_id_term: Vec<(u32, String)> = term_ids.into_iter().map(|(t, id)| (id, t)).collect();
        by_id_term.sort_unstable();
        let terms = Strings::from_iter(by_id_term.iter().map(|(_, t)| t.as_str()));
        drop(by_id_term);
        let compounds = compound_terms(&terms);
        Text { terms, postings: all, surfaces, surface_terms, compounds, length_norm: length_norms(&lengths) }
    }
}

/// What range and `has:` clauses test, per document, packed apart from the papers: testing 100,000
/// documents then reads small arrays instead of touching every paper (a cache miss each). Years are the
/// year facet's column.
pub(crate) struct Numbers {
    /// `NONE` where unknown.
    pub(crate) upvotes: Vec<u32>,
    pub(crate) pages: Vec<u32>,
    /// `HAS_*` bits.
    pub(crate) flags: Vec<u8>,
}

pub(crate) const NONE: u32 = u32::MAX;

/// A count as the packed columns and sort keys hold it: `NONE` and the key below it are reserved, so the
/// largest counts (4,294,967,295 upvotes in a crafted corpus) are held as `NONE - 2`, still above any real
/// one.
pub(crate) fn known(count: u32) -> u32 {
    count.min(NONE - 2)
}
pub(crate) const HAS_CODE: u8 = 1;
pub(crate) const HAS_ARXIV: u8 = 2;
pub(crate) const HAS_VENUE: u8 = 4;
pub(crate) const HAS_ABSTRACT: u8 = 8;

impl Numbers {
    pub(crate) fn of(papers: &[Paper]) -> Numbers {
        let bit = |yes: bool, b: u8| if yes { b } else { 0 };
        Numbers {
            upvotes: papers.iter().map(|p| p.upvotes.map_or(NONE, known)).collect(),
            pages: papers.iter().map(|p| p.pages.map_or(NONE, known)).collect(),
            flags: papers
                .iter()
                .map(|p| {
                    bit(!p.code_urls.is_empty(), HAS_CODE)
                        | bit(p.arxiv_id.is_some(), HAS_ARXIV)
                        | bit(p.venue.is_some(), HAS_VENUE)
                        | bit(!p.abstract_text.is_empty(), HAS_ABSTRACT)
                })
                .collect(),
        }
    }
}

/// The ids of the compound terms, sorted by their text.
fn compound_terms(terms: &Strings) -> Vec<u32> {
    let mut compounds: Vec<(&str, u32)> =
        (0..terms.len()).map(|id| (terms.get(id), id as u32)).filter(|(t, _)| is_compound_term(t)).collect();
    compounds.sort_unstable();
    compounds.into_iter().map(|(_, id)| id).collect()
}

/// Each term's id by the hash of its text (lookups check the text, so the list holds no copies of it).
pub(crate) fn term_lookup(terms: &Strings) -> HashList {
    HashList::new((0..terms.len()).map(|id| (hash_str(terms.get(id)), id as u32)).collect())
}

/// BM25F's length normalisation of each document and field, from the fields' lengths in tokens.
fn length_norms(lengths: &[[u32; FIELDS]]) -> Vec<[f32; FIELDS]> {
    let n = lengths.len().max(1) as f32;
    let mut avg = [0f32; FIELDS];
    for len in lengths {
        for f in 0..FIELDS {
            avg[f] += len[f] as f32 / n;
        }
    }
    lengths
        .iter()
        .map(|len| {
            let mut norm = [0f32; FIELDS];
            for f in 0..FIELDS {
                let ratio = if avg[f] > 0.0 { len[f] as f32 / avg[f] } else { 1.0 };
                norm[f] = 1.0 / (1.0 - BM25.b[f] + BM25.b[f] * ratio);
            }
            norm
        })
        .collect()
}

/// BM25's inverse document frequency of a term in `df` of `n` documents (always positive).
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Each document's TF-IDF vector length over title and abstract, for similar papers: the same weights as
/// `tfidf`, with the logarithms taken once per term and per frequency rather than per posting (11 million
/// of them at 100,000 papers, and `ln` is slow in WebAssembly).
fn tfidf_norms(postings: &AllPostings, n: usize) -> Vec<f32> {
    const MAX_TF: usize = (1 << TF_BITS[Field::Title as usize]) + (1 << TF_BITS[Field::Abstract as usize]);
    let tf_weight: Vec<f32> = (0..MAX_TF).map(|f| if f == 0 { 0.0 } else { 1.0 + (f as f32).ln() }).collect();
    let mut norms = vec![0f32; n];
    for p in postings.iter() {
        let idf = idf(n, p.docs.len());
        for (&doc, &packed) in p.docs.iter().zip(p.tfs) {
            let f = tf(packed, Field::Title as usize) + tf(packed, Field::Abstract as usize);
            let w = tf_weight[f as usize] * idf;
            norms[doc as usize] += w * w;
        }
    }
    norms.iter().map(|n| n.sqrt()).collect()
}

/// What the index derives from the papers besides their text: lookups by title and id, the facet columns,
/// the sort orders and the TF-IDF norms. Built from the papers (see [`Derived::of`]), or read from an index
/// file.
pub(crate) struct Derived {
    /// Hashes of folded titles (an exact title match goes first) and of lower-cased ids and arXiv ids; the
    /// strings themselves are checked on a hit, so the maps hold no copies of them.
    pub(crate) title_keys: HashList,
    pub(crate) by_id: HashList,
    pub(crate) facets: Facets,
    /// Per sort other than relevance (newest, oldest, upvotes, title): each document's key (smaller comes
    /// first; unknown dates and upvotes last) and the documents in key order.
    pub(crate) sort_keys: [Vec<u32>; 4],
    pub(crate) sort_orders: [Vec<u32>; 4],
    /// Each document's TF-IDF vector length, for similar papers.
    pub(crate) tfidf_norm: Vec<f32>,
    pub(crate) numbers: Numbers,
}

impl Derived {
    pub(crate) fn of(papers: &[Paper], text: &Text) -> Derived {
        let mut title_keys = Vec::with_capacity(papers.len());
        let mut by_id = Vec::with_capacity(papers.len() * 2);
        for (doc, paper) in papers.iter().enumerate() {
            title_keys.push((hash_str(&title_key(&paper.title)), doc as u32));
            by_id.push((hash_str(&paper.id.to_lowercase()), doc as u32));
            if let Some(a) = &paper.arxiv_id {
                by_id.push((hash_str(&a.to_lowercase()), doc as u32));
            }
        }
        let (title_keys, by_id) = (HashList::new(title_keys), HashList::new(by_id));
        let sort_keys = sort_keys(papers);
        let sort_orders = sort_keys.clone().map(|keys| {
            let mut order: Vec<u32> = (0..papers.len() as u32).collect();
            order.sort_by_key(|&d| (keys[d as usize], d));
            order
        });
        Derived {
            title_keys,
            by_id,
            facets: Facets::build(papers),
            sort_keys,
            sort_orders,
            tfidf_norm: tfidf_norms(&text.postings, papers.len()),
            numbers: Numbers::of(papers),
        }
    }
}

impl Index {
    /// Indexes papers. Their order is kept: document `i` is `papers[i]`.
    pub fn build(papers: Vec<Paper>) -> Index {
        let text = Text::build(&papers, &Tokenizer::default());
        let derived = Derived::of(&papers, &text);
        Index::new(papers.into(), text, derived)
    }

    /// The one way an index is put together: the papers, their full-text part and what is derived from them
    /// (both built here or read from an index file, see [`crate::store`]).
    pub(crate) fn new(papers: Papers, text: Text, derived: Derived) -> Index {
        Index {
            papers,
            tokenizer: Tokenizer::default(),
            term_lookup: term_lookup(&text.terms),
            text,
            derived,
            no_library: std::sync::OnceLock::new(),
            phrases: Default::default(),
        }
    }

    pub fn papers(&self) -> &Papers {
        &self.papers
    }

    pub fn len(&self) -> usize {
        self.papers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.papers.is_empty()
    }

    /// The document number of a paper id (or bare arXiv id).
    pub fn doc_of(&self, id: &str) -> Option<u32> {
        let id = id.to_lowercase();
        let bare = id.strip_prefix("arxiv:").unwrap_or(&id);
        let is = |doc: &u32| {
            let p = &self.papers[*doc as usize];
            p.id.to_lowercase() == id || p.arxiv_id.as_ref().is_some_and(|a| a.to_lowercase() == bare)
        };
        let by_id = &self.derived.by_id;
        by_id.get(hash_str(&id)).iter().chain(by_id.get(hash_str(bare))).copied().find(|d| is(d))
    }

    /// The precomputed keys and order of a sort (none for relevance).
    pub(crate) fn sort_keys(&self, sort: Sort) -> Option<&[u32]> {
        sort_slot(sort).map(|i| self.derived.sort_keys[i].as_slice())
    }

    pub(crate) fn sort_order(&self, sort: Sort) -> Option<&[u32]> {
        sort_slot(sort).map(|i| self.derived.sort_orders[i].as_slice())
    }

    /// The id of a term (a stem, as [`Tokenizer`] reads text, or a compound as written); `None` when no
    /// paper has it.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.term_lookup.get(hash_str(term)).iter().copied().find(|&id| self.text.terms.get(id as usize) == term)
    }

    /// The papers term `id` ([`Index::term_id`]) occurs in, ascending, with its frequency in each of their
    /// fields (read with [`tf`]); none for an id this index does not have. What the map folds each paper's
    /// vector from, so its file need not carry them.
    pub fn postings(&self, id: u32) -> Postings<'_> {
        if (id as usize) < self.text.postings.terms() {
            self.text.postings.get(id)
        } else {
            Postings { docs: &[], tfs: &[] }
        }
    }

    /// The term a folded surface form of a word part is indexed under, if the corpus has that form.
    pub(crate) fn surface_term(&self, surface: &str) -> Option<u32> {
        self.surface_index(surface).map(|i| self.text.surface_terms[i])
    }

    /// Where a surface form sits among the sorted surfaces, when the corpus has it.
    pub(crate) fn surface_index(&self, surface: &str) -> Option<usize> {
        let i = self.text.surfaces.partition_point(|s| s < surface);
        (i < self.text.surfaces.len() && self.text.surfaces.get(i) == surface).then_some(i)
    }

    /// Inverse document frequency (BM25's, always positive).
    pub(crate) fn idf(&self, term: u32) -> f32 {
        idf(self.papers.len(), self.text.postings.get(term).docs.len())
    }

    /// The number of distinct terms, and the number of postings: sizes for benchmarks.
    pub fn stats(&self) -> (usize, usize) {
        (self.text.postings.terms(), self.text.postings.len())
    }

    /// Calls `f` with the term of every word part (stopwords included) of `doc`'s title and abstract: the
    /// text tokenised again, each folded part looked up among the indexed surface forms. `None` for a part
    /// the index lacks (only an index file written for other text has such parts).
    pub(crate) fn each_text_term(&self, doc: u32, mut f: impl FnMut(Option<u32>)) {
        let Some((title, abstract_text)) = self.papers.title_and_abstract(doc as usize) else { return };
        let mut buf = String::new();
        for text in [&title, &abstract_text] {
            each_raw(text, &mut buf, |surface, _, _, compound| {
                if !compound {
                    f(self.surface_term(surface));
                }
            });
        }
    }

    /// The TF-IDF weight of a term occurring `tf` times.
    pub(crate) fn tfidf(&self, term: u32, tf: u32) -> f32 {
        if tf == 0 {
            0.0
        } else {
            (1.0 + (tf as f32).ln()) * self.idf(term)
        }
    }
}

impl crate::highlight::Terms for Index {
    fn term_of(&self, surface: &str, compound: bool) -> Option<u32> {
        if compound {
            self.term_id(surface)
        } else {
            self.surface_term(surface)
        }
    }
}

fn sort_slot(sort: Sort) -> Option<usize> {
    match sort {
        Sort::Relevance => None,
        Sort::Newest => Some(0),
        Sort::Oldest => Some(1),
        Sort::Upvotes => Some(2),
        Sort::Title => Some(3),
    }
}

/// Sort keys (smaller first) for newest, oldest, most upvoted and title order.
fn sort_keys(papers: &[Paper]) -> [Vec<u32>; 4] {
    let date = |p: &Paper| -> Option<u32> {
        let d = paperscope_corpus::Date::parse_iso(p.published.as_deref()?)?;
        Some(u32::from(d.year) * 10_000 + u32::from(d.month) * 100 + u32::from(d.day))
    };
    let newest = papers.iter().map(|p| date(p).map_or(u32::MAX, |d| u32::MAX - 1 - d)).collect();
    let oldest = papers.iter().map(|p| date(p).unwrap_or(u32::MAX)).collect();
    let upvotes = papers.iter().map(|p| p.upvotes.map_or(NONE, |u| NONE - 1 - known(u))).collect();
    let folded: Vec<String> = papers.iter().map(|p| fold(&p.title)).collect();
    let mut by_title: Vec<u32> = (0..papers.len() as u32).collect();
    by_title.sort_by(|&a, &b| folded[a as usize].cmp(&folded[b as usize]).then(a.cmp(&b)));
    let mut title = vec![0u32; papers.len()];
    for (rank, &doc) in by_title.iter().enumerate() {
        title[doc as usize] = rank as u32;
    }
    [newest, oldest, upvotes, title]
}

/// How titles are compared for an exact title match: folded, with punctuation and spacing ignored.
pub fn title_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut buf = String::new();
    each_raw(text, &mut buf, |surface, _, _, compound| {
        if !compound {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(surface);
        }
    });
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_frequencies_cap_at_their_width() {
        let mut packed = 0;
        for _ in 0..40 {
            add_tf(&mut packed, Field::Title as usize);
        }
        add_tf(&mut packed, Field::Abstract as usize);
        add_tf(&mut packed, Field::Other as usize);
        assert_eq!(tf(packed, Field::Title as usize), 15);
        assert_eq!(tf(packed, Field::Abstract as usize), 1);
        assert_eq!(tf(packed, Field::Authors as usize), 0);
        assert_eq!(tf(packed, Field::Other as usize), 1);
        assert_eq!(TF_BITS.iter().sum::<u32>(), Packed::BITS);
    }
}
