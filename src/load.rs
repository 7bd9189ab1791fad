//! Opening the engine in the browser: the corpus download stays in JavaScript memory and is read into
//! papers a megabyte at a time (WebAssembly memory only grows, so a whole copy of the text there would stay
//! allocated for good); the index file, when the host has one, is decoded first and dropped before the
//! papers are read. The benchmark (bench/web) opens its engine through here too, so it measures this path.

use std::io::Read;

use js_sys::Uint8Array;
use paperscope_corpus::Corpus;
use paperscope_search::{FileUse, Index, IndexFile};

/// Bytes held in JavaScript memory as a list of pieces (a download's chunks), read in order. A clone shares
/// the pieces and reads from where the original stood.
#[derive(Clone)]
pub struct JsChunks {
    chunks: Vec<Uint8Array>,
    chunk: usize,
    pos: u32,
}

impl JsChunks {
    pub fn new(chunks: Vec<Uint8Array>) -> JsChunks {
        JsChunks { chunks, chunk: 0, pos: 0 }
    }

    pub fn empty() -> JsChunks {
        JsChunks::new(Vec::new())
    }

    /// The pieces of one file, in order, as one.
    pub fn join(pieces: Vec<JsChunks>) -> JsChunks {
        JsChunks::new(pieces.into_iter().flat_map(|p| p.chunks).collect())
    }

    /// Bytes from WebAssembly memory (copied out).
    pub fn from_bytes(bytes: &[u8]) -> JsChunks {
        JsChunks::new(vec![Uint8Array::from(bytes)])
    }

    /// The bytes as one blob (copied by the browser).
    pub fn blob(&self) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
        let pieces: js_sys::Array = self.chunks.iter().collect();
        web_sys::Blob::new_with_u8_array_sequence(&pieces)
    }

    /// The bytes as a stream (for the browser's own decompression).
    pub fn stream(&self) -> Result<web_sys::ReadableStream, wasm_bindgen::JsValue> {
        Ok(self.blob()?.stream())
    }

    /// How many bytes there are.
    pub fn byte_len(&self) -> u64 {
        self.chunks.iter().map(|c| u64::from(c.length())).sum()
    }

    /// All the bytes, copied into WebAssembly memory.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.byte_len() as usize);
        for chunk in &self.chunks {
            let start = bytes.len();
            bytes.resize(start + chunk.length() as usize, 0);
            chunk.copy_to(&mut bytes[start..]);
        }
        bytes
    }
}

impl Read for JsChunks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(chunk) = self.chunks.get(self.chunk) {
            let end = (self.pos + buf.len() as u32).min(chunk.length());
            if self.pos < end {
                let n = (end - self.pos) as usize;
                chunk.subarray(self.pos, end).copy_to(&mut buf[..n]);
                self.pos = end;
                return Ok(n);
            }
            self.chunk += 1;
            self.pos = 0;
        }
        Ok(0)
    }
}

/// A corpus document still in JavaScript memory: its name (for messages) and, from the site's manifest, its
/// entry (size, checksum, how many papers it holds).
#[derive(Clone)]
pub struct CorpusPart {
    pub name: String,
    pub bytes: JsChunks,
    pub listed: Option<paperscope_corpus::parts::Part>,
}

impl CorpusPart {
    /// A whole corpus in one document.
    pub fn whole(name: &str, bytes: JsChunks) -> Vec<CorpusPart> {
        vec![CorpusPart { name: name.to_string(), bytes, listed: None }]
    }
}

/// An opened engine, and how long its parts took.
pub struct Opened {
    pub index: Index,
    pub file_use: FileUse,
    /// Milliseconds reading the papers out of the corpus JSON, and in all.
    pub read_ms: f64,
    pub total_ms: f64,
    /// Bytes of corpus JSON read, and the bytes the engine holds (papers and index; see [`crate::heap`]).
    pub json_bytes: u64,
    pub heap_bytes: usize,
}

impl Opened {
    /// What the console says once the engine is open: how long it took and the memory it holds.
    pub fn report(&self) -> String {
        format!(
            "{} papers ready in {:.0} ms ({:.0} ms reading the corpus; index {}); engine heap {} ({:.2}x the {} of \
             corpus JSON); WebAssembly memory {}",
            self.index.len(),
            self.total_ms,
            self.read_ms,
            if self.file_use == FileUse::Used { "from its file" } else { "built here" },
            crate::megabytes(self.heap_bytes),
            self.heap_bytes as f64 / self.json_bytes.max(1) as f64,
            crate::megabytes(self.json_bytes as usize),
            crate::megabytes(crate::wasm_memory()),
        )
    }
}

/// Opens the engine over a corpus (one document, or the parts whose papers in order are the corpus) and,
/// when given, its index file (all still in JavaScript memory). A corpus that cannot be read is an error
/// naming the part, line and column; an index file that cannot be used is not: the papers are indexed here
/// instead, and `file_use` says why. Between decoding the index file and reading the papers it gives the
/// page a turn (`pause`), so neither step holds it for both.
pub async fn open<P: std::future::Future<Output = ()>>(
    corpus: Vec<CorpusPart>,
    index_file: Option<JsChunks>,
    pause: impl Fn() -> P,
) -> Result<Opened, String> {
    let now = js_sys::Date::now;
    let started = now();
    let heap_before = crate::heap::live();
    let json_bytes = corpus.iter().map(|p| p.bytes.byte_len()).sum();
    let decoded = index_file.map(|f| IndexFile::read(&f.to_vec()));
    pause().await;
    let t = now();
    let papers = read_papers(corpus)?;
    let read_ms = now() - t;
    pause().await;
    let (index, file_use) = Index::from_decoded(decoded, papers);
    let heap_bytes = crate::heap::live().saturating_sub(heap_before);
    Ok(Opened { index, file_use, read_ms, total_ms: now() - started, json_bytes, heap_bytes })
}

/// The papers of a corpus's documents, in order; an error names the part, line and column, or the part
/// whose count of papers is not the manifest's.
pub fn read_papers(corpus: Vec<CorpusPart>) -> Result<Vec<paperscope_corpus::Paper>, String> {
    let mut papers = Vec::with_capacity(listed_papers(&corpus));
    for part in corpus {
        let read = Corpus::from_reader(part.bytes).map_err(|e| format!("{}: {e}", part.name))?.papers;
        if let Some(listed) = &part.listed {
            listed.check_papers(read.len()).map_err(|e| format!("{}: {e}", part.name))?;
        }
        papers.extend(read);
    }
    Ok(papers)
}

/// How many papers the manifest says `corpus` holds, so their list is allocated once: grown by doubling,
/// at 100,000 papers (376 bytes each) it would reserve up to twice their room, and hold the old and the new
/// list at once while growing, in WebAssembly memory that never shrinks. A manifest's count is believed only
/// as far as its parts' bytes allow (a paper takes more than 64 bytes of JSON).
pub fn listed_papers(corpus: &[CorpusPart]) -> usize {
    let listed = corpus.iter().filter_map(|p| p.listed.as_ref());
    let (papers, bytes) =
        listed.fold((0usize, 0u64), |(n, b), p| (n.saturating_add(p.papers.unwrap_or(0)), b.saturating_add(p.bytes)));
    papers.min(usize::try_from(bytes / 64).unwrap_or(usize::MAX))
}

/// A turn for the page to paint and handle input.
pub fn yield_to_page() -> gloo_timers::future::TimeoutFuture {
    gloo_timers::future::TimeoutFuture::new(0)
}

/// Why a corpus served without a map has none.
pub fn no_map(url: &str) -> String {
    format!("This corpus has no map ({url}): `paperscope build` writes one beside the corpus.")
}

/// Why a map file cannot be used.
pub fn bad_map(url: &str, e: &paperscope_map::MapFileError) -> String {
    format!("The map file {url} is {e}.")
}

/// A map file (`None`: the server has none) read for these papers: the map, or why there is none. The page
/// and the import worker both read maps through here.
pub fn read_atlas(
    bytes: Option<&[u8]>,
    url: &str,
    papers: &[paperscope_corpus::Paper],
) -> Result<paperscope_map::Atlas, String> {
    let bytes = bytes.ok_or_else(|| no_map(url))?;
    paperscope_map::MapFile::read(bytes, papers).map(paperscope_map::Atlas::new).map_err(|e| bad_map(url, &e))
}

/// [`read_atlas`] as the page holds a map.
pub fn read_map(bytes: Option<&JsChunks>, url: &str, papers: &[paperscope_corpus::Paper]) -> crate::engine::MapState {
    use crate::engine::MapState;
    match read_atlas(bytes.map(JsChunks::to_vec).as_deref(), url, papers) {
        Ok(atlas) => MapState::Ready(std::rc::Rc::new(atlas)),
        Err(why) => MapState::Absent(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_corpus::parts::Part;

    fn part(papers: Option<usize>, bytes: u64) -> CorpusPart {
        let listed = Part { file: "corpus.1.json".into(), bytes, xxh3: String::new(), papers };
        CorpusPart { name: "data/corpus.1.json".into(), bytes: JsChunks::empty(), listed: Some(listed) }
    }

    #[test]
    fn the_papers_list_is_sized_by_the_manifest_as_far_as_its_bytes_allow() {
        assert_eq!(listed_papers(&[part(Some(1265), 2_620_367), part(Some(10_099), 20_971_450)]), 11_364);
        // A manifest promising more papers than its bytes can hold, or counts that overflow, is not believed.
        assert_eq!(listed_papers(&[part(Some(usize::MAX), 6400), part(Some(5), 640)]), 110);
        // Without a manifest nothing is reserved ahead.
        let unlisted = CorpusPart { listed: None, ..part(None, 0) };
        assert_eq!(listed_papers(&[unlisted, part(None, 1 << 20)]), 0);
    }
}
