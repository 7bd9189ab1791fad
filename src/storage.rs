//! Where "Add papers" keeps its imports between visits: the browser's IndexedDB (which holds far more than
//! local storage's few megabytes), one record holding every import. Nothing leaves the browser.

use serde::Deserialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::import::{as_array, Import};

/// The record: the list of `[name, text, format]` triples, under this database, store and key. (Earlier versions
/// kept a JSON string there; it is still read.)
const DB: &str = "paperscope";
const STORE: &str = "imports";
const KEY: &str = "all";

/// A promise settled by an IndexedDB request's success (with its result) or error.
fn settled(request: &web_sys::IdbRequest) -> js_sys::Promise {
    let request = request.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the browser's storage refused the request"));
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    })
}

async fn open_db() -> Result<web_sys::IdbDatabase, String> {
    let factory = leptos::prelude::window()
        .indexed_db()
        .ok()
        .flatten()
        .ok_or("this browser offers no storage for added papers; they stay until you reload")?;
    let request = factory.open_with_u32(DB, 1).map_err(|_| "the browser's storage could not be opened")?;
    let upgrading = request.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result() {
            let _ = db.unchecked_into::<web_sys::IdbDatabase>().create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = JsFuture::from(settled(&request)).await.map_err(|e| e.as_string().unwrap_or_default())?;
    Ok(db.unchecked_into())
}

async fn store(mode: web_sys::IdbTransactionMode) -> Result<web_sys::IdbObjectStore, String> {
    let db = open_db().await?;
    let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(|_| "the browser's storage is not available")?;
    tx.object_store(STORE).map_err(|_| "the browser's storage is not available".to_string())
}

/// The imports saved by an earlier visit.
pub async fn saved() -> Vec<Import> {
    let Ok(store) = store(web_sys::IdbTransactionMode::Readonly).await else { return Vec::new() };
    let Ok(request) = store.get(&JsValue::from_str(KEY)) else { return Vec::new() };
    let value = JsFuture::from(settled(&request)).await.unwrap_or(JsValue::UNDEFINED);
    if let Some(json) = value.as_string() {
        #[derive(Deserialize)]
        struct Saved {
            name: String,
            text: String,
        }
        let saved: Vec<Saved> = serde_json::from_str(&json).unwrap_or_default();
        return saved
            .into_iter()
            .map(|s| Import { name: s.name, text: s.text.as_str().into(), format: None })
            .collect();
    }
    // Nothing saved yet reads as an empty list.
    as_array(&value).iter().filter_map(|pair| Import::from_js(&pair)).collect()
}

/// Saves the imports for later visits; a failure is reported, not fatal (they stay for this visit).
pub async fn save(imports: Vec<Import>) -> Result<(), String> {
    let list: js_sys::Array = imports.iter().map(Import::to_js).collect();
    let store = store(web_sys::IdbTransactionMode::Readwrite).await?;
    let request = store
        .put_with_key(&list, &JsValue::from_str(KEY))
        .map_err(|_| "the browser's storage refused these papers: they stay until you reload")?;
    JsFuture::from(settled(&request))
        .await
        .map(|_| ())
        .map_err(|_| "the browser's storage is full: these papers stay until you reload, but will not be kept".into())
}
