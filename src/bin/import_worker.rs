//! The import worker: a Web Worker (Trunk builds this binary with `data-type="worker"`) that adds the user's
//! papers to the corpus off the page's thread, so a 20 MB import never freezes the page.
//!
//! Messages, as arrays: the worker says `["ready"]` once it listens; the page sends `[corpus URL, imports
//! ([name, text, format name or null] triples), today (YYYY-MM-DD)]`; the worker answers `["progress", text]` before each step, then either
//! `["done", reports (JSON), papers before, corpus document bytes, index file bytes, map file bytes or null,
//! why there is no map or null]` (the byte arrays transferred, not copied) or `["error", message]`.

use js_sys::{Array, Uint8Array};
use paperscope_app::hosted::Site;
use paperscope_app::import::{as_array, run_imports, ImportText};
use paperscope_app::load::papers_of;
use paperscope_corpus::{Corpus, Date, Format, Paper, CORPUS_VERSION};
use paperscope_search::Index;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &Array, transfer: Option<&Array>) {
    let posted = match transfer {
        Some(transfer) => scope().post_message_with_transfer(message, transfer),
        None => scope().post_message(message),
    };
    if posted.is_err() {
        web_sys::console::error_1(&"the import worker could not answer the page".into());
    }
}

fn progress(text: String) {
    post(&Array::of2(&"progress".into(), &text.into()), None);
}

fn main() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|m: MessageEvent| {
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(message) = job(as_array(&m.data())).await {
                post(&Array::of2(&"error".into(), &message.into()), None);
            }
        });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page wants it; so does its listener.
    on_message.forget();
    post(&Array::of1(&"ready".into()), None);
}

async fn job(message: Array) -> Result<(), String> {
    let url = message.get(0).as_string().ok_or("the page sent no corpus address")?;
    let imports: Vec<ImportText> = as_array(&message.get(1))
        .iter()
        .map(|triple| {
            let triple = as_array(&triple);
            (
                triple.get(0).as_string().unwrap_or_default(),
                triple.get(1).as_string().unwrap_or_default(),
                triple.get(2).as_string().and_then(|f| Format::from_name(&f)),
            )
        })
        .collect();
    let today = message.get(2).as_string().and_then(|d| Date::parse_iso(&d));

    progress("Reading the papers already here…".into());
    let site = Site::as_read(&url, message.get(3).as_string()).await?;
    let base = fetch_corpus(&site).await?;
    let map = base_map(&site, &base).await;
    let base_ids: Vec<String> = base.iter().map(|p| p.id.clone()).collect();
    let imported = run_imports(base, &imports, today, progress);
    let corpus =
        Corpus { version: CORPUS_VERSION, inputs: Vec::new(), counts: Default::default(), papers: imported.papers };
    progress(format!("Indexing {} papers…", corpus.papers.len()));
    let document = corpus.to_json().map_err(|e| e.to_string())?;
    let index = Index::build(corpus.papers);
    let map = map.map(|map| {
        progress(format!("Placing {} papers on the map…", index.papers().len().saturating_sub(base_ids.len())));
        map.extended(&base_ids, &index).to_bytes()
    });
    let index = index.to_file();
    let reports = serde_json::to_string(&imported.reports).map_err(|e| e.to_string())?;

    let document = Uint8Array::from(document.as_bytes());
    let index = Uint8Array::from(index.as_slice());
    let (map, map_note): (JsValue, JsValue) = match map {
        Ok(bytes) => (Uint8Array::from(bytes.as_slice()).into(), JsValue::NULL),
        Err(why) => (JsValue::NULL, why.into()),
    };
    let done = Array::of5(&"done".into(), &reports.into(), &(imported.base as f64).into(), &document, &index);
    done.push(&map);
    done.push(&map_note);
    let transfer = Array::of2(&document.buffer(), &index.buffer());
    if let Some(bytes) = map.dyn_ref::<Uint8Array>() {
        transfer.push(&bytes.buffer());
    }
    post(&done, Some(&transfer));
    Ok(())
}

/// The papers the page shows, fetched again as the page fetched them (the browser normally answers from
/// its cache).
async fn fetch_corpus(site: &Site) -> Result<Vec<Paper>, String> {
    let fetched = site.fetch(false, async { None }, &|_, _| {}).await?;
    papers_of(fetched.corpus)
}

/// The map of the corpus's own papers, or why the papers added will have none.
async fn base_map(site: &Site, papers: &[Paper]) -> Result<paperscope_map::MapFile, String> {
    let bytes = site.map().await?.map(|b| b.to_vec());
    paperscope_app::load::read_map_file(bytes.as_deref(), &site.map_name(), papers.len(), papers.iter().map(|p| &p.id))
}
