//! Wheel, drag, pinch, click, the area box and keys over the map.

use leptos::html;
use leptos::prelude::*;
use paperscope_search::url::Area;
use wasm_bindgen::JsCast;

use super::MapUi;
use crate::engine::{use_engine, use_results};
use crate::nav::use_nav;

/// How far from the pointer (CSS pixels) a paper is under it.
const REACH: f32 = 8.0;
/// A pointer that moves less than this (CSS pixels) between press and release clicked.
const CLICK_SLOP: f32 = 4.0;
/// The viewport is written to the address this long after the last wheel turn.
const SETTLE_MS: u32 = 250;

type Handler<E> = Box<dyn Fn(E)>;

pub(super) struct Handlers {
    pub(super) down: Handler<web_sys::PointerEvent>,
    pub(super) moved: Handler<web_sys::PointerEvent>,
    pub(super) up: Handler<web_sys::PointerEvent>,
    pub(super) cancel: Handler<web_sys::PointerEvent>,
    pub(super) wheel: Handler<web_sys::WheelEvent>,
    pub(super) key: Handler<web_sys::KeyboardEvent>,
}

/// A pointer pressed on the map: where, and the camera then.
#[derive(Clone, Copy)]
struct Press {
    id: i32,
    at: [f32; 2],
    now: [f32; 2],
}

/// Wheel, drag, pinch, click, box and keys over the map.
pub(super) fn pointer_handlers(ui: MapUi, frame: NodeRef<html::Div>) -> Handlers {
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
