//! The map file, `corpus.map` beside `corpus.json`: everything the page needs to draw the map and search
//! by meaning, quantised: each paper's place (two u16), its region at each zoom level, the regions'
//! centres, sizes and labels, and the semantic space (the vocabulary with its weights and projection), one
//! signed byte per number with a scale per row. Each paper's vector is not in it: the reader folds them from
//! the search index ([`crate::Vectors`]).
//!
//! Layout: `"PSMAP\0\0\0"` | format (u32 LE) | the body, serialised by `postcard` | CRC-32 of everything
//! before it (u32 LE). The body names how many papers it was built for and a hash of their ids, so a map of
//! another corpus is refused, and every count and index is checked after reading: a damaged or hostile file
//! is an error that says what, never a panic.

use std::fmt;

#[cfg(feature = "build")]
use paperscope_corpus::Paper;
use serde::{Deserialize, Serialize};

#[cfg(feature = "build")]
use crate::{Clusters, Space};

const MAGIC: &[u8; 8] = b"PSMAP\0\0\0";
/// Bump when the layout of the body changes. 2: places as fixed-width bytes. 3: no paper vectors (folded
/// from the index by the reader).
pub const MAP_FORMAT: u32 = 3;

/// The map file that goes with a corpus file: `corpus.json` -> `corpus.map`.
pub fn map_file_name(corpus: &str) -> String {
    format!("{}.map", corpus.strip_suffix(".json").unwrap_or(corpus))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapFile {
    pub papers: u32,
    /// CRC-32 of the papers' ids, each followed by a newline.
    pub ids_hash: u32,
    /// Each paper's place: `x` and `y` in `0..=u16::MAX` (left to right, top to bottom), stored as four bytes
    /// a paper (a variable-length integer would take up to six).
    #[serde(with = "places")]
    pub positions: Vec<[u16; 2]>,
    /// Regions, the whole map's first.
    pub levels: Vec<Level>,
    pub space: StoredSpace,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// Each paper's region.
    pub of: Vec<u16>,
    pub centres: Vec<[u16; 2]>,
    pub sizes: Vec<u32>,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSpace {
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
    /// `terms × dims`.
    pub projection: Quantized,
}

/// Places as one byte string: `x` then `y` of each paper, little-endian u16s.
mod places {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(places: &[[u16; 2]], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = places.iter().flatten().flat_map(|c| c.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    struct Bytes;

    impl Visitor<'_> for Bytes {
        type Value = Vec<[u16; 2]>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("places as bytes, four a paper")
        }

        fn visit_bytes<E: Error>(self, b: &[u8]) -> Result<Self::Value, E> {
            if !b.len().is_multiple_of(4) {
                return Err(E::custom(format!("{} bytes of places is not four a paper", b.len())));
            }
            let at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
            Ok(b.chunks_exact(4).enumerate().map(|(p, _)| [at(p * 4), at(p * 4 + 2)]).collect())
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u16; 2]>, D::Error> {
        d.deserialize_bytes(Bytes)
    }
}

/// Rows of numbers as signed bytes, each row with its scale: value ≈ byte × scale / 127.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantized {
    pub dims: u16,
    pub scales: Vec<f32>,
    pub values: Vec<i8>,
}

impl Quantized {
    pub(crate) fn of(rows: &[f32], dims: usize) -> Quantized {
        let mut scales = Vec::new();
        let mut values = Vec::with_capacity(rows.len());
        for row in rows.chunks_exact(dims.max(1)) {
            let scale = row.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            scales.push(scale);
            values.extend(row.iter().map(|&x| if scale > 0.0 { (x / scale * 127.0).round() as i8 } else { 0 }));
        }
        Quantized { dims: dims as u16, scales, values }
    }

    pub fn rows(&self) -> usize {
        self.scales.len()
    }

    /// Row `i` as numbers again.
    pub fn row(&self, i: usize) -> Vec<f32> {
        let d = usize::from(self.dims);
        let scale = self.scales.get(i).copied().unwrap_or(0.0) / 127.0;
        self.values.get(i * d..(i + 1) * d).map_or_else(Vec::new, |r| r.iter().map(|&v| f32::from(v) * scale).collect())
    }
}

/// Why a map file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapFileError {
    NotAMap,
    OtherFormat { found: u32 },
    Checksum,
    Damaged(String),
    OtherCorpus { file_papers: usize, papers: usize },
    Inconsistent(&'static str),
}

impl fmt::Display for MapFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapFileError::NotAMap => write!(f, "not a Paperscope map file"),
            MapFileError::OtherFormat { found } => {
                write!(f, "written in map format {found}, and this Paperscope reads format {MAP_FORMAT}; rebuild it")
            }
            MapFileError::Checksum => write!(f, "damaged (its checksum does not match)"),
            MapFileError::Damaged(e) => write!(f, "damaged: {e}"),
            MapFileError::OtherCorpus { file_papers, papers } if file_papers != papers => {
                write!(f, "built for a corpus of {file_papers} papers, not this one of {papers}; rebuild it")
            }
            MapFileError::OtherCorpus { .. } => {
                write!(f, "built for another corpus (the paper ids differ); rebuild it")
            }
            MapFileError::Inconsistent(what) => write!(f, "damaged: {what}"),
        }
    }
}

pub(crate) fn ids_hash<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for id in ids {
        h.update(id.as_ref().as_bytes());
        h.update(b"\n");
    }
    h.finalize()
}

pub(crate) fn quantize_place(x: f32) -> u16 {
    (x.clamp(0.0, 1.0) * f32::from(u16::MAX)).round() as u16
}

impl MapFile {
    /// The map of these papers, with the default parameters: the space, every paper's neighbours, the
    /// layout, the regions at each zoom level.
    #[cfg(feature = "build")]
    pub fn build(papers: &[Paper]) -> MapFile {
        use crate::{cluster, layout, levels, nearest_all, paper_words, terms, LayoutParams, Params, Words};
        let tokenizer = paperscope_search::tokenize::Tokenizer::default();
        let words: Vec<Vec<(String, String)>> = papers.iter().map(|p| paper_words(&tokenizer, p)).collect();
        let space = Space::build(&words.iter().map(|w| terms(w)).collect::<Vec<_>>(), &Params::default());
        let near = nearest_all(&space, LayoutParams::default().neighbours);
        let at = layout(&space, &near, &LayoutParams::default());
        let words = Words::new(&words);
        let clusters: Vec<Clusters> = levels(papers.len()).into_iter().map(|k| cluster(&at, k, &words, 1)).collect();
        MapFile::from_parts(papers, space, &at, clusters)
    }

    /// The file of a map built in steps (see [`MapFile::build`]).
    #[cfg(feature = "build")]
    pub fn from_parts(papers: &[Paper], space: Space, at: &[[f32; 2]], clusters: Vec<Clusters>) -> MapFile {
        let levels = clusters
            .into_iter()
            .map(|c| Level {
                of: c.of.iter().map(|&o| o as u16).collect(),
                centres: c.centres.iter().map(|p| [quantize_place(p[0]), quantize_place(p[1])]).collect(),
                sizes: c.sizes,
                labels: c.labels,
            })
            .collect();
        MapFile {
            papers: papers.len() as u32,
            ids_hash: ids_hash(papers.iter().map(|p| &p.id)),
            positions: at.iter().map(|p| [quantize_place(p[0]), quantize_place(p[1])]).collect(),
            levels,
            space: StoredSpace {
                projection: Quantized::of(&space.projection, space.dims),
                terms: space.terms,
                idf: space.idf,
            },
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&MAP_FORMAT.to_le_bytes());
        // Plain data always serialises.
        out.extend(postcard::to_allocvec(self).unwrap_or_default());
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Reads a map file for `papers` papers with these ids (in order), or says why it cannot be used.
    pub fn read<S: AsRef<str>>(
        bytes: &[u8],
        papers: usize,
        ids: impl IntoIterator<Item = S>,
    ) -> Result<MapFile, MapFileError> {
        if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(MapFileError::NotAMap);
        }
        let format = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if format != MAP_FORMAT {
            return Err(MapFileError::OtherFormat { found: format });
        }
        let (body, crc) = bytes.split_at(bytes.len() - 4);
        if crc32fast::hash(body) != u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]) {
            return Err(MapFileError::Checksum);
        }
        let map: MapFile = postcard::from_bytes(&body[12..]).map_err(|e| MapFileError::Damaged(e.to_string()))?;
        if map.papers as usize != papers || map.ids_hash != ids_hash(ids) {
            return Err(MapFileError::OtherCorpus { file_papers: map.papers as usize, papers });
        }
        map.check()?;
        Ok(map)
    }

    /// Every count and index agrees with the others.
    pub(crate) fn check(&self) -> Result<(), MapFileError> {
        let n = self.papers as usize;
        let bad = |ok: bool, what: &'static str| if ok { Ok(()) } else { Err(MapFileError::Inconsistent(what)) };
        bad(self.positions.len() == n, "the places are not one per paper")?;
        for level in &self.levels {
            let k = level.centres.len();
            bad(level.of.len() == n, "a level's regions are not one per paper")?;
            bad(level.sizes.len() == k && level.labels.len() == k, "a level's regions disagree in number")?;
            bad(level.of.iter().all(|&o| usize::from(o) < k), "a paper is in a region that does not exist")?;
        }
        let s = &self.space;
        let p = &s.projection;
        bad(s.idf.len() == s.terms.len(), "the vocabulary's weights are not one per term")?;
        bad(
            p.rows() == s.terms.len() && p.values.len() == s.terms.len() * usize::from(p.dims),
            "the projection is not one row per term",
        )?;
        bad(p.scales.iter().chain(&s.idf).all(|x| x.is_finite()), "a number is not finite")
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    fn read(bytes: &[u8], papers: &[Paper]) -> Result<MapFile, MapFileError> {
        MapFile::read(bytes, papers.len(), papers.iter().map(|p| &p.id))
    }

    fn papers() -> Vec<Paper> {
        (0..120).map(crate::fixtures::paper).collect()
    }

    #[test]
    fn a_map_file_round_trips_and_refuses_what_is_not_its_own() {
        let papers = papers();
        let map = MapFile::build(&papers);
        assert_eq!(map.positions.len(), 120);
        assert_eq!(map.levels.len(), 3);
        let bytes = map.to_bytes();
        assert_eq!(read(&bytes, &papers), Ok(map.clone()));
        assert_eq!(map_file_name("dist/data/corpus.json"), "dist/data/corpus.map");
        // Another corpus, a damaged byte, another format, not a map at all.
        let mut other = papers.clone();
        other[3].id = "q3".into();
        assert_eq!(read(&bytes, &other), Err(MapFileError::OtherCorpus { file_papers: 120, papers: 120 }));
        assert!(matches!(read(&bytes, &papers[..10]), Err(MapFileError::OtherCorpus { .. })));
        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 1;
        assert_eq!(read(&damaged, &papers), Err(MapFileError::Checksum));
        let mut newer = bytes.clone();
        newer[8] = 9;
        assert_eq!(read(&newer, &papers), Err(MapFileError::OtherFormat { found: 9 }));
        assert_eq!(read(b"{\"papers\": []}", &papers), Err(MapFileError::NotAMap));
        assert_eq!(read(&bytes[..bytes.len() / 2], &papers), Err(MapFileError::Checksum));
        // A file whose checksum is right but whose counts disagree (written by hand to hurt) is refused too.
        let mut liar = map.clone();
        liar.levels[0].of[5] = 999;
        assert_eq!(
            read(&liar.to_bytes(), &papers),
            Err(MapFileError::Inconsistent("a paper is in a region that does not exist"))
        );
        let mut short = map;
        short.space.projection.values.pop();
        assert_eq!(
            read(&short.to_bytes(), &papers),
            Err(MapFileError::Inconsistent("the projection is not one row per term"))
        );
    }

    #[test]
    fn hostile_bodies_with_a_right_checksum_are_errors_not_panics() {
        use rand::{RngExt, SeedableRng};
        let papers = papers();
        let good = MapFile::build(&papers).to_bytes();
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
        for round in 0..300 {
            // A valid header, then a body: random bytes, or the real one with bytes changed or cut.
            let mut body: Vec<u8> = if round % 2 == 0 {
                (0..rng.random_range(0..400)).map(|_| rng.random()).collect()
            } else {
                let mut b = good[12..good.len() - 4].to_vec();
                for _ in 0..3 {
                    let at = rng.random_range(0..b.len());
                    b[at] = rng.random();
                }
                b.truncate(rng.random_range(0..=b.len()));
                b
            };
            let mut bytes = good[..12].to_vec();
            bytes.append(&mut body);
            let crc = crc32fast::hash(&bytes);
            bytes.extend_from_slice(&crc.to_le_bytes());
            if let Ok(map) = read(&bytes, &papers) {
                assert!(map.check().is_ok());
            }
        }
    }

    #[test]
    fn quantised_vectors_keep_their_neighbours() {
        let papers = papers();
        let map = MapFile::build(&papers);
        let vectors = crate::Vectors::fold(&map.space, &paperscope_search::Index::build(papers.clone()));
        let docs = vectors.rows();
        // The nearest by the stored bytes is of the paper's subject.
        for i in (0..papers.len()).step_by(7) {
            let me = docs.row(i);
            let best = (0..papers.len())
                .filter(|&j| j != i)
                .max_by(|&a, &b| {
                    let dot = |j: usize| docs.row(j).iter().zip(&me).map(|(x, y)| x * y).sum::<f32>();
                    dot(a).total_cmp(&dot(b)).then(b.cmp(&a))
                })
                .unwrap_or(i);
            assert_eq!(best % 2, i % 2, "paper {i}");
        }
    }
}
