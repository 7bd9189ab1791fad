//! Every paper's nearest neighbours in the semantic space, exactly: all pairs by cosine, in cache-sized
//! blocks, on every core. Exact, so the same space gives the same neighbours (an approximate index built in
//! parallel would not), and fast enough: 100,000 papers at 64 dimensions is 6.4 × 10¹¹ multiply-adds, which
//! vectorised f32 arithmetic on two cores does in about a minute (`cargo xtask bench` prints it).

use crate::Space;

/// Papers compared at once: their rows (`QUERY_BLOCK × dims`) and a block of candidates
/// (`DOC_BLOCK × dims`, 256 KB at 64 dimensions) stay in the cache while every pair is scored.
const QUERY_BLOCK: usize = 32;
const DOC_BLOCK: usize = 1024;

/// Each paper's `k` nearest other papers with their cosine, best first (ties to the lower number). A paper
/// with no place in the space (no vocabulary term) has none, and is no one's neighbour.
pub fn nearest_all(space: &Space, k: usize) -> Vec<Vec<(u32, f32)>> {
    let n = space.len();
    if space.dims == 0 {
        return vec![Vec::new(); n];
    }
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).min(n.div_ceil(QUERY_BLOCK).max(1));
    let per = n.div_ceil(threads.max(1)).div_ceil(QUERY_BLOCK).max(1) * QUERY_BLOCK;
    let placed: Vec<bool> = (0..n as u32).map(|i| space.doc(i).iter().any(|&x| x != 0.0)).collect();
    let mut out: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    std::thread::scope(|scope| {
        for (t, chunk) in out.chunks_mut(per).enumerate() {
            let placed = &placed;
            scope.spawn(move || {
                let first = t * per;
                for (b, block) in chunk.chunks_mut(QUERY_BLOCK).enumerate() {
                    nearest_block(space, placed, first + b * QUERY_BLOCK, block, k);
                }
            });
        }
    });
    out
}

/// The neighbours of the papers `first..first + out.len()`.
fn nearest_block(space: &Space, placed: &[bool], first: usize, out: &mut [Vec<(u32, f32)>], k: usize) {
    let (d, n) = (space.dims, space.len());
    let queries: Vec<&[f32]> = (0..out.len()).map(|q| space.doc((first + q) as u32)).collect();
    // Each query's best so far, ascending by score (the weakest first), at most `k`.
    let mut best: Vec<Vec<(f32, u32)>> = vec![Vec::with_capacity(k + 1); out.len()];
    // Each query's scores against the current block of candidates.
    let mut scores = vec![0.0f32; out.len() * DOC_BLOCK];
    for start in (0..n).step_by(DOC_BLOCK) {
        let end = (start + DOC_BLOCK).min(n);
        let block = &space.docs[start * d..end * d];
        // Four queries at a time against each candidate: the candidate's numbers are loaded once for four.
        for (g, group) in queries.chunks(4).enumerate() {
            if let ([a, b, c, e], 0) = (group, d % 8) {
                for (j, doc) in block.chunks_exact(d).enumerate() {
                    let four = dot4([a, b, c, e], doc);
                    for (q, s) in four.into_iter().enumerate() {
                        scores[(g * 4 + q) * DOC_BLOCK + j] = s;
                    }
                }
            } else {
                for (q, query) in group.iter().enumerate() {
                    for (j, doc) in block.chunks_exact(d).enumerate() {
                        scores[(g * 4 + q) * DOC_BLOCK + j] = dot(query, doc);
                    }
                }
            }
        }
        for q in 0..queries.len() {
            if !placed[first + q] {
                continue;
            }
            let kept = &mut best[q];
            for (j, &s) in scores[q * DOC_BLOCK..q * DOC_BLOCK + end - start].iter().enumerate() {
                let j = start + j;
                if j == first + q || !placed[j] {
                    continue;
                }
                // Better than the weakest kept (a tie goes to the lower number, which came first).
                if kept.len() < k || s > kept[0].0 {
                    let at = kept.partition_point(|&(x, _)| x < s);
                    kept.insert(at, (s, j as u32));
                    if kept.len() > k {
                        kept.remove(0);
                    }
                }
            }
        }
    }
    for (o, kept) in out.iter_mut().zip(best) {
        let mut list: Vec<(u32, f32)> = kept.into_iter().map(|(s, j)| (j, s)).collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        *o = list;
    }
}

/// Four dot products with one vector, summed lane by lane as [`dot`] does (so each equals `dot`'s).
fn dot4(q: [&[f32]; 4], x: &[f32]) -> [f32; 4] {
    let mut lanes = [[0.0f32; 8]; 4];
    for (c, xs) in x.chunks_exact(8).enumerate() {
        for (acc, row) in lanes.iter_mut().zip(q) {
            let qs = &row[c * 8..c * 8 + 8];
            for l in 0..8 {
                acc[l] += qs[l] * xs[l];
            }
        }
    }
    lanes.map(|acc| acc.iter().sum())
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight lanes summed apart, so the compiler vectorises the loop.
    let mut lanes = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            lanes[l] += x[l] * y[l];
        }
    }
    lanes.iter().sum::<f32>() + ra.iter().zip(rb).map(|(x, y)| x * y).sum::<f32>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Params;

    #[test]
    fn all_nearest_neighbours_equal_one_search_per_paper() {
        // Enough papers for several blocks and threads, in a few subjects.
        let words: Vec<String> = (0..40).map(|w| format!("word{w}")).collect();
        let papers: Vec<Vec<String>> = (0..2500)
            .map(|i| (0..6).map(|j| words[(i * 7 + j * (i % 5 + 1)) % words.len()].clone()).collect())
            .collect();
        // 16 dimensions take the four-at-a-time path; 6 the one-at-a-time one.
        for dims in [16, 6] {
            check_against_one_by_one(&papers, dims);
        }
    }

    fn check_against_one_by_one(papers: &[Vec<String>], dims: usize) {
        let space = Space::build(papers, &Params { dims, ..Params::default() });
        assert_eq!(space.dims, dims);
        let all = nearest_all(&space, 5);
        assert_eq!(all.len(), papers.len());
        for i in (0..papers.len() as u32).step_by(97) {
            let one = space.nearest(space.doc(i), 5, Some(i));
            let scores = |v: &[(u32, f32)]| v.iter().map(|&(_, s)| (s * 1e4).round() as i64).collect::<Vec<_>>();
            assert_eq!(scores(&all[i as usize]), scores(&one), "paper {i}");
            assert!(all[i as usize].iter().all(|&(j, _)| j != i));
        }
        assert_eq!(all, nearest_all(&space, 5), "the same every time");
    }
}
