//! The drawing: the painter fed with places, colours, lighting and lines, sized to its frame, with the
//! labels, the box being drawn and the tooltip over it.

use leptos::html;
use leptos::prelude::*;
use paperscope_map::{colours, Camera, Grid};

use super::labels::{MapLabels, MapTooltip};
use super::pointer::pointer_handlers;
use super::{draw_soon, lighting, paint, use_map_ui};
use crate::engine::{use_engine, use_results};
use crate::nav::use_nav;
use crate::painter::Painter;

/// The drawing and what happens over it.
#[component]
pub(super) fn MapCanvas() -> impl IntoView {
    let (ui, engine, nav, results) = (use_map_ui(), use_engine(), use_nav(), use_results());
    let canvas = NodeRef::<html::Canvas>::new();
    let frame = NodeRef::<html::Div>::new();
    let failed = RwSignal::new(None::<String>);
    let open_doc = Memo::new(move |_| {
        let id = nav.paper.get()?;
        engine.with(|index| index.doc_of(&id))
    });
    // The places, once per map; the painter when the canvas is there.
    Effect::new(move |_| {
        let Some(canvas) = canvas.get() else { return };
        let places = engine.with_atlas(|atlas| atlas.map(|a| a.map().positions.clone()));
        let Some(places) = places else { return };
        match Painter::new(&canvas) {
            Ok(mut painter) => {
                painter.set_places(&places);
                ui.painter.set_value(Some(painter));
            }
            Err(e) => failed.set(Some(e)),
        }
        let unit = |p: [u16; 2]| p.map(|c| f32::from(c) / f32::from(u16::MAX));
        ui.grid.set_value(Some(Grid::new(places.into_iter().map(unit).collect())));
        ui.drawn.update(|d| *d += 1);
    });
    // Colours.
    Effect::new(move |_| {
        let by = ui.colour_by.get();
        ui.drawn.track();
        let colours = engine.with_atlas(|atlas| {
            let atlas = atlas?;
            let level = atlas.map().levels.first()?;
            Some(engine.with(|index| colours(by, index.papers(), &level.of, &level.labels).0))
        });
        if let Some(colours) = colours {
            paint(ui, |p| p.set_colours(&colours));
        }
    });
    // Lighting: every change of the view's papers or of the open paper.
    Effect::new(move |_| {
        ui.drawn.track();
        let n = engine.with_atlas(|a| a.map_or(0, |a| a.len()));
        let lit = results.answer.with(|(r, _)| lighting(n, &r.docs, open_doc.get()));
        paint(ui, |p| p.set_lit(&lit));
    });
    // Lines from the open paper to its nearest neighbours.
    let lines = Memo::new(move |_| {
        let doc = open_doc.get()?;
        engine.with_atlas(|atlas| {
            let atlas = atlas?;
            let from = atlas.place(doc)?;
            Some(
                atlas
                    .similar(doc, paperscope_map::NEIGHBOURS)
                    .into_iter()
                    .filter_map(|(d, _)| atlas.place(d))
                    .flat_map(|to| [from, to])
                    .collect::<Vec<_>>(),
            )
        })
    });
    Effect::new(move |_| {
        ui.drawn.track();
        let ends = lines.get().unwrap_or_default();
        paint(ui, |p| p.set_lines(&ends));
    });
    // The camera: every change draws; a viewport read from the address (back, forward, a link) moves it.
    Effect::new(move |_| {
        ui.camera.track();
        draw_soon(ui);
    });
    Effect::new(move |_| {
        let wanted = nav.state.with(|s| s.viewport);
        let camera = ui.camera.get_untracked();
        if camera.viewport() != wanted {
            ui.camera.set(Camera::new(wanted, camera.width, camera.height));
        }
    });
    // The drawing's size follows its frame's.
    let measure = move || {
        if let Some(frame) = frame.get_untracked() {
            let rect = frame.get_bounding_client_rect();
            ui.camera.update(|c| (c.width, c.height) = (rect.width().max(1.0) as f32, rect.height().max(1.0) as f32));
        }
    };
    Effect::new(move |_| {
        if frame.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let handlers = pointer_handlers(ui, frame);
    let points = move || engine.with_atlas(|a| a.map_or(0, |a| a.len())).to_string();
    let lit = move || results.answer.with(|(r, _)| r.docs.len()).to_string();
    let line_count = move || (lines.with(|l| l.as_ref().map_or(0, Vec::len)) / 2).to_string();
    view! {
        <div
            class="map"
            data-testid="map"
            data-points=points
            data-lit=lit
            data-lines=line_count
            data-zoom=move || format!("{:.2}", ui.camera.get().zoom)
            data-renderer=move || {
                ui.drawn.track();
                ui.painter.with_value(|p| p.as_ref().map_or("none", |p| p.kind()))
            }
            class:selecting=move || ui.selecting.get()
            node_ref=frame
            tabindex="0"
            role="img"
            aria-label=move || format!("Map of {} papers; {} lit by the current view. The regions are listed below.", points(), lit())
            on:pointerdown=handlers.down
            on:pointermove=handlers.moved
            on:pointerup=handlers.up
            on:pointercancel=handlers.cancel
            on:pointerleave=move |_| ui.hover.set(None)
            on:wheel=handlers.wheel
            on:keydown=handlers.key
        >
            <canvas node_ref=canvas></canvas>
            <MapLabels />
            {move || ui.drawing.get().map(|[x0, y0, x1, y1]| {
                let px = |v: f32| format!("{v}px");
                view! {
                    <div
                        class="map-box"
                        style:left=px(x0.min(x1))
                        style:top=px(y0.min(y1))
                        style:width=px((x1 - x0).abs())
                        style:height=px((y1 - y0).abs())
                    ></div>
                }
            })}
            <MapTooltip />
            {move || failed.get().map(|e| view! {
                <p class="map-absent" data-testid="map-absent">{format!("The map cannot be drawn here: {e}. The regions are listed below.")}</p>
            })}
        </div>
    }
}
