//! Navigation: the view the URL describes and the one way to change it, provided once by the explorer
//! for every part of the screen. The URL's query string is the only copy of the view: changing the view
//! means writing the URL (a new history entry for a deliberate change, the same entry while typing), and
//! back/forward are heard here.

use leptos::ev;
use leptos::prelude::*;
use paperscope_search::url::ViewState;
use wasm_bindgen::JsValue;

#[derive(Clone, Copy)]
pub struct Nav {
    url: RwSignal<String>,
    /// The view the URL describes.
    pub state: Memo<ViewState>,
}

fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

impl Nav {
    /// Reads the URL, follows back/forward, and provides the navigation to every component below.
    pub fn provide() -> Nav {
        let url = RwSignal::new(location_search());
        let popstate = window_event_listener(ev::popstate, move |_| url.set(location_search()));
        on_cleanup(move || popstate.remove());
        let nav = Nav { url, state: Memo::new(move |_| ViewState::parse(&url.get())) };
        provide_context(nav);
        nav
    }

    /// Shows `next`: written to the address bar as a new history entry (`push`) or in place of the current
    /// one (typing).
    pub fn go(self, next: ViewState, push: bool) {
        let w = window();
        let path = w.location().pathname().unwrap_or_default();
        let qs = next.to_query_string();
        let address = if qs.is_empty() { path } else { format!("{path}?{qs}") };
        if let Ok(history) = w.history() {
            let _ = if push {
                history.push_state_with_url(&JsValue::NULL, "", Some(&address))
            } else {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
            };
        }
        self.url.set(qs);
    }

    /// Shows the current view changed by `change`, as a new history entry.
    pub fn change(self, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        self.go(next, true);
    }
}

/// The navigation the explorer provided.
pub fn use_nav() -> Nav {
    use_context::<Nav>().expect("the explorer provides its navigation before any part of the screen")
}
