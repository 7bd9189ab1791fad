//! Navigation: the view the URL describes and the one way to change it, provided once by the explorer
//! for every part of the screen. The URL's query string is the only copy of the view: changing the view
//! means writing the URL (a new history entry for a deliberate change, the same entry while typing), and
//! back/forward are heard here.
//!
//! Each part of the view is also a memo of its own ([`Nav::query`], [`Nav::filters`]...), so a part of the
//! screen that shows the filters does nothing when only the query changed. While typing, the address bar is
//! written just after the next frame is painted (`history.replaceState` costs a millisecond or more, which
//! a keystroke should not wait for), writes in between folded into one.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use paperscope_search::url::ViewState;
use paperscope_search::{Filter, Sort};
use wasm_bindgen::JsValue;

#[derive(Clone, Copy)]
pub struct Nav {
    url: RwSignal<String>,
    /// The view the URL describes.
    pub state: Memo<ViewState>,
    pub query: Memo<String>,
    pub filters: Memo<Vec<Filter>>,
    pub sort: Memo<Sort>,
    pub page: Memo<usize>,
    pub paper: Memo<Option<String>>,
    /// An address typed but not yet written to the history (it replaces the current entry).
    pending: StoredValue<Option<String>>,
}

fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

impl Nav {
    /// Reads the URL, follows back/forward, and provides the navigation to every component below.
    pub fn provide() -> Nav {
        let url = RwSignal::new(location_search());
        let state = Memo::new(move |_| ViewState::parse(&url.get()));
        let nav = Nav {
            url,
            state,
            query: Memo::new(move |_| state.with(|s| s.query.clone())),
            filters: Memo::new(move |_| state.with(|s| s.filters.clone())),
            sort: Memo::new(move |_| state.with(|s| s.sort)),
            page: Memo::new(move |_| state.with(|s| s.page)),
            paper: Memo::new(move |_| state.with(|s| s.paper.clone())),
            pending: StoredValue::new(None),
        };
        let popstate = window_event_listener(ev::popstate, move |_| {
            // The browser moved to another entry: an address not yet written belonged to the one left.
            nav.pending.set_value(None);
            url.set(location_search());
        });
        on_cleanup(move || popstate.remove());
        provide_context(nav);
        nav
    }

    /// Shows `next`, and writes it to the address bar: as a new history entry at once (`push`, a deliberate
    /// change), or in place of the current one just after the frame that shows it is painted (typing).
    pub fn go(self, next: ViewState, push: bool) {
        let w = window();
        let path = w.location().pathname().unwrap_or_default();
        let qs = next.to_query_string();
        let address = if qs.is_empty() { path } else { format!("{path}?{qs}") };
        if push {
            // The typing before this belongs to the entry being left: written first.
            if let Some(earlier) = self.pending.try_update_value(Option::take).flatten() {
                write_history(&earlier, false);
            }
            write_history(&address, true);
        } else if self.pending.try_update_value(|p| p.replace(address.clone())).flatten().is_none() {
            self.flush_after_paint();
        }
        self.url.set(qs);
    }

    /// Shows the current view changed by `change`, as a new history entry.
    pub fn change(self, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        self.go(next, true);
    }

    /// The address of the current view changed by `change` (tracked): what a link to that view points at,
    /// so it can be opened in a new tab or copied.
    pub fn href(self, change: impl FnOnce(&mut ViewState)) -> String {
        let mut next = self.state.get();
        change(&mut next);
        address(&next)
    }

    /// Follows a link to another view in the page on a plain click (a middle click, or one with Ctrl, Cmd,
    /// Shift or Alt, is left to the browser: a new tab or window).
    pub fn follow(self, ev: &web_sys::MouseEvent, change: impl FnOnce(&mut ViewState)) {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        self.change(change);
    }

    /// Writes the pending address once the frame that shows it has been painted.
    fn flush_after_paint(self) {
        after_paint(move || {
            if let Some(address) = self.pending.try_update_value(Option::take).flatten() {
                write_history(&address, false);
            }
        });
    }
}

/// Runs `f` just after the next frame is painted (a frame, then a task): for what the screen need not
/// wait for, such as the address bar and the document's title.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// The address of a view, as a link in the page writes it.
pub fn address(view: &ViewState) -> String {
    let qs = view.to_query_string();
    if qs.is_empty() {
        window().location().pathname().unwrap_or_default()
    } else {
        format!("?{qs}")
    }
}

fn write_history(address: &str, push: bool) {
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(address))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(address))
        };
    }
}

/// The navigation the explorer provided.
pub fn use_nav() -> Nav {
    use_context::<Nav>().expect("the explorer provides its navigation before any part of the screen")
}
