//! The Paperscope explorer: a leptos client-side app that fetches the prebuilt corpus and shows it.
//! Components stay thin: reading the corpus, searching and counting live in `paperscope-corpus` and
//! `paperscope-search`.

use std::rc::Rc;

use leptos::prelude::*;
use paperscope_corpus::Corpus;

/// Where the corpus is fetched from, relative to the page, so the site works under any sub-path.
pub const CORPUS_URL: &str = "data/corpus.json";

/// Fetches and reads the corpus, turning every failure into a sentence for the page.
async fn load_corpus(url: &str) -> Result<Rc<Corpus>, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("Could not fetch {url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response.text().await.map_err(|e| format!("Could not read {url}: {e}"))?;
    Corpus::from_json(&text).map(Rc::new).map_err(|e| format!("Could not load {url}: {e}"))
}

#[component]
pub fn App() -> impl IntoView {
    let corpus = LocalResource::new(|| load_corpus(CORPUS_URL));
    view! {
        <header class="top">
            <h1 class="brand">"Paperscope"</h1>
        </header>
        <main class="main">
            {move || match corpus.get() {
                None => view! { <p class="status" data-testid="loading" role="status">"Loading papers…"</p> }.into_any(),
                Some(Err(message)) => view! {
                    <div class="status error" data-testid="load-error" role="alert">
                        <p>{message}</p>
                        <button on:click=move |_| corpus.refetch()>"Try again"</button>
                    </div>
                }
                .into_any(),
                Some(Ok(corpus)) => view! { <PaperList corpus /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn PaperList(corpus: Rc<Corpus>) -> impl IntoView {
    let count = corpus.papers.len();
    let noun = if count == 1 { "paper" } else { "papers" };
    let items = corpus
        .papers
        .iter()
        .map(|p| {
            let untitled = p.untitled.then(|| view! { <span class="badge" title="No listing gave a title; this heading is the abstract's first sentence">"untitled"</span> });
            view! {
                <li class="result" class:untitled=p.untitled data-testid="result" data-id=p.id.clone()>
                    <span class="title">{p.title.clone()}</span>
                    {untitled}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="count" data-testid="result-count">{format!("{count} {noun}")}</p>
        <ol class="results">{items}</ol>
    }
}
