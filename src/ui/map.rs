//! The map: the search's other face. Every paper is a point placed by meaning and coloured by region (or
//! year, venue, topic, source); the current view's papers are lit and the rest dimmed, on every keystroke,
//! facet and library filter. Wheel, drag and pinch zoom and pan (the viewport is in the URL, `map=`), the
//! pointer shows a paper's title, a click opens it and draws lines to its nearest neighbours, and a drawn box
//! becomes a filter (`area=`). Beside it, the regions as a list, each a filter: the same map for a screen
//! reader or a keyboard.

use std::collections::HashMap;

use leptos::html;
use leptos::prelude::*;
use paperscope_map::{colours, Camera, ColourBy, Grid};
use paperscope_search::url::Area;
use wasm_bindgen::JsCast;

use super::text::papers;
use crate::engine::{use_engine, use_results, MapState};
use crate::gl::{css_colour, Painter};
use crate::nav::use_nav;

/// How far from the pointer (CSS pixels) a paper is under it.
const REACH: f32 = 8.0;
/// A pointer that moves less than this (CSS pixels) between press and release clicked.
const CLICK_SLOP: f32 = 4.0;
/// The viewport is written to the address this long after the last wheel turn.
const SETTLE_MS: u32 = 250;

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
            <MapTools />
            <MapCanvas />
            <RegionList />
        </div>
    }
}

fn use_map_ui() -> MapUi {
    use_context::<MapUi>().expect("the map provides its state before its parts")
}

/// The colour selector, its legend, and the area tool.
#[component]
fn MapTools() -> impl IntoView {
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

/// The drawing and what happens over it.
#[component]
fn MapCanvas() -> impl IntoView {
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

type Handler<E> = Box<dyn Fn(E)>;

struct Handlers {
    down: Handler<web_sys::PointerEvent>,
    moved: Handler<web_sys::PointerEvent>,
    up: Handler<web_sys::PointerEvent>,
    cancel: Handler<web_sys::PointerEvent>,
    wheel: Handler<web_sys::WheelEvent>,
    key: Handler<web_sys::KeyboardEvent>,
}

/// A pointer pressed on the map: where, and the camera then.
#[derive(Clone, Copy)]
struct Press {
    id: i32,
    at: [f32; 2],
    now: [f32; 2],
}

/// Wheel, drag, pinch, click, box and keys over the map.
fn pointer_handlers(ui: MapUi, frame: NodeRef<html::Div>) -> Handlers {
    let (nav, engine, results) = (use_nav(), use_engine(), use_results());
    let presses = StoredValue::new(Vec::<Press>::new());
    let start = StoredValue::new(ui.camera.get_untracked());
    let boxing = StoredValue::new(false);
    let settle = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let local = move |x: i32, y: i32| -> [f32; 2] {
        let rect = frame.get_untracked().map(|f| f.get_bounding_client_rect());
        rect.map_or([x as f32, y as f32], |r| [x as f32 - r.left() as f32, y as f32 - r.top() as f32])
    };
    // The viewport goes to the address once the map is still (in place of the current entry).
    let write_viewport = move || {
        let Some(camera) = ui.camera.try_get_untracked() else { return };
        let viewport = camera.viewport();
        if nav.state.with_untracked(|s| s.viewport) != viewport {
            let mut next = nav.state.get_untracked();
            next.viewport = viewport;
            nav.go(next, false);
        }
    };
    let settle_later = move || {
        settle.set_value(Some(gloo_timers::callback::Timeout::new(SETTLE_MS, write_viewport)));
    };
    // The paper under a screen point: among the lit papers when the view narrows them.
    let under = move |at: [f32; 2]| -> Option<u32> {
        let camera = ui.camera.get_untracked();
        let p = camera.to_map(at);
        let n = engine.with_untracked(|i| i.len());
        results.answer.with_untracked(|(r, _)| {
            let all = r.docs.len() == n;
            ui.grid.with_value(|g| {
                g.as_ref()?.nearest(p, REACH / camera.scale(), |d| all || r.docs.binary_search(&d).is_ok())
            })
        })
    };
    let down = Box::new(move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        let at = local(ev.client_x(), ev.client_y());
        presses.update_value(|p| {
            p.retain(|q| q.id != ev.pointer_id());
            p.push(Press { id: ev.pointer_id(), at, now: at });
        });
        start.set_value(ui.camera.get_untracked());
        boxing.set_value(presses.with_value(Vec::len) == 1 && (ui.selecting.get_untracked() || ev.shift_key()));
        ui.hover.set(None);
    });
    let moved = Box::new(move |ev: web_sys::PointerEvent| {
        let at = local(ev.client_x(), ev.client_y());
        presses.update_value(|p| {
            if let Some(q) = p.iter_mut().find(|q| q.id == ev.pointer_id()) {
                q.now = at;
            }
        });
        let pressed = presses.get_value();
        match pressed.as_slice() {
            [] => ui.hover.set(under(at).map(|d| (d, at))),
            [one] if boxing.get_value() => ui.drawing.set(Some([one.at[0], one.at[1], at[0], at[1]])),
            [one] => {
                let camera = start.get_value().panned(at[0] - one.at[0], at[1] - one.at[1]);
                ui.camera.set(camera);
            }
            [a, b, ..] => {
                // Pinch: the distance between the fingers scales the map about their midpoint.
                let dist = |p: [f32; 2], q: [f32; 2]| ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt().max(1.0);
                let mid = |p: [f32; 2], q: [f32; 2]| [(p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0];
                let (m0, m1) = (mid(a.at, b.at), mid(a.now, b.now));
                let camera = start.get_value().panned(m1[0] - m0[0], m1[1] - m0[1]);
                ui.camera.set(camera.zoomed(dist(a.now, b.now) / dist(a.at, b.at), m1));
            }
        }
    });
    let finish = move |ev: &web_sys::PointerEvent, released: bool| {
        let press = presses.with_value(|p| p.iter().find(|q| q.id == ev.pointer_id()).copied());
        presses.update_value(|p| p.retain(|q| q.id != ev.pointer_id()));
        let Some(press) = press else { return };
        let at = local(ev.client_x(), ev.client_y());
        let moved = ((at[0] - press.at[0]).powi(2) + (at[1] - press.at[1]).powi(2)).sqrt();
        if boxing.get_value() {
            boxing.set_value(false);
            ui.drawing.set(None);
            let camera = ui.camera.get_untracked();
            if let (true, Some(area)) = (released, Area::new(camera.to_map(press.at), camera.to_map(at))) {
                ui.selecting.set(false);
                nav.change(|s| (s.area, s.page) = (Some(area), 1));
            }
            return;
        }
        if released && moved < CLICK_SLOP && presses.with_value(Vec::is_empty) {
            if let Some(id) =
                under(at).and_then(|d| engine.with_untracked(|i| i.papers().get(d as usize).map(|p| p.id.clone())))
            {
                nav.change(|s| s.paper = Some(id));
            }
            return;
        }
        if presses.with_value(Vec::is_empty) {
            write_viewport();
        } else {
            // One finger of a pinch lifted: the other pans from here.
            start.set_value(ui.camera.get_untracked());
            presses.update_value(|p| p.iter_mut().for_each(|q| q.at = q.now));
        }
    };
    let up = Box::new(move |ev: web_sys::PointerEvent| finish(&ev, true));
    let cancel = Box::new(move |ev: web_sys::PointerEvent| finish(&ev, false));
    let wheel = Box::new(move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        // Lines (Firefox) and pages count as far more than pixels.
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-(ev.delta_y() as f32) * unit * 0.002).exp();
        let at = local(ev.client_x(), ev.client_y());
        ui.camera.update(|c| *c = c.zoomed(factor, at));
        settle_later();
    });
    let key = Box::new(move |ev: web_sys::KeyboardEvent| {
        let camera = ui.camera.get_untracked();
        let centre = [camera.width / 2.0, camera.height / 2.0];
        let step = 60.0;
        let next = match ev.key().as_str() {
            "ArrowLeft" => camera.panned(step, 0.0),
            "ArrowRight" => camera.panned(-step, 0.0),
            "ArrowUp" => camera.panned(0.0, step),
            "ArrowDown" => camera.panned(0.0, -step),
            "+" | "=" => camera.zoomed(1.5, centre),
            "-" | "_" => camera.zoomed(1.0 / 1.5, centre),
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        ui.camera.set(next);
        settle_later();
    });
    Handlers { down, moved, up, cancel, wheel, key }
}

/// The regions' labels over the drawing: the coarsest level whose regions are wide on screen, so more and
/// finer labels appear as the map is zoomed in.
#[component]
fn MapLabels() -> impl IntoView {
    let (ui, engine) = (use_map_ui(), use_engine());
    let labels = Memo::new(move |_| {
        let camera = ui.camera.get();
        engine.with_atlas(|atlas| {
            let Some(atlas) = atlas else { return Vec::new() };
            let levels = &atlas.map().levels;
            let sizes: Vec<usize> = levels.iter().map(|l| l.centres.len()).collect();
            let Some(level) = levels.get(camera.label_level(&sizes)) else { return Vec::new() };
            let mut shown: Vec<(u32, String, [f32; 2])> = level
                .centres
                .iter()
                .zip(&level.labels)
                .zip(&level.sizes)
                .filter(|(_, &size)| size > 0)
                .map(|((c, label), &size)| {
                    let p = camera.to_screen(c.map(|v| f32::from(v) / f32::from(u16::MAX)));
                    (size, short_label(label), p)
                })
                .filter(|(_, _, [x, y])| *x >= 0.0 && *y >= 0.0 && *x <= camera.width && *y <= camera.height)
                .collect();
            shown.sort_by_key(|s| std::cmp::Reverse(s.0));
            shown.truncate(40);
            // A label near an edge is pulled in, so it is not cut off (its region is there or beyond).
            let inside = |[x, y]: [f32; 2]| {
                let room = (camera.width / 2.0).min(90.0);
                [x.clamp(room, camera.width - room).round() as i32, y.clamp(12.0, camera.height - 12.0).round() as i32]
            };
            shown.into_iter().map(|(_, label, p)| (label, inside(p))).collect()
        })
    });
    view! {
        <div class="map-labels" aria-hidden="true">
            {move || {
                labels
                    .get()
                    .into_iter()
                    .map(|(label, [x, y])| {
                        view! {
                            <span class="map-label" data-testid="map-label" style:transform=format!("translate({x}px,{y}px) translate(-50%,-50%)")>
                                {label}
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A region's label as the map shows it: its first two terms.
fn short_label(label: &str) -> String {
    label.split(", ").take(2).collect::<Vec<_>>().join(", ")
}

/// The title of the paper under the pointer.
#[component]
fn MapTooltip() -> impl IntoView {
    let (ui, engine) = (use_map_ui(), use_engine());
    move || {
        let (doc, [x, y]) = ui.hover.get()?;
        let paper = engine.paper(doc)?;
        let camera = ui.camera.get_untracked();
        // Beside the pointer, on the side with room.
        let flip = x > camera.width * 0.6;
        let (left, right) = if flip {
            (None, Some(format!("{}px", camera.width - x + 12.0)))
        } else {
            (Some(format!("{}px", x + 12.0)), None)
        };
        let top = format!("{}px", y + 12.0);
        let meta = [paper.year.map(|y| y.to_string()), paper.venue.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        Some(view! {
            <div class="map-tooltip" data-testid="map-tooltip" data-id=paper.id.clone() role="tooltip" style:left=left style:right=right style:top=top>
                <strong>{paper.title.clone()}</strong>
                {(!meta.is_empty()).then(|| view! { <span>{meta}</span> })}
            </div>
        })
    }
}

/// The regions with their labels and how many of the view's papers each holds: each a filter.
#[component]
fn RegionList() -> impl IntoView {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lighting_marks_the_view_and_the_open_paper() {
        assert_eq!(lighting(5, &[1, 3, 9], Some(4)), [0, 1, 0, 1, 2]);
        assert_eq!(lighting(2, &[], None), [0, 0]);
    }

    #[test]
    fn labels_show_their_first_two_terms() {
        assert_eq!(short_label("diffusion, score, denoising"), "diffusion, score");
        assert_eq!(short_label("graphs"), "graphs");
    }
}
