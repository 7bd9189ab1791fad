//! The site's data as the page and the import worker fetch it. `paperscope build` writes a manifest,
//! `corpus.parts.json`, listing the corpus documents, the index and the map (each whole, or cut into parts no
//! larger than a static host accepts); it is read first, then every part is fetched at once, checked as it
//! streams in (size and checksum, so a part from an older build or a damaged upload is named, never misread),
//! and counted towards one progress figure. A corpus in several parts also comes zstd-compressed (a third
//! fewer bytes than a host's gzip): the page downloads that copy and unpacks it here, a megabyte a turn, into
//! the very document the manifest lists (size and checksum), and keeps the document. A site without a
//! manifest (a data folder made by hand, or by an older build) is read as one `corpus.json` with its index
//! and map beside it.

use std::cell::Cell;

use paperscope_corpus::parts::{parts_file_name, Checksum, Part, Parts, Pieces};

use crate::chunks::JsChunks;
use crate::download::{download, fetch_manifest, in_order, kept_manifest, read_all, usable, DecompressionStream};
use crate::kept::{self, Kept};
use crate::load::{read_part, yield_to_page, CorpusPart, DecodedIndex, ReadPart};

mod documents;
mod on_device;

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

/// What the page downloads to open the engine, each read as soon as it arrived.
pub struct Fetched {
    /// The papers of each corpus document, in order.
    pub corpus: Vec<ReadPart>,
    /// The index file (its parts joined), decoded; none when there is none or it would not fit this engine.
    pub index: DecodedIndex,
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
        if let Some(bytes) = self.on_device(part).await {
            counted(part.bytes as usize);
            return Ok(bytes);
        }
        self.fetched(part, counted).await
    }

    /// A listed file downloaded from the host (and kept).
    async fn fetched(&self, part: &Part, counted: &dyn Fn(usize)) -> Result<JsChunks, String> {
        let bytes = download(&self.url(part), false, Some(part), None, counted).await?.unwrap_or_else(JsChunks::empty);
        self.keep(part, &bytes).await;
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

    /// The corpus documents and (when `with_index`) the index, all at once (the index asked for first: it
    /// takes the longest to decode), each read as soon as it has arrived, so opening the engine after the
    /// last byte waits for that file alone. `progress` hears the bytes arrived so far and the total when
    /// known. `first`: the corpus's first part, when the caller is fetching it (`None`: fetched here); the
    /// other parts are downloaded meanwhile, but read only once it is given (so a caller showing the first
    /// part's papers meanwhile has the page to itself until then).
    pub async fn fetch(
        &self,
        with_index: bool,
        first: impl std::future::Future<Output = Option<CorpusPart>>,
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
            let index = DecodedIndex::decode(index, &yield_to_page).await;
            let corpus = read_part(CorpusPart::whole(&self.corpus_url, corpus), &yield_to_page).await?;
            return Ok(Fetched { corpus: vec![corpus], index });
        };
        // The rest (and the index) is read once the first part is here (the caller shows it first).
        let first = futures::FutureExt::shared(first);
        let given = first.clone();
        let gate = || futures::FutureExt::map(given.clone(), |_| ());
        let index = async {
            if !with_index || parts.index.is_empty() {
                return DecodedIndex::decode(None, &yield_to_page).await;
            }
            let joined = usable(self.joined(&parts.index, &counted).await.map(Some));
            gate().await;
            DecodedIndex::decode(joined, &yield_to_page).await
        };
        let first = async {
            let given = first.await.filter(|f| f.listed.as_ref() == parts.corpus.first());
            let part = match (given, parts.fetched(0)) {
                (Some(given), Some(fetched)) => {
                    counted(fetched.bytes as usize);
                    given
                }
                _ => match self.documents(parts, 0..1, async {}, &counted).await?.pop() {
                    Some(read) => return Ok(read),
                    None => return Err("the manifest lists no corpus part".to_string()),
                },
            };
            read_part(part, &yield_to_page).await
        };
        let rest = self.documents(parts, 1..parts.corpus.len(), gate(), &counted);
        let (index, first, rest) = futures::future::join3(index, first, rest).await;
        let corpus = std::iter::once(first?).chain(rest?).collect();
        Ok(Fetched { corpus, index })
    }

    /// Pieces of one file, fetched at once, joined in order and (when packed) unpacked by the browser. The
    /// unpacked bytes are kept too, so a return visit reads them instead of unpacking again (the browser's
    /// gzip runs on the page's thread: 137 ms for the 100,000-paper index).
    async fn joined(&self, pieces: &Pieces, counted: &dyn Fn(usize)) -> Result<JsChunks, String> {
        if let Some(unpacked) = self.kept_unpacked(pieces).await {
            counted(pieces.parts.iter().map(|p| p.bytes as usize).sum());
            return Ok(unpacked);
        }
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
        let mut checksum = Checksum::default();
        let unpacked = read_all(unpacked, Some(&mut checksum), pieces.unpacked, &|_| {}).await.map_err(broken)?;
        if let (Some(kept), Some(key)) = (self.kept.clone(), self.unpacked_key(pieces)) {
            let (bytes, xxh3) = (unpacked.clone(), checksum.finish().1);
            // Off the way to opening the engine: the browser writes it while the page decodes.
            wasm_bindgen_futures::spawn_local(async move { kept.put_checked(&key, &bytes, &xxh3).await });
        }
        Ok(unpacked)
    }

    /// The index's name in messages: its file, or its first part and how many there are.
    pub fn index_name(&self) -> String {
        self.name(|p| &p.index, paperscope_search::index_file_name)
    }

    /// The first corpus part's own index's name in messages.
    pub fn first_index_name(&self) -> String {
        self.name(|p| &p.first_index, paperscope_search::index_file_name)
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
