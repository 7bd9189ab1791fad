//! The results: their count and time, what to do when none match, the page of results, and the pager.

use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::url::ViewState;
use paperscope_search::{FacetKey, Filter, Hit, Request};

use super::fold::Fold;
use super::keyboard::use_keys;
use super::result_lines;
use super::text::papers;
use crate::engine::{use_engine, use_results};
use crate::nav::{address, use_nav};

/// The answer: its count, the empty state, the page of results and the pager; or, while the library an
/// answer depends on is being read (`?q=is:saved` opened), a line that says so instead of a wrong count.
#[component]
pub fn Answer() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let reading = move || {
        if results.waiting.get() {
            view! { <p class="count" data-testid="library-reading" role="status">"Reading your library…"</p> }
                .into_any()
        } else {
            view! { <p class="count" data-testid="map-reading" role="status">"Reading the map…"</p> }.into_any()
        }
    };
    let map = Memo::new(move |_| nav.state.with(|s| s.map));
    let list = || view! { <ResultList /> <super::pager::Pager /> };
    view! {
        <Show when=move || !results.waiting.get() && !results.waiting_for_map.get() fallback=reading>
            <div class="count-line">
                <ResultCount />
                <super::mute::MutedChip />
                <super::saved_searches::SaveSearch />
                <super::map::ViewSwitch />
            </div>
            <EmptyState />
            <Show when=move || map.get() fallback=list>
                <super::map::MapFace />
            </Show>
        </Show>
    }
}

#[component]
fn ResultCount() -> impl IntoView {
    let (results, engine) = (use_results(), crate::engine::use_engine());
    // While only the corpus's first part is searched, the count is of those papers ("so far").
    let partial = move || engine.partial.with(Option::is_some);
    view! {
        <p class="count" data-testid="result-count" data-partial=move || partial().then_some("true") role="status">
            {move || {
                results.answer.with(|(r, ms)| {
                    let took = if *ms < 0.1 { "< 0.1 ms".to_string() } else { format!("{ms:.1} ms") };
                    let so_far = if partial() { " so far" } else { "" };
                    format!("{}{so_far} · {took}", papers(r.total))
                })
            }}
        </p>
    }
}

/// No results: say what would help, which is the same words without the filters when that finds anything.
#[component]
fn EmptyState() -> impl IntoView {
    let (nav, engine, results) = (use_nav(), use_engine(), use_results());
    move || {
        results.answer.with(|(r, _)| r.total == 0).then(|| {
            let current = nav.state.get();
            let unfiltered = (!current.filters.is_empty()).then(|| {
                let without = ViewState { filters: Vec::new(), page: 1, ..current.clone() };
                // Its total only: no facet counted.
                let request = Request { counted: Some(Vec::new()), ..results.request_for(&without, 1) };
                (engine.with_untracked(|index| index.search(&request).total), without)
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

/// The page of results: one row per place on the page, kept while typing. A row whose paper stays redraws
/// only its highlights, and only if they changed; a row that gets another paper replaces its text in place.
/// (Rows keyed by paper would move in the document as the ranking shifts, and a moved row is laid out
/// anew: measured, that made most of the page dirty on every keystroke.) Rows out of view take a new
/// answer in the frame after the one that draws the rows in view ([`Fold`]).
#[component]
fn ResultList() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let list = NodeRef::<leptos::html::Ol>::new();
    // The hits with the view they answer, which the rows' links point into.
    let answer = Memo::new(move |_| (results.hits.get(), nav.state.get()));
    let hits = Fold::new(answer, super::fold::ROWS, move || {
        super::fold::select(list.get_untracked(), ":scope > li").into_iter().enumerate().collect()
    });
    let places = move || results.hits.with(Vec::len);
    // The filter links of every row, handled here once (see `result_lines`).
    let follow = move |ev: leptos::ev::MouseEvent| {
        if let Some((_, filter)) = filter_link_at(&ev) {
            nav.follow(&ev, |s| *s = s.narrowed(filter));
        }
    };
    let refresh = move |ev: &web_sys::Event| {
        if let Some((link, filter)) = filter_link_at(ev) {
            let _ = link.set_attribute("href", &address(&nav.state.with_untracked(|s| s.narrowed(filter))));
        }
    };
    view! {
        <ol
            class="results"
            node_ref=list
            aria-busy=move || hits.any_behind().then_some("true")
            on:click=follow on:pointerover=move |ev| refresh(&ev) on:focusin=move |ev| refresh(&ev)>
            <For each=move || 0..places() key=|i| *i let:place>
                <ResultItem place hits />
            </For>
        </ol>
    }
}

#[component]
fn ResultItem(place: usize, hits: Fold<(Vec<Hit>, ViewState), usize>) -> impl IntoView {
    let (nav, engine, keys) = (use_nav(), use_engine(), use_keys());
    let shelf = crate::shelf::use_shelf();
    let hit: Memo<Option<Hit>> = Memo::new(move |_| hits.read(&place, |(hits, _)| hits.get(place).cloned()));
    // The paper shown here (its number within the index's current version).
    let doc = Memo::new(move |_| hit.with(|h| h.as_ref().map(|h| (engine.version(), h.doc))));
    // The paper is read in place in the index (a copy per row and keystroke cost some 30 allocations).
    let shown = move || doc.get().map(|(_, d)| d);
    let is_active = move || keys.active.get() == Some(place);
    let untitled = move || shown().and_then(|d| engine.with_paper(d, |p| p.untitled)) == Some(true);
    let id = move || hit.with(|h| h.as_ref().map(|h| h.id.clone()));
    // The paper opened over the view it was found in (a row out of view follows the view a frame later).
    let href = move || {
        hits.read(&place, |(hits, view)| {
            let paper = hits.get(place).map(|h| h.id.clone());
            Some(address(&ViewState { paper, ..view.clone() }))
        })
    };
    // The byline and the meta line, as markup (see `result_lines`).
    let line = move |write: fn(&Paper) -> String| shown().and_then(|d| engine.with_paper(d, write)).unwrap_or_default();
    let open = move |ev: leptos::ev::MouseEvent| {
        nav.follow(&ev, |s| s.paper = hit.with_untracked(|h| h.as_ref().map(|h| h.id.clone())))
    };
    view! {
        <li
            class="result"
            class:untitled=untitled
            class:active=is_active
            class:muted=move || doc.get().is_some_and(|(_, d)| super::mute::is_muted(shelf, d))
            aria-current=move || is_active().then_some("true")
            data-testid="result"
            data-id=id
        >
            <a
                class="title"
                href=href
                on:click=open
                inner_html=move || hit.with(|h| h.as_ref().map(|h| result_lines::marked(&h.title, &h.title_highlights)))
            ></a>
            <Show when=untitled>
                <span class="badge" title="No listing gave a title: this heading is the abstract's first sentence">
                    "untitled"
                </span>
            </Show>
            <div class="result-actions">
                <super::mute::MuteMenu paper=Signal::derive(move || shown().and_then(|d| engine.paper(d))) />
                <super::library::SaveButton id=Signal::derive(id) />
            </div>
            <p class="byline" inner_html=move || line(result_lines::byline)></p>
            <p class="meta" inner_html=move || line(result_lines::meta)></p>
            <p
                class="snippet"
                inner_html=move || hit.with(|h| h.as_ref().map(|h| result_lines::marked(&h.snippet, &h.snippet_highlights)))
            ></p>
        </li>
    }
}

/// The filter a [`super::result_lines`] filter link stands for, if the event happened on one.
fn filter_link_at(ev: &web_sys::Event) -> Option<(web_sys::Element, Filter)> {
    let target = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())?;
    let link = target.closest("a.filter-link").ok().flatten()?;
    let key = FacetKey::from_name(link.get_attribute("data-testid")?.strip_prefix("result-")?)?;
    let filter = Filter::Value(key, link.get_attribute("data-value")?);
    Some((link, filter))
}

/// Brings the top of the results (their count) into view.
pub fn scroll_to_results() {
    if let Ok(Some(top)) = document().query_selector("[data-testid=result-count]") {
        top.scroll_into_view();
    }
}
