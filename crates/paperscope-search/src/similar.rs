//! Similar papers: cosine similarity of TF-IDF vectors over titles and abstracts.

use crate::hash::FxHashMap as HashMap;
use crate::index::{tf, Field, Index};

/// How many of a paper's terms (the heaviest) are compared, and the share of the corpus above which a term
/// is too common to tell papers apart.
pub const SIMILAR_TERMS: usize = 40;
pub const MAX_DOC_FREQUENCY: f32 = 0.2;

impl Index {
    /// The `k` papers most similar to `doc`, best first, with their cosine similarity.
    pub fn similar(&self, doc: u32, k: usize) -> Vec<(u32, f32)> {
        let Some(_) = self.papers.get(doc as usize) else {
            return Vec::new();
        };
        let mut counts: HashMap<u32, u32> = HashMap::default();
        self.each_text_term(doc, |t| {
            // Stopwords have a term but no postings.
            if let Some(t) = t.filter(|&t| !self.text.postings.get(t).docs.is_empty()) {
                *counts.entry(t).or_insert(0) += 1;
            }
        });
        let max_df = (self.papers.len() as f32 * MAX_DOC_FREQUENCY).max(2.0) as usize;
        let mut terms: Vec<(u32, f32)> = counts
            .into_iter()
            .filter(|&(t, _)| self.text.postings.get(t).docs.len() <= max_df)
            .map(|(t, c)| (t, self.tfidf(t, c)))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(SIMILAR_TERMS);
        let mut dots: HashMap<u32, f32> = HashMap::default();
        for &(t, w) in &terms {
            let p = self.text.postings.get(t);
            for (&other, &packed) in p.docs.iter().zip(p.tfs) {
                if other != doc {
                    let f = tf(packed, Field::Title as usize) + tf(packed, Field::Abstract as usize);
                    *dots.entry(other).or_insert(0.0) += w * self.tfidf(t, f);
                }
            }
        }
        let own = self.derived.tfidf_norm[doc as usize].max(f32::MIN_POSITIVE);
        let mut scored: Vec<(u32, f32)> = dots
            .into_iter()
            .map(|(d, dot)| (d, dot / (own * self.derived.tfidf_norm[d as usize].max(f32::MIN_POSITIVE))))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(k);
        scored
    }
}
