//! The site's data kept on this device, so a second visit opens without downloading it again and the page
//! works with the network off. The files the manifest lists are kept in the browser's Cache Storage under
//! their address and checksum (`data/corpus.1.json?v=<xxh3>`): a rebuilt file has a new checksum, so it is
//! fetched anew, and an unchanged one never is. What comes back from the store is checked against the
//! manifest like a download (size and checksum); a damaged entry is dropped and fetched again. Files an
//! older build listed are removed once the current one has loaded. The app itself (page, scripts,
//! WebAssembly) is kept by the service worker (`public/sw.js`).
//!
//! Everything here is best effort: without Cache Storage (a page not served over https or from this
//! machine, storage refused or full) the page downloads as before.

use std::collections::HashSet;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::chunks::JsChunks;

/// The Cache Storage cache the page keeps data in (the service worker keeps the app in its own).
const CACHE: &str = "paperscope-data";

/// The data cache, when this browser and page have one.
#[derive(Clone)]
pub struct Kept(web_sys::Cache);

/// The header a kept copy that no manifest lists carries its own checksum in (see [`Kept::put_checked`]).
const XXH3: &str = "x-paperscope-xxh3";

impl Kept {
    /// Opens the cache (in the page or in a worker); `None` when there is no Cache Storage here.
    pub async fn open() -> Option<Kept> {
        let storage = js_sys::Reflect::get(&js_sys::global(), &"caches".into()).ok()?;
        if storage.is_undefined() || storage.is_null() {
            return None;
        }
        let storage: web_sys::CacheStorage = storage.unchecked_into();
        let cache = JsFuture::from(storage.open(CACHE)).await.ok()?;
        Some(Kept(cache.unchecked_into()))
    }

    /// The body kept under `key`, if any.
    pub async fn get(&self, key: &str) -> Option<web_sys::ReadableStream> {
        self.response(key).await?.body()
    }

    /// What is kept under `key`, if anything, as a blob: nothing is read until it is streamed.
    pub async fn get_blob(&self, key: &str) -> Option<web_sys::Blob> {
        JsFuture::from(self.response(key).await?.blob().ok()?).await.ok()?.dyn_into().ok()
    }

    /// What is kept under `key` as a blob, with the checksum it was kept with ([`Kept::put_checked`]).
    pub async fn get_checked(&self, key: &str) -> Option<(web_sys::Blob, String)> {
        let response = self.response(key).await?;
        let xxh3 = response.headers().get(XXH3).ok()??;
        let blob = JsFuture::from(response.blob().ok()?).await.ok()?.dyn_into().ok()?;
        Some((blob, xxh3))
    }

    /// Whether something is kept under `key` (nothing is read).
    pub async fn has(&self, key: &str) -> bool {
        self.response(key).await.is_some()
    }

    async fn response(&self, key: &str) -> Option<web_sys::Response> {
        JsFuture::from(self.0.match_with_str(key)).await.ok()?.dyn_into().ok()
    }

    /// Keeps `bytes` under `key` (a failure, such as a full disk, only means the next visit downloads it).
    pub async fn put(&self, key: &str, bytes: &JsChunks) {
        self.put_with(key, bytes, None).await
    }

    /// [`Kept::put`] for a copy no manifest lists (a file unpacked here): with its own checksum, which
    /// [`Kept::get_checked`] gives back to check it by.
    pub async fn put_checked(&self, key: &str, bytes: &JsChunks, xxh3: &str) {
        self.put_with(key, bytes, Some(xxh3)).await
    }

    async fn put_with(&self, key: &str, bytes: &JsChunks, xxh3: Option<&str>) {
        let stored = async {
            let init = web_sys::ResponseInit::new();
            if let Some(xxh3) = xxh3 {
                let headers = web_sys::Headers::new()?;
                headers.set(XXH3, xxh3)?;
                init.set_headers(&headers);
            }
            let response = web_sys::Response::new_with_opt_blob_and_init(Some(&bytes.blob()?), &init)?;
            JsFuture::from(self.0.put_with_str(key, &response)).await
        };
        if let Err(e) = stored.await {
            web_sys::console::warn_1(&format!("Could not keep {key} on this device: {}", describe(&e)).into());
        }
    }

    /// Forgets what is kept under `key`.
    pub async fn remove(&self, key: &str) {
        let _ = JsFuture::from(self.0.delete_with_str(key)).await;
    }

    /// Removes every kept file under the folder `dir` (an absolute address ending in `/`) but those in `keep`
    /// (absolute addresses): what older builds of this site listed. Other sites on this origin are left alone.
    pub async fn keep_only(&self, dir: &str, keep: &HashSet<String>) {
        let Ok(keys) = JsFuture::from(self.0.keys()).await else { return };
        for request in js_sys::Array::from(&keys).iter() {
            let Ok(request) = request.dyn_into::<web_sys::Request>() else { continue };
            let url = request.url();
            let in_dir = url.strip_prefix(dir).is_some_and(|rest| !rest.split('?').next().unwrap_or("").contains('/'));
            if in_dir && !keep.contains(&url) {
                let _ = JsFuture::from(self.0.delete_with_str(&url)).await;
            }
        }
    }
}

/// A JavaScript error as text.
pub fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The address a listed file is fetched and kept under: its own, with its checksum as the version, so hosts
/// and caches on the way treat a rebuilt file as a new one (static hosts ignore the query). `download` asks
/// for the same address.
pub fn versioned(url: &str, xxh3: &str) -> String {
    format!("{url}?v={xxh3}")
}

/// `url` made absolute against the page (or worker) it is read from.
pub fn absolute(url: &str) -> String {
    let base = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .ok()
        .and_then(|l| js_sys::Reflect::get(&l, &"href".into()).ok())
        .and_then(|h| h.as_string())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).map(|u| u.href()).unwrap_or_else(|_| url.to_string())
}
