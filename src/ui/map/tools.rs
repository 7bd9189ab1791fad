//! The map's tools: the colour selector and its legend, the area tool, and the way back to the whole map.

use leptos::prelude::*;
use paperscope_map::{colours, Camera, ColourBy};

use super::use_map_ui;
use crate::engine::use_engine;
use crate::gl::css_colour;
use crate::nav::use_nav;

/// The colour selector, its legend, and the area tool.
#[component]
pub(super) fn MapTools() -> impl IntoView {
    let (ui, engine, nav) = (use_map_ui(), use_engine(), use_nav());
    let legend = Memo::new(move |_| {
        let by = ui.colour_by.get();
        engine.with_atlas(|atlas| {
            let atlas = atlas?;
            let labels = &atlas.map().levels.first()?.labels;
            Some(engine.with(|index| colours(by, index.papers(), &[], labels).1))
        })
    });
    let legend = move || {
        legend
            .get()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, label)| {
                view! { <li><span class="swatch" style:background=css_colour(i)></span>{label}</li> }
            })
            .collect_view()
    };
    view! {
        <div class="map-tools">
            <label>
                "Colour by "
                <select
                    data-testid="map-colour"
                    on:change=move |ev| ui.colour_by.set(ColourBy::from_name(&event_target_value(&ev)).unwrap_or_default())
                >
                    {ColourBy::ALL.iter().map(|c| view! { <option value=c.name()>{c.name()}</option> }).collect_view()}
                </select>
            </label>
            <button
                data-testid="map-select"
                aria-pressed=move || if ui.selecting.get() { "true" } else { "false" }
                title="Draw a box to keep only the papers in it (or hold Shift and drag)"
                on:click=move |_| ui.selecting.update(|s| *s = !*s)
            >
                "Select area"
            </button>
            <button
                data-testid="map-reset"
                on:click=move |_| {
                    ui.camera.update(|c| *c = Camera::new(None, c.width, c.height));
                    nav.change(|s| s.viewport = None);
                }
            >
                "Whole map"
            </button>
            <ul class="legend" aria-label="Colours">{legend}</ul>
        </div>
    }
}
