//! Downloading the site's files: piece by piece into JavaScript memory, counted for the progress figure,
//! checked against the manifest's entry as they stream (size and checksum), never past the bytes expected,
//! a few at a time in order; and the manifest itself.

use futures::{StreamExt, TryStreamExt};
use js_sys::Uint8Array;
use paperscope_corpus::parts::{Checksum, Part};

use crate::chunks::JsChunks;
use crate::kept::Kept;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's own gzip decoder (every current browser has it; web-sys still marks it unstable).
    pub(crate) type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    pub(crate) fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The index fetched, or (when it could not be) none, saying why: the papers are then indexed here.
pub(crate) fn usable(index: Result<Option<JsChunks>, String>) -> Option<JsChunks> {
    index.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("{e}; indexing the papers here instead").into());
        None
    })
}

/// Downloads at once: about what a browser opens to one host over HTTP/1.1 (a manifest may list thousands
/// of files; they are asked for this many at a time, in order).
pub(crate) const AT_ONCE: usize = 6;

/// Runs `downloads` at most [`AT_ONCE`] at a time; their results in order, or the first failure.
pub(crate) async fn in_order<T>(
    downloads: impl Iterator<Item = impl std::future::Future<Output = Result<T, String>>>,
) -> Result<Vec<T>, String> {
    futures::stream::iter(downloads).buffered(AT_ONCE).try_collect().await
}

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
pub(crate) async fn checked(
    url: &str,
    body: web_sys::ReadableStream,
    part: &Part,
    counted: &dyn Fn(usize),
) -> Result<JsChunks, String> {
    let mut checksum = Checksum::default();
    let chunks =
        read_all(body, Some(&mut checksum), Some(part.bytes), counted).await.map_err(|e| broke_off(url, &e))?;
    let (bytes, xxh3) = checksum.finish();
    part.check_hashed(bytes, &xxh3).map_err(|e| unusable(url, &e))?;
    Ok(chunks)
}

/// Why a listed file (at `url`) cannot be used: `why` from [`Part::check_hashed`].
fn unusable(url: &str, why: &str) -> String {
    format!("Could not use {url}: {why}")
}

/// Hashes `piece` (in JavaScript memory), copying it into WebAssembly memory a window at a time through
/// `scratch`, so the page's memory never grows by more than a window for it.
fn hash(checksum: &mut Checksum, scratch: &mut Vec<u8>, piece: &Uint8Array) {
    for from in (0..piece.length()).step_by(HASHED) {
        let window = piece.subarray(from, (from + HASHED as u32).min(piece.length()));
        scratch.resize(window.length() as usize, 0);
        window.copy_to(scratch);
        checksum.update(scratch);
    }
}

/// Bytes read off a kept file a slice at a time, where the browser cannot stream it into a buffer of the
/// page's ([`blob_streamed`]): the browser reads the next slice while this one is hashed. Files as large as
/// a part (20 MiB by default) and the 42 MB index at 100,000 papers are read whole (cutting a slice costs
/// the page ~1.7 ms).
const SLICE: u64 = 64 << 20;

/// Bytes copied into WebAssembly memory at a time to be hashed.
const HASHED: usize = 1 << 20;

/// A listed file kept on this device (a blob), read into WebAssembly memory as it streams and checked
/// against its size and checksum like a download.
pub(crate) async fn blob_checked(url: &str, blob: &web_sys::Blob, part: &Part) -> Result<JsChunks, String> {
    let mut bytes = Vec::new();
    let mut take = |piece: &[u8]| {
        // The size was checked against the manifest's before the first piece is read.
        if bytes.capacity() == 0 {
            bytes.reserve_exact(usize::try_from(part.bytes).unwrap_or(0));
        }
        bytes.extend_from_slice(piece);
        Ok(())
    };
    match blob_streamed(url, blob, part, &mut take).await {
        Ok(()) => Ok(JsChunks::here(bytes)),
        Err(Streamed::Unusable(e) | Streamed::Refused(e)) => Err(e),
    }
}

/// A kept file read into JavaScript memory in slices (see [`SLICE`]), checked against its size and checksum.
async fn blob_whole(url: &str, blob: &web_sys::Blob, part: &Part) -> Result<JsChunks, String> {
    let size = blob.size() as u64;
    let unreadable = |e: wasm_bindgen::JsValue| format!("Could not read {url}: {}", crate::kept::describe(&e));
    let ask = |from: u64| -> Result<wasm_bindgen_futures::JsFuture, String> {
        if size <= SLICE {
            return Ok(wasm_bindgen_futures::JsFuture::from(blob.array_buffer()));
        }
        let slice = blob.slice_with_f64_and_f64(from as f64, (from + SLICE).min(size) as f64).map_err(unreadable)?;
        Ok(wasm_bindgen_futures::JsFuture::from(slice.array_buffer()))
    };
    let mut checksum = Checksum::default();
    let (mut chunks, mut scratch) = (Vec::new(), Vec::new());
    let mut next = (size > 0).then(|| ask(0)).transpose()?;
    let mut at = 0;
    while let Some(slice) = next.take() {
        let piece = Uint8Array::new(&slice.await.map_err(unreadable)?);
        at += u64::from(piece.length());
        next = (at < size && piece.length() > 0).then(|| ask(at)).transpose()?;
        hash(&mut checksum, &mut scratch, &piece);
        chunks.push(piece);
    }
    let (bytes, xxh3) = checksum.finish();
    part.check_hashed(bytes, &xxh3).map_err(|e| unusable(url, &e))?;
    Ok(JsChunks::new(chunks))
}

/// Why a kept file streamed to a reader was not all taken.
pub(crate) enum Streamed {
    /// The copy is not the listed file (another size, damaged, unreadable): it should be forgotten and the
    /// file fetched again.
    Unusable(String),
    /// The listed file, whole and as the manifest says, was refused by the reader: the sentence says why.
    Refused(String),
}

/// Bytes of a kept file the browser hands over at a time when it is streamed (it fills less, as it reads).
const STREAMED: u32 = 1 << 20;

/// A listed file kept on this device (a blob), handed to `take` a piece at a time in WebAssembly memory as
/// it is read, and checked against its size and checksum like a download. It is read through one buffer
/// used again for every piece (a reader that brings its own buffer), so the file never lies whole in
/// JavaScript memory: reading the whole file first (`Blob.arrayBuffer`) cost the page's thread ~1 ms a
/// megabyte in Chromium, as the browser filled new memory. A damaged copy is only known at its end: what
/// `take` refused before then is reported only when the copy turns out to be whole. A browser whose blobs
/// cannot be read that way reads the file whole, then hands it over.
pub(crate) async fn blob_streamed(
    url: &str,
    blob: &web_sys::Blob,
    part: &Part,
    take: &mut dyn FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), Streamed> {
    let size = blob.size() as u64;
    if size != part.bytes {
        part.check_hashed(size, "").map_err(|e| Streamed::Unusable(unusable(url, &e)))?;
    }
    if let Ok(reader) = web_sys::ReadableStreamByobReader::new(&blob.stream()) {
        if let Some(streamed) = byob(url, &reader, part, take).await {
            return streamed;
        }
    }
    // The browser's blobs do not stream into a buffer of the page's: the file is read whole, then handed over.
    let mut bytes = blob_whole(url, blob, part).await.map_err(Streamed::Unusable)?;
    let mut piece = vec![0; STREAMED as usize];
    loop {
        let n = std::io::Read::read(&mut bytes, &mut piece)
            .map_err(|e| Streamed::Unusable(unusable(url, &e.to_string())))?;
        if n == 0 {
            return Ok(());
        }
        take(&piece[..n]).map_err(Streamed::Refused)?;
    }
}

/// [`blob_streamed`] through `reader`; `None` when its first read failed (nothing was taken): a browser that
/// makes the reader but cannot fill the page's buffer.
async fn byob(
    url: &str,
    reader: &web_sys::ReadableStreamByobReader,
    part: &Part,
    take: &mut dyn FnMut(&[u8]) -> Result<(), String>,
) -> Option<Result<(), Streamed>> {
    use wasm_bindgen::JsCast;
    let unreadable =
        |e: wasm_bindgen::JsValue| Streamed::Unusable(format!("Could not read {url}: {}", crate::kept::describe(&e)));
    let (mut checksum, mut scratch, mut refused, mut since_turn) = (Checksum::default(), Vec::new(), None, 0);
    let mut buffer = js_sys::ArrayBuffer::new(STREAMED);
    let mut first = true;
    loop {
        let read = reader.read_with_array_buffer_view(&Uint8Array::new(&buffer));
        let read = match wasm_bindgen_futures::JsFuture::from(read).await {
            Ok(read) => read,
            Err(_) if first => return None,
            Err(e) => return Some(Err(unreadable(e))),
        };
        first = false;
        let done = js_sys::Reflect::get(&read, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        let piece = js_sys::Reflect::get(&read, &"value".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok());
        let Some(piece) = piece.filter(|_| !done) else { break };
        buffer = piece.buffer();
        let n = piece.length() as usize;
        if scratch.len() < n {
            scratch.resize(n, 0);
        }
        piece.copy_to(&mut scratch[..n]);
        checksum.update(&scratch[..n]);
        if refused.is_none() {
            refused = take(&scratch[..n]).err();
        }
        // The pieces may all be waiting: the page gets a turn between the megabytes taken.
        since_turn += n;
        if since_turn >= 2 * STREAMED as usize {
            since_turn = 0;
            crate::load::yield_to_page().await;
        }
    }
    let (bytes, xxh3) = checksum.finish();
    if let Err(e) = part.check_hashed(bytes, &xxh3) {
        return Some(Err(Streamed::Unusable(unusable(url, &e))));
    }
    Some(refused.map_or(Ok(()), |e| Err(Streamed::Refused(e))))
}

pub(crate) fn broke_off(url: &str, e: &wasm_bindgen::JsValue) -> String {
    format!("Could not read {url}: {}", e.as_string().unwrap_or_else(|| "the download broke off".into()))
}

/// The host's manifest, asked for anew (`None`: the site has none).
pub(crate) async fn fetch_manifest(url: &str) -> Result<Option<String>, String> {
    match download(url, true, None, Some(MANIFEST_MOST), &|_| {}).await? {
        Some(bytes) => manifest_text(url, &bytes).map(Some),
        None => Ok(None),
    }
}

/// The manifest kept on this device by the last visit that loaded, if any.
pub(crate) async fn kept_manifest(kept: Option<&Kept>, url: &str) -> Option<String> {
    let body = kept?.get(url).await?;
    let bytes = read_all(body, None, Some(MANIFEST_MOST), &|_| {}).await.ok()?;
    manifest_text(url, &bytes).ok()
}

pub(crate) fn manifest_text(url: &str, bytes: &JsChunks) -> Result<String, String> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| format!("{url} is not text: rebuild the site with `paperscope build`"))
}

/// Every piece of a stream, kept in JavaScript memory; each counted, and hashed when `checksum` is given;
/// an error past `most` bytes (the stream is cancelled).
pub(crate) async fn read_all(
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
                hash(checksum, &mut scratch, &piece);
            }
            counted(piece.length() as usize);
            chunks.push(piece);
        }
    }
    Ok(JsChunks::new(chunks))
}
