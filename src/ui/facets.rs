//! The facet sidebar (each facet's values with their counts, a box to find one in long lists) and the
//! chips of the selected values above the results.

use leptos::prelude::*;
use paperscope_search::{FacetCounts, FacetKey};

use super::text::{facet_label, status_label};
use crate::engine::use_results;
use crate::nav::use_nav;

/// Facet values shown before "show more".
const FACET_PREVIEW: usize = 8;

#[component]
pub fn FacetList() -> impl IntoView {
    let results = use_results();
    move || {
        let facets = results.0.with(|(r, _)| r.facets.clone());
        facets.into_iter().filter(|f| !f.values.is_empty()).map(|facet| view! { <FacetGroup facet /> }).collect_view()
    }
}

#[component]
fn FacetGroup(facet: FacetCounts) -> impl IntoView {
    let nav = use_nav();
    let key = facet.key;
    let expanded = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let total = facet.values.len();
    let values = facet.values;
    // Long lists of names get a box to find one.
    let filterable = total > FACET_PREVIEW
        && matches!(key, FacetKey::Author | FacetKey::Topic | FacetKey::Category | FacetKey::Venue);
    view! {
        <section class="facet" data-testid=format!("facet-{}", key.name())>
            <h2>{facet_label(key)}</h2>
            {filterable
                .then(|| {
                    view! {
                        <input
                            type="search"
                            class="facet-filter"
                            data-testid="facet-filter"
                            aria-label=format!("Find a {}", facet_label(key).to_lowercase())
                            placeholder=format!("Find a {}…", facet_label(key).to_lowercase())
                            on:input=move |ev| filter.set(event_target_value(&ev))
                        />
                    }
                })}
            <ul>
                {move || {
                    let needle = filter.with(|f| f.to_lowercase());
                    let shown = if expanded.get() || !needle.is_empty() { total } else { FACET_PREVIEW.min(total) };
                    values[..shown]
                        .iter()
                        .filter(|v| needle.is_empty() || v.value.to_lowercase().contains(&needle))
                        .map(|v| {
                            let value = v.value.clone();
                            let toggle = {
                                let value = value.clone();
                                move |_| nav.go(nav.state.get_untracked().toggled(key, &value), true)
                            };
                            view! {
                                <li>
                                    <button
                                        class="facet-value"
                                        class:selected=v.selected
                                        aria-pressed=if v.selected { "true" } else { "false" }
                                        data-testid="facet-value"
                                        data-value=value.clone()
                                        data-count=v.count.to_string()
                                        on:click=toggle
                                    >
                                        <span class="label">
                                            {if key == FacetKey::Status { status_label(&value) } else { value.clone() }}
                                        </span>
                                        <span class="n">{v.count}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {(total > FACET_PREVIEW)
                .then(|| {
                    view! {
                        <button class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                            {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {total}") }}
                        </button>
                    }
                })}
        </section>
    }
}

#[component]
pub fn Chips() -> impl IntoView {
    let nav = use_nav();
    move || {
        let filters = nav.state.with(|s| s.filters.clone());
        (!filters.is_empty()).then(|| {
            let chips = filters
                .into_iter()
                .map(|(key, value)| {
                    let label = format!("{}: {value}", facet_label(key));
                    let remove = move |_| nav.go(nav.state.get_untracked().toggled(key, &value), true);
                    view! {
                        <button class="chip" data-testid="chip" on:click=remove aria-label=format!("Remove {label}")>
                            {label.clone()}
                            " ×"
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="chips">
                    {chips}
                    <button
                        class="chip clear"
                        data-testid="clear-filters"
                        on:click=move |_| nav.change(|s| (s.filters, s.page) = (Vec::new(), 1))
                    >
                        "Clear all"
                    </button>
                </div>
            }
        })
    }
}
