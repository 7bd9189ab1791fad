//! How the corpus's documents reach the page: each kept on this device, or downloaded (the packed copy
//! when the build made one) and unpacked here a step a turn, then kept as the document for the next visit.

use futures::{StreamExt, TryStreamExt};
use js_sys::Uint8Array;
use paperscope_corpus::parts::{Part, Parts};
use paperscope_corpus::unpack::Unpacking;

use super::Site;
use crate::download::{download, AT_ONCE};
use crate::load::{CorpusPart, JsChunks};

/// Corpus document `i`'s bytes as obtained: with `packed` (its encoding and entry) while they still need
/// unpacking into `plain`.
struct Obtained<'a> {
    i: usize,
    plain: &'a Part,
    bytes: JsChunks,
    packed: Option<(&'a str, &'a Part)>,
}

impl Site {
    /// The corpus's first part, when it is in several (the build makes it small, so its papers can be
    /// searched while the rest arrives).
    pub async fn fetch_first(&self) -> Option<Result<CorpusPart, String>> {
        let parts = self.parts.as_ref().filter(|p| p.corpus.len() > 1)?;
        Some(self.document(parts, 0, &|_| {}).await)
    }

    /// Corpus documents `from..` in order. Downloads (a few at a time) and unpacking (one at a time, as the
    /// parts arrive) go on side by side, so a part being unpacked never holds up the next download.
    pub(super) async fn documents(
        &self,
        parts: &Parts,
        from: usize,
        counted: &dyn Fn(usize),
    ) -> Result<Vec<CorpusPart>, String> {
        let (arrived, to_finish) = futures::channel::mpsc::unbounded();
        let downloads = async move {
            let obtain = (from..parts.corpus.len()).map(|i| self.obtain(parts, i, counted));
            let mut obtained = futures::stream::iter(obtain).buffer_unordered(AT_ONCE);
            while let Some(part) = obtained.next().await {
                arrived.unbounded_send(part?).map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        };
        let finished = to_finish
            .then(|obtained: Obtained| async move { Ok::<_, String>((obtained.i, self.finish(obtained).await?)) })
            .try_collect::<Vec<_>>();
        let ((), mut documents) = futures::future::try_join(downloads, finished).await?;
        documents.sort_by_key(|(i, _)| *i);
        Ok(documents.into_iter().map(|(_, part)| part).collect())
    }

    /// Corpus document `i` of `parts`: kept on this device, or downloaded (as the build packed it, when it
    /// did, then unpacked here) and kept as the document for the next visit.
    async fn document(&self, parts: &Parts, i: usize, counted: &dyn Fn(usize)) -> Result<CorpusPart, String> {
        let obtained = self.obtain(parts, i, counted).await?;
        self.finish(obtained).await
    }

    /// Corpus document `i`'s bytes as they come: kept on this device (the document), or downloaded (packed,
    /// when the build packed it).
    async fn obtain<'a>(&self, parts: &'a Parts, i: usize, counted: &dyn Fn(usize)) -> Result<Obtained<'a>, String> {
        let (plain, packed) = parts.document(i).ok_or_else(|| format!("the manifest has no corpus part {i}"))?;
        let (Some(packed), Some(packing)) = (packed, &parts.packed) else {
            return Ok(Obtained { i, plain, bytes: self.listed(plain, counted).await?, packed: None });
        };
        if let Some(bytes) = self.on_device(plain).await {
            counted(packed.bytes as usize);
            return Ok(Obtained { i, plain, bytes, packed: None });
        }
        let bytes = download(&self.url(packed), false, Some(packed), None, counted).await?;
        let packed = Some((packing.encoding.as_str(), packed));
        Ok(Obtained { i, plain, bytes: bytes.unwrap_or_else(JsChunks::empty), packed })
    }

    /// The document obtained: unpacked (then kept) when it came packed.
    async fn finish(&self, obtained: Obtained<'_>) -> Result<CorpusPart, String> {
        let Obtained { plain, bytes, packed, .. } = obtained;
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
            crate::load::yield_to_page().await;
        }
        Ok(JsChunks::new(pieces))
    }
}
