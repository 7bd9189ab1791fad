//! What the page keeps of the site's data on this device: the manifest with the files it lists (older
//! builds' files forgotten), the first part's own index, the unpacked copies of packed files; each copy read
//! back is checked against the manifest, and a damaged one is forgotten.

use std::collections::HashSet;

use paperscope_corpus::parts::{parts_file_name, Part, Pieces};

use super::Site;
use crate::chunks::JsChunks;
use crate::download::blob_checked;
use crate::kept::{self, Kept};

impl Site {
    /// Keeps the manifest on this device and forgets files older builds listed: call once the data it
    /// lists has loaded (so a manifest is never kept without its files).
    pub async fn remember(&self) {
        let (Some(kept), Some(parts), Some(text)) = (&self.kept, &self.parts, &self.manifest) else { return };
        let manifest_url = parts_file_name(&self.corpus_url);
        kept.put(&manifest_url, &JsChunks::from_bytes(text.as_bytes())).await;
        let mut keep: HashSet<String> = parts.files().map(|p| kept::absolute(&self.key(p))).collect();
        keep.insert(kept::absolute(&manifest_url));
        let unpacked = [&parts.index, &parts.first_index, &parts.map].into_iter().filter_map(|p| self.unpacked_key(p));
        keep.extend(unpacked.map(|key| kept::absolute(&key)));
        kept.keep_only(&kept::absolute(&self.beside("")), &keep).await;
    }

    /// Downloads and keeps the first corpus part's own index (see [`Parts::first_index`]) when it is not
    /// kept on this device yet, so the next visit searches the first part without indexing it. Called once
    /// the data has loaded: beside the first part it would share the network with it and delay the first
    /// results more than indexing the part here takes.
    pub async fn keep_first_index(&self) {
        let (Some(parts), Some(kept)) = (&self.parts, &self.kept) else { return };
        if !self.index_fits() || self.offline {
            return;
        }
        for part in &parts.first_index.parts {
            if !kept.has(&self.key(part)).await {
                if let Err(e) = self.listed(part, &|_| {}).await {
                    web_sys::console::warn_1(&format!("{e}; the next visit indexes the first part here").into());
                }
            }
        }
    }

    /// A listed file kept on this device, checked against the manifest (a damaged copy is forgotten).
    pub(super) async fn on_device(&self, part: &Part) -> Option<JsChunks> {
        let (kept, key) = (self.kept.as_ref()?, self.key(part));
        let blob = kept.get_blob(&key).await?;
        checked_copy(kept, &key, &self.url(part), &blob, part, "fetching it again").await
    }

    /// A listed file kept on this device, not yet read (nor checked).
    pub(super) async fn kept_blob(&self, part: &Part) -> Option<web_sys::Blob> {
        self.kept.as_ref()?.get_blob(&self.key(part)).await
    }

    pub(super) async fn keep(&self, part: &Part, bytes: &JsChunks) {
        if let Some(kept) = &self.kept {
            kept.put(&self.key(part), bytes).await;
        }
    }

    /// The address the unpacked copy of packed pieces is kept under: the first piece's, versioned by every
    /// piece's checksum (a rebuilt file is unpacked anew).
    pub(super) fn unpacked_key(&self, pieces: &Pieces) -> Option<String> {
        let first = pieces.parts.first().filter(|_| pieces.gzip())?;
        let versions: Vec<&str> = pieces.parts.iter().map(|p| p.xxh3.as_str()).collect();
        Some(kept::versioned(&self.url(first), &format!("{}.unpacked", versions.join("."))))
    }

    /// The unpacked copy of packed pieces kept on this device, checked against the size the manifest gives
    /// and the checksum it was kept with (a damaged copy is forgotten and the pieces read again).
    pub(super) async fn kept_unpacked(&self, pieces: &Pieces) -> Option<JsChunks> {
        let (kept, key) = (self.kept.as_ref()?, self.unpacked_key(pieces)?);
        let (blob, xxh3) = kept.get_checked(&key).await?;
        let expect = Part { file: key.clone(), bytes: pieces.unpacked?, xxh3, papers: None };
        checked_copy(kept, &key, &key, &blob, &expect, "reading the packed file").await
    }
}

/// A copy kept under `key` (named `url` in messages), read and checked against `expect`; a damaged copy is
/// named in the console with what the page does `instead`, and forgotten.
async fn checked_copy(
    kept: &Kept,
    key: &str,
    url: &str,
    blob: &web_sys::Blob,
    expect: &Part,
    instead: &str,
) -> Option<JsChunks> {
    match blob_checked(url, blob, expect).await {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            forget(kept, key, &e, instead).await;
            None
        }
    }
}

/// A copy kept under `key` that could not be used (`why`) is named in the console with what the page does
/// `instead`, and forgotten.
pub(super) async fn forget(kept: &Kept, key: &str, why: &str, instead: &str) {
    web_sys::console::warn_1(&format!("{why} (kept on this device): {instead}").into());
    kept.remove(key).await;
}
