//! Quoted phrases: whether a document holds a run of terms in order, in its title or in its abstract.
//!
//! The index keeps no word positions (they would be most of its file: a term id for every word of every
//! abstract, while the page holds the text already). A phrase's candidates (the documents with all its
//! words, from the posting lists) are checked against their own text instead: each word part is folded as
//! the index folds it, looked up among the surface forms indexed under one of the phrase's terms, and fed
//! to a Knuth-Morris-Pratt matcher over term ids, so a check is linear in the text whatever the phrase.
//! That reads far more bytes than positions would (a common phrase at 100,000 papers has 20,000 candidates),
//! so the last few phrases' answers are kept: typing on after a closing quote checks nothing again.

use std::sync::Mutex;

use crate::hash::FxHashMap as HashMap;
use crate::index::Index;
use crate::query::TextField;
use crate::recent::Recent;
use crate::tokenize::{scan_ascii_parts, scan_raw};

/// How many phrases' answers are kept.
const KEPT_PHRASES: usize = 8;

/// The documents (with their scores) that held each of the last few phrases, by the phrase's terms and the
/// field it was restricted to.
pub(crate) struct PhraseCache(Mutex<Recent<PhraseKey, Vec<(u32, f32)>>>);

/// A phrase's terms, in order, and the field it is restricted to.
type PhraseKey = (Vec<u32>, Option<TextField>);

impl Default for PhraseCache {
    fn default() -> Self {
        PhraseCache(Mutex::new(Recent::new(KEPT_PHRASES)))
    }
}

impl PhraseCache {
    /// The answer kept for `key`, else `check()`'s, kept.
    pub(crate) fn get_or(&self, key: PhraseKey, check: impl FnOnce() -> Vec<(u32, f32)>) -> Vec<(u32, f32)> {
        // A poisoned lock only means a panic elsewhere mid-update: the list is still well formed.
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
        if let Some(docs) = kept {
            return docs;
        }
        let docs = check();
        self.0.lock().unwrap_or_else(|e| e.into_inner()).put(key, docs.clone());
        docs
    }
}

/// A phrase ready to be looked for in documents.
pub(crate) struct Phrase<'a> {
    /// Its terms, in order.
    ids: Vec<u32>,
    /// KMP's failure function: `fail[i]`, the length of the longest proper prefix of `ids[..=i]` that is
    /// also a suffix of it.
    fail: Vec<usize>,
    /// Every folded surface form of the corpus indexed under one of `ids`, with its term.
    surfaces: HashMap<&'a str, u32>,
    /// Cheap tests that turn most parts away before they are folded and looked up: the lengths of the
    /// surfaces (bit `min(len, 63)`) and their first bytes, either case (bit per ASCII byte).
    lengths: u64,
    firsts: u128,
    buf: String,
}

impl<'a> Phrase<'a> {
    pub(crate) fn new(index: &'a Index, ids: &[u32]) -> Phrase<'a> {
        let mut fail = vec![0; ids.len()];
        let mut k = 0;
        for i in 1..ids.len() {
            while k > 0 && ids[i] != ids[k] {
                k = fail[k - 1];
            }
            if ids[i] == ids[k] {
                k += 1;
            }
            fail[i] = k;
        }
        let text = &index.text;
        let mut wanted = ids.to_vec();
        wanted.sort_unstable();
        let surfaces = text
            .surface_terms
            .iter()
            .enumerate()
            .filter(|(_, t)| wanted.binary_search(t).is_ok())
            .map(|(i, &t)| (text.surfaces.get(i), t))
            .collect::<HashMap<&str, u32>>();
        let (mut lengths, mut firsts) = (0u64, 0u128);
        for surface in surfaces.keys() {
            lengths |= 1 << surface.len().min(63);
            if let Some(&b) = surface.as_bytes().first() {
                // Non-ASCII first bytes only occur in non-ASCII texts, which do not use these tests.
                firsts |= (1 << (b & 0x7f)) | (1 << (b.to_ascii_uppercase() & 0x7f));
            }
        }
        Phrase { ids: ids.to_vec(), fail, surfaces, lengths, firsts, buf: String::new() }
    }

    /// Whether `doc`'s title or abstract holds the phrase's terms as consecutive word parts (a phrase
    /// never spans the two).
    pub(crate) fn in_doc(&mut self, index: &Index, doc: u32) -> bool {
        let Some((title, abstract_text)) = index.papers.title_and_abstract(doc as usize) else { return false };
        self.in_text(&title) || self.in_text(&abstract_text)
    }

    fn in_text(&mut self, text: &str) -> bool {
        let Phrase { ids, fail, surfaces, lengths, firsts, buf } = self;
        if ids.is_empty() {
            return true;
        }
        let mut matcher = Kmp { ids, fail, matched: 0 };
        if text.is_ascii() {
            // Most abstracts: parts as byte ranges, most of them turned away by length and first byte.
            scan_ascii_parts(text, |start, end| {
                let part = &text[start..end];
                let plausible =
                    *lengths & (1 << part.len().min(63)) != 0 && *firsts & (1 << text.as_bytes()[start]) != 0;
                let id = plausible
                    .then(|| {
                        buf.clear();
                        buf.push_str(part);
                        buf.make_ascii_lowercase();
                        surfaces.get(buf.as_str()).copied()
                    })
                    .flatten();
                !matcher.step(id)
            });
        } else {
            scan_raw(text, buf, |surface, _, _, compound| compound || !matcher.step(surfaces.get(surface).copied()));
        }
        matcher.matched == ids.len()
    }
}

/// Knuth-Morris-Pratt over term ids, fed one word part at a time.
struct Kmp<'p> {
    ids: &'p [u32],
    fail: &'p [usize],
    matched: usize,
}

impl Kmp<'_> {
    /// Takes the next part's term (`None`: not one of the phrase's); true once the whole phrase is matched.
    fn step(&mut self, id: Option<u32>) -> bool {
        let Some(id) = id else {
            self.matched = 0;
            return false;
        };
        while self.matched > 0 && self.ids[self.matched] != id {
            self.matched = self.fail[self.matched - 1];
        }
        if self.ids[self.matched] == id {
            self.matched += 1;
        }
        self.matched == self.ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_corpus::Paper;

    fn index(texts: &[(&str, &str)]) -> Index {
        let papers = texts
            .iter()
            .enumerate()
            .map(|(i, (title, abstract_text))| Paper {
                id: format!("p{i}"),
                title: title.to_string(),
                abstract_text: abstract_text.to_string(),
                ..Paper::default()
            })
            .collect();
        Index::build(papers)
    }

    fn found(index: &Index, words: &[&str]) -> Vec<u32> {
        let ids: Vec<u32> = words.iter().map(|w| index.term_id(w).expect(w)).collect();
        let mut phrase = Phrase::new(index, &ids);
        (0..index.papers.len() as u32).filter(|&d| phrase.in_doc(index, d)).collect()
    }

    #[test]
    fn matches_stems_in_order_within_one_field() {
        let index = index(&[
            ("Diffusion Models for proteins", ""),
            ("Models of diffusion", "A diffusion-model view"),
            ("Diffusion", "Models trained"),
            ("On the diffusion of models", "the state of the art"),
            ("Modèles: la diffusion", "Über diffusion models"),
        ]);
        // `models` and `model` share a stem; the compound `diffusion-model` is skipped, its parts count.
        assert_eq!(found(&index, &["diffus", "model"]), [0, 1, 4]);
        // The title's last word and the abstract's first are not consecutive.
        assert_eq!(found(&index, &["model", "train"]), [2]);
        // Stopwords are words of the phrase.
        assert_eq!(found(&index, &["state", "of", "the", "art"]), [3]);
        assert_eq!(found(&index, &["the", "diffus"]), [3]);
        // Text with accents is read part by part as the index read it.
        assert_eq!(found(&index, &["la", "diffus"]), [4]);
    }

    #[test]
    fn repeated_terms_restart_where_they_can() {
        let index = index(&[("learning learned learns to", ""), ("learn to learn", ""), ("learn to to learn", "")]);
        // KMP: when `learn learn learn` fails at its third word, its last two are already a match's start.
        assert_eq!(found(&index, &["learn", "learn", "to"]), [0]);
        assert_eq!(found(&index, &["learn", "to", "learn"]), [1]);
        assert_eq!(found(&index, &["to", "to"]), [2]);
    }
}
