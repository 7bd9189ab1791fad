//! Facets: for each facet, its distinct values (interned) and each document's values as small integers, so
//! counting is one pass over the candidates.
//!
//! Counts are disjunctive, as in Algolia: a facet's counts are taken over the documents that match the
//! query and every *other* facet's selection, ignoring its own, so selecting a second venue shows what it
//! would add. Within a facet, selected values are ORed; across facets, ANDed.
//!
//! Papers with no value for a facet count under its *unknown* value ([`UNKNOWN`], `year=none` in a URL),
//! which can be selected like any other: a filter never drops papers without saying how many. The unknown
//! value is not stored: its id is one past the column's last value, and a document has it when it has no
//! other.

use std::borrow::Cow;

use paperscope_corpus::text::name_key;
use paperscope_corpus::Paper;

pub use crate::facet_key::FacetKey;

use crate::filter::Filter;
pub use crate::filter::UNKNOWN;
use crate::hash::{hash_str, FxHashMap as HashMap, HashList};
use crate::library::LibraryIndex;
use crate::request::{FacetCounts, FacetValue, Request};

/// One facet's column.
pub struct Column {
    key: FacetKey,
    /// Each value as shown: for a grouped facet (authors), the group's most common spelling.
    pub values: Vec<String>,
    /// Value ids by the hash of their [`FacetKey::group_key`].
    ids: HashList,
    /// Each document's value ids.
    layout: Layout,
    /// For a column where every document has the same one value (or none): that value's id (the unknown
    /// value's when none has one, as in an empty library's lists). Counting it is then a length, not a
    /// pass over the documents: at 100,000 papers a query matching most of them paid ~0.1 ms a column.
    constant: Option<u32>,
    /// The counts over every document (the unknown value's last), for the page with no query.
    all_counts: Vec<u32>,
    /// Every value folded for finding ([`name_key`]), joined by newlines, with where each starts; made on the
    /// first find.
    folded: std::sync::OnceLock<(String, Vec<u32>)>,
}

const NONE: u32 = u32::MAX;

/// How a column holds each document's values.
enum Layout {
    /// No document has two values: each document's value, or [`NONE`]. Counting reads one list, and the
    /// column takes a third of the CSR layout's room (at 100,000 papers, 0.8 MB less for each of the
    /// year, venue, status and organization columns).
    Single(Vec<u32>),
    /// CSR: document `d`'s values are `doc_values[offsets[d]..offsets[d + 1]]`.
    Many { offsets: Vec<u32>, doc_values: Vec<u32> },
}

impl Column {
    fn build(key: FacetKey, papers: &[Paper]) -> Column {
        let mut ids: HashMap<String, u32> = HashMap::default();
        // Per value id, its spellings with how often each is used (in order of first use).
        let mut spellings: Vec<Vec<(String, u32)>> = Vec::new();
        let mut offsets = Vec::with_capacity(papers.len() + 1);
        offsets.push(0);
        let mut doc_values: Vec<u32> = Vec::new();
        for paper in papers {
            let start = doc_values.len();
            key.for_each_value(paper, |value| {
                let group = key.group_key(value);
                let id = match ids.get(group.as_ref()) {
                    Some(&id) => id,
                    None => {
                        let id = spellings.len() as u32;
                        ids.insert(group.into_owned(), id);
                        spellings.push(Vec::new());
                        id
                    }
                };
                let seen = &mut spellings[id as usize];
                match seen.iter_mut().find(|(s, _)| s == value) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((value.to_string(), 1)),
                }
                // Two spellings of one name on one paper count it once.
                if !doc_values[start..].contains(&id) {
                    doc_values.push(id);
                }
            });
            offsets.push(doc_values.len() as u32);
        }
        // The most used spelling names the value; on a tie, the more carefully written (capitals starting
        // words, accents: `Koray Kavukcuoglu` over `koray kavukcuoglu`, `Léon` over `Leon`), then the first.
        let care = |s: &str| {
            let capitals = s.split([' ', '-']).filter(|w| w.starts_with(char::is_uppercase)).count();
            (capitals, s.chars().filter(|c| !c.is_ascii()).count())
        };
        let values = spellings
            .into_iter()
            .map(|seen| {
                let best = seen.into_iter().enumerate().max_by_key(|(i, (s, n))| (*n, care(s), std::cmp::Reverse(*i)));
                best.map(|(_, (s, _))| s).unwrap_or_default()
            })
            .collect();
        Column::from_parts(key, values, offsets, doc_values)
    }

    /// A column from its values and each document's value ids (CSR: `offsets` has one more entry than
    /// there are documents; every id below `values.len()`).
    pub(crate) fn from_parts(key: FacetKey, values: Vec<String>, offsets: Vec<u32>, doc_values: Vec<u32>) -> Column {
        let ids =
            HashList::new(values.iter().enumerate().map(|(i, v)| (hash_str(&key.group_key(v)), i as u32)).collect());
        let docs = offsets.len().saturating_sub(1) as u32;
        let layout = if offsets.windows(2).all(|w| w[1] - w[0] <= 1) {
            Layout::Single(
                offsets.windows(2).map(|w| if w[1] > w[0] { doc_values[w[0] as usize] } else { NONE }).collect(),
            )
        } else {
            Layout::Many { offsets, doc_values }
        };
        let mut column = Column {
            key,
            values,
            ids,
            layout,
            constant: None,
            all_counts: Vec::new(),
            folded: std::sync::OnceLock::new(),
        };
        let mut all_counts = column.zero_counts();
        column.count_into(0..docs, &mut all_counts);
        // One value with papers (a document has each of its values once, so that is one value each).
        let mut used = all_counts.iter().enumerate().filter(|(_, &n)| n > 0);
        column.constant = match (used.next(), used.next()) {
            (Some((id, _)), None) => Some(id as u32),
            _ => None,
        };
        column.all_counts = all_counts;
        column
    }

    /// The id of the unknown value: one past the last stored value.
    pub fn unknown(&self) -> u32 {
        self.values.len() as u32
    }

    /// A count per value id, the unknown value's last, all zero.
    fn zero_counts(&self) -> Vec<u32> {
        vec![0; self.values.len() + 1]
    }

    /// The ids of the values containing `text`, with case, accents, punctuation and spaces aside (`zhiyuan`
    /// finds `Zhiyuan Li` and `Zhi-Yuan Chen`; `lecun` finds `Yann Le Cun`), in id order. One substring
    /// search over all the folded values joined (not one per value), so finding among 60,000 authors costs a
    /// pass over their letters.
    pub fn find(&self, text: &str) -> Vec<u32> {
        let needle = name_key(text);
        if needle.is_empty() {
            return (0..self.values.len() as u32).collect();
        }
        let (joined, starts) = self.folded.get_or_init(|| {
            let mut joined = String::new();
            let mut starts = Vec::with_capacity(self.values.len());
            for v in &self.values {
                starts.push(joined.len() as u32);
                joined.push_str(&name_key(v));
                joined.push('\n');
            }
            (joined, starts)
        });
        let mut ids: Vec<u32> = Vec::new();
        for (at, _) in joined.match_indices(needle.as_str()) {
            let id = starts.partition_point(|&s| s as usize <= at) as u32 - 1;
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The text of a value id ([`UNKNOWN`] for the unknown value).
    pub fn value(&self, id: u32) -> &str {
        self.values.get(id as usize).map_or(UNKNOWN, String::as_str)
    }

    /// The values and the CSR parts (offsets, value ids), for the index file.
    pub(crate) fn parts(&self) -> (&[String], Cow<'_, [u32]>, Cow<'_, [u32]>) {
        match &self.layout {
            Layout::Many { offsets, doc_values } => (&self.values, Cow::from(offsets), Cow::from(doc_values)),
            Layout::Single(single) => {
                let doc_values: Vec<u32> = single.iter().copied().filter(|&v| v != NONE).collect();
                let mut offsets = Vec::with_capacity(single.len() + 1);
                offsets.push(0);
                offsets.extend(single.iter().scan(0, |n, &v| {
                    *n += u32::from(v != NONE);
                    Some(*n)
                }));
                (&self.values, Cow::from(offsets), Cow::from(doc_values))
            }
        }
    }

    /// Document `doc`'s value ids.
    #[inline]
    pub fn of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        match &self.layout {
            Layout::Single(single) if single[d] == NONE => &[],
            Layout::Single(single) => std::slice::from_ref(&single[d]),
            Layout::Many { offsets, doc_values } => &doc_values[offsets[d] as usize..offsets[d + 1] as usize],
        }
    }

    /// The id of a value (any spelling of it, for a grouped facet); [`UNKNOWN`] is the unknown value's.
    pub fn id(&self, value: &str) -> Option<u32> {
        if value == UNKNOWN {
            return Some(self.unknown());
        }
        let group = self.key.group_key(value);
        self.ids
            .get(hash_str(&group))
            .iter()
            .copied()
            .find(|&id| self.key.group_key(&self.values[id as usize]) == group)
    }

    /// Calls `f` with each value id of each of `docs` (the unknown value's for a document with none).
    #[inline]
    fn each_value(&self, docs: impl Iterator<Item = u32>, mut f: impl FnMut(u32)) {
        let unknown = self.unknown();
        match &self.layout {
            Layout::Single(single) => {
                for doc in docs {
                    let v = single[doc as usize];
                    f(if v == NONE { unknown } else { v });
                }
            }
            Layout::Many { .. } => {
                for doc in docs {
                    match self.of(doc) {
                        [] => f(unknown),
                        values => values.iter().for_each(|&v| f(v)),
                    }
                }
            }
        }
    }

    /// Takes `docs` (papers counted in `counts`) away from `counts`.
    fn uncount(&self, docs: impl Iterator<Item = u32>, counts: &mut [u32]) {
        match self.constant {
            Some(v) => counts[v as usize] -= docs.count() as u32,
            None => self.each_value(docs, |v| counts[v as usize] -= 1),
        }
    }

    /// Adds the values of `docs` to `counts`.
    fn count_into(&self, docs: impl Iterator<Item = u32>, counts: &mut [u32]) {
        match self.constant {
            Some(v) => counts[v as usize] += docs.count() as u32,
            None => self.each_value(docs, |v| counts[v as usize] += 1),
        }
    }
}

pub struct Facets {
    /// The stored facets' columns, in [`FacetKey::STORED`] order.
    pub columns: Vec<Column>,
    /// Years as numbers (0 when unknown), for year ranges.
    pub years: Vec<u16>,
}

impl Facets {
    pub fn build(papers: &[Paper]) -> Facets {
        Facets {
            columns: FacetKey::STORED.iter().map(|&k| Column::build(k, papers)).collect(),
            years: papers.iter().map(|p| p.year.unwrap_or(0)).collect(),
        }
    }
}

/// Every facet's column for one request: the index's own, then the library's that came with the request.
pub(crate) struct Columns<'a> {
    /// Indexed by `FacetKey as usize`.
    by_key: Vec<&'a Column>,
    years: &'a [u16],
}

impl<'a> Columns<'a> {
    pub(crate) fn new(facets: &'a Facets, library: &'a LibraryIndex) -> Columns<'a> {
        let by_key = facets.columns.iter().chain(library.columns()).collect::<Vec<_>>();
        debug_assert_eq!(by_key.len(), FacetKey::ALL.len());
        Columns { by_key, years: &facets.years }
    }

    pub(crate) fn column(&self, key: FacetKey) -> &'a Column {
        self.by_key[key as usize]
    }

    /// The selection each facet's filters make, indexed by `FacetKey as usize`.
    pub(crate) fn selections(&self, filters: &[Filter]) -> Vec<Selection> {
        let mut selections = vec![Selection::default(); FacetKey::ALL.len()];
        for filter in filters {
            let sel = &mut selections[filter.key() as usize];
            match filter {
                Filter::Years(from, to) => sel.add_years(*from, *to),
                Filter::Value(key, value) => sel.add_value(self.column(*key).id(value)),
            }
        }
        selections
    }

    /// What each facet the request counts ([`Request::counted`]) shows from its counts ([`count`]'s): the
    /// values with papers (and every selected value), at most `limit` by count with the selected ones always
    /// kept; years newest first, other facets by count then by value; the unknown value last, whenever it has papers or is selected.
    pub(crate) fn distribution(
        &self,
        counts: Vec<Vec<u32>>,
        selections: &[Selection],
        request: &Request,
    ) -> Vec<FacetCounts> {
        let limit = request.facet_limit;
        FacetKey::ALL
            .iter()
            .zip(counts)
            .filter(|(&key, _)| request.counts(key))
            .map(|(&key, counts)| {
                let column = self.column(key);
                let selection = &selections[key as usize];
                let unknown = column.unknown();
                let shown = |v: u32| counts[v as usize] > 0 || selection.is_selected(v);
                let find = request.facet_find.iter().find(|(k, text)| *k == key && !name_key(text).is_empty());
                let mut ids: Vec<u32> = match find {
                    Some((_, text)) => column.find(text).into_iter().filter(|&v| shown(v)).collect(),
                    None => (0..unknown).filter(|&v| shown(v)).collect(),
                };
                let by_count = |a: &u32, b: &u32| {
                    counts[*b as usize]
                        .cmp(&counts[*a as usize])
                        .then_with(|| column.values[*a as usize].cmp(&column.values[*b as usize]))
                };
                if ids.len() > limit {
                    // Cut by count alone (ties at the cut-off go to the value seen first in the corpus): comparing
                    // the strings of tens of thousands of authors with one paper each would cost more than the
                    // search. Selected values are always kept.
                    let mut top = top_by_count(&ids, &counts, limit);
                    top.retain(|&v| !selection.is_selected(v));
                    top.extend(ids.iter().copied().filter(|&v| selection.is_selected(v)));
                    ids = top;
                }
                match key {
                    FacetKey::Year => ids.sort_by(|a, b| column.values[*b as usize].cmp(&column.values[*a as usize])),
                    // Lists in the order they were made, read before unread: the library's order.
                    FacetKey::List | FacetKey::Read => ids.sort(),
                    _ => ids.sort_by(by_count),
                }
                // Papers without a value are listed too, except while finding a value by name.
                if shown(unknown) && (find.is_none() || selection.is_selected(unknown)) {
                    ids.push(unknown);
                }
                let values = ids
                    .into_iter()
                    .map(|v| FacetValue {
                        value: column.value(v).to_string(),
                        count: counts[v as usize],
                        selected: selection.is_selected(v),
                    })
                    .collect();
                FacetCounts { key, values }
            })
            .collect()
    }
}

/// A selection within one facet: values (ORed) and, for the year, ranges. Membership is a bit per value
/// and per year, so testing a document costs the same with one selected value or five hundred.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Value ids selected, each once. A selected value the corpus lacks matches nothing (its id is `None`).
    pub values: Vec<Option<u32>>,
    pub year_ranges: Vec<(u16, u16)>,
    value_bits: Vec<u64>,
    year_bits: Vec<u64>,
}

fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Sets bit `i`; returns whether it was clear.
fn set_bit(bits: &mut Vec<u64>, i: usize) -> bool {
    if bits.len() <= i / 64 {
        bits.resize(i / 64 + 1, 0);
    }
    let was_clear = bits[i / 64] & (1 << (i % 64)) == 0;
    bits[i / 64] |= 1 << (i % 64);
    was_clear
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.year_ranges.is_empty()
    }

    /// Selects a value (by id; `None` for a value the corpus lacks).
    pub fn add_value(&mut self, id: Option<u32>) {
        match id {
            Some(v) if !set_bit(&mut self.value_bits, v as usize) => {}
            other => self.values.push(other),
        }
    }

    /// Selects the years `lo..=hi`.
    pub fn add_years(&mut self, lo: u16, hi: u16) {
        self.year_ranges.push((lo, hi));
        if self.year_bits.is_empty() {
            self.year_bits = vec![0; (usize::from(u16::MAX) + 1) / 64];
        }
        // Whole words at a time where the range covers them: `year:0..65535` costs a thousand steps.
        let (mut y, hi) = (usize::from(lo), usize::from(hi));
        while y <= hi {
            if y % 64 == 0 && y + 63 <= hi {
                self.year_bits[y / 64] = u64::MAX;
                y += 64;
            } else {
                self.year_bits[y / 64] |= 1 << (y % 64);
                y += 1;
            }
        }
    }

    pub fn is_selected(&self, value: u32) -> bool {
        has_bit(&self.value_bits, value as usize)
    }

    pub(crate) fn matches(&self, columns: &Columns<'_>, key: FacetKey, doc: u32) -> bool {
        if key == FacetKey::Year {
            let y = columns.years[doc as usize];
            if y != 0 && has_bit(&self.year_bits, usize::from(y)) {
                return true;
            }
        }
        let column = columns.column(key);
        match column.of(doc) {
            [] => self.is_selected(column.unknown()),
            values => values.iter().any(|&v| self.is_selected(v)),
        }
    }
}

/// The `limit` ids with the highest counts, ties going to the smaller id, in no particular order: one pass
/// with a small heap, which mostly compares against its least member and moves on.
fn top_by_count(ids: &[u32], counts: &[u32], limit: usize) -> Vec<u32> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    // The heap's greatest element is the weakest kept: the lowest count, then the highest id.
    let mut heap: BinaryHeap<(Reverse<u32>, u32)> = BinaryHeap::with_capacity(limit.min(ids.len()) + 1);
    for &id in ids {
        let entry = (Reverse(counts[id as usize]), id);
        if heap.len() < limit {
            heap.push(entry);
        } else if heap.peek().is_some_and(|weakest| entry < *weakest) {
            heap.pop();
            heap.push(entry);
        }
    }
    heap.into_iter().map(|(_, id)| id).collect()
}

/// The documents below `all` that are not among `docs` (distinct, each below `all`), ascending: a bit
/// per document, then the clear bits read a word at a time. (Filling the gaps between `docs` one range
/// at a time cost as much as counting the largest facet: 0.4 ms for 68,000 of 100,000 papers.)
fn complement(docs: &[u32], all: usize) -> Vec<u32> {
    let mut words = vec![0u64; all.div_ceil(64)];
    for &doc in docs {
        words[doc as usize / 64] |= 1 << (doc % 64);
    }
    let mut out = Vec::with_capacity(all.saturating_sub(docs.len()));
    for (w, &bits) in words.iter().enumerate() {
        let mut clear = !bits;
        // Bits past the last document are not documents.
        let end = all - w * 64;
        if end < 64 {
            clear &= (1u64 << end) - 1;
        }
        while clear != 0 {
            out.push((w * 64) as u32 + clear.trailing_zeros());
            clear &= clear - 1;
        }
    }
    out
}

/// The facets with a selection.
fn active(selections: &[Selection]) -> Vec<FacetKey> {
    FacetKey::ALL.into_iter().filter(|&k| !selections[k as usize].is_empty()).collect()
}

/// How many of `docs` pass every selection.
pub(crate) fn passing(columns: &Columns<'_>, docs: &[u32], selections: &[Selection]) -> usize {
    let active = active(selections);
    docs.iter().filter(|&&doc| active.iter().all(|&key| selections[key as usize].matches(columns, key, doc))).count()
}

/// Each facet's counts as `count_one` makes them from its column, for the facets `counted` says; the
/// others' are left empty. Indexed by `FacetKey as usize`.
fn each_counted(
    columns: &Columns<'_>,
    counted: &impl Fn(FacetKey) -> bool,
    count_one: impl Fn(&Column, FacetKey) -> Vec<u32>,
) -> Vec<Vec<u32>> {
    let each = columns.by_key.iter().zip(FacetKey::ALL);
    each.map(|(column, key)| if counted(key) { count_one(column, key) } else { Vec::new() }).collect()
}

/// Counts over `candidates` of the facets `counted` says (the others' counts are left empty), and the
/// documents that pass every selection. `selections` is indexed by `FacetKey as usize`. One pass: a
/// document that fails no selection counts in every facet and is a result; one that fails exactly one
/// selection counts only in that facet.
pub(crate) fn count(
    columns: &Columns<'_>,
    candidates: &[u32],
    selections: &[Selection],
    counted: impl Fn(FacetKey) -> bool,
) -> (Vec<Vec<u32>>, Vec<u32>) {
    let active = active(selections);
    if active.is_empty() {
        let all = columns.years.len();
        let counts = if candidates.len() * 2 > all {
            // Most papers match: start from the whole corpus's counts and take away the papers that do not,
            // which is the cheaper side.
            let outside = complement(candidates, all);
            each_counted(columns, &counted, |c, _| {
                let mut counts = c.all_counts.clone();
                c.uncount(outside.iter().copied(), &mut counts);
                counts
            })
        } else {
            each_counted(columns, &counted, |c, _| {
                let mut counts = c.zero_counts();
                c.count_into(candidates.iter().copied(), &mut counts);
                counts
            })
        };
        return (counts, candidates.to_vec());
    }
    // Which selection each candidate fails, if exactly one (`fails_one`), and which pass all (`results`).
    let mut results = Vec::with_capacity(candidates.len());
    let mut fails_one: Vec<Vec<u32>> = vec![Vec::new(); FacetKey::ALL.len()];
    for &doc in candidates {
        let mut failed = None;
        let mut failures = 0;
        for &key in &active {
            if !selections[key as usize].matches(columns, key, doc) {
                failures += 1;
                failed = Some(key);
                if failures > 1 {
                    break;
                }
            }
        }
        match (failures, failed) {
            (0, _) => results.push(doc),
            (1, Some(key)) => fails_one[key as usize].push(doc),
            _ => {}
        }
    }
    let counts = each_counted(columns, &counted, |column, key| {
        let mut counts = column.zero_counts();
        column.count_into(results.iter().chain(&fails_one[key as usize]).copied(), &mut counts);
        counts
    });
    (counts, results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_by_count_keeps_the_highest_counts_and_the_first_ids_on_ties() {
        let counts = [1, 5, 3, 5, 1, 3, 2, 9];
        let ids: Vec<u32> = (0..counts.len() as u32).collect();
        for limit in 0..=counts.len() {
            let mut expected = ids.clone();
            expected.sort_by(|a, b| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b)));
            expected.truncate(limit);
            let mut top = top_by_count(&ids, &counts, limit);
            top.sort_by(|a, b| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b)));
            assert_eq!(top, expected, "limit {limit}");
        }
    }

    #[test]
    fn the_complement_is_every_other_document_in_order() {
        for all in [0usize, 1, 63, 64, 65, 128, 200] {
            for step in [1usize, 2, 3, 7, 64] {
                let docs: Vec<u32> = (0..all as u32).filter(|d| (*d as usize).is_multiple_of(step)).collect();
                let expected: Vec<u32> = (0..all as u32).filter(|d| !(*d as usize).is_multiple_of(step)).collect();
                assert_eq!(complement(&docs, all), expected, "{all} documents, every {step}th taken");
            }
        }
        assert_eq!(complement(&[], 3), [0, 1, 2]);
    }

    #[test]
    fn a_column_with_one_value_for_all_counts_by_length() {
        // Three documents, each with value 0; none with any; each with one of two values.
        let same = Column::from_parts(FacetKey::Venue, vec!["V".into()], vec![0, 1, 2, 3], vec![0, 0, 0]);
        let empty = Column::from_parts(FacetKey::Venue, Vec::new(), vec![0, 0, 0, 0], Vec::new());
        let two = Column::from_parts(FacetKey::Venue, vec!["V".into(), "W".into()], vec![0, 1, 2, 3], vec![0, 1, 0]);
        assert_eq!((same.constant, empty.constant, two.constant), (Some(0), Some(0), None));
        for (column, all, two_docs) in
            [(&same, vec![3, 0], vec![2, 0]), (&empty, vec![3], vec![2]), (&two, vec![2, 1, 0], vec![1, 1, 0])]
        {
            assert_eq!(column.all_counts, all);
            let mut counts = column.zero_counts();
            column.count_into([0u32, 1].into_iter(), &mut counts);
            assert_eq!(counts, two_docs);
            let mut counts = column.all_counts.clone();
            column.uncount([2u32].into_iter(), &mut counts);
            assert_eq!(counts, two_docs);
        }
    }
}
