//! The hosted data on disk: `build` writes the corpus, its index and its map, each whole when it fits in a
//! part and in numbered parts when it does not, with the manifest (`corpus.parts.json`) that lists them;
//! `search` reads either layout.

use std::path::{Path, PathBuf};

use paperscope_corpus::parts::{self, Part, Parts, PARTS_FORMAT};
use paperscope_corpus::{Corpus, Paper};

use crate::Failure;

/// What `build` wrote.
pub struct Written {
    pub parts: Parts,
    pub manifest: String,
}

/// Writes the hosted data for the corpus file `output` (`data/corpus.json`): the corpus, `index` and `map`,
/// each cut into files of at most `part_size` bytes when larger, and the manifest. Parts of an earlier
/// build that this one does not use are removed, so a folder uploaded as it is never holds a stale or
/// oversized file.
pub fn write(output: &str, corpus: &Corpus, index: &[u8], map: &[u8], part_size: usize) -> Result<Written, Failure> {
    let out = Path::new(output);
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Failure::input(format!("{}: cannot create: {e}", dir.display())))?;
    let stem = stem(output);
    let documents = parts::split_corpus(corpus, part_size).map_err(|e| Failure::input(e.to_string()))?;
    let corpus_parts: Vec<(String, &[u8], Option<usize>)> = if documents.len() == 1 {
        vec![(format!("{stem}.json"), documents[0].0.as_bytes(), Some(documents[0].1))]
    } else {
        documents
            .iter()
            .enumerate()
            .map(|(i, (text, n))| (format!("{stem}.{}.json", i + 1), text.as_bytes(), Some(*n)))
            .collect()
    };
    let pieces = |bytes: &'static str, data: &'_ [u8]| -> Vec<(String, Vec<u8>)> {
        let split = parts::split_bytes(data, part_size);
        if split.len() == 1 {
            vec![(format!("{stem}.{bytes}"), data.to_vec())]
        } else {
            split.iter().enumerate().map(|(i, p)| (format!("{stem}.{}.{bytes}", i + 1), p.to_vec())).collect()
        }
    };
    let index_parts = pieces("index", index);
    let map_parts = pieces("map", map);
    let mut manifest = Parts {
        format: PARTS_FORMAT,
        papers: corpus.papers.len(),
        engine: paperscope_search::engine_fingerprint_hex(),
        corpus: Vec::new(),
        index: Vec::new(),
        map: Vec::new(),
    };
    let put = |name: &str, bytes: &[u8], papers: Option<usize>| -> Result<Part, Failure> {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| Failure::input(format!("{}: cannot write: {e}", path.display())))?;
        Ok(Part::new(name.to_string(), bytes, papers))
    };
    for (name, bytes, papers) in &corpus_parts {
        manifest.corpus.push(put(name, bytes, *papers)?);
    }
    for (name, bytes) in &index_parts {
        manifest.index.push(put(name, bytes, None)?);
    }
    for (name, bytes) in &map_parts {
        manifest.map.push(put(name, bytes, None)?);
    }
    remove_stale(dir, &stem, &manifest)?;
    let manifest_path = dir.join(format!("{stem}.parts.json"));
    std::fs::write(&manifest_path, manifest.to_json())
        .map_err(|e| Failure::input(format!("{}: cannot write: {e}", manifest_path.display())))?;
    Ok(Written { parts: manifest, manifest: manifest_path.display().to_string() })
}

/// `data/corpus.json` -> `corpus`.
fn stem(corpus: &str) -> String {
    let name = Path::new(corpus).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.strip_suffix(".json").unwrap_or(&name).to_string()
}

/// Whether `name` is one of the files a build for `stem` writes: `corpus.json|index|map`, or a numbered
/// part of one (`corpus.3.json`).
fn is_built_file(name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else { return false };
    let rest = match rest.split_once('.') {
        Some((number, kind)) if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => kind,
        _ => rest,
    };
    matches!(rest, "json" | "index" | "map")
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

/// A corpus on disk, whole (`corpus.json` with `corpus.index` and `corpus.map` beside it) or in the parts
/// its manifest lists (given as `corpus.json` when only the manifest is there, or as `corpus.parts.json`).
pub struct Site {
    corpus: PathBuf,
    parts: Option<(PathBuf, Parts)>,
}

impl Site {
    pub fn open(corpus: &str) -> Result<Site, Failure> {
        let whole = Path::new(corpus);
        let manifest = if corpus.ends_with(".parts.json") {
            PathBuf::from(corpus)
        } else if whole.exists() {
            return Ok(Site { corpus: whole.to_path_buf(), parts: None });
        } else {
            PathBuf::from(parts::parts_file_name(corpus))
        };
        if !manifest.exists() && !corpus.ends_with(".parts.json") {
            // Neither: the error names the file asked for.
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

    /// A file's pieces, checked against the manifest and joined.
    fn joined(manifest: &Path, pieces: &[Part]) -> Result<Vec<u8>, Failure> {
        let mut bytes = Vec::new();
        for part in pieces {
            let path = Site::part_path(manifest, part);
            let piece =
                std::fs::read(&path).map_err(|e| Failure::input(format!("{}: cannot read: {e}", path.display())))?;
            part.check(&piece).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            bytes.extend_from_slice(&piece);
        }
        Ok(bytes)
    }

    /// The papers, in order.
    pub fn papers(&self) -> Result<Vec<Paper>, Failure> {
        let Some((manifest, parts)) = &self.parts else {
            let text = crate::read(&self.corpus)?;
            return Corpus::from_json(&text)
                .map(|c| c.papers)
                .map_err(|e| Failure::input(format!("{}: {e}", self.corpus.display())));
        };
        let mut papers = Vec::with_capacity(parts.papers);
        for part in &parts.corpus {
            let path = Site::part_path(manifest, part);
            let text = crate::read(&path)?;
            part.check(text.as_bytes()).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            let corpus = Corpus::from_json(&text).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            if Some(corpus.papers.len()) != part.papers {
                return Err(Failure::input(format!(
                    "{}: holds {} papers, the manifest says {}",
                    path.display(),
                    corpus.papers.len(),
                    part.papers.unwrap_or(0)
                )));
            }
            papers.extend(corpus.papers);
        }
        Ok(papers)
    }

    /// The index file's bytes, or why there are none (then the corpus is indexed here).
    pub fn index(&self) -> Result<Vec<u8>, String> {
        self.file("index", paperscope_search::index_file_name, |p| &p.index)
    }

    /// The map file's bytes, or why there are none.
    pub fn map(&self) -> Result<Vec<u8>, String> {
        self.file("map", paperscope_map::map_file_name, |p| &p.map)
    }

    fn file(
        &self,
        what: &str,
        beside: fn(&str) -> String,
        pieces: fn(&Parts) -> &Vec<Part>,
    ) -> Result<Vec<u8>, String> {
        match &self.parts {
            None => {
                let path = beside(&self.corpus.to_string_lossy());
                std::fs::read(&path).map_err(|e| format!("{path}: {e}"))
            }
            Some((manifest, parts)) if pieces(parts).is_empty() => {
                Err(format!("{}: lists no {what} file", manifest.display()))
            }
            Some((manifest, parts)) => Site::joined(manifest, pieces(parts)).map_err(|f| f.message().to_string()),
        }
    }

    /// The name to give the files in messages.
    pub fn name(&self, what: &str) -> String {
        match &self.parts {
            None if what == "index" => paperscope_search::index_file_name(&self.corpus.to_string_lossy()),
            None if what == "map" => paperscope_map::map_file_name(&self.corpus.to_string_lossy()),
            None => self.corpus.display().to_string(),
            Some((manifest, _)) => format!("{} ({what})", manifest.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_builds_own_files_are_recognised() {
        for name in ["corpus.json", "corpus.index", "corpus.map", "corpus.1.json", "corpus.12.index", "corpus.3.map"] {
            assert!(is_built_file(name, "corpus"), "{name}");
        }
        for name in [
            "corpus.parts.json",
            "other.json",
            "corpus.x.json",
            "corpus..json",
            "corpus.1.txt",
            "corpusjson",
            "index.html",
        ] {
            assert!(!is_built_file(name, "corpus"), "{name}");
        }
        assert_eq!(stem("dist/data/corpus.json"), "corpus");
    }
}
