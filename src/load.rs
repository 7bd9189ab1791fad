//! Opening the engine in the browser: the corpus download stays in JavaScript memory and is copied in
//! 2 MB a turn (a part kept on this device is pushed as it streams from there: [`PartReading`]), split into
//! its papers' lines, which the engine keeps and reads a paper of when it is shown
//! (a document laid out otherwise is read into papers); the index file, when the host has one, is decoded
//! first and dropped before the papers are copied. The benchmark (bench/web) opens its engine through here
//! too, so it measures this path.

use std::io::Read;

use paperscope_corpus::{Corpus, Splitting};
use paperscope_search::{FileUse, Index, IndexFile, Papers};

use crate::chunks::JsChunks;

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
    pub fn whole(name: &str, bytes: JsChunks) -> CorpusPart {
        CorpusPart { name: name.to_string(), bytes, listed: None }
    }
}

/// A corpus document's papers (as soon as it arrived, when downloading), and what it took: kept as the
/// document's text split into lines, each paper read when the page first asks for it, or read (a document
/// laid out otherwise).
pub struct ReadPart {
    pub papers: Papers,
    pub json_bytes: u64,
    pub read_ms: f64,
    /// The bytes the papers hold ([`crate::heap::kept_by`] over the steps of reading them).
    pub heap: isize,
}

/// Bytes of corpus JSON copied and split a step: a few milliseconds of work in the page.
const READ_STEP: usize = 2 << 20;

/// Copies a corpus document into the page's memory [`READ_STEP`] bytes a step, finding its papers' lines,
/// with `pause` between steps (the page paints and answers keys). No paper is read here: a document laid
/// out a paper a line keeps its text, and the engine reads a paper when it is shown (reading all of them
/// into strings took 0.45-0.7 s at 100,000 papers). A document laid out otherwise is read whole. An error (a
/// sentence) names the part, line and column, or the part whose count of papers is not the manifest's.
pub async fn read_part<P: std::future::Future<Output = ()>>(
    part: CorpusPart,
    pause: &impl Fn() -> P,
) -> Result<ReadPart, String> {
    let CorpusPart { name, mut bytes, listed } = part;
    let mut reading = PartReading::new(name, bytes.byte_len(), listed);
    let mut piece = vec![0; READ_STEP];
    loop {
        let n = read_up_to(&mut bytes, &mut piece).map_err(|e| reading.failed(&e))?;
        if n == 0 {
            break;
        }
        reading.push(&piece[..n])?;
        pause().await;
    }
    drop(piece);
    reading.finish()
}

/// A corpus document being read as its bytes come (see [`read_part`]): its lines found in each piece pushed,
/// the time and memory that took counted.
pub struct PartReading {
    name: String,
    listed: Option<paperscope_corpus::parts::Part>,
    splitting: Splitting,
    json_bytes: u64,
    read_ms: f64,
    heap: isize,
}

impl PartReading {
    /// A document of `size` bytes named `name` in messages, the manifest's entry `listed`.
    pub fn new(name: String, size: u64, listed: Option<paperscope_corpus::parts::Part>) -> PartReading {
        // The text's room is made in the step that reads the header, so it is counted as the papers' bytes.
        let splitting = Splitting::new(usize::try_from(size).unwrap_or(0));
        PartReading { name, listed, splitting, json_bytes: 0, read_ms: 0.0, heap: 0 }
    }

    fn failed(&self, e: &dyn std::fmt::Display) -> String {
        format!("Could not load {}: {e}", self.name)
    }

    /// Runs a step of the reading, adding its time and the bytes it left allocated.
    fn step<T>(&mut self, work: impl FnOnce(&mut Splitting) -> T) -> T {
        let t = js_sys::Date::now();
        let (done, kept) = crate::heap::kept_by(|| work(&mut self.splitting));
        self.heap += kept;
        self.read_ms += js_sys::Date::now() - t;
        done
    }

    /// The document's next bytes.
    pub fn push(&mut self, piece: &[u8]) -> Result<(), String> {
        self.json_bytes += piece.len() as u64;
        self.step(|splitting| splitting.push(piece)).map_err(|e| self.failed(&e))
    }

    /// The document's papers, once all its bytes were pushed.
    pub fn finish(mut self) -> Result<ReadPart, String> {
        let split = self.step(|splitting| std::mem::replace(splitting, Splitting::new(0)).finish());
        let split = split.map_err(|e| self.failed(&e))?;
        let name = self.name.clone();
        let papers = self.step(|_| match split {
            Ok(lines) => Ok(Papers::in_lines(vec![(name, lines)])),
            Err(text) => Corpus::from_reader(text.as_slice()).map(|corpus| corpus.papers.into()),
        });
        let papers = papers.map_err(|e| self.failed(&e))?;
        if let Some(listed) = &self.listed {
            listed.check_papers(papers.len()).map_err(|e| self.failed(&e))?;
        }
        Ok(ReadPart { papers, json_bytes: self.json_bytes, read_ms: self.read_ms, heap: self.heap })
    }
}

/// Fills `piece` from `bytes` as far as they go: the bytes read (0 at their end).
fn read_up_to(bytes: &mut JsChunks, piece: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < piece.len() {
        match bytes.read(&mut piece[n..])? {
            0 => break,
            got => n += got,
        }
    }
    Ok(n)
}

/// An index file decoded (`file` is `None` when there was none), the milliseconds it took and the bytes
/// it holds.
pub struct DecodedIndex {
    pub file: Option<Result<IndexFile, paperscope_search::IndexFileError>>,
    pub ms: f64,
    pub heap: isize,
}

/// Postings of the index file decoded a step: at 100,000 papers (15 million postings) a step of ~15-25 ms
/// in the page, where decoding the file in one call held the page for 0.3-0.5 s while the corpus loaded.
const INDEX_STEP: usize = 1 << 20;

impl DecodedIndex {
    /// Decodes an index file (copied into WebAssembly memory while decoded, unless it is there already),
    /// [`INDEX_STEP`] postings a step with `pause` between steps. `ms` and `heap` are the steps' own.
    pub async fn decode<P: std::future::Future<Output = ()>>(
        file: Option<JsChunks>,
        pause: &impl Fn() -> P,
    ) -> DecodedIndex {
        let mut decoded = DecodedIndex { file: None, ms: 0.0, heap: 0 };
        let Some(file) = file else { return decoded };
        let bytes = file.into_vec();
        let mut reading = match decoded.timed(|| IndexFile::reading(&bytes)) {
            Ok(reading) => reading,
            Err(e) => return DecodedIndex { file: Some(Err(e)), ..decoded },
        };
        loop {
            match decoded.timed(|| reading.step(INDEX_STEP)) {
                Ok(true) => pause().await,
                Ok(false) => break,
                Err(e) => return DecodedIndex { file: Some(Err(e)), ..decoded },
            }
        }
        let file = decoded.timed(|| reading.finish());
        DecodedIndex { file: Some(file), ..decoded }
    }

    /// Runs a synchronous step of the decoding, adding its time and the bytes it left allocated.
    fn timed<T>(&mut self, work: impl FnOnce() -> T) -> T {
        let t = js_sys::Date::now();
        let (done, heap) = crate::heap::kept_by(work);
        self.ms += js_sys::Date::now() - t;
        self.heap += heap;
        done
    }
}

/// An opened engine, and how long its parts took.
pub struct Opened {
    pub index: Index,
    pub file_use: FileUse,
    /// Milliseconds reading the papers out of the corpus JSON, and decoding the index file and putting the
    /// engine together (or, without a usable file, indexing the papers).
    pub read_ms: f64,
    pub index_ms: f64,
    /// Bytes of corpus JSON read, and the bytes the engine holds (papers and index; see [`crate::heap`]).
    pub json_bytes: u64,
    pub heap_bytes: usize,
}

impl Opened {
    /// The engine over the papers read and the index file decoded. The bytes it holds are counted as each
    /// was read (the page did other work between), then as they were put together.
    pub fn assemble(parts: Vec<ReadPart>, decoded: DecodedIndex) -> Result<Opened, String> {
        let started = js_sys::Date::now();
        let json_bytes = parts.iter().map(|p| p.json_bytes).sum();
        let read_ms = parts.iter().map(|p| p.read_ms).sum();
        let read = parts.iter().map(|p| p.heap).sum::<isize>() + decoded.heap;
        let (opened, put_together) = crate::heap::kept_by(|| Index::from_decoded(decoded.file, joined(parts)?));
        let (index, file_use) = opened.map_err(|e| format!("Could not load {e}"))?;
        let heap_bytes = usize::try_from(read + put_together).unwrap_or(0);
        let index_ms = decoded.ms + js_sys::Date::now() - started;
        Ok(Opened { index, file_use, read_ms, index_ms, json_bytes, heap_bytes })
    }

    /// What the console says once the engine is open: the work it took (reading the papers, then the index
    /// file or indexing them; read as the parts arrived, when downloading) and the memory it holds. Tests and
    /// benchmarks read this line.
    pub fn report(&self) -> String {
        format!(
            "{} papers ready in {:.0} ms ({:.0} ms reading the corpus; index {}); engine heap {} ({:.2}x the {} of \
             corpus JSON); WebAssembly memory {}",
            self.index.len(),
            self.read_ms + self.index_ms,
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
/// instead, and `file_use` says why. Between the steps of decoding the index file and reading the papers it
/// gives the page a turn (`pause`).
pub async fn open<P: std::future::Future<Output = ()>>(
    corpus: Vec<CorpusPart>,
    index_file: Option<JsChunks>,
    pause: impl Fn() -> P,
) -> Result<Opened, String> {
    let decoded = DecodedIndex::decode(index_file, &pause).await;
    pause().await;
    let mut parts = Vec::with_capacity(corpus.len());
    for part in corpus {
        parts.push(read_part(part, &pause).await?);
    }
    pause().await;
    Opened::assemble(parts, decoded)
}

/// The papers of documents read, in order, each read.
pub fn papers_of(parts: Vec<ReadPart>) -> Result<Vec<paperscope_corpus::Paper>, String> {
    joined(parts).and_then(Papers::into_read).map_err(|e| format!("Could not load {e}"))
}

/// The papers of documents read, in order, as one list (see [`Papers::join`]).
fn joined(parts: Vec<ReadPart>) -> Result<Papers, paperscope_search::Unreadable> {
    Papers::join(parts.into_iter().map(|p| p.papers).collect())
}

/// A turn for the page to paint and handle input: a new task of ordinary priority through
/// `scheduler.postTask` where the browser has it (other waiting tasks, such as the chunks of other
/// downloads, can run first; nothing holds it back when none waits), else a zero timer (which browsers hold
/// back 4 ms once five are chained: a tenth of the time in a loop of 10 ms steps).
pub async fn yield_to_page() {
    use wasm_bindgen::JsCast;
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok();
    let turn = scheduler.as_ref().and_then(|s| {
        let post_task = js_sys::Reflect::get(s, &"postTask".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let nothing = wasm_bindgen::closure::Closure::once_into_js(|| {});
        post_task.call1(s, &nothing).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match turn {
        Some(turn) => {
            let _ = wasm_bindgen_futures::JsFuture::from(turn).await;
        }
        None => gloo_timers::future::TimeoutFuture::new(0).await,
    }
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
pub fn read_map_file(
    bytes: Option<&[u8]>,
    url: &str,
    papers: usize,
    ids: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<paperscope_map::MapFile, String> {
    let bytes = bytes.ok_or_else(|| no_map(url))?;
    paperscope_map::MapFile::read(bytes, papers, ids).map_err(|e| bad_map(url, &e))
}

/// [`read_map_file`] as the page holds a map, its papers' vectors folded from `index` at once (after an
/// import, whose own index is at hand; the site's map is folded a step at a time, see `load_map`).
pub fn read_map(bytes: Option<&JsChunks>, url: &str, index: &paperscope_search::Index) -> crate::engine::MapState {
    use crate::engine::MapState;
    match read_map_file(bytes.map(JsChunks::to_vec).as_deref(), url, index.len(), index.papers().ids()) {
        Ok(map) => MapState::Ready(std::rc::Rc::new(paperscope_map::Atlas::folded(map, index))),
        Err(why) => MapState::Absent(why),
    }
}
