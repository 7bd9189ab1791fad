//! The Paperscope explorer: a leptos client-side app that fetches the prebuilt corpus, indexes it and lets
//! people search, filter and open papers, all in the browser.
//!
//! Data flows one way: the URL's query string is parsed into a [`ViewState`], the engine answers the request
//! it describes, and the view renders the response. User actions only ever write the URL (replacing the
//! history entry while typing, pushing one for deliberate changes), so every view can be shared and
//! back/forward walk through them. Components stay thin: reading the corpus, searching and counting live in
//! `paperscope-corpus` and `paperscope-search`.

pub mod chunks;
pub mod counted;
pub mod download;
pub mod engine;
pub mod gl;
pub mod heap;
pub mod hosted;
pub mod import;
pub mod importer;
pub mod kept;
pub mod library;
pub mod load;
pub mod nav;
pub mod painter;
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
/// search index and its map (see `hosted/`).
pub const CORPUS_URL: &str = "data/corpus.json";

/// A loaded corpus, indexed. The index is replaced when the user adds or removes papers (the import worker
/// starts again from the corpus file, so the page keeps no second copy of its papers), and, when the page
/// opened with the corpus's first part only, once the rest has arrived.
pub struct Loaded {
    pub index: RefCell<Index>,
    /// Where the data came from, for the map fetched after the first results.
    pub site: Rc<hosted::Site>,
    /// While only the first part is searched: the whole corpus's engine, on its way.
    pub rest: RefCell<Option<Rest>>,
}

/// The rest of a corpus the page opened with its first part: the whole engine when it is ready (or why not),
/// and how far its download has got.
pub struct Rest {
    pub papers: usize,
    pub ready: futures::channel::oneshot::Receiver<Result<Index, String>>,
    pub progress: RwSignal<Option<Progress>>,
}

/// How far loading has got, for the loading screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Bytes of the papers and their index arrived so far (downloaded, or read from this device), of
    /// `total` (when known), in `files` files.
    Downloading { bytes: u64, total: Option<u64>, files: usize },
    /// Reading the papers, with the prebuilt index or (without one) indexing them here.
    Opening { prebuilt: bool },
}

impl Progress {
    /// What the loading screen says.
    pub fn says(&self) -> String {
        match self {
            Progress::Downloading { bytes, total, files } => {
                let of = total.map(|t| format!(" of {}", megabytes(t as usize))).unwrap_or_default();
                let files = if *files > 1 { format!(" ({files} files)") } else { String::new() };
                // From the host or, on a return visit, from this device: "loading" is true of both.
                format!("Loading papers… {}{of}{files}", megabytes(*bytes as usize))
            }
            Progress::Opening { prebuilt: true } => "Opening the papers and their index…".into(),
            Progress::Opening { prebuilt: false } => "Indexing the papers…".into(),
        }
    }
}

/// Opens the site's papers. When the corpus is in several parts, its (small) first part is indexed here and
/// shown at once while the rest downloads (see [`Rest`]); otherwise the corpus and its index file are
/// fetched (all their parts at once) and opened. Every failure becomes a sentence.
async fn load_corpus(url: &str, progress: RwSignal<Option<Progress>>) -> Result<Rc<Loaded>, String> {
    use futures::FutureExt;
    let site = Rc::new(hosted::Site::find(url).await?);
    // The rest starts downloading once the first part's bytes have come, while that part is unpacked,
    // indexed and shown (or, when it was kept on this device, once it is shown); it is handed the first
    // part once that is open (and stopped if it fails), and only then reads what has arrived.
    let (give_first, first_part) = futures::channel::oneshot::channel::<load::CorpusPart>();
    let (done, ready) = futures::channel::oneshot::channel();
    let (rest, stop_rest) = futures::future::abortable({
        let site = site.clone();
        async move {
            let _ = done.send(open_all(&site, first_part.map(Result::ok), progress).await);
        }
    });
    let rest = std::cell::Cell::new(Some(rest));
    let start_rest = || {
        if let Some(rest) = rest.take() {
            leptos::task::spawn_local(rest.map(|_| ()));
        }
    };
    let Some(first) = site.fetch_first(start_rest).await else {
        let index = open_all(&site, async { None }, progress).await?;
        return Ok(Rc::new(Loaded { index: RefCell::new(index), site, rest: RefCell::new(None) }));
    };
    let (first, first_index) = first.inspect_err(|_| stop_rest.abort())?;
    let opened =
        load::open(vec![first.clone()], first_index, load::yield_to_page).await.inspect_err(|_| stop_rest.abort())?;
    say_opened("first part: ", &site.first_index_name(), &opened);
    start_rest();
    let _ = give_first.send(first);
    let rest = Rest { papers: site.papers().unwrap_or(0), ready, progress };
    Ok(Rc::new(Loaded { index: RefCell::new(opened.index), site, rest: RefCell::new(Some(rest)) }))
}

/// Fetches the whole corpus and its index file and opens the engine, reporting progress. The index file is
/// optional: without a usable one the papers are indexed here. `first`: the corpus's first part, when the
/// caller fetches it.
async fn open_all(
    site: &Rc<hosted::Site>,
    first: impl std::future::Future<Output = Option<load::CorpusPart>>,
    progress: RwSignal<Option<Progress>>,
) -> Result<Index, String> {
    let files = site.part_count();
    let report = |bytes, total| progress.set(Some(Progress::Downloading { bytes, total, files }));
    let fetched = site.fetch(true, first, &report).await?;
    let prebuilt = matches!(fetched.index.file, Some(Ok(_)));
    progress.set(Some(Progress::Opening { prebuilt }));
    // Let the page paint the message before the (synchronous) work.
    load::yield_to_page().await;
    let opened = load::Opened::assemble(fetched.corpus, fetched.index)?;
    say_opened("", &site.index_name(), &opened);
    // The data has loaded: its manifest is kept on this device (and older builds' files forgotten).
    site.remember().await;
    // For the next visit, off the way to showing the corpus.
    let later = site.clone();
    leptos::task::spawn_local(async move { later.keep_first_index().await });
    keep_app();
    Ok(opened.index)
}

/// Says in the console how the engine over the papers (`what`: which) opened, and, when the index file
/// `index` was refused, why (the papers were then indexed here).
fn say_opened(what: &str, index: &str, opened: &load::Opened) {
    if let FileUse::Refused(e) = &opened.file_use {
        web_sys::console::warn_1(&format!("{index}: {e}; the papers were indexed here instead").into());
    }
    web_sys::console::info_1(&format!("Paperscope: {what}{}", opened.report()).into());
}

/// Puts the whole corpus's engine in place of the first part's once it is ready (then reads the map); until
/// then the engine says its answers are partial. An import that replaced the papers meanwhile read the
/// whole corpus itself: its engine is kept.
pub fn complete(engine: engine::Engine, site: Rc<hosted::Site>, rest: Rest) {
    let partial = engine::Partial { of: rest.papers, progress: rest.progress, failed: None };
    engine.partial.set(Some(partial));
    leptos::task::spawn_local(async move {
        let version = engine.version_untracked();
        match rest.ready.await {
            Ok(Ok(index)) => {
                if engine.version_untracked() == version {
                    engine.replace(index, engine::MapState::Loading);
                }
                engine.partial.set(None);
                load_map(engine, site);
            }
            Ok(Err(e)) => engine.partial.update(|p| {
                if let Some(p) = p {
                    p.failed = Some(e);
                }
            }),
            Err(_) => {}
        }
    });
}

/// Registers the service worker (`sw.js`, beside the page) that keeps the app on this device for offline
/// use. Only where the browser offers service workers (pages served over https or from this machine).
pub fn keep_app() {
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let registered = navigator.service_worker().register("sw.js");
    leptos::task::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(registered).await {
            web_sys::console::warn_1(&format!("The app cannot be kept for offline use: {}", kept::describe(&e)).into());
        }
    });
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
        let read = bytes.and_then(|bytes| {
            let bytes = bytes.map(|b| b.to_vec());
            engine
                .with_untracked(|index| load::read_map_file(bytes.as_deref(), &url, index.len(), index.papers().ids()))
        });
        // The papers' vectors, folded from the index a step at a time (see `Vectors::fold_step`).
        let map = match read {
            Ok(map) => {
                let mut vectors = engine.with_untracked(|index| paperscope_map::Vectors::start(&map.space, index));
                loop {
                    load::yield_to_page().await;
                    if engine.version_untracked() != version {
                        return;
                    }
                    if !engine.with_untracked(|index| vectors.fold_step(&map.space, index)) {
                        break;
                    }
                }
                engine::MapState::Ready(Rc::new(paperscope_map::Atlas::new(map, vectors)))
            }
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
pub(crate) fn wasm_memory() -> usize {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0, |m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as usize)
}

pub(crate) fn megabytes(bytes: usize) -> String {
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
                        {move || progress.with(|p| p.as_ref().map_or_else(|| "Loading papers…".to_string(), Progress::says))}
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

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn the_progress_figure_says_loading_whether_the_bytes_come_from_the_host_or_this_device() {
        let progress = Progress::Downloading { bytes: 600_000, total: Some(47_600_000), files: 11 };
        assert_eq!(progress.says(), "Loading papers… 0.6 MB of 47.6 MB (11 files)");
        let progress = Progress::Downloading { bytes: 1_250_000, total: None, files: 1 };
        assert_eq!(progress.says(), "Loading papers… 1.2 MB");
    }
}
