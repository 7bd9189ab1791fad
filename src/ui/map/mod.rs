//! The map: the search's other face. Every paper is a point placed by meaning and coloured by region (or
//! year, venue, topic, source); the current view's papers are lit and the rest dimmed, on every keystroke,
//! facet and library filter. Wheel, drag and pinch zoom and pan (the viewport is in the URL, `map=`), the
//! pointer shows a paper's title, a click opens it and draws lines to its nearest neighbours, and a drawn box
//! becomes a filter (`area=`). Beside it, the regions as a list, each a filter: the same map for a screen
//! reader or a keyboard.

mod canvas;
mod labels;
mod pointer;
mod regions;
mod tools;

use leptos::prelude::*;
use paperscope_map::{Camera, ColourBy, Grid};

use crate::engine::{use_engine, MapState};
use crate::nav::use_nav;
use crate::painter::Painter;
/// The state the parts of the map share.
#[derive(Clone, Copy)]
struct MapUi {
    camera: RwSignal<Camera>,
    /// The paper under the pointer, and where the pointer is.
    hover: RwSignal<Option<(u32, [f32; 2])>>,
    colour_by: RwSignal<ColourBy>,
    /// Dragging draws a box (the "Select area" button, or Shift held) instead of panning.
    selecting: RwSignal<bool>,
    /// The box being drawn, in screen pixels.
    drawing: RwSignal<Option<[f32; 4]>>,
    painter: StoredValue<Option<Painter>, LocalStorage>,
    grid: StoredValue<Option<Grid>, LocalStorage>,
    /// A frame is already asked for.
    frame_asked: StoredValue<bool>,
    /// Bumped when the drawing's buffers change, so a frame is drawn.
    drawn: RwSignal<u32>,
}

/// The "List | Map" switch.
#[component]
pub fn ViewSwitch() -> impl IntoView {
    let nav = use_nav();
    let is_map = Memo::new(move |_| nav.state.with(|s| s.map));
    let pressed = move |map: bool| move || if is_map.get() == map { "true" } else { "false" };
    view! {
        <div class="view-switch" role="group" aria-label="Show the papers as">
            <button
                data-testid="view-list"
                aria-pressed=pressed(false)
                on:click=move |_| nav.change(|s| s.map = false)
            >
                "List"
            </button>
            <button
                data-testid="view-map"
                aria-pressed=pressed(true)
                on:click=move |_| nav.change(|s| s.map = !s.map)
            >
                "Map"
            </button>
        </div>
    }
}

/// The map, or why there is none.
#[component]
pub fn MapFace() -> impl IntoView {
    let engine = use_engine();
    let ready = Memo::new(move |_| engine.map.with(|m| matches!(m, MapState::Ready(_))));
    move || {
        if ready.get() {
            return view! { <MapReady /> }.into_any();
        }
        engine.map.with(|m| match m {
            MapState::Absent(why) => view! {
                <div class="map-absent" data-testid="map-absent" role="status">
                    <p>{why.clone()}</p>
                    <p>"The list, the filters and search by words work without it."</p>
                </div>
            }
            .into_any(),
            _ => view! { <p class="map-absent" data-testid="map-loading" role="status">"Reading the map…"</p> }
                .into_any(),
        })
    }
}

#[component]
fn MapReady() -> impl IntoView {
    let ui = MapUi {
        camera: RwSignal::new(Camera::new(use_nav().state.get_untracked().viewport, 800.0, 560.0)),
        hover: RwSignal::new(None),
        colour_by: RwSignal::new(ColourBy::Region),
        selecting: RwSignal::new(false),
        drawing: RwSignal::new(None),
        painter: StoredValue::new_local(None),
        grid: StoredValue::new_local(None),
        frame_asked: StoredValue::new(false),
        drawn: RwSignal::new(0),
    };
    provide_context(ui);
    view! {
        <div class="map-face">
            <tools::MapTools />
            <canvas::MapCanvas />
            <regions::RegionList />
        </div>
    }
}

fn use_map_ui() -> MapUi {
    use_context::<MapUi>().expect("the map provides its state before its parts")
}

/// The colour selector, its legend, and the area tool.
/// Asks for one frame to draw the map in (several changes before it make one drawing). The map may be gone
/// by then (the list shown instead): the frame then does nothing.
fn draw_soon(ui: MapUi) {
    if ui.frame_asked.try_get_value() != Some(false) {
        return;
    }
    ui.frame_asked.set_value(true);
    request_animation_frame(move || {
        let Some(camera) = ui.camera.try_get_untracked() else { return };
        ui.frame_asked.try_set_value(false);
        let ratio = window().device_pixel_ratio() as f32;
        // Measured for the map benchmark (tools/bench/map.mjs) and the profiler.
        crate::engine::mark("paperscope:map-draw-start");
        ui.painter.try_update_value(|p| {
            if let Some(p) = p {
                p.draw(&camera, ratio);
            }
        });
        crate::engine::measure("paperscope:map-draw", "paperscope:map-draw-start");
    });
}

/// Changes what the painter draws (when there is one), and asks for a frame to show it.
fn paint(ui: MapUi, change: impl FnOnce(&mut Painter)) {
    ui.painter.update_value(|p| {
        if let Some(p) = p {
            change(p);
        }
    });
    draw_soon(ui);
}

/// Each paper's lighting for the current view: 1 for the view's papers, 2 for the open one, 0 else.
fn lighting(n: usize, docs: &[u32], open: Option<u32>) -> Vec<u8> {
    let mut lit = vec![0u8; n];
    for &d in docs {
        if let Some(l) = lit.get_mut(d as usize) {
            *l = 1;
        }
    }
    if let Some(l) = open.and_then(|d| lit.get_mut(d as usize)) {
        *l = 2;
    }
    lit
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lighting_marks_the_view_and_the_open_paper() {
        assert_eq!(lighting(5, &[1, 3, 9], Some(4)), [0, 1, 0, 1, 2]);
        assert_eq!(lighting(2, &[], None), [0, 0]);
    }
}
