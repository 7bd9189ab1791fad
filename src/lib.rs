//! The Paperscope explorer: a leptos client-side app that fetches the prebuilt corpus, indexes it and lets
//! people search, filter and open papers, all in the browser.
//!
//! Data flows one way: the URL's query string is parsed into a [`ViewState`], the engine answers the request
//! it describes, and the view renders the response. User actions only ever write the URL (replacing the
//! history entry while typing, pushing one for deliberate changes), so every view can be shared and
//! back/forward walk through them. Components stay thin: reading the corpus, searching and counting live in
//! `paperscope-corpus` and `paperscope-search`.

mod import;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use paperscope_corpus::Corpus;
use paperscope_search::Index;

/// Where the corpus is fetched from, relative to the page, so the site works under any sub-path.
pub const CORPUS_URL: &str = "data/corpus.json";

/// A loaded corpus, indexed. The index is replaced when the user adds or removes papers; `base` keeps the
/// corpus's own papers (taken from the index on the first import) so an import can be removed again.
pub struct Loaded {
    pub index: RefCell<Index>,
    pub base: RefCell<Option<Vec<paperscope_corpus::Paper>>>,
}

/// How far loading has got, for the loading screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    Downloading { bytes: usize, total: Option<usize> },
    Indexing { papers: usize },
}

/// Fetches, reads and indexes the corpus, reporting progress and turning every failure into a sentence.
async fn load_corpus(url: &str, progress: RwSignal<Option<Progress>>) -> Result<Rc<Loaded>, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("Could not fetch {url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let total = response.headers().get("content-length").and_then(|l| l.parse().ok());
    let bytes = read_body(&response, total, progress).await.map_err(|e| format!("Could not read {url}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("Could not read {url}: not UTF-8 text ({e})"))?;
    let corpus = Corpus::from_json(&text).map_err(|e| format!("Could not load {url}: {e}"))?;
    drop(text);
    progress.set(Some(Progress::Indexing { papers: corpus.papers.len() }));
    // Let the page paint the indexing message before the (synchronous) build.
    gloo_timers::future::TimeoutFuture::new(0).await;
    Ok(Rc::new(Loaded { index: RefCell::new(Index::build(corpus.papers)), base: RefCell::new(None) }))
}

/// The response body, chunk by chunk, so the loading screen can show how much has arrived.
async fn read_body(
    response: &gloo_net::http::Response,
    total: Option<usize>,
    progress: RwSignal<Option<Progress>>,
) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|_| "the body cannot be read in pieces".to_string())?;
    let mut bytes = Vec::with_capacity(total.unwrap_or(0));
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| e.as_string().unwrap_or_else(|| "the download broke off".into()))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            bytes.extend(js_sys::Uint8Array::new(&value).to_vec());
        }
        progress.set(Some(Progress::Downloading { bytes: bytes.len(), total }));
    }
    Ok(bytes)
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
            <a class="brand" href="./">"Paperscope"</a>
        </header>
        {move || match corpus.get() {
            None => view! {
                <div class="status" data-testid="loading" role="status">
                    <p>
                        {move || match progress.get() {
                            None => "Loading papers…".to_string(),
                            Some(Progress::Downloading { bytes, total: Some(total) }) => {
                                format!("Downloading papers… {} of {}", megabytes(bytes), megabytes(total))
                            }
                            Some(Progress::Downloading { bytes, total: None }) => {
                                format!("Downloading papers… {}", megabytes(bytes))
                            }
                            Some(Progress::Indexing { papers }) => format!("Indexing {papers} papers…"),
                        }}
                    </p>
                    {move || match progress.get() {
                        Some(Progress::Downloading { bytes, total: Some(total) }) if total > 0 => {
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
            Some(Ok(loaded)) => view! { <view::Explorer loaded /> }.into_any(),
        }}
    }
}
