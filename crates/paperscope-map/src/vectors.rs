//! Each paper's vector in the space, folded from the search index rather than carried by the map file: at
//! 100,000 papers the vectors were 6.8 MB of a 9 MB file, and the index the page loads anyway holds what
//! they are made of (how often each term is in each paper's title and abstract). A paper's vector is its
//! words folded into the space as a query's are ([`crate::Atlas::fold_terms`]): its terms' TF-IDF weights
//! (the title counted twice, as [`crate::paper_words`] reads it) times their rows of the projection, of unit
//! length. `paperscope build`, the page, the import worker and the CLI all fold them here, so they hold the
//! same vectors.

use paperscope_search::{tf, Field, Index, TF_BITS};

use crate::file::{Quantized, StoredSpace};
use crate::lsa::{normalize, tf_weight};

/// How many papers a step of [`Vectors::fold_step`] folds: at 100,000 papers ~9 ms of work natively and
/// 20-25 ms in the page (Chromium on a 2-core machine), so a keystroke while the page folds them waits for
/// no more than that; 4,096 a step made 52 ms tasks there, for 0.1 s less in all.
pub const STEP: usize = 2048;

/// The papers' vectors, quantised as the projection is (one signed byte a number, a scale a row); a paper
/// with no vocabulary term has a row of zeros and no place in the space. Folded a step at a time, each step
/// given the index [`Vectors::start`] was.
#[derive(Debug, Clone, PartialEq)]
pub struct Vectors {
    rows: Quantized,
    /// How many papers are folded (the rows, also when the space has no dimension).
    folded: usize,
    /// The vocabulary terms with postings left to fold: each term's number in the space, its id in the
    /// index, where its postings of the papers not yet folded start and how many it has (looked up once
    /// instead of at every step, and dropped once folded, so the steps together read each posting once:
    /// linear in the index).
    terms: Vec<(usize, u32, usize, usize)>,
}

impl Vectors {
    /// Every paper of `index` folded into `space`, at once.
    pub fn fold(space: &StoredSpace, index: &Index) -> Vectors {
        let mut vectors = Vectors::start(space, index);
        while vectors.fold_step(space, index) {}
        vectors
    }

    /// None folded yet: [`Vectors::fold_step`] folds the next papers of `index`.
    pub fn start(space: &StoredSpace, index: &Index) -> Vectors {
        Vectors {
            rows: Quantized { dims: space.projection.dims, scales: Vec::new(), values: Vec::new() },
            folded: 0,
            terms: (space.terms.iter().enumerate())
                .filter_map(|(i, t)| index.term_id(t).map(|id| (i, id, 0, index.postings(id).docs.len())))
                .collect(),
        }
    }

    /// Folds the next [`STEP`] papers; `false` once every paper of the index is folded.
    pub fn fold_step(&mut self, space: &StoredSpace, index: &Index) -> bool {
        let (from, papers) = (self.folded, index.papers().len());
        if from >= papers {
            return false;
        }
        let to = (from + STEP).min(papers);
        let folded = self.fold_papers(space, index, to as u32);
        self.rows.scales.extend(folded.scales);
        self.rows.values.extend(folded.values);
        self.folded = to;
        true
    }

    pub(crate) fn rows(&self) -> &Quantized {
        &self.rows
    }

    /// Paper `doc`'s vector as numbers again, of unit length (zeros, or none past the end, when it has no
    /// place in the space).
    pub(crate) fn unit(&self, doc: usize) -> Vec<f32> {
        let mut v = self.rows.row(doc);
        normalize(&mut v);
        v
    }

    /// How many papers are folded.
    pub fn len(&self) -> usize {
        self.folded
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The papers from the last folded up to `to` folded into the space: one pass over the postings of the
    /// vocabulary's terms (at 100,000 papers, 9.6 million postings), each term's resumed where the last
    /// step left it.
    fn fold_papers(&mut self, space: &StoredSpace, index: &Index, to: u32) -> Quantized {
        let (from, dims) = (self.folded as u32, usize::from(space.projection.dims));
        let n = (to - from) as usize;
        if dims == 0 {
            return Quantized { dims: 0, scales: vec![0.0; n], values: Vec::new() };
        }
        // The weight of every count a posting can give (the title's counted twice), as a query's words weigh.
        let most = 2 * ((1 << TF_BITS[Field::Title as usize]) - 1) + (1 << TF_BITS[Field::Abstract as usize]) - 1;
        let log_tf: Vec<f32> = (0..=most).map(|c| if c == 0 { 0.0 } else { tf_weight(c as usize) }).collect();
        let mut sums = vec![0.0f32; n * dims];
        let mut row = vec![0.0f32; dims];
        for (term, id, next, _) in &mut self.terms {
            let (term, postings) = (*term, index.postings(*id));
            // Postings are by paper: this step's run starts where the last one ended.
            let end = *next + postings.docs.get(*next..).unwrap_or_default().iter().take_while(|&&d| d < to).count();
            let (start, idf) = (*next, space.idf.get(term).copied().unwrap_or(0.0));
            *next = end;
            let (Some(stored), Some(&scale)) =
                (space.projection.values.get(term * dims..(term + 1) * dims), space.projection.scales.get(term))
            else {
                continue;
            };
            let (Some(docs), Some(tfs)) = (postings.docs.get(start..end), postings.tfs.get(start..end)) else {
                continue;
            };
            if docs.is_empty() {
                continue;
            }
            // The term's row as numbers, times its weight: the inner loop is then plain multiply-adds.
            let weight = idf * scale / 127.0;
            for (r, &x) in row.iter_mut().zip(stored) {
                *r = weight * f32::from(x);
            }
            for (&doc, &packed) in docs.iter().zip(tfs) {
                let count = 2 * tf(packed, Field::Title as usize) + tf(packed, Field::Abstract as usize);
                let w = log_tf[count as usize];
                if w == 0.0 || doc < from {
                    continue;
                }
                let at = (doc - from) as usize * dims;
                for (sum, &x) in sums[at..at + dims].iter_mut().zip(&row) {
                    *sum += w * x;
                }
            }
        }
        self.terms.retain(|&(_, _, next, len)| next < len);
        for row in sums.chunks_exact_mut(dims) {
            normalize(row);
        }
        Quantized::of(&sums, dims)
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::{paper_words, terms, Atlas, MapFile};
    use paperscope_corpus::Paper;
    use paperscope_search::tokenize::Tokenizer;

    /// A paper's vector folded from the index is its words folded as a query's are (the title twice, the
    /// abstract, each term's TF-IDF weight), whatever the step that folds it.
    #[test]
    fn vectors_from_the_index_are_the_papers_words_folded() {
        let mut papers: Vec<Paper> = (0..STEP + 30).map(crate::fixtures::paper).collect();
        papers[5].title = "Protein protein folding: folding the enzyme".into();
        papers[9].abstract_text = String::new();
        papers[11] = Paper { id: "none".into(), title: "Zebras".into(), ..Paper::default() };
        let map = MapFile::build(&papers);
        let index = Index::build(papers.clone());
        let atlas = Atlas::folded(map.clone(), &index);
        let vectors = Vectors::fold(&map.space, &index);
        assert_eq!(vectors.len(), papers.len());
        let tokenizer = Tokenizer::default();
        for (i, paper) in papers.iter().enumerate() {
            let words = atlas.fold_terms(&terms(&paper_words(&tokenizer, paper)));
            let row = vectors.rows().row(i);
            let cosine: f32 = row.iter().zip(&words).map(|(a, b)| a * b).sum::<f32>()
                / row.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::MIN_POSITIVE);
            if words.iter().all(|&x| x == 0.0) {
                assert!(row.iter().all(|&x| x == 0.0), "paper {i} has no vocabulary term, so no vector");
            } else {
                assert!(cosine > 0.999, "paper {i}: cosine {cosine}");
            }
        }
        // Folded a step at a time, as the page does, the vectors are the same.
        let mut stepped = Vectors::start(&map.space, &index);
        let mut steps = 0;
        while stepped.fold_step(&map.space, &index) {
            steps += 1;
        }
        assert_eq!((steps, &stepped), (2, &vectors));
        assert!(!stepped.fold_step(&map.space, &index));
    }
}
