//! The keyboard: `/` focuses the search box, `↓` leaves it for the results, `j`/`k` (or `↓`/`↑` on a
//! result) move through them with the focus, `Enter` opens the one reached, `Esc` closes the open paper or
//! the shortcuts or clears the query, `?` lists the shortcuts. Keys typed into a field are the field's (Esc
//! in a facet's find box or the "Add papers" box is theirs, not the query's), and Enter on a button or link
//! is that control's.

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
    /// The list of shortcuts is open.
    pub help: RwSignal<bool>,
}

/// The shortcuts, as the `?` list shows them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("/", "Go to the search box"),
    ("↓", "From the search box, go to the results"),
    ("j or ↓, k or ↑", "Next or previous result (↑ on the first goes back to the search box)"),
    ("Enter", "Open the result reached"),
    ("Esc", "Close the open paper or this list; in the search box, clear the query"),
    ("← →", "On the year chart: move the chosen years"),
    ("Shift + ← →", "On the year chart: widen the chosen years"),
    ("s", "Save the open paper, or the result reached, to your reading list (again: take it out)"),
    ("?", "Show or hide these shortcuts"),
];

pub fn use_keys() -> Keys {
    use_context::<Keys>().expect("the explorer provides its keyboard before any part of the screen")
}

/// Listens to the keyboard for the whole page and provides [`Keys`].
pub fn provide() {
    let (nav, results) = (use_nav(), use_results());
    let keys = Keys { active: RwSignal::new(None), search: NodeRef::new(), help: RwSignal::new(false) };
    provide_context(keys);
    Effect::new(move |_| {
        results.hits.track();
        if keys.active.get_untracked().is_some() {
            keys.active.set(None);
        }
    });
    let shelf = crate::shelf::use_shelf();
    let listener = window_event_listener(ev::keydown, move |ev| on_key(&ev, keys, nav, results, shelf));
    on_cleanup(move || listener.remove());
}

fn on_key(ev: &web_sys::KeyboardEvent, keys: Keys, nav: Nav, results: Results, shelf: crate::shelf::Shelf) {
    let target = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
    let tag = target.as_ref().map(|e| e.tag_name()).unwrap_or_default();
    let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT");
    let on_control = typing || matches!(tag.as_str(), "BUTTON" | "A");
    let in_search = match (keys.search.get_untracked(), &target) {
        (Some(search), Some(target)) => {
            let search: &web_sys::Element = &search;
            search == target
        }
        _ => false,
    };
    // A result's title link: j/k and the arrows move on from it.
    let in_result = target.as_ref().and_then(|t| t.closest("[data-testid=result]").ok().flatten()).is_some();
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    match ev.key().as_str() {
        "?" if !typing => {
            ev.prevent_default();
            keys.help.update(|h| *h = !*h);
        }
        "/" if !typing => {
            ev.prevent_default();
            focus_search(keys);
        }
        "ArrowDown" if in_search => {
            ev.prevent_default();
            reach(keys, results, 0);
        }
        key @ ("j" | "k" | "ArrowDown" | "ArrowUp") if !on_control || (in_result && !typing) => {
            if key.starts_with("Arrow") && !in_result {
                return; // arrows scroll the page unless a result has the focus
            }
            ev.prevent_default();
            let forward = matches!(key, "j" | "ArrowDown");
            match (keys.active.get_untracked(), forward) {
                (None, _) => reach(keys, results, 0),
                (Some(0), false) => {
                    keys.active.set(None);
                    focus_search(keys);
                }
                (Some(i), true) => reach(keys, results, i + 1),
                (Some(i), false) => reach(keys, results, i - 1),
            }
        }
        "s" if !typing => {
            let reached = keys
                .active
                .get_untracked()
                .and_then(|i| results.hits.with_untracked(|h| h.get(i).map(|h| h.id.clone())));
            if let Some(id) = nav.paper.get_untracked().or(reached) {
                ev.prevent_default();
                super::library::toggle_saved(shelf, &id);
            }
        }
        "Enter" if !on_control => {
            let Some(i) = keys.active.get_untracked() else { return };
            if let Some(id) = results.answer.with_untracked(|(r, _)| r.hits.get(i).map(|h| h.id.clone())) {
                nav.change(|s| s.paper = Some(id));
            }
        }
        "Escape" => {
            // Esc in another field (a facet's find box, the "Add papers" box) is that field's.
            if typing && !in_search {
                return;
            }
            let current = nav.state.get_untracked();
            if keys.help.get_untracked() {
                keys.help.set(false);
            } else if current.paper.is_some() {
                nav.go(ViewState { paper: None, ..current }, true);
            } else if !current.query.is_empty() {
                nav.go(ViewState { query: String::new(), page: 1, ..current }, true);
            }
        }
        _ => {}
    }
}

pub fn focus_search(keys: Keys) {
    if let Some(el) = keys.search.get_untracked() {
        let _ = el.focus();
    }
}

/// Moves the keyboard's place to result `i` (the last one if there are fewer) and focuses its title, so
/// Enter opens it and the screen shows it.
fn reach(keys: Keys, results: Results, i: usize) {
    let n = results.answer.with_untracked(|(r, _)| r.hits.len());
    if n == 0 {
        return;
    }
    let i = i.min(n - 1);
    keys.active.set(Some(i));
    let selector = format!("[data-testid=result]:nth-child({}) a.title", i + 1);
    if let Ok(Some(el)) = document().query_selector(&selector) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// The list of shortcuts (`?`), a dialog that takes the focus and gives it back when closed.
#[component]
pub fn ShortcutList() -> impl IntoView {
    let keys = use_keys();
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    view! {
        <Show when=move || keys.help.get()>
            <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" tabindex="-1" data-testid="shortcuts" node_ref=dialog>
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <dl>
                    {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt> <dd>{*what}</dd> }).collect_view()}
                </dl>
                <button class="more" data-testid="shortcuts-close" on:click=move |_| {
                    keys.help.set(false);
                    focus_search(keys);
                }>"Close"</button>
            </div>
        </Show>
    }
}
