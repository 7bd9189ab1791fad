//! The Paperscope explorer: a leptos client-side app that fetches the prebuilt corpus, indexes it and lets
//! people search, filter and open papers, all in the browser.
//!
//! Data flows one way: the URL's query string is parsed into a [`ViewState`], the engine answers the request
//! it describes, and the view renders the response. User actions only ever write the URL (replacing the
//! history entry while typing, pushing one for deliberate changes), so every view can be shared and
//! back/forward walk through them. Components stay thin: reading the corpus, searching and counting live in
//! `paperscope-corpus` and `paperscope-search`.

mod view;

use std::rc::Rc;

use leptos::prelude::*;
use paperscope_corpus::Corpus;
use paperscope_search::Index;

/// Where the corpus is fetched from, relative to the page, so the site works under any sub-path.
pub const CORPUS_URL: &str = "data/corpus.json";

/// A loaded corpus, indexed.
pub struct Loaded {
    pub index: Index,
    pub inputs: Vec<paperscope_corpus::InputSummary>,
}

/// Fetches, reads and indexes the corpus, turning every failure into a sentence for the page.
async fn load_corpus(url: &str) -> Result<Rc<Loaded>, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("Could not fetch {url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response.text().await.map_err(|e| format!("Could not read {url}: {e}"))?;
    let corpus = Corpus::from_json(&text).map_err(|e| format!("Could not load {url}: {e}"))?;
    Ok(Rc::new(Loaded { inputs: corpus.inputs, index: Index::build(corpus.papers) }))
}

#[component]
pub fn App() -> impl IntoView {
    let corpus = LocalResource::new(|| load_corpus(CORPUS_URL));
    view! {
        <header class="top">
            <a class="brand" href="./">"Paperscope"</a>
        </header>
        {move || match corpus.get() {
            None => view! { <p class="status" data-testid="loading" role="status">"Loading papers…"</p> }.into_any(),
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
