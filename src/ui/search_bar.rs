//! The search bar: the query box (focused on load), the sort menu, the filters button on narrow screens,
//! and notes on what the query box could not read.

use leptos::prelude::*;
use paperscope_search::url::{ViewState, MAX_FILTERS};
use paperscope_search::{SearchMode, Sort};

use super::keyboard::use_keys;
use crate::engine::use_results;
use crate::nav::use_nav;

#[component]
pub fn SearchBar(filters_open: RwSignal<bool>) -> impl IntoView {
    let (nav, keys, results) = (use_nav(), use_keys(), use_results());
    let input = keys.search;
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let notes = Memo::new(move |_| {
        let mut notes: Vec<String> = results.answer.with(|(r, _)| r.errors.iter().map(|e| e.message.clone()).collect());
        let ignored = nav.state.with(|s| s.ignored);
        if ignored > 0 {
            notes.push(format!(
                "This link selects {ignored} more filter values than the page reads ({MAX_FILTERS}); they were left out."
            ));
        }
        notes
    });
    let notes = move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <ul class="query-notes" data-testid="query-notes">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div class="searchbar">
            <button
                class="filters-toggle"
                aria-controls="filters"
                aria-expanded=move || if filters_open.get() { "true" } else { "false" }
                on:click=move |_| filters_open.update(|o| *o = !*o)
            >
                {move || {
                    let n = nav.filters.with(Vec::len);
                    if n == 0 { "Filters".to_string() } else { format!("Filters ({n})") }
                }}
            </button>
            <input
                type="search"
                class="search"
                data-testid="search-input"
                aria-label="Search papers"
                placeholder="Search titles, abstracts, authors…  (press / to focus)"
                autocomplete="off"
                spellcheck="false"
                node_ref=input
                prop:value=move || nav.query.get()
                on:input=move |ev| {
                    let query = event_target_value(&ev);
                    nav.go(ViewState { query, page: 1, ..nav.state.get_untracked() }, false);
                }
            />
            <SearchMode />
            <label class="sort">
                "Sort "
                <select
                    aria-label="Sort by"
                    on:change=move |ev| {
                        let sort = Sort::from_name(&event_target_value(&ev)).unwrap_or_default();
                        nav.change(|s| (s.sort, s.page) = (sort, 1));
                    }
                >
                    {Sort::ALL
                        .iter()
                        .map(|s| {
                            let name = s.name();
                            view! {
                                <option value=name selected=move || nav.sort.get().name() == name>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        {notes}
    }
}

/// How the words search: by the words, by meaning (the map's vectors), or both. Without a map only the
/// words can.
#[component]
fn SearchMode() -> impl IntoView {
    let (nav, engine) = (use_nav(), crate::engine::use_engine());
    let mode = Memo::new(move |_| nav.state.with(|s| s.mode));
    let has_map = Memo::new(move |_| engine.with_atlas(|a| a.is_some()));
    let label = |m: SearchMode| match m {
        SearchMode::Words => "words",
        SearchMode::Meaning => "meaning",
        SearchMode::Hybrid => "words + meaning",
    };
    view! {
        <label class="sort">
            "Match "
            <select
                data-testid="search-mode"
                aria-label="Match by"
                title=move || if has_map.get() { "Words: the words you type. Meaning: papers near them on the map, even in other words. Both: the two rankings fused." } else { "Search by meaning needs the corpus's map, which this corpus does not have (yet)." }
                on:change=move |ev| {
                    let mode = SearchMode::from_name(&event_target_value(&ev)).unwrap_or_default();
                    nav.change(|s| (s.mode, s.page) = (mode, 1));
                }
            >
                {SearchMode::ALL
                    .into_iter()
                    .map(|m| {
                        view! {
                            <option
                                value=m.name()
                                selected=move || mode.get() == m
                                disabled=move || m != SearchMode::Words && !has_map.get()
                            >
                                {label(m)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
