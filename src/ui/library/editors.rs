//! The open paper's lists, tags and note.

use leptos::prelude::*;

use super::{apply, run};
use crate::library::note_pieces;
use crate::shelf::use_shelf;

/// Which lists the paper is in, each a checkbox, and a new list made with the paper in it.
#[component]
pub(super) fn ListMenu(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let shelf = use_shelf();
    let new_name = RwSignal::new(String::new());
    let rows = {
        let id = id.clone();
        move || {
            shelf.library.with(|l| {
                l.lists
                    .iter()
                    .map(|list| {
                        let (name, inside) = (list.name.clone(), list.papers.contains(&id));
                        let (id, toggle_name) = (id.clone(), name.clone());
                        let toggle = move |_| {
                            let (id, list) = (id.clone(), toggle_name.clone());
                            run(shelf, error, move |l| if inside { l.unsave(&list, &id) } else { l.save(&list, &id) });
                        };
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=inside on:change=toggle />
                                    {name}
                                </label>
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name, id) = (new_name.get_untracked(), id.clone());
        let made = run(shelf, error, move |l| {
            l.create_list(&name)?;
            let made = l.lists.last().map(|l| l.name.clone()).unwrap_or_default();
            l.save(&made, &id)
        });
        if made {
            new_name.set(String::new());
        }
    };
    view! {
        <details class="list-menu" data-testid="list-menu">
            <summary>"Lists"</summary>
            <ul>{rows}</ul>
            <form on:submit=create>
                <input
                    type="text"
                    data-testid="new-list"
                    aria-label="New list"
                    placeholder="New list…"
                    maxlength="200"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
                <button type="submit">"Add"</button>
            </form>
        </details>
    }
}

/// The paper's tags as chips (each removable) and a box to add one, suggesting the tags already used.
#[component]
pub(super) fn Tags(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let shelf = use_shelf();
    let text = RwSignal::new(String::new());
    let chips = {
        let id = id.clone();
        move || {
            let tags: Vec<String> =
                shelf.library.with(|l| l.marks.get(&id).map(|m| m.tags.iter().cloned().collect()).unwrap_or_default());
            tags.into_iter()
                .map(|tag| {
                    let (id, remove_tag) = (id.clone(), tag.clone());
                    let remove = move |_| {
                        let (id, tag) = (id.clone(), remove_tag.clone());
                        apply(shelf, error, move |l| l.untag(&id, &tag));
                    };
                    view! {
                        <li class="tag" data-testid="tag" data-value=tag.clone()>
                            {tag.clone()}
                            <button class="chip-remove" aria-label=format!("Remove the tag {tag}") on:click=remove>
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let suggestions = move || {
        shelf.library.with(|l| l.tags().into_keys().map(|t| view! { <option value=t.to_string() /> }).collect_view())
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (tag, id) = (text.get_untracked(), id.clone());
        if run(shelf, error, move |l| l.tag(&id, &tag)) {
            text.set(String::new());
        }
    };
    view! {
        <div class="tags">
            <ul class="tag-list" aria-label="Tags">{chips}</ul>
            <form on:submit=add>
                <input
                    type="text"
                    data-testid="tag-input"
                    aria-label="Add a tag"
                    placeholder="Add a tag…"
                    list="tag-suggestions"
                    maxlength="100"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
                <datalist id="tag-suggestions">{suggestions}</datalist>
            </form>
        </div>
    }
}

/// The paper's note: shown as text (http(s) addresses as links), edited in a box and saved with a button.
#[component]
pub(super) fn NoteEditor(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let shelf = use_shelf();
    let notes = {
        let id = id.clone();
        move || shelf.library.with(|l| l.marks.get(&id).map(|m| m.notes.clone()).unwrap_or_default())
    };
    let draft = RwSignal::new(notes().first().map(|n| n.text.clone()).unwrap_or_default());
    let shown = move || {
        notes()
            .into_iter()
            .map(|note| {
                let from = note.from.clone().map(|f| view! { <span class="note-from">{format!("({f}) ")}</span> });
                let pieces = note_pieces(&note.text)
                    .into_iter()
                    .map(|(link, text)| {
                        if link {
                            view! { <a href=text.to_string() rel="noopener noreferrer" target="_blank">{text.to_string()}</a> }
                                .into_any()
                        } else {
                            text.to_string().into_any()
                        }
                    })
                    .collect_view();
                view! { <p class="note" data-testid="note">{from}{pieces}</p> }
            })
            .collect_view()
    };
    let save = move |_| {
        let (id, text) = (id.clone(), draft.get_untracked());
        apply(shelf, error, move |l| l.set_note(&id, &text));
    };
    view! {
        <div class="notes">
            {shown}
            <textarea
                data-testid="note-input"
                aria-label="Your note"
                placeholder="A note for yourself…"
                rows="3"
                maxlength="20000"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            ></textarea>
            <button class="more" data-testid="note-save" on:click=save>"Save note"</button>
        </div>
    }
}
