//! The library on the screen: the save button on each result and in the paper view, the paper view's lists,
//! tags, note and read mark, and the sidebar's "Your library" (what it holds, hide read papers, lists,
//! backup and restore). Every change goes through [`crate::shelf::Shelf::change`].

use leptos::prelude::*;
use paperscope_search::{FacetKey, Filter, UNREAD};

use super::text::{download, papers};
use crate::importer::use_importer;
use crate::library::{note_pieces, Backup, Library, LibraryError};
use crate::nav::use_nav;
use crate::shelf::{use_shelf, Shelf};

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
            run(shelf, error, |l| {
                l.set_read(&id, now);
                Ok(())
            });
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

/// Which lists the paper is in, each a checkbox, and a new list made with the paper in it.
#[component]
fn ListMenu(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
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
fn Tags(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
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
                        run(shelf, error, move |l| {
                            l.untag(&id, &tag);
                            Ok(())
                        });
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
fn NoteEditor(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
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
        run(shelf, error, move |l| {
            l.set_note(&id, &text);
            Ok(())
        });
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

/// The sidebar's "Your library": how much it holds, hide read papers, its lists (renamed and deleted here),
/// backup and restore, and what the page has to say about keeping it.
#[component]
pub fn LibraryPanel() -> impl IntoView {
    let (shelf, nav) = (use_shelf(), use_nav());
    let hide_read = Filter::Value(FacetKey::Read, UNREAD.into());
    let hiding = {
        let hide_read = hide_read.clone();
        move || nav.filters.with(|f| f.contains(&hide_read))
    };
    let toggle_hide = move |_| nav.go(nav.state.get_untracked().toggled(hide_read.clone()), true);
    let summary = move || {
        shelf.library.with(|l| {
            let read = l.marks.values().filter(|m| m.read).count();
            format!("{} saved · {read} read", papers(l.saved_count()))
        })
    };
    let missing = move || {
        let n = shelf.index.with(|i| i.missing().len());
        (n > 0).then(|| {
            view! {
                <p class="library-missing" data-testid="library-missing">
                    {format!("{} in your library {} not in these papers.", papers(n), if n == 1 { "is" } else { "are" })}
                </p>
            }
        })
    };
    view! {
        <section class="facet library" data-testid="library" aria-label="Your library">
            <h3>"Your library"</h3>
            <p class="library-summary">{summary}</p>
            {missing}
            <label class="hide-read">
                <input type="checkbox" data-testid="hide-read" prop:checked=hiding on:change=toggle_hide />
                " Hide read papers"
            </label>
            <label class="hide-read">
                <input
                    type="checkbox"
                    data-testid="open-marks-read"
                    prop:checked=move || shelf.open_marks_read.get()
                    on:change=move |ev| shelf.set_open_marks_read(event_target_checked(&ev))
                />
                " Opening a paper marks it read"
            </label>
            <ManageLists />
            <super::mute::MuteList />
            <BackupButtons />
            {move || shelf.notice.get().map(|n| view! { <p class="page-note" data-testid="library-notice" role="status">{n}</p> })}
        </section>
    }
}

/// Each list with its size, to rename or delete.
#[component]
fn ManageLists() -> impl IntoView {
    let shelf = use_shelf();
    let error = RwSignal::new(None::<String>);
    let rows = move || {
        shelf.library.with(|l| {
            l.lists
                .iter()
                .map(|list| {
                    let (name, count) = (list.name.clone(), list.papers.len());
                    let (rename_from, delete_name) = (name.clone(), name.clone());
                    let rename = move |_| {
                        let from = rename_from.clone();
                        let Ok(Some(to)) = window().prompt_with_message_and_default("Rename the list to:", &from)
                        else {
                            return;
                        };
                        run(shelf, error, move |l| l.rename_list(&from, &to));
                    };
                    let delete = move |_| {
                        let name = delete_name.clone();
                        let sure = window()
                            .confirm_with_message(&format!(
                                "Delete the list “{name}”? Its papers stay in your other lists."
                            ))
                            .unwrap_or(false);
                        if sure {
                            run(shelf, error, move |l| l.delete_list(&name));
                        }
                    };
                    view! {
                        <li data-testid="library-list" data-name=name.clone()>
                            <span>{format!("{name} ({count})")}</span>
                            <button class="link" on:click=rename aria-label=format!("Rename {name}")>"Rename"</button>
                            <button class="link" on:click=delete aria-label=format!("Delete {name}")>"Delete"</button>
                            <super::share::ShareList name=name.clone() />
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="manage-lists">
            <summary>"Lists"</summary>
            <ul>{rows}</ul>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </details>
    }
}

/// Backup to one JSON file (the library and the papers added here); restore merges a backup in.
#[component]
fn BackupButtons() -> impl IntoView {
    let (shelf, importer) = (use_shelf(), use_importer());
    let message = RwSignal::new(None::<String>);
    let export = move |_| {
        let backup = Backup::new(shelf.library.get_untracked(), importer.added());
        download("paperscope-library.json", "application/json", &backup.to_json());
    };
    let restore = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let read = text.ok_or_else(|| "the file could not be read".to_string()).and_then(|t| Backup::read(&t));
            match read {
                Err(e) => message.set(Some(format!("{name} was not restored: {e}."))),
                Ok(backup) => {
                    let added = backup.added.len();
                    let from = format!("backup {name}");
                    shelf.update(move |l| l.merge(backup.library, &from));
                    importer.add_backup(backup.added);
                    message.set(Some(format!(
                        "Restored {name}: merged into your library, nothing replaced ({added} added inputs)."
                    )));
                }
            }
        });
    };
    view! {
        <div class="backup">
            <button class="more" data-testid="library-export" on:click=export>"Back up"</button>
            <label class="more file-button">
                "Restore…"
                <input type="file" class="visually-hidden" data-testid="library-import" accept=".json,application/json" on:change=restore />
            </label>
            {move || message.get().map(|m| view! { <p class="page-note" data-testid="library-restored" role="status">{m}</p> })}
        </div>
    }
}
