//! Navigation: the view the URL describes and the one way to change it, provided once by the explorer
//! for every part of the screen. The URL's query string is the only copy of the view: changing the view
//! means writing the URL (a new history entry for a deliberate change, the same entry while typing), and
//! back/forward are heard here.
//!
//! Each part of the view is also a memo of its own ([`Nav::query`], [`Nav::filters`]...), so a part of the
//! screen that shows the filters does nothing when only the query changed. The address bar is written just
//! after the next frame is painted (`history.replaceState` costs a millisecond or two, which a keystroke
//! should not wait for), writes in between folded into one.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use paperscope_search::url::ViewState;
use paperscope_search::{FacetKey, Sort};
use wasm_bindgen::JsValue;

#[derive(Clone, Copy)]
pub struct Nav {
    url: RwSignal<String>,
    /// The view the URL describes.
    pub state: Memo<ViewState>,
    pub query: Memo<String>,
    pub filters: Memo<Vec<(FacetKey, String)>>,
    pub sort: Memo<Sort>,
    pub page: Memo<usize>,
    pub paper: Memo<Option<String>>,
    /// An address not yet written to the history, and whether it is a new entry.
    pending: StoredValue<Option<(String, bool)>>,
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

    /// Shows `next`, and writes it to the address bar as a new history entry (`push`) or in place of the
    /// current one (typing).
    pub fn go(self, next: ViewState, push: bool) {
        let w = window();
        let path = w.location().pathname().unwrap_or_default();
        let qs = next.to_query_string();
        let address = if qs.is_empty() { path } else { format!("{path}?{qs}") };
        let earlier = self.pending.try_update_value(|p| p.take()).flatten();
        let entry = match earlier {
            // A new entry after another not yet written: that one is written now, so both exist.
            Some(earlier) if push => {
                write_history(&earlier);
                (address, true)
            }
            // Typing after a deliberate change: the new entry gets the latest address.
            Some((_, earlier_push)) => (address, earlier_push),
            None => {
                self.flush_after_paint();
                (address, push)
            }
        };
        self.pending.set_value(Some(entry));
        self.url.set(qs);
    }

    /// Shows the current view changed by `change`, as a new history entry.
    pub fn change(self, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        self.go(next, true);
    }

    /// Writes the pending address once the frame that shows it has been painted.
    fn flush_after_paint(self) {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if let Some(entry) = self.pending.try_update_value(|p| p.take()).flatten() {
                        write_history(&entry);
                    }
                },
                Duration::ZERO,
            )
        });
    }
}

fn write_history((address, push): &(String, bool)) {
    if let Ok(history) = window().history() {
        let _ = if *push {
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
