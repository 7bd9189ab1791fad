//! A map as the page reads it: each paper's place, the papers near a paper or a text by meaning, the papers
//! inside an area, and the map of a corpus with papers added (placed by their nearest neighbours, as the
//! import worker does), all over the quantised file and the papers' vectors folded from the index, with no
//! linear algebra.

use std::collections::HashMap;

use paperscope_search::tokenize::Tokenizer;
use paperscope_search::url::Area;
use paperscope_search::{Index, SearchMode, MEANING_RESULTS};

use crate::file::{ids_hash, quantize_place, Quantized};
use crate::lsa::{best, fold};
use crate::{terms, text_words, MapFile, Vectors};

/// How many neighbours a paper's place, and the lines drawn from an open paper, come from.
pub const NEIGHBOURS: usize = 10;

/// A read map, with its papers' vectors and its vocabulary looked up by term.
#[derive(Debug, Clone)]
pub struct Atlas {
    map: MapFile,
    vectors: Vectors,
    term_ids: HashMap<String, u32>,
}

impl Atlas {
    /// The map with its papers' vectors, folded from the index of its papers ([`Vectors`]).
    pub fn new(map: MapFile, vectors: Vectors) -> Atlas {
        let term_ids = map.space.terms.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        Atlas { map, vectors, term_ids }
    }

    /// The map with its papers' vectors folded from `index` at once (the page folds them a step at a time).
    pub fn folded(map: MapFile, index: &Index) -> Atlas {
        let vectors = Vectors::fold(&map.space, index);
        Atlas::new(map, vectors)
    }

    pub fn map(&self) -> &MapFile {
        &self.map
    }

    /// How many papers it places.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A paper's place, each coordinate in `0..=1`.
    pub fn place(&self, doc: u32) -> Option<[f32; 2]> {
        self.map.place(doc)
    }

    /// Words folded into the space (unit length, or zeros when none is in the vocabulary).
    pub fn fold_terms(&self, terms: &[String]) -> Vec<f32> {
        let space = &self.map.space;
        let dims = usize::from(space.projection.dims);
        let ids = terms.iter().filter_map(|t| self.term_ids.get(t).copied());
        fold(ids, &space.idf, dims, |c, w, v| add_row(&space.projection, c as usize, w, v))
    }

    /// A text (a query) folded into the space.
    pub fn fold_text(&self, tokenizer: &Tokenizer, text: &str) -> Vec<f32> {
        self.fold_terms(&terms(&text_words(tokenizer, text)))
    }

    /// The `k` papers nearest to `v` by cosine, best first (ties to the lower number), leaving out `skip`
    /// and papers with no place in the space. One pass over every paper.
    pub fn nearest(&self, v: &[f32], k: usize, skip: Option<u32>) -> Vec<(u32, f32)> {
        nearest_among(self.vectors.rows(), v, k, |i| Some(i) != skip)
    }

    /// The papers nearest to a paper by meaning: its similar papers.
    pub fn similar(&self, doc: u32, k: usize) -> Vec<(u32, f32)> {
        self.nearest(&self.vectors.unit(doc as usize), k, Some(doc))
    }

    /// The papers inside an area, ascending.
    pub fn inside(&self, area: &Area) -> Vec<u32> {
        (0..self.len() as u32).filter(|&d| self.place(d).is_some_and(|[x, y]| area.contains(x, y))).collect()
    }

    /// The papers an area and a region (of the coarsest level) leave, both when both are given, ascending;
    /// `None` when neither is: what [`paperscope_search::Request::within`] takes.
    /// A region the map does not have (a link made by hand) is no filter.
    pub fn within(&self, area: Option<Area>, region: Option<u16>) -> Option<Vec<u32>> {
        let regions = self.map.levels.first().map_or(0, |l| l.labels.len());
        let region = region.filter(|&r| usize::from(r) < regions);
        let in_region = |d: u32| region.is_none_or(|r| self.regions(d).first() == Some(&r));
        match (area, region) {
            (None, None) => None,
            (Some(area), _) => Some(self.inside(&area).into_iter().filter(|&d| in_region(d)).collect()),
            (None, Some(_)) => Some((0..self.len() as u32).filter(|&d| in_region(d)).collect()),
        }
    }

    /// The papers nearest to a query by meaning ([`MEANING_RESULTS`] of them), when the mode searches by
    /// meaning and the query has words: what [`paperscope_search::Request::meaning`] takes.
    pub fn meaning(&self, tokenizer: &Tokenizer, query: &str, mode: SearchMode) -> Option<Vec<(u32, f32)>> {
        if mode == SearchMode::Words || query.trim().is_empty() {
            return None;
        }
        Some(self.nearest(&self.fold_text(tokenizer, query), MEANING_RESULTS, None))
    }

    /// The region a paper is in at each level.
    pub fn regions(&self, doc: u32) -> Vec<u16> {
        self.map.regions(doc)
    }
}

impl MapFile {
    /// How many papers it places.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A paper's place, each coordinate in `0..=1`.
    pub fn place(&self, doc: u32) -> Option<[f32; 2]> {
        self.positions.get(doc as usize).map(|p| p.map(|c| f32::from(c) / f32::from(u16::MAX)))
    }

    /// The region a paper is in at each level.
    pub fn regions(&self, doc: u32) -> Vec<u16> {
        self.levels.iter().map(|l| l.of.get(doc as usize).copied().unwrap_or(0)).collect()
    }

    /// The map of the papers `index` holds, which are this map's papers (`old_ids`, their ids in order) with
    /// some added, removed or reordered, as imports leave them: a paper already here keeps its place and
    /// regions; a new one is placed at the mean of its [`NEIGHBOURS`] nearest papers' places among those
    /// (weighted by how near they are), in its nearest paper's regions, each paper's vector folded from
    /// `index`. A new paper with no vocabulary term has no vector, and is placed in the middle of the map.
    /// One pass over the map per new paper.
    pub fn extended(&self, old_ids: &[String], index: &Index) -> MapFile {
        let papers = index.papers();
        let old_doc: HashMap<&str, usize> = old_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        // Each paper's number on this map, for those it has.
        let was: Vec<Option<usize>> =
            papers.ids().map(|id| old_doc.get(id.as_ref()).copied().filter(|&i| i < self.len())).collect();
        let vectors = Vectors::fold(&self.space, index);
        let mut out = MapFile {
            papers: papers.len() as u32,
            ids_hash: ids_hash(papers.ids()),
            positions: Vec::with_capacity(papers.len()),
            levels: self.levels.iter().map(|l| crate::file::Level { of: Vec::new(), ..l.clone() }).collect(),
            space: self.space.clone(),
        };
        for level in &mut out.levels {
            level.sizes.iter_mut().for_each(|s| *s = 0);
        }
        for doc in 0..papers.len() {
            let (position, regions) = match was[doc] {
                Some(i) => (self.positions[i], self.regions(i as u32)),
                None => {
                    let v = vectors.unit(doc);
                    let near: Vec<(u32, f32)> =
                        nearest_among(vectors.rows(), &v, NEIGHBOURS, |j| was[j as usize].is_some())
                            .into_iter()
                            .filter_map(|(j, s)| was[j as usize].map(|i| (i as u32, s)))
                            .collect();
                    self.placed_among(&near)
                }
            };
            out.positions.push(position);
            for (level, region) in out.levels.iter_mut().zip(regions) {
                level.of.push(region);
                if let Some(size) = level.sizes.get_mut(usize::from(region)) {
                    *size += 1;
                }
            }
        }
        out
    }

    /// Where a new paper goes, from its nearest papers: the weighted mean of their places, their best's
    /// regions (the middle of the map, and each level's first region, when it has none).
    fn placed_among(&self, near: &[(u32, f32)]) -> ([u16; 2], Vec<u16>) {
        let weights: f32 = near.iter().map(|&(_, s)| s.max(0.0)).sum();
        let Some(&(first, _)) = near.first().filter(|_| weights > 0.0) else {
            return ([quantize_place(0.5); 2], vec![0; self.levels.len()]);
        };
        let mut at = [0.0f32; 2];
        for &(doc, s) in near {
            let p = self.place(doc).unwrap_or([0.5; 2]);
            at[0] += p[0] * s.max(0.0) / weights;
            at[1] += p[1] * s.max(0.0) / weights;
        }
        (at.map(quantize_place), self.regions(first))
    }
}

/// The `k` rows of `rows` nearest to `v` by cosine among those `keep` keeps, best first (ties to the lower
/// number), leaving out rows of zeros (papers with no place in the space).
fn nearest_among(rows: &Quantized, v: &[f32], k: usize, keep: impl Fn(u32) -> bool) -> Vec<(u32, f32)> {
    if v.iter().all(|&x| x == 0.0) {
        return Vec::new();
    }
    let d = usize::from(rows.dims);
    let scored =
        rows.scales.iter().enumerate().filter(|&(i, &scale)| scale > 0.0 && keep(i as u32)).map(|(i, scale)| {
            let dot: f32 = rows.values[i * d..(i + 1) * d].iter().zip(v).map(|(&a, b)| f32::from(a) * b).sum();
            (i as u32, dot * scale / 127.0)
        });
    best(scored, k)
}

/// `v += w × row c` of quantised rows.
fn add_row(rows: &Quantized, c: usize, w: f32, v: &mut [f32]) {
    let d = usize::from(rows.dims);
    let (Some(row), Some(&scale)) = (rows.values.get(c * d..(c + 1) * d), rows.scales.get(c)) else { return };
    let w = w * scale / 127.0;
    for (v, &x) in v.iter_mut().zip(row) {
        *v += w * f32::from(x);
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::fixtures::paper;
    use paperscope_corpus::Paper;

    fn atlas(papers: &[Paper]) -> Atlas {
        Atlas::folded(MapFile::build(papers), &Index::build(papers.to_vec()))
    }

    #[test]
    fn text_and_papers_find_their_subject() {
        let papers: Vec<Paper> = (0..120).map(paper).collect();
        let atlas = atlas(&papers);
        let tokenizer = Tokenizer::default();
        let near = atlas.nearest(&atlas.fold_text(&tokenizer, "the enzymes"), 10, None);
        assert_eq!(near.len(), 10);
        assert!(near.iter().all(|&(d, _)| d % 2 == 0), "{near:?}");
        assert!(near.windows(2).all(|w| w[0].1 >= w[1].1));
        let similar = atlas.similar(7, 5);
        assert!(similar.iter().all(|&(d, _)| d % 2 == 1 && d != 7), "{similar:?}");
        // Words the space does not know are nowhere, and find nothing.
        assert!(atlas.nearest(&atlas.fold_text(&tokenizer, "zebra"), 10, None).is_empty());
        assert!(atlas.similar(999, 5).is_empty());
    }

    #[test]
    fn an_area_holds_exactly_the_papers_placed_in_it() {
        let papers: Vec<Paper> = (0..120).map(paper).collect();
        let atlas = atlas(&papers);
        let area = Area { x0: 0.2, y0: 0.1, x1: 0.7, y1: 0.9 };
        let inside = atlas.inside(&area);
        assert_eq!(atlas.within(Some(area), None), Some(inside.clone()));
        assert_eq!(atlas.within(None, Some(999)), None, "a region the map lacks is no filter");
        let first = atlas.within(None, Some(0)).unwrap_or_default();
        assert!(!first.is_empty() && first.iter().all(|&d| atlas.regions(d)[0] == 0));
        for d in 0..120u32 {
            let [x, y] = atlas.place(d).unwrap_or_default();
            let expected = (0.2..=0.7).contains(&x) && (0.1..=0.9).contains(&y);
            assert_eq!(inside.binary_search(&d).is_ok(), expected, "paper {d} at {x},{y}");
        }
    }

    #[test]
    fn added_papers_are_placed_beside_their_subject_and_kept_papers_keep_their_place() {
        let old: Vec<Paper> = (0..120).map(paper).collect();
        let atlas = atlas(&old);
        // Imports leave the papers reordered, some gone, some new (of each subject, and one of no known word).
        let mut papers: Vec<Paper> = old[10..].iter().rev().cloned().collect();
        let added = [paper(1000), paper(1001), Paper { id: "x".into(), title: "Zebras".into(), ..Paper::default() }];
        papers.extend(added.iter().cloned());
        let old_ids: Vec<String> = old.iter().map(|p| p.id.clone()).collect();
        let index = Index::build(papers.clone());
        let map = atlas.map().extended(&old_ids, &index);
        let bytes = map.to_bytes();
        let read = Atlas::folded(
            MapFile::read(&bytes, papers.len(), papers.iter().map(|p| &p.id)).expect("the extended map reads back"),
            &index,
        );
        assert_eq!(read.len(), papers.len());
        for (i, p) in papers.iter().enumerate().take(110) {
            let was: usize = p.id[1..].parse().unwrap_or(0);
            assert_eq!(read.place(i as u32), atlas.place(was as u32), "{}", p.id);
            assert_eq!(read.regions(i as u32), atlas.regions(was as u32));
        }
        for level in &read.map().levels {
            assert_eq!(level.sizes.iter().sum::<u32>() as usize, papers.len());
        }
        // Each new paper lies among papers of its subject: its nearest placed neighbour on the map shares it.
        for (offset, subject) in [(110, 0), (111, 1)] {
            let at = read.place(offset).unwrap_or_default();
            let nearest_on_map = (0..110u32)
                .min_by(|&a, &b| {
                    let dist = |d: u32| {
                        let p = read.place(d).unwrap_or_default();
                        (p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2)
                    };
                    dist(a).total_cmp(&dist(b))
                })
                .unwrap_or(0);
            let id: usize = papers[nearest_on_map as usize].id[1..].parse().unwrap_or(0);
            assert_eq!(id % 2, subject, "paper {offset} at {at:?}");
            assert_eq!(read.similar(offset, 3).len(), 3);
        }
        assert_eq!(read.place(112), Some([0.5, 0.5].map(|c: f32| f32::from(quantize_place(c)) / 65535.0)));
        assert!(read.similar(112, 3).is_empty());
    }
}
