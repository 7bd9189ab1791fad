//! The library on the screen: the save button on each result and in the paper view, the paper view's lists,
//! tags, note and read mark, and the sidebar's "Your library" (what it holds, hide read papers, lists,
//! backup and restore). Every change goes through [`crate::shelf::Shelf::change`].

mod editors;
mod panel;

pub use panel::LibraryPanel;

use leptos::prelude::*;

use crate::library::{Library, LibraryError};
use crate::shelf::{use_shelf, Shelf};
use editors::{ListMenu, NoteEditor, Tags};

/// Saves the paper to the reading list, or (saved) takes it out of every list.
pub fn toggle_saved(shelf: Shelf, id: &str) {
    shelf.update(|l| l.toggle_saved(id));
}

/// The star: pressed when the paper is in any list.
#[component]
pub fn SaveButton(#[prop(into)] id: Signal<Option<String>>) -> impl IntoView {
    let shelf = use_shelf();
    // Read by five parts of the button: looked up once per change of the paper or the library.
    let saved = Memo::new(move |_| {
        id.with(|id| id.as_ref().is_some_and(|id| shelf.library.with(|l| !l.lists_of(id).is_empty())))
    });
    let toggle = move |_| {
        if let Some(id) = id.get_untracked() {
            toggle_saved(shelf, &id);
        }
    };
    view! {
        <button
            class="save"
            class:saved=saved
            data-testid="save"
            aria-pressed=move || saved.get().to_string()
            title=move || if saved.get() { "Saved: press to take it out of your lists (s)" } else { "Save to your reading list (s)" }
            on:click=toggle
        >
            <span aria-hidden="true">{move || if saved.get() { "★" } else { "☆" }}</span>
            {move || if saved.get() { " Saved" } else { " Save" }}
        </button>
    }
}

/// Runs a change, showing a refused one (a name taken, an empty name) in `error`; says whether it was made.
fn run(
    shelf: Shelf,
    error: RwSignal<Option<String>>,
    change: impl FnOnce(&mut Library) -> Result<(), LibraryError>,
) -> bool {
    let refused = shelf.change(change).err().map(|e| format!("Not changed: {e}."));
    let made = refused.is_none();
    error.set(refused);
    made
}

/// Runs a change that cannot be refused, clearing an earlier refusal shown in `error`.
fn apply(shelf: Shelf, error: RwSignal<Option<String>>, change: impl FnOnce(&mut Library)) {
    run(shelf, error, |l| {
        change(l);
        Ok(())
    });
}

/// The open paper in the library: saved, its lists, read, tags and note.
#[component]
pub fn PaperLibrary(id: String) -> impl IntoView {
    let shelf = use_shelf();
    let error = RwSignal::new(None::<String>);
    let read = {
        let id = id.clone();
        Memo::new(move |_| shelf.library.with(|l| l.is_read(&id)))
    };
    // Opened with the setting on: read (once, as it opens; unmarking it afterwards stays).
    if shelf.open_marks_read.get_untracked() && !read.get_untracked() {
        let id = id.clone();
        shelf.update(move |l| l.set_read(&id, true));
    }
    let toggle_read = {
        let id = id.clone();
        move |_| {
            let now = !read.get_untracked();
            apply(shelf, error, |l| l.set_read(&id, now));
        }
    };
    view! {
        <section class="paper-library" aria-label="Your library">
            <div class="paper-library-bar">
                <SaveButton id=Signal::stored(Some(id.clone())) />
                <ListMenu id=id.clone() error />
                <button
                    class="read-toggle"
                    data-testid="read-toggle"
                    aria-pressed=move || read.get().to_string()
                    on:click=toggle_read
                >
                    {move || if read.get() { "✓ Read" } else { "Mark read" }}
                </button>
            </div>
            <Tags id=id.clone() error />
            <NoteEditor id error />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
