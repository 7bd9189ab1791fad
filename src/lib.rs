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
pub mod hosted;
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
use paperscope_search::{FileUse, Index};

/// Where the corpus is fetched from, relative to the page, so the site works under any sub-path. Beside it
/// `paperscope build` writes its manifest (`data/corpus.parts.json`), which the page reads first, its
/// search index and its map (see `hosted.rs`).
pub const CORPUS_URL: &str = "data/corpus.json";

/// A loaded corpus, indexed. The index is replaced when the user adds or removes papers (the import worker
/// starts again from the corpus file, so the page keeps no second copy of its papers).
pub struct Loaded {
    pub index: RefCell<Index>,
    /// Where the data came from, for the map fetched after the first results.
    pub site: Rc<hosted::Site>,
}

/// How far loading has got, for the loading screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Bytes of the papers and their index arrived so far, of `total` (when known), in `files` files.
    Downloading { bytes: u64, total: Option<u64>, files: usize },
    /// Reading the papers, with the prebuilt index or (without one) indexing them here.
    Opening { prebuilt: bool },
}

/// Fetches the corpus and its index file (all their parts at once), then opens the engine, reporting
/// progress and turning every failure into a sentence. The index file is optional: without a usable one the
/// papers are indexed here.
async fn load_corpus(url: &str, progress: RwSignal<Option<Progress>>) -> Result<Rc<Loaded>, String> {
    let site = Rc::new(hosted::Site::find(url).await?);
    let files = site.part_count();
    let fetched =
        site.fetch(true, &|bytes, total| progress.set(Some(Progress::Downloading { bytes, total, files }))).await?;
    progress.set(Some(Progress::Opening { prebuilt: fetched.index.is_some() }));
    // Let the page paint the message before the (synchronous) work.
    gloo_timers::future::TimeoutFuture::new(0).await;
    let opened = load::open(fetched.corpus, fetched.index, load::yield_to_page)
        .await
        .map_err(|e| format!("Could not load {url}: {e}"))?;
    if let FileUse::Refused(e) = &opened.file_use {
        web_sys::console::warn_1(&format!("{}: {e}; the papers were indexed here instead", site.index_name()).into());
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
    Ok(Rc::new(Loaded { index: RefCell::new(opened.index), site }))
}

/// Reads the corpus's map once the explorer shows its papers, so the first results do not wait for it. An
/// import that replaced the papers meanwhile brought its own map: this one is then dropped.
pub fn load_map(engine: engine::Engine, site: Rc<hosted::Site>) {
    leptos::task::spawn_local(async move {
        let version = engine.version_untracked();
        let url = site.map_name();
        let started = engine::now();
        let bytes = site.map().await;
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
                            Some(Progress::Downloading { bytes, total, files }) => {
                                let of = total.map(|t| format!(" of {}", megabytes(t as usize))).unwrap_or_default();
                                let files = if files > 1 { format!(" ({files} files)") } else { String::new() };
                                format!("Downloading papers… {}{of}{files}", megabytes(bytes as usize))
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
