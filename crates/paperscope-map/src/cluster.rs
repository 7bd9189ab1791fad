//! Regions of the map: the placed papers grouped by k-means in the plane (so that a cluster is one region
//! on the screen, its label at its centre), at a few zoom levels, each cluster labelled by the words that
//! set it apart (class-based TF-IDF: common in the cluster, rare elsewhere).

use std::collections::HashMap;

use rand::{RngExt, SeedableRng};

/// Clusters of one zoom level.
#[derive(Debug, Clone, PartialEq)]
pub struct Clusters {
    /// Each paper's cluster.
    pub of: Vec<u32>,
    /// Each cluster's centre in the plane, size and label.
    pub centres: Vec<[f32; 2]>,
    pub sizes: Vec<u32>,
    pub labels: Vec<String>,
}

/// How many clusters each zoom level has for `n` papers: a handful for the whole map, then about four
/// times as many at each closer level, never more than a cluster per 20 papers.
pub fn levels(n: usize) -> Vec<usize> {
    let first = (n / 2500).clamp(4, 12);
    [first, first * 4, first * 16].into_iter().map(|k| k.min(n / 20).max(1)).collect::<Vec<_>>()
}

/// The papers' words, counted once for every level's labels: each paper's distinct terms (as ids), how many
/// papers have each term, and each term's most used spelling.
pub struct Words {
    spelled: Vec<String>,
    papers: Vec<Vec<u32>>,
    everywhere: Vec<u32>,
}

impl Words {
    /// From each paper's `(term, surface)` pairs (see [`crate::paper_words`]).
    pub fn new(words: &[Vec<(String, String)>]) -> Words {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut spellings: Vec<HashMap<&str, u32>> = Vec::new();
        let mut papers = Vec::with_capacity(words.len());
        for paper in words {
            let mut mine: Vec<u32> = Vec::with_capacity(paper.len());
            for (term, surface) in paper {
                let id = *ids.entry(term).or_insert_with(|| {
                    spellings.push(HashMap::new());
                    spellings.len() as u32 - 1
                });
                *spellings[id as usize].entry(surface).or_insert(0) += 1;
                mine.push(id);
            }
            mine.sort_unstable();
            mine.dedup();
            papers.push(mine);
        }
        let mut everywhere = vec![0u32; spellings.len()];
        papers.iter().flatten().for_each(|&t| everywhere[t as usize] += 1);
        let spelled = spellings
            .iter()
            .map(|s| {
                s.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(s, _)| s.to_string()).unwrap_or_default()
            })
            .collect();
        Words { spelled, papers, everywhere }
    }
}

/// `k` clusters of the places `at` (k-means, seeded k-means++ start, a fixed number of rounds), labelled
/// from the papers' words.
pub fn cluster(at: &[[f32; 2]], k: usize, words: &Words, seed: u64) -> Clusters {
    let (of, centres) = kmeans(at, k, seed);
    let mut sizes = vec![0u32; centres.len()];
    of.iter().for_each(|&c| sizes[c as usize] += 1);
    let labels = label(&of, &sizes, words, 3);
    Clusters { of, centres, sizes, labels }
}

fn dist2(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Lloyd's k-means from a k-means++ start: each paper's cluster and the centres.
fn kmeans(at: &[[f32; 2]], k: usize, seed: u64) -> (Vec<u32>, Vec<[f32; 2]>) {
    let n = at.len();
    let k = k.min(n);
    if k == 0 {
        return (vec![0; n], Vec::new());
    }
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
    let mut centres = vec![at[rng.random_range(0..n)]];
    let mut nearest: Vec<f32> = at.iter().map(|&p| dist2(p, centres[0])).collect();
    while centres.len() < k {
        let total: f64 = nearest.iter().map(|&d| f64::from(d)).sum();
        let next = if total > 0.0 {
            let mut pick = rng.random_range(0.0..total);
            nearest.iter().position(|&d| {
                pick -= f64::from(d);
                pick <= 0.0
            })
        } else {
            None
        };
        let c = at[next.unwrap_or_else(|| rng.random_range(0..n))];
        centres.push(c);
        nearest.iter_mut().zip(at).for_each(|(d, &p)| *d = d.min(dist2(p, c)));
    }
    let mut of = vec![0u32; n];
    for _ in 0..25 {
        let mut moved = false;
        for (o, &p) in of.iter_mut().zip(at) {
            let best = (0..centres.len())
                .min_by(|&a, &b| dist2(p, centres[a]).total_cmp(&dist2(p, centres[b])).then(a.cmp(&b)))
                .unwrap_or(0) as u32;
            moved |= *o != best;
            *o = best;
        }
        let mut sums = vec![[0.0f64; 3]; centres.len()];
        for (&c, &p) in of.iter().zip(at) {
            let s = &mut sums[c as usize];
            s[0] += f64::from(p[0]);
            s[1] += f64::from(p[1]);
            s[2] += 1.0;
        }
        for (c, s) in centres.iter_mut().zip(&sums) {
            if s[2] > 0.0 {
                *c = [(s[0] / s[2]) as f32, (s[1] / s[2]) as f32];
            }
        }
        if !moved {
            break;
        }
    }
    (of, centres)
}

/// Each cluster's label: its `per` most distinctive terms (class-based TF-IDF over the papers that have
/// them: `share in the cluster × ln(1 + papers per cluster / papers with the term)`), each written as its
/// most used spelling, joined by commas.
fn label(of: &[u32], sizes: &[u32], words: &Words, per: usize) -> Vec<String> {
    let mut within: Vec<HashMap<u32, u32>> = vec![HashMap::new(); sizes.len()];
    for (&c, terms) in of.iter().zip(&words.papers) {
        for &t in terms {
            *within[c as usize].entry(t).or_insert(0) += 1;
        }
    }
    let per_cluster = of.len() as f32 / sizes.len().max(1) as f32;
    within
        .iter()
        .zip(sizes)
        .map(|(terms, &size)| {
            let mut scored: Vec<(u32, f32)> = terms
                .iter()
                .filter(|(&t, _)| words.spelled[t as usize].chars().count() > 2)
                .map(|(&t, &n)| {
                    let rarity = (1.0 + per_cluster / words.everywhere[t as usize] as f32).ln();
                    (t, n as f32 / size.max(1) as f32 * rarity)
                })
                .collect();
            let spelled = |t: u32| words.spelled[t as usize].as_str();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(spelled(a.0).cmp(spelled(b.0))));
            scored.iter().take(per).map(|&(t, _)| spelled(t)).collect::<Vec<_>>().join(", ")
        })
        .collect()
}

/// The share of labelled papers whose cluster's most common label is theirs.
pub fn purity(of: &[u32], labels: &[Option<String>]) -> f64 {
    let mut counts: HashMap<(u32, &str), u32> = HashMap::new();
    let mut labelled = 0usize;
    for (&c, l) in of.iter().zip(labels) {
        if let Some(l) = l {
            *counts.entry((c, l.as_str())).or_insert(0) += 1;
            labelled += 1;
        }
    }
    let mut best: HashMap<u32, u32> = HashMap::new();
    for ((c, _), n) in counts {
        let b = best.entry(c).or_insert(0);
        *b = (*b).max(n);
    }
    if labelled == 0 {
        0.0
    } else {
        best.values().map(|&n| n as f64).sum::<f64>() / labelled as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<(String, String)> {
        list.iter().map(|w| (w.trim_end_matches('s').to_string(), w.to_string())).collect()
    }

    #[test]
    fn two_regions_make_two_clusters_labelled_by_their_own_words() {
        let mut at = Vec::new();
        let mut text = Vec::new();
        for i in 0..60 {
            let jitter = (i % 7) as f32 * 0.01;
            if i % 2 == 0 {
                at.push([0.1 + jitter, 0.1]);
                text.push(words(&["proteins", "folding", "model"]));
            } else {
                at.push([0.9, 0.9 - jitter]);
                text.push(words(&["galaxies", "telescope", "model"]));
            }
        }
        let text = Words::new(&text);
        let clusters = cluster(&at, 2, &text, 7);
        assert_eq!(clusters.sizes.iter().sum::<u32>(), 60);
        assert!(clusters.sizes.iter().all(|&s| s == 30), "{:?}", clusters.sizes);
        let of_first = clusters.of[0] as usize;
        assert!(clusters.labels[of_first].contains("proteins") && clusters.labels[of_first].contains("folding"));
        assert!(!clusters.labels[of_first].contains("galaxies"));
        // "model" is everywhere: it tells nothing, so it comes last if at all.
        assert!(clusters.labels[of_first].starts_with("folding") || clusters.labels[of_first].starts_with("proteins"));
        assert_eq!(clusters, cluster(&at, 2, &text, 7), "deterministic");
        let labels: Vec<Option<String>> =
            (0..60).map(|i| Some(if i % 2 == 0 { "bio" } else { "astro" }.to_string())).collect();
        assert_eq!(purity(&clusters.of, &labels), 1.0);
    }

    #[test]
    fn levels_grow_with_the_corpus_and_small_inputs_do_not_panic() {
        assert_eq!(levels(100_000), vec![12, 48, 192]);
        assert_eq!(levels(22_000), vec![8, 32, 128]);
        assert_eq!(levels(100), vec![4, 5, 5]);
        assert!(levels(0).iter().all(|&k| k == 1));
        let empty = cluster(&[], 3, &Words::new(&[]), 1);
        assert!(empty.of.is_empty() && empty.centres.is_empty());
        let one = cluster(&[[0.5, 0.5]], 3, &Words::new(&[words(&["alone"])]), 1);
        assert_eq!((one.of, one.sizes), (vec![0], vec![1]));
    }
}
