//! The hosted data in parts (issue 14): static hosts refuse large files (GitHub Pages over 100 MB,
//! Cloudflare Pages over 25 MiB), and one 185 MB corpus file cannot be fetched in parallel. `paperscope
//! build` writes the corpus as several ordinary corpus documents (each with the whole corpus's header and a
//! run of its papers; their papers in order are the corpus), the index and map files cut into pieces, and a
//! small manifest, `corpus.parts.json`, that the page reads first: every file's name, size and checksum, and
//! the search engine that wrote the index.
//!
//! Pure logic: planning the parts and checking what arrived. Reading and writing files is the CLI's and
//! the page's.

use serde::{Deserialize, Serialize};

use crate::Corpus;

/// Bump when the manifest's meaning changes.
pub const PARTS_FORMAT: u32 = 1;

/// The largest file `paperscope build` writes unless told otherwise: under every common static host's
/// limit (Cloudflare Pages: 25 MiB), and small enough to fetch several at once.
pub const DEFAULT_PART_SIZE: usize = 20 * 1024 * 1024;

/// The smallest part size accepted: a paper's line is a few kilobytes, and thousands of tiny files would
/// cost more in requests than they save.
pub const MIN_PART_SIZE: usize = 64 * 1024;

/// The most files a manifest may list: at the default part size, 80 GiB of data. A manifest from a stranger
/// naming millions of files would otherwise have the page ask for all of them.
pub const MAX_FILES: usize = 4096;

/// The manifest that goes with a corpus file: `corpus.json` -> `corpus.parts.json`.
pub fn parts_file_name(corpus: &str) -> String {
    format!("{}.parts.json", corpus.strip_suffix(".json").unwrap_or(corpus))
}

/// The manifest: what the hosted data is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts {
    pub format: u32,
    /// Papers in the whole corpus.
    pub papers: usize,
    /// The fingerprint of the search engine that wrote the index (hex), so a page with another engine can
    /// skip downloading an index it would refuse.
    pub engine: String,
    /// Corpus documents; each part's `papers` says how many it holds.
    pub corpus: Vec<Part>,
    /// The index file (no parts: no index).
    pub index: Pieces,
    /// The index file of the first corpus document's papers alone (a corpus in several parts). The page
    /// keeps it on the device after a first visit (fetched once the rest has loaded, so it never delays the
    /// first results), and on later visits searches the first part with it instead of indexing it first
    /// (no parts: it always indexes the first part).
    #[serde(default, skip_serializing_if = "Pieces::is_empty")]
    pub first_index: Pieces,
    /// The map file (no parts: no map).
    pub map: Pieces,
    /// Atom feeds of saved searches the build wrote (`feeds/NAME.xml` beside the manifest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feeds: Vec<FeedLink>,
    /// The corpus documents again, compressed by the build (a corpus in several parts): what the page
    /// downloads. Pages that cannot unpack them, and readers of the parts, use `corpus`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed: Option<Packed>,
}

/// Compressed copies of the corpus documents, one for each, in the same order. Hosts compress `.json`
/// with gzip at best; zstd at a high level takes a third less (at 100,000 papers: 38 MiB, from 52), which
/// the page unpacks itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packed {
    /// [`ZSTD`], the only one there is.
    pub encoding: String,
    pub parts: Vec<Part>,
}

/// A feed the site publishes: its name (the file `feeds/NAME.xml`), title, and the explorer view it follows
/// (the page's query string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedLink {
    pub name: String,
    pub title: String,
    pub view: String,
}

impl FeedLink {
    /// Whether `name` can name a feed's file: 1-64 of `a-z`, `0-9`, `-` and `_`.
    pub fn name_ok(name: &str) -> bool {
        (1..=64).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    }

    /// The feed's file, relative to the manifest.
    pub fn file(&self) -> String {
        format!("feeds/{}.xml", self.name)
    }
}

/// A binary file as hosted: its parts, joined in order, are the file, or (with `encoding` `gzip`) its gzip
/// compression. Hosts compress JSON but usually send unknown binary types as they are, so the build
/// compresses these itself (the index of 100,000 papers: 72 MiB as it is, 34 MiB in gzip).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pieces {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The file's size once unpacked: reading stops past it (a small packed file could otherwise unpack into
    /// gigabytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpacked: Option<u64>,
    pub parts: Vec<Part>,
}

/// The encoding of [`Pieces`].
pub const GZIP: &str = "gzip";

/// The encoding of [`Packed`] corpus documents: one zstd frame each.
pub const ZSTD: &str = "zstd";

/// The most a packed corpus document may unpack to, as a multiple of its own size. Papers' JSON packs 3-6
/// times; a manifest claiming far more could have the page unpack a small file into gigabytes, so the plain
/// document is fetched instead (its size then costs the host its own bandwidth).
pub const MAX_PACK_RATIO: u64 = 64;

impl Pieces {
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    pub fn gzip(&self) -> bool {
        self.encoding.as_deref() == Some(GZIP)
    }
}

/// One file of the hosted data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Its name, relative to the manifest.
    pub file: String,
    pub bytes: u64,
    /// XXH3 (64-bit) of its bytes, in hex.
    pub xxh3: String,
    /// The papers in a corpus part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<usize>,
}

impl Part {
    pub fn new(file: String, bytes: &[u8], papers: Option<usize>) -> Part {
        Part { file, bytes: bytes.len() as u64, xxh3: checksum(bytes), papers }
    }

    /// Whether `bytes` are this part as the manifest describes it; otherwise what is wrong (the caller names
    /// the file, as a path or a URL).
    pub fn check(&self, bytes: &[u8]) -> Result<(), String> {
        self.check_hashed(bytes.len() as u64, &checksum(bytes))
    }

    /// Whether a corpus part read into `papers` papers holds as many as the manifest says.
    pub fn check_papers(&self, papers: usize) -> Result<(), String> {
        match self.papers {
            Some(expected) if expected != papers => {
                Err(format!("holds {papers} papers, the site's manifest says {expected}"))
            }
            _ => Ok(()),
        }
    }

    /// [`Part::check`] for bytes counted and hashed as they were read (see [`Checksum`]).
    pub fn check_hashed(&self, bytes: u64, xxh3: &str) -> Result<(), String> {
        if bytes != self.bytes {
            return Err(format!(
                "{bytes} bytes arrived, the manifest says {} (the host may be serving an older or newer build)",
                self.bytes
            ));
        }
        if xxh3 != self.xxh3 {
            return Err(format!("damaged (its checksum is {xxh3}, the manifest says {}); upload it again", self.xxh3));
        }
        Ok(())
    }
}

/// The checksum the manifest keeps for a file.
pub fn checksum(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// A checksum taken piece by piece, for a file read as it streams.
#[derive(Clone, Default)]
pub struct Checksum {
    hasher: xxhash_rust::xxh3::Xxh3,
    bytes: u64,
}

impl Checksum {
    pub fn update(&mut self, piece: &[u8]) {
        self.hasher.update(piece);
        self.bytes += piece.len() as u64;
    }

    /// Bytes seen so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Bytes seen, and their checksum as the manifest writes it.
    pub fn finish(&self) -> (u64, String) {
        (self.bytes, format!("{:016x}", self.hasher.digest()))
    }
}

impl Parts {
    /// Reads a manifest, checking that it is one this page can follow.
    pub fn from_json(text: &str) -> Result<Parts, String> {
        let parts: Parts = serde_json::from_str(text).map_err(|e| format!("not a parts manifest: {e}"))?;
        if parts.format > PARTS_FORMAT {
            return Err(format!(
                "written by a newer Paperscope (parts format {}, this page reads up to {PARTS_FORMAT}); reload the page",
                parts.format
            ));
        }
        if parts.corpus.is_empty() {
            return Err("lists no corpus files".into());
        }
        let files = parts.files().count();
        if files > MAX_FILES {
            return Err(format!("lists {files} files; a site may have at most {MAX_FILES}"));
        }
        let counted = parts.corpus.iter().fold(0usize, |n, p| n.saturating_add(p.papers.unwrap_or(0)));
        if counted != parts.papers {
            return Err(format!("its corpus parts hold {counted} papers, but it says the corpus has {}", parts.papers));
        }
        for pieces in [&parts.index, &parts.first_index, &parts.map] {
            if let Some(other) = pieces.encoding.as_deref().filter(|&e| e != GZIP) {
                return Err(format!("names an encoding this page cannot read: {other:?}"));
            }
            if pieces.gzip() && pieces.unpacked.is_none() {
                return Err("packs a file without saying its unpacked size".into());
            }
        }
        if let Some(packed) = &parts.packed {
            if packed.encoding != ZSTD {
                return Err(format!("names an encoding this page cannot read: {:?}", packed.encoding));
            }
            if packed.parts.len() != parts.corpus.len() {
                return Err(format!("packs {} corpus files, but lists {}", packed.parts.len(), parts.corpus.len()));
            }
        }
        if let Some(feed) = parts.feeds.iter().find(|f| !FeedLink::name_ok(&f.name)) {
            return Err(format!("names a feed it may not: {:?}", feed.name));
        }
        if parts.feeds.len() > MAX_FILES {
            return Err(format!("lists {} feeds; a site may have at most {MAX_FILES}", parts.feeds.len()));
        }
        for part in parts.files() {
            // Names are relative to the manifest: nothing that leaves its folder or names another host.
            if part.file.is_empty() || part.file.contains(['/', '\\', ':', '?', '#']) || part.file.starts_with('.') {
                return Err(format!("names a file it may not: {:?}", part.file));
            }
        }
        Ok(parts)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Every file the manifest names.
    pub fn files(&self) -> impl Iterator<Item = &Part> {
        let packed = self.packed.iter().flat_map(|p| &p.parts);
        let first_index = &self.first_index.parts;
        self.corpus.iter().chain(packed).chain(&self.index.parts).chain(first_index).chain(&self.map.parts)
    }

    /// Corpus document `i` as listed, and its compressed copy when the build made one and it claims no
    /// more than [`MAX_PACK_RATIO`] times its size once unpacked.
    pub fn document(&self, i: usize) -> Option<(&Part, Option<&Part>)> {
        let plain = self.corpus.get(i)?;
        let packed = self.packed.as_ref().and_then(|p| p.parts.get(i));
        Some((plain, packed.filter(|p| plain.bytes <= p.bytes.saturating_mul(MAX_PACK_RATIO))))
    }

    /// The file a page downloads for corpus document `i`: its compressed copy when there is one.
    pub fn fetched(&self, i: usize) -> Option<&Part> {
        self.document(i).map(|(plain, packed)| packed.unwrap_or(plain))
    }

    /// Bytes a page downloads to open the corpus (index and map included when `index`, `map`; the first
    /// part's own index is not: it is fetched once the rest has loaded, for the next visit).
    pub fn total_bytes(&self, index: bool, map: bool) -> u64 {
        fn sum<'a>(parts: impl IntoIterator<Item = &'a Part>) -> u64 {
            parts.into_iter().fold(0u64, |n, p| n.saturating_add(p.bytes))
        }
        let index = if index { sum(&self.index.parts) } else { 0 };
        let map = if map { sum(&self.map.parts) } else { 0 };
        sum((0..self.corpus.len()).filter_map(|i| self.fetched(i))).saturating_add(index).saturating_add(map)
    }
}

/// The size of a split corpus's first part: an eighth of the others (at least [`MIN_PART_SIZE`]), so the
/// page has its first papers to search long before the rest has arrived.
pub fn first_part_size(part_size: usize) -> usize {
    (part_size / 8).max(MIN_PART_SIZE).min(part_size)
}

/// The corpus as documents of at most `part_size` bytes each, the first of at most
/// [`first_part_size`] (a part holds at least one paper, so a single paper longer than that makes a
/// larger part), each an ordinary corpus document with the whole corpus's header; their papers, in order,
/// are the corpus's. One document when it all fits.
pub fn split_corpus(corpus: &Corpus, part_size: usize) -> serde_json::Result<Vec<(String, usize)>> {
    let whole = corpus.to_json()?;
    if whole.len() <= part_size {
        return Ok(vec![(whole, corpus.papers.len())]);
    }
    let empty = Corpus { papers: Vec::new(), ..corpus.clone() }.to_json()?;
    let mut documents = Vec::new();
    let mut start = 0;
    let mut size = empty.len();
    for (i, paper) in corpus.papers.iter().enumerate() {
        // The paper's line: its JSON, the newline and comma around it.
        let line = serde_json::to_string(paper)?.len() + 2;
        let most = if documents.is_empty() { first_part_size(part_size) } else { part_size };
        if i > start && size + line > most {
            documents.push(part_document(corpus, start, i)?);
            start = i;
            size = empty.len();
        }
        size += line;
    }
    documents.push(part_document(corpus, start, corpus.papers.len())?);
    Ok(documents)
}

fn part_document(corpus: &Corpus, start: usize, end: usize) -> serde_json::Result<(String, usize)> {
    let part = Corpus {
        version: corpus.version,
        inputs: corpus.inputs.clone(),
        counts: corpus.counts.clone(),
        papers: corpus.papers[start..end].to_vec(),
    };
    Ok((part.to_json()?, end - start))
}

/// A file's bytes in pieces of at most `part_size` (one piece, possibly empty, when it fits).
pub fn split_bytes(bytes: &[u8], part_size: usize) -> Vec<&[u8]> {
    if bytes.len() <= part_size {
        return vec![bytes];
    }
    bytes.chunks(part_size.max(1)).collect()
}

/// A part size as given on a command line: bytes, or with `KiB`/`MiB`/`KB`/`MB` (`20MiB`, `512KiB`).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: usize = number.parse().map_err(|_| format!("{text:?} is not a size (e.g. 20MiB, 512KiB, 1000000)"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "kb" => 1000,
        "m" | "mib" => 1 << 20,
        "mb" => 1_000_000,
        _ => return Err(format!("{text:?}: unknown unit {unit:?} (use KiB or MiB)")),
    };
    let size = number.checked_mul(scale).ok_or_else(|| format!("{text:?} is too large"))?;
    if size < MIN_PART_SIZE {
        return Err(format!("{text:?} is smaller than the smallest part size, 64KiB"));
    }
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paper;

    fn corpus(n: usize) -> Corpus {
        let papers = (0..n)
            .map(|i| Paper {
                id: format!("p{i}"),
                title: format!("Paper number {i}"),
                abstract_text: "words ".repeat(200 + i % 50),
                ..Paper::default()
            })
            .collect();
        Corpus { version: crate::CORPUS_VERSION, inputs: Vec::new(), counts: Default::default(), papers }
    }

    #[test]
    fn parts_are_ordinary_documents_whose_papers_are_the_corpus() {
        let whole = corpus(300);
        let parts = split_corpus(&whole, 64 * 1024).unwrap();
        assert!(parts.len() > 3, "{}", parts.len());
        // The first part is smaller (an eighth, not under the smallest part size), the others full.
        let sized = split_corpus(&whole, 256 * 1024).unwrap();
        assert_eq!(first_part_size(256 * 1024), 64 * 1024);
        assert!(sized[0].0.len() <= 64 * 1024 && sized[0].0.len() > 60 * 1024, "{}", sized[0].0.len());
        assert!(sized[1].0.len() > 200 * 1024, "{}", sized[1].0.len());
        assert_eq!(first_part_size(20 << 20), 20 << 17);
        let mut papers = Vec::new();
        for (text, count) in &parts {
            assert!(text.len() <= 64 * 1024, "{}", text.len());
            let part = Corpus::from_json(text).unwrap();
            assert_eq!(part.papers.len(), *count);
            assert_eq!(Corpus::from_reader(text.as_bytes()).unwrap().papers, part.papers);
            papers.extend(part.papers);
        }
        assert_eq!(papers, whole.papers);
        // A corpus that fits is one document, the same as the unsplit file.
        let one = split_corpus(&whole, 1 << 30).unwrap();
        assert_eq!(one, vec![(whole.to_json().unwrap(), 300)]);
        // A paper larger than a part is a part of its own, not dropped.
        let mut big = corpus(3);
        big.papers[1].abstract_text = "long ".repeat(40_000);
        let parts = split_corpus(&big, 64 * 1024).unwrap();
        assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), vec![1, 1, 1]);
    }

    #[test]
    fn bytes_split_and_join_again() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let pieces = split_bytes(&bytes, 300);
        assert_eq!(pieces.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![300, 300, 300, 100]);
        assert_eq!(pieces.concat(), bytes);
        assert_eq!(split_bytes(&bytes, 1000).len(), 1);
        assert_eq!(split_bytes(&[], 10), vec![&[] as &[u8]]);
    }

    fn manifest() -> Parts {
        Parts {
            format: PARTS_FORMAT,
            papers: 5,
            engine: "00ff".into(),
            corpus: vec![
                Part::new("corpus.1.json".into(), b"abc", Some(2)),
                Part::new("corpus.2.json".into(), b"de", Some(3)),
            ],
            index: Pieces {
                encoding: Some(GZIP.into()),
                unpacked: Some(10),
                parts: vec![Part::new("corpus.index.1".into(), b"xyz", None)],
            },
            first_index: Pieces {
                encoding: Some(GZIP.into()),
                unpacked: Some(4),
                parts: vec![Part::new("corpus.first.index".into(), b"fi", None)],
            },
            map: Pieces::default(),
            feeds: vec![FeedLink { name: "bandits".into(), title: "Bandits".into(), view: "q=bandit".into() }],
            packed: Some(Packed {
                encoding: ZSTD.into(),
                parts: vec![
                    Part::new("corpus.1.json.zst".into(), b"a", None),
                    Part::new("corpus.2.json.zst".into(), b"d", None),
                ],
            }),
        }
    }

    #[test]
    fn manifests_round_trip_and_check_what_arrives() {
        let parts = manifest();
        assert_eq!(Parts::from_json(&parts.to_json()).unwrap(), parts);
        // The page downloads the packed documents (1 + 1 bytes), not the plain ones (3 + 2).
        assert_eq!(parts.total_bytes(true, true), 5);
        assert_eq!(parts.total_bytes(false, false), 2);
        assert_eq!(parts.fetched(1).map(|p| p.file.as_str()), Some("corpus.2.json.zst"));
        assert_eq!(parts.document(0).map(|(plain, _)| plain.file.as_str()), Some("corpus.1.json"));
        assert_eq!(parts.files().count(), 6);
        assert!(parts.files().any(|p| p.file == "corpus.first.index"));
        let plain = Parts { packed: None, ..parts.clone() };
        assert_eq!(plain.total_bytes(true, true), 8);
        assert_eq!(plain.total_bytes(false, false), 5);
        assert_eq!(plain.fetched(1).map(|p| p.file.as_str()), Some("corpus.2.json"));
        assert_eq!(plain.fetched(2), None);
        // A packed copy claiming to unpack to more than 64 times its size is passed over for the plain one.
        let mut bomb = parts.clone();
        bomb.corpus[1].bytes = MAX_PACK_RATIO + 1;
        assert_eq!(bomb.fetched(1).map(|p| p.file.as_str()), Some("corpus.2.json"));
        assert_eq!(bomb.document(1).map(|(_, packed)| packed), Some(None));
        bomb.corpus[1].bytes = u64::MAX;
        assert_eq!(bomb.total_bytes(false, false), u64::MAX);
        bomb.corpus[1].bytes = MAX_PACK_RATIO;
        assert_eq!(bomb.fetched(1).map(|p| p.file.as_str()), Some("corpus.2.json.zst"));
        // A manifest without `packed` or `first_index` (older builds) reads as one.
        let older = Parts { first_index: Pieces::default(), ..plain.clone() };
        let old = older.to_json();
        assert!(!old.contains("\"packed\"") && !old.contains("first_index"), "{old}");
        assert_eq!(Parts::from_json(&old).unwrap(), older);
        let first = &parts.corpus[0];
        assert!(first.check(b"abc").is_ok());
        assert_eq!(first.check_papers(2), Ok(()));
        assert_eq!(first.check_papers(3), Err("holds 3 papers, the site's manifest says 2".into()));
        let short = first.check(b"ab").unwrap_err();
        assert!(short.starts_with("2 bytes arrived, the manifest says 3"), "{short}");
        let damaged = first.check(b"abd").unwrap_err();
        assert!(damaged.starts_with("damaged (its checksum is"), "{damaged}");
        // Streamed in pieces: the same checksum.
        let mut sum = Checksum::default();
        sum.update(b"a");
        sum.update(b"bc");
        let (bytes, xxh3) = sum.finish();
        assert!(first.check_hashed(bytes, &xxh3).is_ok());
    }

    #[test]
    fn manifests_that_cannot_be_followed_say_why() {
        let mut newer = manifest();
        newer.format = PARTS_FORMAT + 1;
        assert!(Parts::from_json(&newer.to_json()).unwrap_err().contains("newer Paperscope"));
        let mut miscounted = manifest();
        miscounted.papers = 6;
        assert!(Parts::from_json(&miscounted.to_json()).unwrap_err().contains("hold 5 papers"));
        for name in ["../secret.json", "https://evil.example/x", "", ".hidden", "a/b.json"] {
            let mut escaping = manifest();
            escaping.index.parts[0].file = name.into();
            let e = Parts::from_json(&escaping.to_json()).unwrap_err();
            assert!(e.contains("names a file it may not"), "{name}: {e}");
        }
        for name in ["../x", "a/b", "", "UPPER", "x.xml"] {
            let mut feed = manifest();
            feed.feeds[0].name = name.into();
            let e = Parts::from_json(&feed.to_json()).unwrap_err();
            assert!(e.contains("names a feed it may not"), "{name}: {e}");
        }
        let mut many = manifest();
        many.index.parts = vec![many.index.parts[0].clone(); MAX_FILES];
        assert!(Parts::from_json(&many.to_json())
            .unwrap_err()
            .contains("lists 4101 files; a site may have at most 4096"));
        let mut huge = manifest();
        huge.corpus[0].bytes = u64::MAX;
        huge.packed.as_mut().unwrap().parts[0].bytes = u64::MAX;
        huge.corpus[0].papers = Some(usize::MAX);
        huge.papers = usize::MAX;
        let huge = Parts::from_json(&huge.to_json()).unwrap();
        assert_eq!(huge.total_bytes(true, true), u64::MAX);
        let mut packed = manifest();
        packed.first_index.encoding = Some("br".into());
        assert!(Parts::from_json(&packed.to_json()).unwrap_err().contains("encoding this page cannot read: \"br\""));
        let mut escaping = manifest();
        escaping.first_index.parts[0].file = "../corpus.first.index".into();
        assert!(Parts::from_json(&escaping.to_json()).unwrap_err().contains("names a file it may not"));
        let mut packed = manifest();
        packed.map.encoding = Some("br".into());
        assert!(Parts::from_json(&packed.to_json()).unwrap_err().contains("encoding this page cannot read: \"br\""));
        let mut packed = manifest();
        packed.packed.as_mut().unwrap().encoding = "xz".into();
        assert!(Parts::from_json(&packed.to_json()).unwrap_err().contains("encoding this page cannot read: \"xz\""));
        let mut packed = manifest();
        packed.packed.as_mut().unwrap().parts.pop();
        assert!(Parts::from_json(&packed.to_json()).unwrap_err().contains("packs 1 corpus files, but lists 2"));
        let mut packed = manifest();
        packed.packed.as_mut().unwrap().parts[1].file = "../corpus.2.json.zst".into();
        assert!(Parts::from_json(&packed.to_json()).unwrap_err().contains("names a file it may not"));
        let mut unsized_pack = manifest();
        unsized_pack.index.unpacked = None;
        assert!(Parts::from_json(&unsized_pack.to_json()).unwrap_err().contains("without saying its unpacked size"));
        let mut empty = manifest();
        empty.corpus.clear();
        empty.papers = 0;
        assert!(Parts::from_json(&empty.to_json()).unwrap_err().contains("no corpus files"));
        assert!(Parts::from_json("{\"format\":1}").unwrap_err().starts_with("not a parts manifest"));
    }

    #[test]
    fn sizes_read_with_their_units() {
        assert_eq!(parse_size("20MiB"), Ok(20 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert_eq!(parse_size("2MB"), Ok(2_000_000));
        assert!(parse_size("1KiB").unwrap_err().contains("smallest"));
        assert!(parse_size("big").unwrap_err().contains("not a size"));
        assert!(parse_size("3GiB").unwrap_err().contains("unknown unit"));
        assert!(parse_size("99999999999999999999MiB").is_err());
    }
}
