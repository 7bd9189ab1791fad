//! The results: their count and time, what to do when none match, the page of results, and the pager.

use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::url::ViewState;
use paperscope_search::Hit;

use super::keyboard::use_keys;
use super::text::{highlighted, meta_line, papers};
use crate::engine::{use_engine, use_results};
use crate::nav::use_nav;

#[component]
pub fn ResultCount() -> impl IntoView {
    let results = use_results();
    view! {
        <p class="count" data-testid="result-count" role="status">
            {move || {
                results.0.with(|(r, ms)| {
                    let took = if *ms < 0.1 { "< 0.1 ms".to_string() } else { format!("{ms:.1} ms") };
                    format!("{} · {took}", papers(r.total))
                })
            }}
        </p>
    }
}

/// No results: say what would help, which is the same words without the filters when that finds anything.
#[component]
pub fn EmptyState() -> impl IntoView {
    let (nav, engine, results) = (use_nav(), use_engine(), use_results());
    move || {
        results.0.with(|(r, _)| r.total == 0).then(|| {
            let current = nav.state.get();
            let unfiltered = (!current.filters.is_empty()).then(|| {
                let without = ViewState { filters: Vec::new(), page: 1, ..current.clone() };
                (engine.with_untracked(|index| index.search(&without.request(1)).total), without)
            });
            let hint = match unfiltered {
                Some((n, without)) if n > 0 => view! {
                    <button class="link" data-testid="drop-filters" on:click=move |_| nav.go(without.clone(), true)>
                        {format!("Remove the filters: {} match without them.", papers(n))}
                    </button>
                }
                .into_any(),
                _ => "Try fewer or different words; the last word also matches as a prefix.".into_any(),
            };
            view! {
                <div class="empty" data-testid="empty">
                    <p>"No papers match."</p>
                    <p>{hint}</p>
                </div>
            }
        })
    }
}

#[component]
pub fn ResultList() -> impl IntoView {
    let (engine, results, keys) = (use_engine(), use_results(), use_keys());
    view! {
        <ol class="results">
            {move || {
                let hits = results.0.with(|(r, _)| r.hits.clone());
                hits.into_iter()
                    .enumerate()
                    .filter_map(|(i, hit)| {
                        let paper = engine.paper(hit.doc)?;
                        let is_active = Signal::derive(move || keys.active.get() == Some(i));
                        Some(view! { <ResultItem hit paper is_active /> })
                    })
                    .collect_view()
            }}
        </ol>
    }
}

#[component]
fn ResultItem(hit: Hit, paper: Paper, is_active: Signal<bool>) -> impl IntoView {
    let nav = use_nav();
    let id = hit.id.clone();
    let open = move |_| {
        let id = id.clone();
        nav.change(|s| s.paper = Some(id));
    };
    view! {
        <li
            class="result"
            class:untitled=paper.untitled
            class:active=move || is_active.get()
            aria-current=move || is_active.get().then_some("true")
            data-testid="result"
            data-id=hit.id.clone()
        >
            <button class="title" on:click=open>
                {highlighted(&hit.title, &hit.title_highlights)}
            </button>
            {paper
                .untitled
                .then(|| {
                    view! {
                        <span class="badge" title="No listing gave a title: this heading is the abstract's first sentence">
                            "untitled"
                        </span>
                    }
                })}
            <p class="meta">
                {meta_line(&paper)}
                {paper
                    .sources
                    .iter()
                    .map(|src| view! { <span class="src" title=format!("{}:{}", src.file, src.line)>{src.format.name()}</span> })
                    .collect_view()}
            </p>
            <p class="snippet">{highlighted(&hit.snippet, &hit.snippet_highlights)}</p>
        </li>
    }
}

/// Previous / next, and a note when the URL asked for a page past the end (the last one is shown).
#[component]
pub fn Pager() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    move || {
        let (page, pages) = results.0.with(|(r, _)| (r.page, r.pages));
        let asked = nav.state.with(|s| s.page);
        let past_end = (asked > page && pages > 0).then(|| {
            view! {
                <p class="page-note" data-testid="page-note">
                    {format!("There is no page {asked}: these results end on page {pages}, shown here.")}
                </p>
            }
        });
        let to = move |p: usize| nav.change(|s| s.page = p);
        let buttons = (pages > 1).then(|| {
            view! {
                <nav class="pager" aria-label="Pages">
                    <button data-testid="page-prev" disabled={page <= 1} on:click=move |_| to(page - 1)>
                        "← Previous"
                    </button>
                    <span data-testid="page-info">{format!("Page {page} of {pages}")}</span>
                    <button data-testid="page-next" disabled={page >= pages} on:click=move |_| to(page + 1)>
                        "Next →"
                    </button>
                </nav>
            }
        });
        (past_end, buttons)
    }
}
