//! The keyboard: `/` focuses the search box, `j`/`k` move through the results, `Enter` opens the one
//! reached, `Esc` closes the open paper or clears the query. Keys typed into a field are the field's, and
//! Enter on a button or link is that control's.

use leptos::ev;
use leptos::prelude::*;
use paperscope_search::url::ViewState;

use crate::engine::{use_results, Results};
use crate::nav::{use_nav, Nav};

/// The keyboard's place in the results, and the search box it returns to.
#[derive(Clone, Copy)]
pub struct Keys {
    /// The result reached with j/k: the one piece of view state not in the URL, since it is not a view
    /// anyone would share. It resets whenever the results change.
    pub active: RwSignal<Option<usize>>,
    pub search: NodeRef<leptos::html::Input>,
}

pub fn use_keys() -> Keys {
    use_context::<Keys>().expect("the explorer provides its keyboard before any part of the screen")
}

/// Listens to the keyboard for the whole page and provides [`Keys`].
pub fn provide() {
    let (nav, results) = (use_nav(), use_results());
    let keys = Keys { active: RwSignal::new(None), search: NodeRef::new() };
    provide_context(keys);
    Effect::new(move |_| {
        results.hits.track();
        if keys.active.get_untracked().is_some() {
            keys.active.set(None);
        }
    });
    let listener = window_event_listener(ev::keydown, move |ev| on_key(&ev, keys, nav, results));
    on_cleanup(move || listener.remove());
}

fn on_key(ev: &web_sys::KeyboardEvent, keys: Keys, nav: Nav, results: Results) {
    let tag = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|e| e.tag_name())
        .unwrap_or_default();
    let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT");
    let on_control = typing || matches!(tag.as_str(), "BUTTON" | "A");
    match ev.key().as_str() {
        "/" if !typing => {
            ev.prevent_default();
            if let Some(el) = keys.search.get_untracked() {
                let _ = el.focus();
            }
        }
        key @ ("j" | "k") if !on_control => {
            let n = results.answer.with_untracked(|(r, _)| r.hits.len());
            if n == 0 {
                return;
            }
            let next = match (keys.active.get_untracked(), key) {
                (None, _) => 0,
                (Some(i), "j") => (i + 1).min(n - 1),
                (Some(i), _) => i.saturating_sub(1),
            };
            keys.active.set(Some(next));
            let selector = format!("[data-testid=result]:nth-child({})", next + 1);
            if let Ok(Some(el)) = document().query_selector(&selector) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
        "Enter" if !on_control => {
            let Some(i) = keys.active.get_untracked() else { return };
            if let Some(id) = results.answer.with_untracked(|(r, _)| r.hits.get(i).map(|h| h.id.clone())) {
                nav.change(|s| s.paper = Some(id));
            }
        }
        "Escape" => {
            let current = nav.state.get_untracked();
            if current.paper.is_some() {
                nav.go(ViewState { paper: None, ..current }, true);
            } else if !current.query.is_empty() {
                nav.go(ViewState { query: String::new(), page: 1, ..current }, true);
            }
        }
        _ => {}
    }
}
