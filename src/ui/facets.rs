//! The facet sidebar (each facet's values with their counts, a box to find one in long lists) and the
//! chips of the selected values above the results.

use leptos::prelude::*;
use paperscope_search::{FacetCounts, FacetKey, FacetValue, Filter, READ, UNKNOWN};

use super::fold::Fold;
use super::text::{facet_label, filter_label, filter_word, lacking, papers, value_label};
use crate::engine::use_results;
use crate::nav::use_nav;

/// Facet values shown before "show more".
const FACET_PREVIEW: usize = 8;

/// Every facet with values, in a fixed order (a facet whose papers all lack it is left out unless it is
/// selected; one being searched stays, to say that nothing matched). Each group and each value keeps its place on the screen while the query changes: only counts
/// that changed are redrawn.
#[component]
pub fn FacetList() -> impl IntoView {
    let results = use_results();
    let shown = move || {
        let finding: Vec<FacetKey> = results.finds.with(|f| f.iter().map(|(k, _)| *k).collect());
        results.facets.with(|facets| {
            facets
                .iter()
                .filter(|f| finding.contains(&f.key) || f.values.iter().any(|v| v.value != UNKNOWN || v.selected))
                // Read or not says something once any paper is read.
                .filter(|f| f.key != FacetKey::Read || f.values.iter().any(|v| v.value == READ || v.selected))
                .map(|f| f.key)
                .collect::<Vec<_>>()
        })
    };
    // Facets out of view (the sidebar is longer than the screen) take a new answer a frame later.
    let facets = Fold::new(results.facets, super::fold::FACETS, || {
        let groups = super::fold::select(document().document_element(), ".facets section.facet");
        let key = |g: &web_sys::Element| FacetKey::from_name(g.get_attribute("data-testid")?.strip_prefix("facet-")?);
        groups.into_iter().filter_map(|g| Some((key(&g)?, g))).collect()
    });
    // ... and the engine counts them a frame later too.
    Effect::new(move |_| results.count_later(facets.out_of_view()));
    on_cleanup(move || results.count_later(Vec::new()));
    view! {
        <For each=shown key=|key| *key let:key>
            <FacetGroup key facets />
        </For>
    }
}

#[component]
fn FacetGroup(key: FacetKey, facets: Fold<Vec<FacetCounts>, FacetKey>) -> impl IntoView {
    let results = use_results();
    let expanded = RwSignal::new(false);
    // The find box's text, searched by the engine among all of the facet's values (not only those listed).
    let find = move || results.finds.with(|f| f.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone()));
    let set_find = move |text: String| {
        results.finds.update(|finds| {
            finds.retain(|(k, _)| *k != key);
            if !text.is_empty() {
                finds.push((key, text));
            }
        })
    };
    // This facet's values are read in place in the answer, and only those shown are copied (at 100,000
    // papers a keystroke's answer lists some 400 values across the facets).
    let total = Memo::new(move |_| facets.read(&key, |f| values_of(f, key).map(<[_]>::len)).unwrap_or(0));
    // Long lists of names get a box to find one.
    let filterable = matches!(key, FacetKey::Author | FacetKey::Topic | FacetKey::Category | FacetKey::Venue);
    let shown: Memo<Vec<FacetValue>> = Memo::new(move |_| {
        let limit = if expanded.get() || find().is_some() { usize::MAX } else { FACET_PREVIEW };
        facets.read(&key, |f| values_of(f, key).map(|v| v.iter().take(limit).cloned().collect())).unwrap_or_default()
    });
    let none_found = move || find().is_some() && total.get() == 0;
    view! {
        <section class="facet" data-testid=format!("facet-{}", key.name()) aria-busy=move || facets.is_behind(&key).then_some("true")>
            <h3>{facet_label(key)}</h3>
            <Show when=move || { filterable && (total.get() > FACET_PREVIEW || find().is_some()) }>
                <input
                    type="search"
                    class="facet-filter"
                    data-testid="facet-filter"
                    aria-label=format!("Find a {}", facet_label(key).to_lowercase())
                    placeholder=format!("Find a {}…", facet_label(key).to_lowercase())
                    prop:value=move || find().unwrap_or_default()
                    on:input=move |ev| set_find(event_target_value(&ev))
                    on:keydown=move |ev| {
                        // Esc empties this box and stays in it; it never reaches the page's own Esc.
                        if ev.key() == "Escape" {
                            ev.stop_propagation();
                            ev.prevent_default();
                            set_find(String::new());
                        }
                    }
                />
            </Show>
            <Show when=none_found>
                <p class="facet-none" data-testid="facet-none">
                    {move || format!("No {} matching “{}” among these papers.", facet_label(key).to_lowercase(), find().unwrap_or_default())}
                </p>
            </Show>
            <ul>
                <For each=move || 0..shown.with(Vec::len) key=|i| *i let:place>
                    <FacetRow key place shown />
                </For>
            </ul>
            <Show when=move || { total.get() > FACET_PREVIEW && find().is_none() }>
                <button class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", total.get()) }}
                </button>
            </Show>
        </section>
    }
}

/// A facet's values in an answer, if it lists the facet.
fn values_of(facets: &[FacetCounts], key: FacetKey) -> Option<&[FacetValue]> {
    facets.iter().find(|f| f.key == key).map(|f| f.values.as_slice())
}

/// One place in a facet's list, kept while typing: its value, count and selection follow the results, so
/// a changed count redraws a number, not the row.
#[component]
fn FacetRow(key: FacetKey, place: usize, shown: Memo<Vec<FacetValue>>) -> impl IntoView {
    let nav = use_nav();
    let value = Memo::new(move |_| shown.with(|vs| vs.get(place).cloned().unwrap_or_default()));
    let label = move || value.with(|v| value_label(key, &v.value));
    // What the row's mute button is named by (the place's, so it never changes while typing).
    let label_id = format!("facet-{}-{place}", key.name());
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
                <span class="label" id=label_id.clone()>{label}</span>
                <span class="n">{move || value.with(|v| v.count)}</span>
            </button>
            <super::mute::MuteValue key value=Signal::derive(move || value.with(|v| v.value.clone())) label=label_id />
        </li>
    }
}

#[component]
pub fn Chips() -> impl IntoView {
    let nav = use_nav();
    let map_filters = Memo::new(move |_| nav.state.with(|s| (s.area, s.region)));
    move || {
        let filters = nav.filters.get();
        let (area, region) = map_filters.get();
        (!filters.is_empty() || area.is_some() || region.is_some()).then(|| {
            let chips = filters
                .into_iter()
                .map(|filter| {
                    let label = format!("{}: {}", facet_label(filter.key()), filter_label(&filter));
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
                    <MapChips area=area.is_some() region />
                    <button
                        class="chip clear"
                        data-testid="clear-filters"
                        on:click=move |_| nav.change(|s| (s.filters, s.area, s.region, s.page) = (Vec::new(), None, None, 1))
                    >
                        "Clear all"
                    </button>
                </div>
                <LeftOut />
            }
        })
    }
}

/// The map's filters as chips: an area drawn on it, a region picked.
#[component]
fn MapChips(area: bool, region: Option<u16>) -> impl IntoView {
    let (nav, engine) = (use_nav(), crate::engine::use_engine());
    let region_label = move |r: u16| {
        use crate::engine::MapState;
        engine
            .map
            .with(|m| match m {
                MapState::Ready(atlas) => {
                    atlas.map().levels.first().and_then(|l| l.labels.get(usize::from(r)).cloned())
                }
                MapState::Loading => Some(format!("region {r} (reading the map…)")),
                MapState::Absent(_) => Some(format!("region {r} (this corpus has no map: not applied)")),
            })
            .unwrap_or_else(|| format!("region {r} (the map has no such region: not applied)"))
    };
    view! {
        {area.then(|| {
            // Without a map there is no area to keep: the chip says the filter is not applied.
            let label = move || {
                if engine.map.with(|m| matches!(m, crate::engine::MapState::Absent(_))) {
                    "Map area (this corpus has no map: not applied) ×"
                } else {
                    "Map area ×"
                }
            };
            view! {
                <button class="chip" data-testid="area-chip" aria-label="Remove Map area" on:click=move |_| nav.change(|s| (s.area, s.page) = (None, 1))>
                    {label}
                </button>
            }
        })}
        {region.map(|r| {
            // The region's label once the map is read.
            let label = move || format!("Region: {}", region_label(r));
            view! {
                <button class="chip" data-testid="region-chip" aria-label=move || format!("Remove {}", label()) on:click=move |_| nav.change(|s| (s.region, s.page) = (None, 1))>
                    {label} " ×"
                </button>
            }
        })}
    }
}

/// What the filters leave out for lack of the field: "The year filter leaves out 10 papers with no year",
/// with a way to include them. (A facet's counts ignore its own selection, so its unknown value's count is
/// exactly the papers that this filter alone drops.)
#[component]
fn LeftOut() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let gaps = Memo::new(move |_| {
        let keys: Vec<FacetKey> = nav.filters.with(|filters| {
            let mut keys: Vec<FacetKey> = filters.iter().map(Filter::key).collect();
            keys.sort();
            keys.dedup();
            keys
        });
        results.facets.with(|facets| {
            keys.into_iter()
                .filter_map(|key| {
                    let unknown = facets.iter().find(|f| f.key == key)?.values.iter().find(|v| v.value == UNKNOWN)?;
                    (!unknown.selected && unknown.count > 0).then_some((key, unknown.count))
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        gaps.get()
            .into_iter()
            .map(|(key, n)| {
                let include =
                    move |_| nav.go(nav.state.get_untracked().toggled(Filter::Value(key, UNKNOWN.into())), true);
                view! {
                    <p class="left-out" data-testid="left-out" data-facet=key.name()>
                        {format!("The {} filter leaves out {} {}. ", filter_word(key), papers(n as usize), lacking(key))}
                        <button class="link" data-testid="include-unknown" on:click=include>"Include them"</button>
                    </p>
                }
            })
            .collect_view()
    }
}
