//! The site's data as the page and the import worker fetch it. `paperscope build` writes a manifest,
//! `corpus.parts.json`, listing the corpus documents, the index and the map (each whole, or cut into parts no
//! larger than a static host accepts); it is read first, then every part is fetched at once, checked as it
//! streams in (size and checksum, so a part from an older build or a damaged upload is named, never misread),
//! and counted towards one progress figure. A site without a manifest (a data folder made by hand, or by an
//! older build) is read as one `corpus.json` with its index and map beside it.

use std::cell::Cell;
use std::collections::HashSet;

use futures::{StreamExt, TryStreamExt};
use js_sys::Uint8Array;
use paperscope_corpus::parts::{parts_file_name, Checksum, Part, Parts, Pieces};

use crate::kept::{self, Kept};
use crate::load::{CorpusPart, JsChunks};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's own gzip decoder (every current browser has it; web-sys still marks it unstable).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The index fetched, or (when it could not be) none, saying why: the papers are then indexed here.
fn usable(index: Result<Option<JsChunks>, String>) -> Option<JsChunks> {
    index.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("{e}; indexing the papers here instead").into());
        None
    })
}

/// Downloads at once: about what a browser opens to one host over HTTP/1.1 (a manifest may list thousands
/// of files; they are asked for this many at a time, in order).
const AT_ONCE: usize = 6;

/// Runs `downloads` at most [`AT_ONCE`] at a time; their results in order, or the first failure.
async fn in_order<T>(
    downloads: impl Iterator<Item = impl std::future::Future<Output = Result<T, String>>>,
) -> Result<Vec<T>, String> {
    futures::stream::iter(downloads).buffered(AT_ONCE).try_collect().await
}

/// Where the corpus is, and what its manifest lists (when it has one).
pub struct Site {
    corpus_url: String,
    parts: Option<Parts>,
    /// The manifest as read, kept on this device once its files have loaded.
    manifest: Option<String>,
    /// The manifest came from this device: the host could not be reached.
    offline: bool,
    /// Where the files the manifest lists are kept on this device (when the browser has Cache Storage).
    kept: Option<Kept>,
}

/// The site's data changed on the host since the page read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub papers_before: usize,
    pub papers_now: usize,
}

/// What the page downloads to open the engine.
pub struct Fetched {
    pub corpus: Vec<CorpusPart>,
    /// The index file (its parts joined); `None` when there is none or it would not fit this engine.
    pub index: Option<JsChunks>,
}

impl Site {
    /// Reads the manifest beside `corpus_url`, when the host has one.
    /// Without the network (or when the host has not answered within [`MANIFEST_WAIT_MS`]), the manifest
    /// kept on this device by the last visit that loaded is read.
    pub async fn find(corpus_url: &str) -> Result<Site, String> {
        let manifest_url = parts_file_name(corpus_url);
        let kept = Kept::open().await;
        let network = Box::pin(fetch_manifest(&manifest_url));
        let (manifest, offline) = match kept_manifest(kept.as_ref(), &manifest_url).await {
            None => (network.await?, false),
            Some(kept) => {
                let waited = gloo_timers::future::TimeoutFuture::new(MANIFEST_WAIT_MS);
                match futures::future::select(network, waited).await {
                    futures::future::Either::Left((Ok(found), _)) => (found, false),
                    _ => (Some(kept), true),
                }
            }
        };
        Site::with(corpus_url, manifest, offline, kept)
    }

    /// The site as the page read it, from the text of the manifest it read (`None`: it had none), so an
    /// import worker reads the very data the page shows, even when the host has since been rebuilt.
    pub async fn as_read(corpus_url: &str, manifest: Option<String>) -> Result<Site, String> {
        Site::with(corpus_url, manifest, false, Kept::open().await)
    }

    fn with(corpus_url: &str, manifest: Option<String>, offline: bool, kept: Option<Kept>) -> Result<Site, String> {
        let parts = match &manifest {
            Some(text) => Some(Parts::from_json(text).map_err(|e| format!("{}: {e}", parts_file_name(corpus_url)))?),
            None => None,
        };
        Ok(Site { corpus_url: corpus_url.to_string(), parts, manifest, offline, kept })
    }

    /// The text of the manifest the page read (`None`: the site has none).
    pub fn manifest(&self) -> Option<&str> {
        self.manifest.as_deref()
    }

    /// The Atom feeds the site publishes (its manifest lists them), each with its address.
    pub fn feeds(&self) -> Vec<(paperscope_corpus::parts::FeedLink, String)> {
        let Some(parts) = &self.parts else { return Vec::new() };
        parts.feeds.iter().map(|f| (f.clone(), self.beside(&f.file()))).collect()
    }

    /// Whether the host could not be reached and the data comes from this device.
    pub fn offline(&self) -> bool {
        self.offline
    }

    /// Keeps the manifest on this device and forgets files older builds listed: call once the data it
    /// lists has loaded (so a manifest is never kept without its files).
    pub async fn remember(&self) {
        let (Some(kept), Some(parts), Some(text)) = (&self.kept, &self.parts, &self.manifest) else { return };
        let manifest_url = parts_file_name(&self.corpus_url);
        kept.put(&manifest_url, &JsChunks::from_bytes(text.as_bytes())).await;
        let mut keep: HashSet<String> = parts.files().map(|p| kept::absolute(&self.key(p))).collect();
        keep.insert(kept::absolute(&manifest_url));
        kept.keep_only(&kept::absolute(&self.beside("")), &keep).await;
    }

    /// Reads the host's manifest again: `Some` when it lists other data than the page has (a rebuilt site),
    /// `None` when it is the same or cannot be read (offline, or a site without a manifest).
    pub async fn changed(&self) -> Option<Update> {
        let current = self.parts.as_ref()?;
        let manifest_url = parts_file_name(&self.corpus_url);
        let text = fetch_manifest(&manifest_url).await.ok()??;
        if Some(&text) == self.manifest.as_ref() {
            return None;
        }
        let now = Parts::from_json(&text).ok()?;
        (now.corpus != current.corpus || now.index != current.index || now.map != current.map)
            .then_some(Update { papers_before: current.papers, papers_now: now.papers })
    }

    /// The URL of a file the manifest lists: beside it.
    fn url(&self, part: &Part) -> String {
        self.beside(&part.file)
    }

    /// The URL of `file` in the corpus's folder.
    fn beside(&self, file: &str) -> String {
        match self.corpus_url.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{file}"),
            None => file.to_string(),
        }
    }

    /// The address a listed file is fetched and kept under (its URL and checksum).
    fn key(&self, part: &Part) -> String {
        kept::versioned(&self.url(part), &part.xxh3)
    }

    /// A file the manifest lists: from this device when it is kept there (and still whole), else from the
    /// host (then kept). Either way checked against the manifest.
    async fn listed(&self, part: &Part, counted: &dyn Fn(usize)) -> Result<JsChunks, String> {
        let (url, key) = (self.url(part), self.key(part));
        if let Some(kept) = &self.kept {
            if let Some(body) = kept.get(&key).await {
                match checked(&url, body, part, &|_| {}).await {
                    Ok(bytes) => {
                        counted(part.bytes as usize);
                        return Ok(bytes);
                    }
                    Err(e) => {
                        web_sys::console::warn_1(&format!("{e} (kept on this device): fetching it again").into());
                        kept.remove(&key).await;
                    }
                }
            }
        }
        let bytes = download(&url, false, Some(part), None, counted).await?.unwrap_or_else(JsChunks::empty);
        if let Some(kept) = &self.kept {
            kept.put(&key, &bytes).await;
        }
        Ok(bytes)
    }

    /// How many files the data is in (for the loading message).
    pub fn part_count(&self) -> usize {
        self.parts.as_ref().map_or(1, |p| p.corpus.len() + p.index.parts.len())
    }

    /// Whether the index the manifest lists was written by this page's engine (without a manifest: maybe,
    /// the file itself says when it is fetched).
    fn index_fits(&self) -> bool {
        self.parts.as_ref().is_none_or(|p| p.engine == paperscope_search::engine_fingerprint_hex())
    }

    /// How many papers the site has, when its manifest says.
    pub fn papers(&self) -> Option<usize> {
        self.parts.as_ref().map(|p| p.papers)
    }

    /// The corpus's first part, when it is in several (the build makes it small, so its papers can be
    /// searched while the rest arrives).
    pub async fn fetch_first(&self) -> Option<Result<CorpusPart, String>> {
        let part = self.parts.as_ref().filter(|p| p.corpus.len() > 1)?.corpus.first()?;
        let bytes = self.listed(part, &|_| {}).await;
        Some(bytes.map(|bytes| CorpusPart { name: self.url(part), bytes, listed: Some(part.clone()) }))
    }

    /// The corpus documents and (when `with_index`) the index, all at once. `progress` hears the bytes
    /// arrived so far and the total when known. `first`: the corpus's first part, already here.
    pub async fn fetch(
        &self,
        with_index: bool,
        first: Option<CorpusPart>,
        progress: &dyn Fn(u64, Option<u64>),
    ) -> Result<Fetched, String> {
        let fits = self.index_fits();
        if with_index && !fits {
            web_sys::console::warn_1(
                &"The site's search index was written by another version of Paperscope: indexing the papers here"
                    .into(),
            );
        }
        let with_index = with_index && fits;
        // Without a manifest the sizes are not known ahead (a host's Content-Length counts the compressed
        // bytes, the stream gives them unpacked).
        let total = self.parts.as_ref().map(|p| p.total_bytes(with_index, false));
        let seen = Cell::new(0u64);
        let counted = |n: usize| {
            seen.set(seen.get() + n as u64);
            progress(seen.get(), total);
        };
        let Some(parts) = &self.parts else {
            // No manifest: the corpus, then its index beside it (optional).
            let corpus = download(&self.corpus_url, false, None, None, &counted).await?.unwrap_or_else(JsChunks::empty);
            let index = if with_index {
                let index_url = paperscope_search::index_file_name(&self.corpus_url);
                usable(download(&index_url, true, None, None, &counted).await)
            } else {
                None
            };
            return Ok(Fetched { corpus: CorpusPart::whole(&self.corpus_url, corpus), index });
        };
        let first = first.filter(|f| f.listed.as_ref() == parts.corpus.first());
        if let Some(part) = first.as_ref().and_then(|f| f.listed.as_ref()) {
            counted(part.bytes as usize);
        }
        let have = first.is_some() as usize;
        let rest = in_order(parts.corpus[have..].iter().map(|part| {
            let counted = &counted;
            async move {
                let bytes = self.listed(part, counted).await?;
                Ok::<_, String>(CorpusPart { name: self.url(part), bytes, listed: Some(part.clone()) })
            }
        }));
        let corpus = async { rest.await.map(|rest| first.into_iter().chain(rest).collect::<Vec<_>>()) };
        let index = async {
            if !with_index || parts.index.is_empty() {
                return Ok(None);
            }
            self.joined(&parts.index, &counted).await.map(Some)
        };
        let (corpus, index) = futures::future::join(corpus, index).await;
        Ok(Fetched { corpus: corpus?, index: usable(index) })
    }

    /// Pieces of one file, fetched at once, joined in order and (when packed) unpacked by the browser.
    async fn joined(&self, pieces: &Pieces, counted: &dyn Fn(usize)) -> Result<JsChunks, String> {
        let fetched = in_order(pieces.parts.iter().map(|part| self.listed(part, counted))).await?;
        let joined = JsChunks::join(fetched);
        if !pieces.gzip() {
            return Ok(joined);
        }
        let broken = |e: wasm_bindgen::JsValue| {
            let name = pieces.parts.first().map(|p| self.url(p)).unwrap_or_default();
            format!("Could not unpack {name}: {}", kept::describe(&e))
        };
        let unpacker = DecompressionStream::new("gzip").map_err(broken)?;
        let pair = web_sys::ReadableWritablePair::new(&unpacker.readable(), &unpacker.writable());
        let unpacked = joined.stream().map_err(broken)?.pipe_through(&pair);
        read_all(unpacked, None, pieces.unpacked, &|_| {}).await.map_err(broken)
    }

    /// The index's name in messages: its file, or its first part and how many there are.
    pub fn index_name(&self) -> String {
        self.name(|p| &p.index, paperscope_search::index_file_name)
    }

    /// The map's name in messages.
    pub fn map_name(&self) -> String {
        self.name(|p| &p.map, paperscope_map::map_file_name)
    }

    fn name(&self, pieces: fn(&Parts) -> &Pieces, beside: fn(&str) -> String) -> String {
        let listed = self.parts.as_ref().map_or(&[][..], |p| pieces(p).parts.as_slice());
        match listed {
            [] => beside(&self.corpus_url),
            [one] => self.url(one),
            [first, ..] => format!("{} ({} parts)", self.url(first), listed.len()),
        }
    }

    /// The map file (`None`: the site has none).
    pub async fn map(&self) -> Result<Option<JsChunks>, String> {
        match &self.parts {
            None => download(&paperscope_map::map_file_name(&self.corpus_url), true, None, None, &|_| {}).await,
            Some(parts) if parts.map.is_empty() => Ok(None),
            Some(parts) => self.joined(&parts.map, &|_| {}).await.map(Some),
        }
    }
}

/// How long the page waits for the host's manifest when it has one kept (a host that hangs, hotel Wi-Fi):
/// then it opens from the device, and offers the host's data if it changed once it answers.
const MANIFEST_WAIT_MS: u32 = 4000;

/// The largest manifest read (4096 files take about 600 KB).
const MANIFEST_MOST: u64 = 4 << 20;

/// Downloads `url` piece by piece, keeping the pieces in JavaScript memory and telling `counted` how many
/// bytes each brought. With `expect` (the manifest's entry), the bytes are counted and hashed as they come
/// and checked at the end. More bytes than `most` (or than `expect` says) stop the download with an error,
/// so a host cannot fill the page's memory with an endless answer. `None` when the file is `optional` and
/// the server has none (404).
pub async fn download(
    url: &str,
    optional: bool,
    expect: Option<&Part>,
    most: Option<u64>,
    counted: &dyn Fn(usize),
) -> Result<Option<JsChunks>, String> {
    // A listed file is asked for by its version (`?v=<checksum>`), so caches may keep it; any other is
    // revalidated.
    let request = gloo_net::http::Request::get(url);
    let request = match expect {
        Some(part) => request.query([("v", &part.xxh3)]),
        None => request.cache(web_sys::RequestCache::NoCache),
    };
    let response = request.send().await.map_err(|e| format!("Could not fetch {url}: {e}"))?;
    if optional && response.status() == 404 {
        return Ok(None);
    }
    if !response.ok() {
        let listed = if expect.is_some() { " (the site's manifest lists it: is the upload complete?)" } else { "" };
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}{listed}",
            response.status(),
            response.status_text()
        ));
    }
    let Some(body) = response.body() else { return Ok(Some(JsChunks::empty())) };
    match expect {
        Some(part) => checked(url, body, part, counted).await.map(Some),
        None => read_all(body, None, most, counted).await.map(Some).map_err(|e| broke_off(url, &e)),
    }
}

/// A listed file's bytes, read no further than its size and checked against its checksum.
async fn checked(
    url: &str,
    body: web_sys::ReadableStream,
    part: &Part,
    counted: &dyn Fn(usize),
) -> Result<JsChunks, String> {
    let mut checksum = Checksum::default();
    let chunks =
        read_all(body, Some(&mut checksum), Some(part.bytes), counted).await.map_err(|e| broke_off(url, &e))?;
    let (bytes, xxh3) = checksum.finish();
    part.check_hashed(bytes, &xxh3).map_err(|e| format!("Could not use {url}: {e}"))?;
    Ok(chunks)
}

fn broke_off(url: &str, e: &wasm_bindgen::JsValue) -> String {
    format!("Could not read {url}: {}", e.as_string().unwrap_or_else(|| "the download broke off".into()))
}

/// The host's manifest, asked for anew (`None`: the site has none).
async fn fetch_manifest(url: &str) -> Result<Option<String>, String> {
    match download(url, true, None, Some(MANIFEST_MOST), &|_| {}).await? {
        Some(bytes) => manifest_text(url, &bytes).map(Some),
        None => Ok(None),
    }
}

/// The manifest kept on this device by the last visit that loaded, if any.
async fn kept_manifest(kept: Option<&Kept>, url: &str) -> Option<String> {
    let body = kept?.get(url).await?;
    let bytes = read_all(body, None, Some(MANIFEST_MOST), &|_| {}).await.ok()?;
    manifest_text(url, &bytes).ok()
}

fn manifest_text(url: &str, bytes: &JsChunks) -> Result<String, String> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| format!("{url} is not text: rebuild the site with `paperscope build`"))
}

/// Every piece of a stream, kept in JavaScript memory; each counted, and hashed when `checksum` is given;
/// an error past `most` bytes (the stream is cancelled).
async fn read_all(
    stream: web_sys::ReadableStream,
    mut checksum: Option<&mut Checksum>,
    most: Option<u64>,
    counted: &dyn Fn(usize),
) -> Result<JsChunks, wasm_bindgen::JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = wasm_bindgen::JsCast::dyn_into(stream.get_reader())?;
    let mut chunks = Vec::new();
    let mut scratch = Vec::new();
    let mut seen = 0u64;
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            let piece = Uint8Array::new(&value);
            seen += u64::from(piece.length());
            if let Some(most) = most.filter(|&most| seen > most) {
                let _ = reader.cancel();
                return Err(format!("more than the {most} bytes expected arrived").into());
            }
            if let Some(checksum) = checksum.as_deref_mut() {
                scratch.resize(piece.length() as usize, 0);
                piece.copy_to(&mut scratch);
                checksum.update(&scratch);
            }
            counted(piece.length() as usize);
            chunks.push(piece);
        }
    }
    Ok(JsChunks::new(chunks))
}
