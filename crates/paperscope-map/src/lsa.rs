//! Latent semantic analysis: each paper's title and abstract as a TF-IDF vector over a vocabulary of the
//! corpus's informative terms (stemmed as the search reads them), reduced to a few dozen dimensions by a
//! truncated SVD computed with random projections (Halko, Martinsson and Tropp 2011: a random sketch of the
//! matrix's range, sharpened by power iterations, then the SVD of a small matrix). A query or a paper added
//! later is folded into the same space by the same projection.

use std::collections::HashMap;

#[cfg(feature = "build")]
use nalgebra::{DMatrix, SymmetricEigen};
use paperscope_corpus::Paper;
use paperscope_search::tokenize::{is_stopword, Tokenizer};
#[cfg(feature = "build")]
use rand::{RngExt, SeedableRng};

/// How the space is built.
#[cfg(feature = "build")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Dimensions kept.
    pub dims: usize,
    /// The vocabulary: at most this many terms, the most widespread first...
    pub max_terms: usize,
    /// ...each in at least this many papers...
    pub min_df: usize,
    /// ...and in at most this share of them (more common terms tell papers apart no better than stopwords).
    pub max_df_share: f32,
    /// Power iterations of the randomized SVD (each one sharpens the sketch at the cost of two passes).
    pub power_iterations: usize,
    /// Extra sketch dimensions beyond `dims`, dropped at the end.
    pub oversample: usize,
    pub seed: u64,
}

#[cfg(feature = "build")]
impl Default for Params {
    fn default() -> Self {
        Params {
            // On the real papers 64 dimensions place neighbours as well as 128 or 256 (`cargo xtask bench`),
            // in half the bytes of 128.
            dims: 64,
            max_terms: 30_000,
            min_df: 2,
            max_df_share: 0.5,
            power_iterations: 2,
            oversample: 10,
            seed: 0x5eed_0f6d_6170,
        }
    }
}

/// The terms of a paper's words (see [`paper_words`]), as the space reads them.
pub fn terms(words: &[(String, String)]) -> Vec<String> {
    words.iter().map(|(term, _)| term.clone()).collect()
}

/// The words of a paper as the space reads them: the title's twice (a title says what a paper is about
/// more densely than its abstract), then the abstract's; stemmed and folded as the search reads them,
/// without stopwords, numbers or one-letter terms; each as its term and its spelling in the paper (folded:
/// `transformers` for `transform`), which labels show.
pub fn paper_words(tokenizer: &Tokenizer, paper: &Paper) -> Vec<(String, String)> {
    let title = text_words(tokenizer, &paper.title);
    let mut words = title.clone();
    words.extend(title);
    words.extend(text_words(tokenizer, &paper.abstract_text));
    words
}

/// The words of a text as the space reads them (see [`paper_words`]).
pub fn text_words(tokenizer: &Tokenizer, text: &str) -> Vec<(String, String)> {
    tokenizer
        .tokens(text)
        .into_iter()
        .filter(|t| !t.compound && t.term.chars().count() > 1 && !is_stopword(&t.surface))
        .filter(|t| !t.term.chars().all(|c| c.is_ascii_digit()))
        .map(|t| (t.term, t.surface))
        .collect()
}

/// A semantic space: the vocabulary with its weights and projection, and each paper's place in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    /// How many papers it places (some perhaps nowhere: all zeros).
    pub papers: usize,
    pub dims: usize,
    /// The vocabulary, and each term's inverse document frequency.
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
    /// `terms.len() × dims`, row-major: a TF-IDF vector over the vocabulary times this is its place.
    pub projection: Vec<f32>,
    /// `papers × dims`, row-major, each row of unit length (all zeros for a paper with no vocabulary term).
    pub docs: Vec<f32>,
    /// The singular values kept, largest first.
    pub singular: Vec<f32>,
}

/// A sparse matrix by rows: papers × vocabulary, TF-IDF weights, each row of unit length.
#[cfg(feature = "build")]
struct Rows {
    offsets: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f32>,
    n_cols: usize,
}

#[cfg(feature = "build")]
impl Rows {
    fn n_rows(&self) -> usize {
        self.offsets.len() - 1
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        let span = self.offsets[i]..self.offsets[i + 1];
        self.cols[span.clone()].iter().map(|&c| c as usize).zip(self.vals[span].iter().copied())
    }

    /// `self × dense` (`n_cols × l`, row-major): `n_rows × l`, row-major.
    fn times(&self, dense: &[f32], l: usize) -> Vec<f32> {
        let mut out = vec![0.0f32; self.n_rows() * l];
        for (i, row) in out.chunks_exact_mut(l).enumerate() {
            for (c, w) in self.row(i) {
                axpy(row, w, &dense[c * l..(c + 1) * l]);
            }
        }
        out
    }

    /// `selfᵀ × dense` (`n_rows × l`, row-major): `n_cols × l`, row-major.
    fn transpose_times(&self, dense: &[f32], l: usize) -> Vec<f32> {
        let mut out = vec![0.0f32; self.n_cols * l];
        for i in 0..self.n_rows() {
            let from = &dense[i * l..(i + 1) * l];
            for (c, w) in self.row(i) {
                axpy(&mut out[c * l..(c + 1) * l], w, from);
            }
        }
        out
    }
}

/// `y += a × x`.
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// An orthonormal basis of the columns of `m` (`rows × l`, row-major), row-major, by a thin QR.
#[cfg(feature = "build")]
fn orthonormal(m: Vec<f32>, rows: usize, l: usize) -> Vec<f32> {
    let q = DMatrix::from_row_slice(rows, l, &m).qr().q();
    // Column-major `rows × l` transposed is the row-major layout.
    q.transpose().as_slice().to_vec()
}

pub(crate) fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

impl Space {
    /// The space of these papers' terms (see [`terms`]).
    #[cfg(feature = "build")]
    pub fn build(papers: &[Vec<String>], params: &Params) -> Space {
        let n = papers.len();
        // The vocabulary: document frequencies, then the informative terms, most widespread first (ties by
        // the term, so the order never depends on a hash).
        let mut df: HashMap<&str, usize> = HashMap::new();
        for terms in papers {
            let mut seen: Vec<&str> = terms.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t).or_insert(0) += 1;
            }
        }
        let max_df = ((n as f32 * params.max_df_share) as usize).max(params.min_df);
        let mut vocab: Vec<(&str, usize)> =
            df.into_iter().filter(|&(_, d)| d >= params.min_df && d <= max_df).collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        vocab.truncate(params.max_terms);
        let ids: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (t, _))| (*t, i as u32)).collect();
        let terms: Vec<String> = vocab.iter().map(|(t, _)| t.to_string()).collect();
        let idf: Vec<f32> = vocab.iter().map(|&(_, d)| ((n as f32 + 1.0) / (d as f32 + 1.0)).ln() + 1.0).collect();

        let mut rows = Rows { offsets: vec![0], cols: Vec::new(), vals: Vec::new(), n_cols: terms.len() };
        for paper in papers {
            let (cols, vals) = weights(paper.iter().filter_map(|t| ids.get(t.as_str()).copied()), &idf);
            rows.cols.extend(cols);
            rows.vals.extend(vals);
            rows.offsets.push(rows.cols.len());
        }

        let dims = params.dims.min(terms.len()).min(n);
        let l = (dims + params.oversample).min(terms.len()).min(n);
        if l == 0 {
            let docs = Vec::new();
            return Space { papers: n, dims: 0, terms, idf, projection: Vec::new(), docs, singular: Vec::new() };
        }
        // The sketch of the range, sharpened.
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(params.seed);
        let omega: Vec<f32> = (0..terms.len() * l).map(|_| rng.random_range(-1.0f32..1.0)).collect();
        let mut q = orthonormal(rows.times(&omega, l), n, l);
        for _ in 0..params.power_iterations {
            let z = orthonormal(rows.transpose_times(&q, l), terms.len(), l);
            q = orthonormal(rows.times(&z, l), n, l);
        }
        // B = Qᵀ A, kept as Bᵀ (vocabulary × l); its SVD from the eigenvectors of B Bᵀ (l × l).
        let bt = rows.transpose_times(&q, l);
        let mut gram = DMatrix::<f64>::zeros(l, l);
        for row in bt.chunks_exact(l) {
            for i in 0..l {
                let ri = f64::from(row[i]);
                if ri == 0.0 {
                    continue;
                }
                for j in i..l {
                    gram[(i, j)] += ri * f64::from(row[j]);
                }
            }
        }
        for i in 0..l {
            for j in 0..i {
                gram[(i, j)] = gram[(j, i)];
            }
        }
        let eigen = SymmetricEigen::new(gram);
        let mut order: Vec<usize> = (0..l).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]).then(a.cmp(&b)));
        let kept: Vec<(usize, f32)> = order
            .into_iter()
            .take(dims)
            .map(|j| (j, eigen.eigenvalues[j].max(0.0).sqrt() as f32))
            .filter(|&(_, s)| s > 1e-6)
            .collect();
        let dims = kept.len();
        let w = |row: usize, j: usize| eigen.eigenvectors[(row, j)] as f32;
        // V = Bᵀ W Σ⁻¹: each term's place; a paper's place is its row of A V (= Q W Σ).
        let mut projection = vec![0.0f32; terms.len() * dims];
        for (t, row) in bt.chunks_exact(l).enumerate() {
            for (k, &(j, s)) in kept.iter().enumerate() {
                projection[t * dims + k] = (0..l).map(|r| row[r] * w(r, j)).sum::<f32>() / s;
            }
        }
        let mut docs = vec![0.0f32; n * dims];
        for (i, out) in docs.chunks_exact_mut(dims.max(1)).enumerate().take(n) {
            let qi = &q[i * l..(i + 1) * l];
            for (k, &(j, s)) in kept.iter().enumerate() {
                out[k] = (0..l).map(|r| qi[r] * w(r, j)).sum::<f32>() * s;
            }
            normalize(out);
        }
        let singular = kept.iter().map(|&(_, s)| s).collect();
        Space { papers: n, dims, terms, idf, projection, docs, singular }
    }

    /// A paper's place (unit length, or zeros).
    pub fn doc(&self, i: u32) -> &[f32] {
        let d = self.dims;
        self.docs.get(i as usize * d..(i as usize + 1) * d).unwrap_or(&[])
    }

    /// How many papers the space places.
    pub fn len(&self) -> usize {
        self.papers
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Terms (a query's, a new paper's) folded into the space: unit length, or zeros when none is in the
    /// vocabulary.
    pub fn fold(&self, terms: &[String]) -> Vec<f32> {
        let ids: HashMap<&str, u32> = self.terms.iter().enumerate().map(|(i, t)| (t.as_str(), i as u32)).collect();
        let d = self.dims;
        fold(terms.iter().filter_map(|t| ids.get(t.as_str()).copied()), &self.idf, d, |c, w, v| {
            axpy(v, w, &self.projection[c as usize * d..(c as usize + 1) * d])
        })
    }

    /// The `k` papers nearest to `v` by cosine, best first (ties to the lower number), leaving out `skip`.
    /// One pass over every paper.
    pub fn nearest(&self, v: &[f32], k: usize, skip: Option<u32>) -> Vec<(u32, f32)> {
        best(
            (0..self.len() as u32)
                .filter(|&i| Some(i) != skip)
                .map(|i| (i, self.doc(i).iter().zip(v).map(|(a, b)| a * b).sum::<f32>())),
            k,
        )
    }
}

/// A bag of term ids folded into a space of `dims` dimensions: its TF-IDF weights, each term's row of the
/// projection added (`add_row(term, weight, v)`) in the order of the ids, then made of unit length.
pub(crate) fn fold(
    ids: impl Iterator<Item = u32>,
    idf: &[f32],
    dims: usize,
    add_row: impl Fn(u32, f32, &mut [f32]),
) -> Vec<f32> {
    let (cols, vals) = weights(ids, idf);
    let mut v = vec![0.0f32; dims];
    for (c, w) in cols.into_iter().zip(vals) {
        add_row(c, w, &mut v);
    }
    normalize(&mut v);
    v
}

/// The `k` best of scored papers, best first, ties to the lower number.
pub(crate) fn best(scored: impl Iterator<Item = (u32, f32)>, k: usize) -> Vec<(u32, f32)> {
    let mut scored: Vec<(u32, f32)> = scored.collect();
    let by = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if scored.len() > k {
        scored.select_nth_unstable_by(k, by);
        scored.truncate(k);
    }
    scored.sort_by(by);
    scored
}

/// How much a term `count` times in a text weighs before its idf: `1 + ln count` (the space's TF-IDF, and
/// the papers' vectors folded from the index, [`crate::Vectors`]).
pub(crate) fn tf_weight(count: usize) -> f32 {
    1.0 + (count as f32).ln()
}

/// A bag of term ids as TF-IDF weights `(1 + ln tf) × idf`, of unit length, by ascending id.
fn weights(ids: impl Iterator<Item = u32>, idf: &[f32]) -> (Vec<u32>, Vec<f32>) {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for run in ids.chunk_by(|a, b| a == b) {
        cols.push(run[0]);
        vals.push(tf_weight(run.len()) * idf[run[0] as usize]);
    }
    normalize(&mut vals);
    (cols, vals)
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<Vec<String>> {
        texts.iter().map(|t| t.split_whitespace().map(String::from).collect()).collect()
    }

    /// Two subjects, each told in two vocabularies that overlap in some papers: the space puts papers of one
    /// subject together even when they share no word.
    fn two_subjects() -> Vec<Vec<String>> {
        let mut texts = Vec::new();
        for i in 0..30 {
            texts.push(match i % 3 {
                0 => "protein folding structure residue",
                1 => "protein enzyme molecule binding",
                _ => "folding structure enzyme molecule residue binding",
            });
            texts.push(match i % 3 {
                0 => "galaxy star telescope redshift",
                1 => "cosmic survey quasar orbit",
                _ => "galaxy telescope quasar orbit cosmic redshift",
            });
        }
        docs(&texts)
    }

    #[test]
    fn papers_of_one_subject_meet_without_sharing_a_word() {
        let papers = two_subjects();
        let space = Space::build(&papers, &Params { dims: 2, ..Params::default() });
        assert_eq!(space.dims, 2);
        assert_eq!(space.len(), papers.len());
        // Paper 0 ("protein folding structure residue") and 2 ("protein enzyme molecule binding") share
        // "protein"; 0 and a paper of words it never uses ("enzyme molecule binding" is 2's tail) still meet
        // through the bridging papers; the other subject is far.
        let cos = |a: u32, b: u32| space.doc(a).iter().zip(space.doc(b)).map(|(x, y)| x * y).sum::<f32>();
        assert!(cos(0, 2) > 0.9, "{}", cos(0, 2));
        assert!(cos(0, 1).abs() < 0.1, "{}", cos(0, 1));
        let query = space.fold(&["enzyme".to_string()]);
        let near = space.nearest(&query, 5, None);
        assert!(near.iter().all(|&(d, _)| d % 2 == 0), "{near:?}");
        // A query of words the vocabulary lacks is nowhere.
        assert!(space.fold(&["unheard".to_string()]).iter().all(|&x| x == 0.0));
    }

    #[test]
    fn the_same_inputs_give_the_same_space_and_rows_have_unit_length() {
        let papers = two_subjects();
        let params = Params { dims: 3, ..Params::default() };
        let a = Space::build(&papers, &params);
        assert_eq!(a, Space::build(&papers, &params));
        for i in 0..a.len() as u32 {
            let norm: f32 = a.doc(i).iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-4, "{i}: {norm}");
        }
        assert!(a.singular.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn tiny_and_empty_inputs_give_a_small_space_not_a_panic() {
        for papers in [docs(&[]), docs(&[""]), docs(&["alone"]), docs(&["a b", "a b"])] {
            let space = Space::build(&papers, &Params::default());
            assert!(space.dims <= 1, "{papers:?}");
            assert!(space.nearest(&space.fold(&[]), 3, None).len() <= papers.len());
        }
    }
}
