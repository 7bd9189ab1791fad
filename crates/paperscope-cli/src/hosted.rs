//! The hosted data on disk: `build` writes the corpus, its index and its map, each whole when it fits in a
//! part and in numbered parts when it does not, with the manifest (`corpus.parts.json`) that lists them;
//! `search` reads either layout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use paperscope_corpus::parts::{self, Packed, Part, Parts, Pieces, GZIP, PARTS_FORMAT, ZSTD};
use paperscope_corpus::{Corpus, PaperLines};
use paperscope_search::Papers;

use crate::Failure;

/// A file to write: its name and bytes.
type Named = (String, Vec<u8>);

/// What `build` wrote.
pub struct Written {
    pub parts: Parts,
    pub manifest: String,
}

/// Writes the hosted data for the corpus file `output` (`data/corpus.json`): the corpus, `index` and `map`
/// (when there is one), each cut into files of at most `part_size` bytes when larger, and the manifest. A
/// corpus in several parts is written a second time compressed (`corpus.3.json.zst`, see [`pack`]).
/// Parts of an earlier build that this one does not use are removed, so a folder uploaded as it is never
/// holds a stale or oversized file.
pub fn write(
    output: &str,
    corpus: &Corpus,
    index: &[u8],
    map: Option<&[u8]>,
    part_size: usize,
    feeds: Vec<parts::FeedLink>,
) -> Result<Written, Failure> {
    let out = Path::new(output);
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Failure::input(format!("{}: cannot create: {e}", dir.display())))?;
    let stem = stem(output);
    let documents = parts::split_corpus(corpus, part_size).map_err(|e| Failure::input(e.to_string()))?;
    let corpus_parts: Vec<(String, &[u8], Option<usize>)> = documents
        .iter()
        .enumerate()
        .map(|(i, (text, n))| (part_name(&stem, "json", i, documents.len()), text.as_bytes(), Some(*n)))
        .collect();
    let packed = if documents.len() > 1 { pack(&documents)? } else { Vec::new() };
    // A binary file (none: not written): its manifest entry, and its pieces (compressed, then cut).
    let gzipped = |kind: &'static str, data: Option<&[u8]>| -> Result<(Pieces, Vec<Named>), Failure> {
        let Some(data) = data else { return Ok((Pieces::default(), Vec::new())) };
        let packed = gzip(data).map_err(|e| Failure::input(format!("cannot compress the {kind}: {e}")))?;
        let split = parts::split_bytes(&packed, part_size);
        let named = split.iter().enumerate().map(|(i, p)| (part_name(&stem, kind, i, split.len()), p.to_vec()));
        let entry = Pieces { encoding: Some(GZIP.into()), unpacked: Some(data.len() as u64), parts: Vec::new() };
        Ok((entry, named.collect()))
    };
    // A corpus in several parts: the first part's papers indexed alone, with which a page that kept it opens
    // that part on later visits (indexing it there took a quarter of a second for 1,257 papers).
    let first_index = match documents.first() {
        Some((_, n)) if documents.len() > 1 => {
            Some(paperscope_search::Index::build(corpus.papers[..*n].to_vec()).to_file())
        }
        _ => None,
    };
    let (index_entry, index_parts) = gzipped("index", Some(index))?;
    let (first_index_entry, first_index_parts) = gzipped("first.index", first_index.as_deref())?;
    let (map_entry, map_parts) = gzipped("map", map)?;
    let mut manifest = Parts {
        format: PARTS_FORMAT,
        papers: corpus.papers.len(),
        engine: paperscope_search::engine_fingerprint_hex(),
        corpus: Vec::new(),
        index: index_entry,
        first_index: first_index_entry,
        map: map_entry,
        feeds,
        packed: (!packed.is_empty()).then(|| Packed { encoding: ZSTD.into(), parts: Vec::new() }),
    };
    let put = |name: &str, bytes: &[u8], papers: Option<usize>| -> Result<Part, Failure> {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| Failure::input(format!("{}: cannot write: {e}", path.display())))?;
        Ok(Part::new(name.to_string(), bytes, papers))
    };
    for (name, bytes, papers) in &corpus_parts {
        manifest.corpus.push(put(name, bytes, *papers)?);
    }
    for (i, bytes) in packed.iter().enumerate() {
        let name = part_name(&stem, "json.zst", i, documents.len());
        let part = put(&name, bytes, None)?;
        if let Some(packed) = &mut manifest.packed {
            packed.parts.push(part);
        }
    }
    for (entry, pieces) in [
        (&mut manifest.index, &index_parts),
        (&mut manifest.first_index, &first_index_parts),
        (&mut manifest.map, &map_parts),
    ] {
        for (name, bytes) in pieces {
            entry.parts.push(put(name, bytes, None)?);
        }
    }
    remove_stale(dir, &stem, &manifest)?;
    let manifest_path = dir.join(format!("{stem}.parts.json"));
    std::fs::write(&manifest_path, manifest.to_json())
        .map_err(|e| Failure::input(format!("{}: cannot write: {e}", manifest_path.display())))?;
    Ok(Written { parts: manifest, manifest: manifest_path.display().to_string() })
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// The zstd level of packed corpus documents. At 100,000 papers (20 MiB parts): level 19 takes 31% fewer
/// bytes than gzip -6 (4.42 MB a part, from 6.42), level 17 28% in 0.65x the time, level 12 22%. Decoding
/// costs the same at every level. The build's time is paid once, the bytes by every visitor: at 19 the
/// 100,000-paper corpus is 1 MB lighter than at 17, room for the first part's own index (0.55 MB) within
/// 50 MiB in all.
const ZSTD_LEVEL: i32 = 19;

/// The corpus documents compressed, one zstd frame each, on every core (about a second a megabyte a core at
/// this level).
fn pack(documents: &[(String, usize)]) -> Result<Vec<Vec<u8>>, Failure> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut packed: Vec<(usize, std::io::Result<Vec<u8>>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores.min(documents.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((text, _)) = documents.get(i) else { return done };
                        done.push((i, zstd::bulk::compress(text.as_bytes(), ZSTD_LEVEL)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    if packed.len() != documents.len() {
        return Err(Failure::input("cannot compress the corpus: a worker stopped".to_string()));
    }
    packed.sort_by_key(|(i, _)| *i);
    packed
        .into_iter()
        .map(|(_, bytes)| bytes.map_err(|e| Failure::input(format!("cannot compress the corpus: {e}"))))
        .collect()
}

/// The name of part `i` of `count` of a file of `kind` (`json`, `json.zst`, `index`, `first.index`, `map`):
/// `corpus.json` when it is whole, else numbered from 1 (`corpus.3.json`). [`is_built_file`] recognises
/// these.
fn part_name(stem: &str, kind: &str, i: usize, count: usize) -> String {
    if count == 1 {
        format!("{stem}.{kind}")
    } else {
        format!("{stem}.{}.{kind}", i + 1)
    }
}

/// `data/corpus.json` -> `corpus`.
fn stem(corpus: &str) -> String {
    let name = Path::new(corpus).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.strip_suffix(".json").unwrap_or(&name).to_string()
}

/// Whether `name` is one of the files a build for `stem` writes: `corpus.json|index|first.index|map`, or a
/// numbered part of one (`corpus.3.json`).
fn is_built_file(name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else { return false };
    let rest = match rest.split_once('.') {
        Some((number, kind)) if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => kind,
        _ => rest,
    };
    matches!(rest, "json" | "json.zst" | "index" | "first.index" | "map")
}

fn remove_stale(dir: &Path, stem: &str, manifest: &Parts) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::input(format!("{}: cannot list: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_built_file(&name, stem) && !manifest.files().any(|p| p.file == name) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| {
                Failure::input(format!("{}: cannot remove an earlier build's part: {e}", path.display()))
            })?;
        }
    }
    Ok(())
}

/// A corpus on disk: in the files its manifest lists (given as `corpus.json` or as `corpus.parts.json`), or
/// without one, whole (`corpus.json` with `corpus.index` and `corpus.map` beside it, as they are).
pub struct Site {
    corpus: PathBuf,
    parts: Option<(PathBuf, Parts)>,
}

/// A corpus document's path, text and entry in the manifest (when it has one).
type Document<'a> = (PathBuf, String, Option<&'a Part>);

impl Site {
    /// The feeds the manifest lists (none without one).
    pub fn feeds(&self) -> Vec<parts::FeedLink> {
        self.parts.as_ref().map(|(_, p)| p.feeds.clone()).unwrap_or_default()
    }

    pub fn open(corpus: &str) -> Result<Site, Failure> {
        let whole = Path::new(corpus);
        let manifest = if corpus.ends_with(".parts.json") {
            PathBuf::from(corpus)
        } else {
            PathBuf::from(parts::parts_file_name(corpus))
        };
        if !manifest.exists() && !corpus.ends_with(".parts.json") {
            // Made by hand, or by an older build (or nothing there: the error names the file asked for).
            return Ok(Site { corpus: whole.to_path_buf(), parts: None });
        }
        let text = crate::read(&manifest)?;
        let parts = Parts::from_json(&text).map_err(|e| Failure::input(format!("{}: {e}", manifest.display())))?;
        Ok(Site { corpus: whole.to_path_buf(), parts: Some((manifest, parts)) })
    }

    /// Where a part lives: beside the manifest.
    fn part_path(manifest: &Path, part: &Part) -> PathBuf {
        manifest.parent().unwrap_or(Path::new(".")).join(&part.file)
    }

    /// A file's pieces, checked against the manifest, joined and (when packed) unpacked.
    fn joined(manifest: &Path, pieces: &Pieces) -> Result<Vec<u8>, Failure> {
        let mut bytes = Vec::new();
        for part in &pieces.parts {
            let path = Site::part_path(manifest, part);
            let piece =
                std::fs::read(&path).map_err(|e| Failure::input(format!("{}: cannot read: {e}", path.display())))?;
            part.check(&piece).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            bytes.extend_from_slice(&piece);
        }
        if !pieces.gzip() {
            return Ok(bytes);
        }
        let first = pieces.parts.first().map_or(String::new(), |p| p.file.clone());
        let most = pieces.unpacked.unwrap_or(0);
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .take(most.saturating_add(1))
            .read_to_end(&mut unpacked)
            .map_err(|e| Failure::input(format!("{}: {first}: cannot be unpacked: {e}", manifest.display())))?;
        if unpacked.len() as u64 != most {
            return Err(Failure::input(format!(
                "{}: {first}: unpacks to {}{} bytes, the manifest says {most}",
                manifest.display(),
                unpacked.len(),
                if unpacked.len() as u64 > most { " or more" } else { "" }
            )));
        }
        Ok(unpacked)
    }

    /// The papers, in order: kept as their documents' lines (each read when asked for: `paperscope search`
    /// at 100,000 papers reads the few it shows, not 185 MB of JSON), or read when a document is laid out
    /// otherwise.
    pub fn papers(&self) -> Result<Papers, Failure> {
        let mut documents = Vec::new();
        for (path, text, part) in self.documents()? {
            let name = path.display().to_string();
            let failed = |e: &dyn std::fmt::Display| Failure::input(format!("{name}: {e}"));
            let papers = match PaperLines::split(text).map_err(|e| failed(&e))? {
                Ok(lines) => Papers::in_lines(vec![(name.clone(), lines)]),
                Err(text) => {
                    let text = String::from_utf8(text).map_err(|e| failed(&e))?;
                    Corpus::from_json(&text).map_err(|e| failed(&e))?.papers.into()
                }
            };
            if let Some(part) = part {
                part.check_papers(papers.len()).map_err(|e| failed(&e))?;
            }
            documents.push(papers);
        }
        Ok(Papers::join(documents)?)
    }

    /// The corpus document (from parts: the first part's header with every part's papers).
    pub fn corpus(&self) -> Result<Corpus, Failure> {
        let mut whole: Option<Corpus> = None;
        for (path, text, part) in self.documents()? {
            let corpus = Corpus::from_json(&text).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            if let Some(part) = part {
                part.check_papers(corpus.papers.len())
                    .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            }
            match &mut whole {
                None => whole = Some(corpus),
                Some(whole) => whole.papers.extend(corpus.papers),
            }
        }
        whole.ok_or_else(|| Failure::input("the site lists no corpus files"))
    }

    /// The corpus documents' texts, in order, each with its path and (from parts) its entry in the manifest,
    /// which its bytes were checked against.
    fn documents(&self) -> Result<Vec<Document<'_>>, Failure> {
        let Some((manifest, parts)) = &self.parts else {
            return Ok(vec![(self.corpus.clone(), crate::read(&self.corpus)?, None)]);
        };
        if parts.corpus.is_empty() {
            return Err(Failure::input(format!("{}: lists no corpus files", manifest.display())));
        }
        let mut documents = Vec::with_capacity(parts.corpus.len());
        for part in &parts.corpus {
            let path = Site::part_path(manifest, part);
            let text = crate::read(&path)?;
            part.check(text.as_bytes()).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            documents.push((path, text, Some(part)));
        }
        Ok(documents)
    }

    /// The index file's bytes (`None`: there is none), or why the one there cannot be read.
    pub fn index(&self) -> Result<Option<Vec<u8>>, String> {
        self.file(paperscope_search::index_file_name, |p| &p.index)
    }

    /// The map file's bytes (`None`: there is none), or why the one there cannot be read.
    pub fn map(&self) -> Result<Option<Vec<u8>>, String> {
        self.file(paperscope_map::map_file_name, |p| &p.map)
    }

    fn file(&self, beside: fn(&str) -> String, pieces: fn(&Parts) -> &Pieces) -> Result<Option<Vec<u8>>, String> {
        match &self.parts {
            None => {
                let path = beside(&self.corpus.to_string_lossy());
                match std::fs::read(&path) {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(format!("{path}: {e}")),
                }
            }
            Some((_, parts)) if pieces(parts).is_empty() => Ok(None),
            Some((manifest, parts)) => {
                Site::joined(manifest, pieces(parts)).map(Some).map_err(|f| f.message().to_string())
            }
        }
    }

    /// The index's name in messages: its file, or the manifest that lists its parts.
    pub fn index_name(&self) -> String {
        self.name("index", paperscope_search::index_file_name)
    }

    /// The map's name in messages.
    pub fn map_name(&self) -> String {
        self.name("map", paperscope_map::map_file_name)
    }

    fn name(&self, what: &str, beside: fn(&str) -> String) -> String {
        match &self.parts {
            None => beside(&self.corpus.to_string_lossy()),
            Some((manifest, _)) => format!("{} ({what})", manifest.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_builds_own_files_are_recognised() {
        for name in [
            "corpus.json",
            "corpus.index",
            "corpus.map",
            "corpus.1.json",
            "corpus.12.index",
            "corpus.3.map",
            "corpus.2.json.zst",
            "corpus.first.index",
            "corpus.2.first.index",
        ] {
            assert!(is_built_file(name, "corpus"), "{name}");
        }
        for name in [
            "corpus.parts.json",
            "other.json",
            "corpus.x.json",
            "corpus..json",
            "corpus.1.txt",
            "corpus.first.json",
            "corpus.x.first.index",
            "corpusjson",
            "index.html",
        ] {
            assert!(!is_built_file(name, "corpus"), "{name}");
        }
        assert_eq!(stem("dist/data/corpus.json"), "corpus");
    }
}
