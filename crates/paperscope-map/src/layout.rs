//! The 2D layout: UMAP's (McInnes, Healy and Melville 2018) fuzzy graph of each paper's nearest neighbours,
//! laid out by stochastic gradient descent with negative sampling, started from the space's first two
//! dimensions. Written here rather than taken from a crate because the map must be the same for the same
//! corpus: `umap-rs` draws its samples from an unseeded generator on several threads at once, and
//! `annembed` needs LAPACK; this one is seeded and runs on one thread.

use rand::{RngExt, SeedableRng};

use crate::Space;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Neighbours per paper in the graph (the first of each paper's nearest).
    pub neighbours: usize,
    /// Epochs of gradient descent.
    pub epochs: usize,
    /// Negative samples per positive one.
    pub negative_rate: usize,
    /// The curve `1 / (1 + a d^2b)` that says how near two placed papers are: UMAP's fit for its defaults,
    /// `min_dist` 0.1 and `spread` 1.
    pub a: f32,
    pub b: f32,
    pub seed: u64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams { neighbours: 15, epochs: 200, negative_rate: 5, a: 1.577, b: 0.8951, seed: 0x6d61_7032 }
    }
}

/// One edge of the fuzzy graph: two papers and how strongly they belong together.
struct Edge {
    a: u32,
    b: u32,
    weight: f32,
}

/// Each paper's place in the unit square, from its nearest neighbours (`neighbours[i]`: paper `i`'s, best
/// first, by cosine). Papers with no neighbours stay where the space's first two dimensions put them.
pub fn layout(space: &Space, neighbours: &[Vec<(u32, f32)>], params: &LayoutParams) -> Vec<[f32; 2]> {
    let n = neighbours.len();
    let edges = fuzzy_graph(neighbours, params.neighbours);
    let mut at = initial(space, n);
    optimize(&mut at, &edges, params);
    normalize(&mut at);
    at
}

/// Each paper's membership strengths to its neighbours (distances `1 - cosine`, smoothed so that each
/// paper's strengths sum to `log2(k)`), made symmetric by the fuzzy union `a + b - ab`.
fn fuzzy_graph(neighbours: &[Vec<(u32, f32)>], k: usize) -> Vec<Edge> {
    let target = (k.max(2) as f32).log2();
    let mut directed: Vec<(u32, u32, f32)> = Vec::new();
    for (i, list) in neighbours.iter().enumerate() {
        let dists: Vec<(u32, f32)> = list.iter().take(k).map(|&(j, c)| (j, (1.0 - c).max(0.0))).collect();
        let rho = dists.iter().map(|&(_, d)| d).find(|&d| d > 0.0).unwrap_or(0.0);
        let strength = |sigma: f32, d: f32| (-((d - rho).max(0.0)) / sigma).exp();
        // The bandwidth by bisection: strengths summing to log2(k).
        let (mut lo, mut hi, mut sigma) = (0.0f32, f32::INFINITY, 1.0f32);
        for _ in 0..64 {
            let sum: f32 = dists.iter().map(|&(_, d)| strength(sigma, d)).sum();
            if (sum - target).abs() < 1e-5 {
                break;
            }
            if sum > target {
                hi = sigma;
                sigma = (lo + hi) / 2.0;
            } else {
                lo = sigma;
                sigma = if hi.is_finite() { (lo + hi) / 2.0 } else { sigma * 2.0 };
            }
        }
        let sigma = sigma.max(1e-3);
        directed.extend(dists.iter().map(|&(j, d)| (i as u32, j, strength(sigma, d))));
    }
    // Both directions of each pair together: (low, high) order, then the union of the two strengths.
    let mut pairs: Vec<(u32, u32, f32, bool)> =
        directed.into_iter().map(|(i, j, w)| if i < j { (i, j, w, true) } else { (j, i, w, false) }).collect();
    pairs.sort_unstable_by_key(|x| (x.0, x.1));
    let mut edges = Vec::with_capacity(pairs.len());
    for run in pairs.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (mut ab, mut ba) = (0.0f32, 0.0f32);
        for &(_, _, w, forward) in run {
            if forward {
                ab = ab.max(w);
            } else {
                ba = ba.max(w);
            }
        }
        let weight = ab + ba - ab * ba;
        if weight > 0.0 && run[0].0 != run[0].1 {
            // Both ways, as UMAP's symmetric graph has them: each end is pulled, and pushed from others, in turn.
            edges.push(Edge { a: run[0].0, b: run[0].1, weight });
            edges.push(Edge { a: run[0].1, b: run[0].0, weight });
        }
    }
    edges
}

/// The start: the space's first two dimensions (its strongest directions), spread over a 10 × 10 square.
fn initial(space: &Space, n: usize) -> Vec<[f32; 2]> {
    let mut at: Vec<[f32; 2]> = (0..n as u32)
        .map(|i| {
            let v = space.doc(i);
            [v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0)]
        })
        .collect();
    normalize(&mut at);
    at.iter_mut().for_each(|p| *p = [p[0] * 10.0, p[1] * 10.0]);
    at
}

/// UMAP's optimisation: each edge pulls its two papers together as often as its weight says (the strongest
/// every epoch), and each pull pushes the first paper away from a few papers drawn at random; the step
/// shrinks to nothing over the epochs.
fn optimize(at: &mut [[f32; 2]], edges: &[Edge], params: &LayoutParams) {
    let n = at.len();
    if edges.is_empty() || n < 2 {
        return;
    }
    let max_w = edges.iter().map(|e| e.weight).fold(0.0f32, f32::max);
    let epochs = params.epochs.max(1);
    // How many epochs apart each edge is sampled; an edge too weak for even one sample is left out.
    let every: Vec<f32> = edges.iter().map(|e| max_w / e.weight).collect();
    let every_negative: Vec<f32> = every.iter().map(|e| e / params.negative_rate.max(1) as f32).collect();
    let mut next: Vec<f32> = every.clone();
    let mut next_negative: Vec<f32> = every_negative.clone();
    let (a, b) = (params.a, params.b);
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(params.seed);
    let clip = |g: f32| g.clamp(-4.0, 4.0);
    for epoch in 0..epochs {
        let alpha = 1.0 - epoch as f32 / epochs as f32;
        let now = epoch as f32;
        for (e, edge) in edges.iter().enumerate() {
            if next[e] > now || every[e] > epochs as f32 {
                continue;
            }
            let (i, j) = (edge.a as usize, edge.b as usize);
            let (dx, dy) = (at[i][0] - at[j][0], at[i][1] - at[j][1]);
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 {
                let coeff = -2.0 * a * b * d2.powf(b - 1.0) / (1.0 + a * d2.powf(b));
                let (gx, gy) = (clip(coeff * dx) * alpha, clip(coeff * dy) * alpha);
                at[i][0] += gx;
                at[i][1] += gy;
                at[j][0] -= gx;
                at[j][1] -= gy;
            }
            next[e] += every[e];
            let negatives = ((now - next_negative[e]) / every_negative[e]).max(0.0) as usize;
            for _ in 0..negatives {
                let k = rng.random_range(0..n);
                if k == i {
                    continue;
                }
                let (dx, dy) = (at[i][0] - at[k][0], at[i][1] - at[k][1]);
                let d2 = dx * dx + dy * dy;
                let (gx, gy) = if d2 > 0.0 {
                    let coeff = 2.0 * b / ((0.001 + d2) * (1.0 + a * d2.powf(b)));
                    (clip(coeff * dx), clip(coeff * dy))
                } else {
                    (4.0, 4.0)
                };
                at[i][0] += gx * alpha;
                at[i][1] += gy * alpha;
            }
            next_negative[e] += negatives as f32 * every_negative[e];
        }
    }
}

/// Scales the places into the unit square, keeping the aspect (a paper's place stays in 0..=1 on both axes).
fn normalize(at: &mut [[f32; 2]]) {
    let mins = [0, 1].map(|c| at.iter().map(|p| p[c]).filter(|x| x.is_finite()).fold(f32::INFINITY, f32::min));
    let maxs = [0, 1].map(|c| at.iter().map(|p| p[c]).filter(|x| x.is_finite()).fold(f32::NEG_INFINITY, f32::max));
    let span = (maxs[0] - mins[0]).max(maxs[1] - mins[1]);
    // No finite place at all makes the span infinite; one place for all makes it zero.
    if !span.is_finite() || span <= 0.0 {
        at.iter_mut().for_each(|p| *p = [0.5, 0.5]);
        return;
    }
    for p in at.iter_mut() {
        for c in 0..2 {
            let x = if p[c].is_finite() { p[c] } else { mins[c] };
            // Centred on the shorter axis.
            let offset = (span - (maxs[c] - mins[c])) / 2.0;
            p[c] = ((x - mins[c] + offset) / span).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{nearest_all, Params};

    #[test]
    fn two_subjects_land_apart_and_the_same_corpus_gives_the_same_map() {
        let mut papers = Vec::new();
        for i in 0..200 {
            let words = if i % 2 == 0 {
                ["protein", "folding", "enzyme", "residue", "binding", "molecule"]
            } else {
                ["galaxy", "telescope", "quasar", "redshift", "orbit", "cosmic"]
            };
            papers.push((0..4).map(|j| words[(i / 2 + j * (1 + i % 3)) % 6].to_string()).collect::<Vec<_>>());
        }
        let space = Space::build(&papers, &Params { dims: 4, ..Params::default() });
        let near = nearest_all(&space, 15);
        let params = LayoutParams { epochs: 100, ..LayoutParams::default() };
        let at = layout(&space, &near, &params);
        assert_eq!(at.len(), papers.len());
        assert!(at.iter().all(|p| (0.0..=1.0).contains(&p[0]) && (0.0..=1.0).contains(&p[1])));
        // Each paper's nearest placed paper is of its subject.
        let nearest_on_map = |i: usize| {
            (0..at.len())
                .filter(|&j| j != i)
                .min_by(|&x, &y| {
                    let d = |j: usize| (at[i][0] - at[j][0]).powi(2) + (at[i][1] - at[j][1]).powi(2);
                    d(x).total_cmp(&d(y))
                })
                .unwrap_or(i)
        };
        let same = (0..at.len()).filter(|&i| nearest_on_map(i) % 2 == i % 2).count();
        assert!(same >= at.len() * 95 / 100, "{same} of {}", at.len());
        assert_eq!(at, layout(&space, &near, &params), "deterministic");
    }

    #[test]
    fn nothing_to_lay_out_is_no_panic() {
        let space = Space::build(&[], &Params::default());
        assert!(layout(&space, &[], &LayoutParams::default()).is_empty());
        let papers = vec![vec!["x".to_string()]; 3];
        let space = Space::build(&papers, &Params::default());
        let at = layout(&space, &nearest_all(&space, 15), &LayoutParams::default());
        assert_eq!(at, vec![[0.5, 0.5]; 3]);
    }
}
