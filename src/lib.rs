//! The Paperscope explorer: a leptos client-side app that fetches the prebuilt corpus, indexes it and lets
//! people search, filter and open papers, all in the browser.
//!
//! Data flows one way: the URL's query string is parsed into a [`ViewState`], the engine answers the request
//! it describes, and the view renders the response. User actions only ever write the URL (replacing the
//! history entry while typing, pushing one for deliberate changes), so every view can be shared and
//! back/forward walk through them. Components stay thin: reading the corpus, searching and counting live in
//! `paperscope-corpus` and `paperscope-search`.

pub mod engine;
pub mod gl;
pub mod import;
pub mod importer;
pub mod library;
pub mod load;
pub mod nav;
pub mod raster;
pub mod shelf;
pub mod storage;
mod ui;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use paperscope_search::{index_file_name, FileUse, Index};

use load::JsChunks;

/// Where the corpus is fetched from, relative to the page, so the site works under any sub-path. Its
/// search index, written beside it by `paperscope build`, is `data/corpus.index`.
pub const CORPUS_URL: &str = "data/corpus.json";

/// A loaded corpus, indexed. The index is replaced when the user adds or removes papers (the import worker
/// starts again from the corpus file, so the page keeps no second copy of its papers).
pub struct Loaded {
    pub index: RefCell<Index>,
}

/// How far loading has got, for the loading screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    Downloading {
        what: &'static str,
        bytes: usize,
        total: Option<usize>,
    },
    /// Reading the papers, with the prebuilt index or (without one) indexing them here.
    Opening {
        prebuilt: bool,
    },
}

/// Fetches the corpus and its index file, then opens the engine, reporting progress and turning every
/// failure into a sentence. The index file is optional: without a usable one the papers are indexed here.
async fn load_corpus(url: &str, progress: RwSignal<Option<Progress>>) -> Result<Rc<Loaded>, String> {
    let corpus = download(url, "papers", false, progress).await?.unwrap_or_else(|| JsChunks::new(Vec::new()));
    let index_url = index_file_name(url);
    let index_file = download(&index_url, "the search index", true, progress).await.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("{e}; indexing the papers here instead").into());
        None
    });
    progress.set(Some(Progress::Opening { prebuilt: index_file.is_some() }));
    // Let the page paint the message before the (synchronous) work.
    gloo_timers::future::TimeoutFuture::new(0).await;
    let opened =
        load::open(corpus, index_file, load::yield_to_page).await.map_err(|e| format!("Could not load {url}: {e}"))?;
    if let FileUse::Refused(e) = &opened.file_use {
        web_sys::console::warn_1(&format!("{index_url}: {e}; the papers were indexed here instead").into());
    }
    web_sys::console::info_1(
        &format!(
            "Paperscope: {} papers ready in {:.0} ms ({:.0} ms reading the corpus; index {})",
            opened.index.len(),
            opened.total_ms,
            opened.read_ms,
            if opened.file_use == FileUse::Used { "from its file" } else { "built here" }
        )
        .into(),
    );
    Ok(Rc::new(Loaded { index: RefCell::new(opened.index) }))
}

/// Reads the corpus's map once the explorer shows its papers, so the first results do not wait for it. An
/// import that replaced the papers meanwhile brought its own map: this one is then dropped.
pub fn load_map(engine: engine::Engine) {
    leptos::task::spawn_local(async move {
        let version = engine.version_untracked();
        let url = paperscope_map::map_file_name(CORPUS_URL);
        let quiet = RwSignal::new(None);
        let started = engine::now();
        let bytes = download(&url, "the map", true, quiet).await;
        let (downloaded, memory_before) = (engine::now(), wasm_memory());
        let map = match bytes {
            Ok(bytes) => engine.with_untracked(|index| load::read_map(bytes.as_ref(), &url, index.papers())),
            Err(e) => engine::MapState::Absent(e),
        };
        match &map {
            engine::MapState::Absent(why) => web_sys::console::warn_1(&why.into()),
            _ => web_sys::console::info_1(
                &format!(
                    "Paperscope: map ready in {:.0} ms ({:.0} ms reading it); WebAssembly memory {} -> {}",
                    engine::now() - started,
                    engine::now() - downloaded,
                    megabytes(memory_before),
                    megabytes(wasm_memory())
                )
                .into(),
            ),
        }
        if engine.version_untracked() == version {
            engine.map.set(map);
        }
    });
}

/// Downloads `url` chunk by chunk, keeping the chunks in JavaScript memory, so the loading screen can show
/// how much has arrived. `None` when the file is `optional` and the server has none (404).
async fn download(
    url: &str,
    what: &'static str,
    optional: bool,
    progress: RwSignal<Option<Progress>>,
) -> Result<Option<JsChunks>, String> {
    use wasm_bindgen::JsCast;
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("Could not fetch {url}: {e}"))?;
    if optional && response.status() == 404 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let total = response.headers().get("content-length").and_then(|l| l.parse().ok());
    let Some(body) = response.body() else { return Ok(Some(JsChunks::new(Vec::new()))) };
    let broken = |e: String| format!("Could not read {url}: {e}");
    let reader: web_sys::ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|_| broken("the body cannot be read in pieces".into()))?;
    let (mut chunks, mut bytes) = (Vec::new(), 0);
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| broken(e.as_string().unwrap_or_else(|| "the download broke off".into())))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            let piece = js_sys::Uint8Array::new(&value);
            bytes += piece.length() as usize;
            chunks.push(piece);
        }
        progress.set(Some(Progress::Downloading { what, bytes, total }));
    }
    Ok(Some(JsChunks::new(chunks)))
}

/// The size of the WebAssembly memory (it only grows: the most the page has held at once).
fn wasm_memory() -> usize {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0, |m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as usize)
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

#[component]
pub fn App() -> impl IntoView {
    let progress = RwSignal::new(None::<Progress>);
    let corpus = LocalResource::new(move || load_corpus(CORPUS_URL, progress));
    view! {
        <header class="top">
            <h1 class="brand"><a href="./">"Paperscope"</a></h1>
        </header>
        {move || match corpus.get() {
            None => view! {
                <div class="status" data-testid="loading" role="status">
                    <p>
                        {move || match progress.get() {
                            None => "Loading papers…".to_string(),
                            Some(Progress::Downloading { what, bytes, total: Some(total) }) => {
                                format!("Downloading {what}… {} of {}", megabytes(bytes), megabytes(total))
                            }
                            Some(Progress::Downloading { what, bytes, total: None }) => {
                                format!("Downloading {what}… {}", megabytes(bytes))
                            }
                            Some(Progress::Opening { prebuilt: true }) => "Opening the papers and their index…".into(),
                            Some(Progress::Opening { prebuilt: false }) => "Indexing the papers…".into(),
                        }}
                    </p>
                    {move || match progress.get() {
                        Some(Progress::Downloading { bytes, total: Some(total), .. }) if total > 0 => {
                            Some(view! { <progress max=total.to_string() value=bytes.to_string()></progress> })
                        }
                        _ => None,
                    }}
                </div>
            }
            .into_any(),
            Some(Err(message)) => view! {
                <div class="status error" data-testid="load-error" role="alert">
                    <p>{message}</p>
                    <button on:click=move |_| corpus.refetch()>"Try again"</button>
                </div>
            }
            .into_any(),
            Some(Ok(loaded)) => view! { <ui::Explorer loaded /> }.into_any(),
        }}
    }
}
