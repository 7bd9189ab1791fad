//! The regions under the map as a list, each a filter: the same map for a screen reader or a keyboard.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::engine::{use_engine, use_results};
use crate::gl::css_colour;
use crate::nav::use_nav;
use crate::ui::text::papers;

/// The regions with their labels and how many of the view's papers each holds: each a filter.
#[component]
pub(super) fn RegionList() -> impl IntoView {
    let (engine, nav, results) = (use_engine(), use_nav(), use_results());
    let regions = Memo::new(move |_| {
        engine.with_atlas(|atlas| {
            let Some(level) = atlas.and_then(|a| a.map().levels.first()) else { return Vec::new() };
            let mut counts: HashMap<u16, usize> = HashMap::new();
            results.answer.with(|(r, _)| {
                for &d in &r.docs {
                    if let Some(&region) = level.of.get(d as usize) {
                        *counts.entry(region).or_insert(0) += 1;
                    }
                }
            });
            let mut rows: Vec<(u16, String, usize, u32)> = (0..level.labels.len())
                .map(|i| {
                    (i as u16, level.labels[i].clone(), counts.get(&(i as u16)).copied().unwrap_or(0), level.sizes[i])
                })
                .collect();
            rows.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
            rows
        })
    });
    let selected = Memo::new(move |_| nav.state.with(|s| s.region));
    view! {
        <section class="map-regions" aria-label="Regions of the map">
            <h3>"Regions"</h3>
            <ul>
                {move || {
                    regions
                        .get()
                        .into_iter()
                        .map(|(i, label, count, total)| {
                            let on = move || selected.get() == Some(i);
                            let toggle = move |_| nav.change(|s| (s.region, s.page) = (if s.region == Some(i) { None } else { Some(i) }, 1));
                            view! {
                                <li data-testid="map-cluster" data-label=label.clone() data-count=count.to_string() data-total=total.to_string() data-region=i.to_string()>
                                    <button class="region" aria-pressed=move || if on() { "true" } else { "false" } on:click=toggle>
                                        <span class="swatch" style:background=css_colour(usize::from(i))></span>
                                        {label.clone()}
                                    </button>
                                    <span class="n">{if count as u32 == total { papers(count) } else { format!("{count} of {total}") }}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
