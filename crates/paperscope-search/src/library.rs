//! The library as the engine reads it: what a person keeps about papers (the lists each is in, its tags,
//! whether it is read, its notes), laid out against one index's documents. The page builds one when the
//! library or the index changes and hands it to the engine with each request ([`crate::Request::library`]),
//! so the library's facets are counted like the corpus's and `is:saved`, `tag:`, `list:` and `note:` are
//! answered in the same pass. The engine never stores it: the library is the person's, not the corpus's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use paperscope_corpus::text::name_key;

use crate::facets::Column;
use crate::query::Mark;
use crate::tokenize::Tokenizer;
use crate::{FacetKey, Index};

/// What the library holds about one paper.
#[derive(Debug, Clone, Default)]
pub struct Kept<'a> {
    pub id: &'a str,
    pub lists: Vec<&'a str>,
    pub tags: Vec<&'a str>,
    pub read: bool,
    pub notes: Vec<&'a str>,
}

/// The values of [`FacetKey::Read`].
pub const READ: &str = "yes";
pub const UNREAD: &str = "no";

pub struct LibraryIndex {
    /// Which build this is: two library indexes are equal only when they are the same build, so a request
    /// compares in constant time however large the library.
    stamp: u64,
    /// The columns of [`FacetKey::List`], [`FacetKey::Tag`] and [`FacetKey::Read`], in that order.
    columns: [Column; 3],
    /// Each noted document with its note's tokens (folded term and surface), in document order.
    notes: Vec<(u32, Vec<(String, String)>)>,
    /// Papers the library holds that this index does not have (saved from another corpus, or removed).
    missing: Vec<String>,
    /// The documents a mute hides, ascending.
    muted: Vec<u32>,
}

/// What a mute hides: the papers with one value of a corpus facet (an author, spelling aside; a venue, a
/// topic, a category), or with a word or phrase in the title or abstract (as the phrase query `"..."`
/// reads it: stemmed, no near misses, no completions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Muting {
    Value(FacetKey, String),
    Words(String),
}

static STAMPS: AtomicU64 = AtomicU64::new(1);

impl LibraryIndex {
    /// An empty library over `docs` documents: nothing saved, tagged, read or noted.
    pub fn empty(docs: usize) -> LibraryIndex {
        Laid::default().layout(docs)
    }

    /// Lays the library out over `index`'s documents. `lists` names every list in the library's order (so
    /// the list facet keeps it); `kept` holds each paper the library says anything about. Papers the index
    /// lacks are counted in [`LibraryIndex::missing`], never dropped from the library itself.
    pub fn build<'a>(index: &Index, lists: &[&str], kept: impl IntoIterator<Item = Kept<'a>>) -> LibraryIndex {
        let mut laid = Laid { lists: lists.iter().map(|l| l.to_string()).collect(), ..Laid::default() };
        let list_ids: HashMap<String, u32> = lists.iter().enumerate().map(|(i, l)| (name_key(l), i as u32)).collect();
        let mut tag_ids: HashMap<String, u32> = HashMap::new();
        for k in kept {
            let Some(doc) = index.doc_of(k.id) else {
                laid.missing.push(k.id.to_string());
                continue;
            };
            laid.in_lists.extend(k.lists.iter().filter_map(|l| list_ids.get(&name_key(l))).map(|&id| (doc, id)));
            for tag in k.tags {
                let next = laid.tags.len() as u32;
                let id = *tag_ids.entry(name_key(tag)).or_insert_with(|| {
                    laid.tags.push(tag.to_string());
                    next
                });
                laid.tagged.push((doc, id));
            }
            if k.read {
                laid.read.push(doc);
            }
            let tokens: Vec<(String, String)> =
                k.notes.iter().flat_map(|n| index.tokenizer.tokens(n)).map(|t| (t.term, t.surface)).collect();
            if !tokens.is_empty() {
                laid.notes.push((doc, tokens));
            }
        }
        laid.layout(index.len())
    }

    /// The ids of the papers the library holds that this index lacks.
    /// This library with `mutes` laid over `index` (each mute costs one pass over its facet's column, or
    /// one phrase query).
    pub fn muting(self, index: &Index, mutes: &[Muting]) -> LibraryIndex {
        self.with_muted(index.muted_docs(mutes))
    }

    /// This library with the documents its mutes hide, found before ([`Index::muted_docs`]): the page keeps
    /// them while only other parts of the library change.
    pub fn with_muted(mut self, muted: Vec<u32>) -> LibraryIndex {
        self.muted = muted;
        self
    }

    /// The documents the mutes hide, ascending.
    pub fn muted(&self) -> &[u32] {
        &self.muted
    }

    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    pub(crate) fn columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter()
    }

    /// The documents a library clause matches, ascending (`note:` words read as the index reads text).
    pub(crate) fn docs(&self, mark: &Mark, all: usize, tokenizer: &Tokenizer) -> Vec<u32> {
        let [lists, tags, read] = &self.columns;
        let with = |column: &Column, value: Option<u32>| -> Vec<u32> {
            let Some(value) = value else { return Vec::new() };
            (0..all as u32).filter(|&d| column.of(d).contains(&value)).collect()
        };
        match mark {
            Mark::Saved => (0..all as u32).filter(|&d| !lists.of(d).is_empty()).collect(),
            Mark::Read => with(read, read.id(READ)),
            Mark::Unread => with(read, read.id(UNREAD)),
            Mark::Tag(tag) => with(tags, tags.id(tag).filter(|&v| v != tags.unknown())),
            Mark::List(list) => with(lists, lists.id(list).filter(|&v| v != lists.unknown())),
            Mark::Note(text) => {
                let wanted = tokenizer.tokens(text);
                self.notes
                    .iter()
                    .filter(|(_, note)| {
                        wanted.iter().all(|w| {
                            note.iter().any(|(term, surface)| *term == w.term || surface.starts_with(&w.surface))
                        })
                    })
                    .map(|(d, _)| *d)
                    .collect()
            }
        }
    }
}

/// The library gathered per facet, before it is laid out over the documents.
#[derive(Default)]
struct Laid {
    lists: Vec<String>,
    tags: Vec<String>,
    /// `(document, value id)` pairs.
    in_lists: Vec<(u32, u32)>,
    tagged: Vec<(u32, u32)>,
    read: Vec<u32>,
    notes: Vec<(u32, Vec<(String, String)>)>,
    missing: Vec<String>,
}

impl Laid {
    fn layout(mut self, docs: usize) -> LibraryIndex {
        let mut is_read = vec![false; docs];
        self.read.iter().for_each(|&d| is_read[d as usize] = true);
        // Every paper is read or not: `yes` is value 0, `no` value 1 (the column's values, below).
        let read = is_read.iter().enumerate().map(|(d, &r)| (d as u32, u32::from(!r))).collect();
        self.notes.sort_by_key(|(d, _)| *d);
        LibraryIndex {
            stamp: STAMPS.fetch_add(1, Ordering::Relaxed),
            columns: [
                column(FacetKey::List, self.lists, docs, self.in_lists),
                column(FacetKey::Tag, self.tags, docs, self.tagged),
                column(FacetKey::Read, vec![READ.into(), UNREAD.into()], docs, read),
            ],
            notes: self.notes,
            missing: self.missing,
            muted: Vec::new(),
        }
    }
}

/// A column from `(document, value id)` pairs in any order.
fn column(key: FacetKey, values: Vec<String>, docs: usize, mut pairs: Vec<(u32, u32)>) -> Column {
    pairs.sort_unstable();
    pairs.dedup();
    let mut offsets = Vec::with_capacity(docs + 1);
    offsets.push(0);
    let mut at = 0;
    for doc in 0..docs as u32 {
        while pairs.get(at).is_some_and(|p| p.0 == doc) {
            at += 1;
        }
        offsets.push(at as u32);
    }
    Column::from_parts(key, values, offsets, pairs.into_iter().map(|p| p.1).collect())
}

impl PartialEq for LibraryIndex {
    fn eq(&self, other: &LibraryIndex) -> bool {
        self.stamp == other.stamp
    }
}

impl std::fmt::Debug for LibraryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryIndex").field("stamp", &self.stamp).field("missing", &self.missing.len()).finish()
    }
}
