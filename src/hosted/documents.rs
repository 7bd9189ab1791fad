//! How the corpus's documents reach the page: each kept on this device, or downloaded (the packed copy
//! when the build made one) and unpacked here a step a turn, then kept as the document for the next visit.

use futures::{StreamExt, TryStreamExt};
use js_sys::Uint8Array;
use paperscope_corpus::parts::{Part, Parts};
use paperscope_corpus::unpack::Unpacking;

use super::Site;
use crate::chunks::JsChunks;
use crate::download::{blob_checked, blob_streamed, download, usable, Streamed, AT_ONCE};
use crate::load::{read_part, yield_to_page, CorpusPart, PartReading, ReadPart};

/// Corpus document `i`'s bytes as obtained: with `packed` (its encoding and entry) while they still need
/// unpacking into `plain`.
struct Obtained<'a> {
    i: usize,
    plain: &'a Part,
    bytes: Got,
    packed: Option<(&'a str, &'a Part)>,
}

/// A document's bytes: here, or kept on this device and not yet read.
enum Got {
    Bytes(JsChunks),
    Kept(web_sys::Blob),
}

/// What corpus document `i` counts for in the loading figure: the bytes downloaded for it (packed, when the
/// build packed it), whether or not they were.
fn counts(parts: &Parts, i: usize) -> usize {
    let document = parts.document(i).map(|(plain, packed)| packed.filter(|_| parts.packed.is_some()).unwrap_or(plain));
    document.map_or(0, |part| part.bytes as usize)
}

/// What obtaining a document does with its copy kept on this device.
#[derive(Clone, Copy, PartialEq)]
enum Device {
    /// Reads it now, whole and checked.
    Read,
    /// Leaves it to be read as it is split ([`Site::read`]).
    Stream,
    /// Fetches the document from the host instead.
    Ignore,
}

impl Site {
    /// The corpus's first part, when it is in several (the build makes it small, so its papers can be
    /// searched while the rest arrives). `downloaded` is called once its bytes have come over the network,
    /// before they are unpacked and kept (the rest's downloads can start then: the first part had the
    /// bandwidth alone); not when they were kept on this device (then reading the rest would only slow
    /// showing the first part).
    /// With it comes its own index file when the build wrote one and an earlier visit kept it on this
    /// device (see [`Site::keep_first_index`]), so it is searched without being indexed here first; `None`
    /// otherwise (then the part is indexed here).
    pub async fn fetch_first(
        &self,
        downloaded: impl FnOnce(),
    ) -> Option<Result<(CorpusPart, Option<JsChunks>), String>> {
        let parts = self.parts.as_ref().filter(|p| p.corpus.len() > 1)?;
        let first_index = async {
            if parts.first_index.is_empty() || !self.index_fits() || !self.all_kept(&parts.first_index.parts).await {
                return None;
            }
            usable(self.joined(&parts.first_index, &|_| {}).await.map(Some))
        };
        let part = async {
            let obtained = self.obtain(parts, 0, Device::Read, &|_| {}).await;
            if obtained.as_ref().is_ok_and(|o| o.packed.is_some()) {
                downloaded();
            }
            match obtained {
                Ok(obtained) => self.finish(obtained).await,
                Err(e) => Err(e),
            }
        };
        let (part, first_index) = futures::future::join(part, first_index).await;
        Some(part.map(|part| (part, first_index)))
    }

    /// Whether every one of `parts` is kept on this device (nothing is read).
    async fn all_kept(&self, parts: &[Part]) -> bool {
        let Some(kept) = &self.kept else { return false };
        for part in parts {
            if !kept.has(&self.key(part)).await {
                return false;
            }
        }
        true
    }

    /// The papers of corpus documents `which`, in order. Downloads (a few at a time) and unpacking and
    /// reading (one part at a time, as the parts arrive, a step a turn) go on side by side, so a part being
    /// read never holds up the next download, and only the last part is left to read once all have arrived.
    /// None is unpacked or read before `gate`.
    pub(super) async fn documents(
        &self,
        parts: &Parts,
        which: std::ops::Range<usize>,
        gate: impl std::future::Future<Output = ()>,
        counted: &dyn Fn(usize),
    ) -> Result<Vec<ReadPart>, String> {
        let (arrived, to_finish) = futures::channel::mpsc::unbounded();
        let downloads = async move {
            let obtain = which.map(|i| self.obtain(parts, i, Device::Stream, counted));
            let mut obtained = futures::stream::iter(obtain).buffer_unordered(AT_ONCE);
            while let Some(part) = obtained.next().await {
                arrived.unbounded_send(part?).map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        };
        let finished = futures::FutureExt::flatten_stream(futures::FutureExt::map(gate, move |()| to_finish))
            .then(|obtained: Obtained| async move {
                let i = obtained.i;
                Ok::<_, String>((i, self.read(parts, obtained, counted).await?))
            })
            .try_collect::<Vec<_>>();
        let ((), mut documents) = futures::future::try_join(downloads, finished).await?;
        documents.sort_by_key(|(i, _)| *i);
        Ok(documents.into_iter().map(|(_, part)| part).collect())
    }

    /// Corpus document `i`'s bytes as they come: kept on this device (the document; see [`Device`]), or
    /// downloaded (packed, when the build packed it).
    async fn obtain<'a>(
        &self,
        parts: &'a Parts,
        i: usize,
        device: Device,
        counted: &dyn Fn(usize),
    ) -> Result<Obtained<'a>, String> {
        let (plain, packed) = parts.document(i).ok_or_else(|| format!("the manifest has no corpus part {i}"))?;
        let packed = packed.zip(parts.packed.as_ref());
        let kept = match device {
            Device::Read => self.on_device(plain).await.map(Got::Bytes),
            Device::Stream => self.kept_blob(plain).await.map(Got::Kept),
            Device::Ignore => None,
        };
        if let Some(bytes) = kept {
            // A copy still to be read counts once it is ([`Site::read`]).
            if device == Device::Read {
                counted(counts(parts, i));
            }
            return Ok(Obtained { i, plain, bytes, packed: None });
        }
        let Some((packed, packing)) = packed else {
            return Ok(Obtained { i, plain, bytes: Got::Bytes(self.fetched(plain, counted).await?), packed: None });
        };
        let bytes = download(&self.url(packed), false, Some(packed), None, counted).await?;
        let packed = Some((packing.encoding.as_str(), packed));
        Ok(Obtained { i, plain, bytes: Got::Bytes(bytes.unwrap_or_else(JsChunks::empty)), packed })
    }

    /// A document obtained, read: a kept copy as it streams from the device (a damaged one is forgotten and
    /// the document fetched again), other bytes once unpacked.
    async fn read(&self, parts: &Parts, obtained: Obtained<'_>, counted: &dyn Fn(usize)) -> Result<ReadPart, String> {
        let Got::Kept(blob) = &obtained.bytes else {
            return read_part(self.finish(obtained).await?, &yield_to_page).await;
        };
        let (plain, url) = (obtained.plain, self.url(obtained.plain));
        let mut reading = PartReading::new(url.clone(), plain.bytes, Some(plain.clone()));
        let why = match blob_streamed(&url, blob, plain, &mut |piece| reading.push(piece)).await {
            Ok(()) => {
                counted(counts(parts, obtained.i));
                return reading.finish();
            }
            Err(Streamed::Refused(e)) => return Err(e),
            Err(Streamed::Unusable(why)) => why,
        };
        if let Some(kept) = &self.kept {
            super::on_device::forget(kept, &self.key(plain), &why, "fetching it again").await;
        }
        let obtained = self.obtain(parts, obtained.i, Device::Ignore, counted).await?;
        read_part(self.finish(obtained).await?, &yield_to_page).await
    }

    /// The document obtained: unpacked (then kept) when it came packed.
    async fn finish(&self, obtained: Obtained<'_>) -> Result<CorpusPart, String> {
        let Obtained { plain, bytes, packed, .. } = obtained;
        let bytes = match bytes {
            Got::Bytes(bytes) => bytes,
            Got::Kept(blob) => blob_checked(&self.url(plain), &blob, plain).await?,
        };
        let bytes = match packed {
            Some((encoding, packed)) => {
                let bytes = self.unpack(encoding, packed, bytes, plain).await?;
                self.keep(plain, &bytes).await;
                bytes
            }
            None => bytes,
        };
        Ok(CorpusPart { name: self.url(plain), bytes, listed: Some(plain.clone()) })
    }

    /// A packed document unpacked into `plain`, a step a turn (the page paints and answers keys between).
    async fn unpack(&self, encoding: &str, packed: &Part, bytes: JsChunks, plain: &Part) -> Result<JsChunks, String> {
        let failed = |e: String| format!("Could not use {}: {e}", self.url(packed));
        let mut unpacking = Unpacking::new(encoding, bytes, plain).map_err(failed)?;
        let mut pieces = Vec::new();
        while let Some(piece) = unpacking.next_piece().map_err(failed)? {
            pieces.push(Uint8Array::from(piece));
            yield_to_page().await;
        }
        Ok(JsChunks::new(pieces))
    }
}
