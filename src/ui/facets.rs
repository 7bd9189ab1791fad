//! The facet sidebar (each facet's values with their counts, a box to find one in long lists) and the
//! chips of the selected values above the results.

use leptos::prelude::*;
use paperscope_search::{FacetKey, FacetValue, Filter};

use super::text::{facet_label, status_label};
use crate::engine::use_results;
use crate::nav::use_nav;

/// Facet values shown before "show more".
const FACET_PREVIEW: usize = 8;

/// Every facet with values, in a fixed order. Each group and each value keeps its place on the screen while
/// the query changes: only counts that changed are redrawn.
#[component]
pub fn FacetList() -> impl IntoView {
    let results = use_results();
    let shown = move || {
        results.facets.with(|facets| facets.iter().filter(|f| !f.values.is_empty()).map(|f| f.key).collect::<Vec<_>>())
    };
    view! {
        <For each=shown key=|key| *key let:key>
            <FacetGroup key />
        </For>
    }
}

#[component]
fn FacetGroup(key: FacetKey) -> impl IntoView {
    let results = use_results();
    let values: Memo<Vec<FacetValue>> = Memo::new(move |_| {
        results.facets.with(|facets| facets.iter().find(|f| f.key == key).map(|f| f.values.clone()).unwrap_or_default())
    });
    let expanded = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let total = move || values.with(Vec::len);
    // Long lists of names get a box to find one.
    let filterable = matches!(key, FacetKey::Author | FacetKey::Topic | FacetKey::Category | FacetKey::Venue);
    let shown: Memo<Vec<FacetValue>> = Memo::new(move |_| {
        let needle = filter.with(|f| f.to_lowercase());
        let limit = if expanded.get() || !needle.is_empty() { usize::MAX } else { FACET_PREVIEW };
        values.with(|values| {
            values
                .iter()
                .take(limit)
                .filter(|v| needle.is_empty() || v.value.to_lowercase().contains(&needle))
                .cloned()
                .collect()
        })
    });
    view! {
        <section class="facet" data-testid=format!("facet-{}", key.name())>
            <h2>{facet_label(key)}</h2>
            <Show when=move || { filterable && total() > FACET_PREVIEW }>
                <input
                    type="search"
                    class="facet-filter"
                    data-testid="facet-filter"
                    aria-label=format!("Find a {}", facet_label(key).to_lowercase())
                    placeholder=format!("Find a {}…", facet_label(key).to_lowercase())
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </Show>
            <ul>
                <For each=move || 0..shown.with(Vec::len) key=|i| *i let:place>
                    <FacetRow key place shown />
                </For>
            </ul>
            <Show when=move || { total() > FACET_PREVIEW }>
                <button class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", total()) }}
                </button>
            </Show>
        </section>
    }
}

/// One place in a facet's list, kept while typing: its value, count and selection follow the results, so
/// a changed count redraws a number, not the row.
#[component]
fn FacetRow(key: FacetKey, place: usize, shown: Memo<Vec<FacetValue>>) -> impl IntoView {
    let nav = use_nav();
    let value = Memo::new(move |_| shown.with(|vs| vs.get(place).cloned().unwrap_or_default()));
    let label = move || value.with(|v| if key == FacetKey::Status { status_label(&v.value) } else { v.value.clone() });
    let toggle = move |_| {
        let v = value.with_untracked(|v| v.value.clone());
        nav.go(nav.state.get_untracked().toggled(Filter::Value(key, v)), true)
    };
    view! {
        <li>
            <button
                class="facet-value"
                class:selected=move || value.with(|v| v.selected)
                aria-pressed=move || if value.with(|v| v.selected) { "true" } else { "false" }
                data-testid="facet-value"
                data-value=move || value.with(|v| v.value.clone())
                data-count=move || value.with(|v| v.count.to_string())
                on:click=toggle
            >
                <span class="label">{label}</span>
                <span class="n">{move || value.with(|v| v.count)}</span>
            </button>
        </li>
    }
}

#[component]
pub fn Chips() -> impl IntoView {
    let nav = use_nav();
    move || {
        let filters = nav.filters.get();
        (!filters.is_empty()).then(|| {
            let chips = filters
                .into_iter()
                .map(|filter| {
                    let label = format!("{}: {}", facet_label(filter.key()), filter.text());
                    let remove = move |_| nav.go(nav.state.get_untracked().toggled(filter.clone()), true);
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
