//! "Add papers": listings and metadata dumps pasted or dropped into the page, parsed by the same parser as
//! the CLI, merged into the explorer's papers, kept in the browser's local storage and removable again.
//! Nothing is sent anywhere.

use paperscope_corpus::{merge_and_finish, parse, Date, ParseOptions, Severity};
use paperscope_search::Index;
use serde::{Deserialize, Serialize};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::Loaded;

/// One import: a name (the file's, or `pasted-N.txt`) and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub name: String,
    pub text: String,
}

/// What one import held.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    /// The format found, or why none was.
    pub format: Result<String, String>,
    pub records: usize,
    pub problems: Vec<String>,
}

/// Imports are kept in the browser's IndexedDB (which holds far more than local storage's few megabytes):
/// one record, the JSON list of imports, under this database, store and key.
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
    value.as_string().and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

/// Saves the imports for later visits; a failure is reported, not fatal (they stay for this visit).
pub async fn save(imports: Vec<Import>) -> Result<(), String> {
    let json = serde_json::to_string(&imports).map_err(|e| e.to_string())?;
    let store = store(web_sys::IdbTransactionMode::Readwrite).await?;
    let request = store
        .put_with_key(&JsValue::from_str(&json), &JsValue::from_str(KEY))
        .map_err(|_| "the browser's storage refused these papers: they stay until you reload")?;
    JsFuture::from(settled(&request))
        .await
        .map(|_| ())
        .map_err(|_| "the browser's storage is full: these papers stay until you reload, but will not be kept".into())
}

/// Today, for listings that show dates without a year.
fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8)
}

/// Rebuilds the explorer's index from the corpus's papers and every import, and reports on each import.
/// Returns the reports and how many papers the explorer holds now. It yields to the browser between
/// steps (each import's parse, the merge, the index), reporting each through `progress`, so the page
/// repaints and stays responsive between them.
pub async fn apply(loaded: &Loaded, imports: &[Import], progress: impl Fn(String)) -> (Vec<Report>, usize) {
    let pause = || gloo_timers::future::TimeoutFuture::new(0);
    let base = loaded.base.borrow_mut().get_or_insert_with(|| loaded.index.borrow().papers().to_vec()).clone();
    let mut records = base;
    let mut reports = Vec::new();
    for import in imports {
        progress(format!("Reading {}…", import.name));
        pause().await;
        let mut options = ParseOptions::new(import.name.clone());
        options.captured = today();
        match parse(&import.text, &options) {
            Ok(parsed) => {
                let problems = parsed
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let kind = if d.severity == Severity::Skipped { "skipped" } else { "warning" };
                        format!("line {}: {kind}: {}", d.line, d.message)
                    })
                    .collect();
                reports.push(Report {
                    name: import.name.clone(),
                    format: Ok(parsed.format.name().to_string()),
                    records: parsed.papers.len(),
                    problems,
                });
                records.extend(parsed.papers);
            }
            Err(e) => reports.push(Report {
                name: import.name.clone(),
                format: Err(e.to_string()),
                records: 0,
                problems: Vec::new(),
            }),
        }
    }
    progress(format!("Merging {} papers…", records.len()));
    pause().await;
    let papers = merge_and_finish(records);
    let count = papers.len();
    progress(format!("Indexing {count} papers…"));
    pause().await;
    *loaded.index.borrow_mut() = Index::build(papers);
    (reports, count)
}
