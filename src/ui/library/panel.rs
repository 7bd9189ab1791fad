//! The sidebar's "Your library": what it holds, hide read papers, its lists, backup and restore.

use leptos::prelude::*;
use paperscope_search::{FacetKey, Filter, UNREAD};

use super::run;
use crate::importer::use_importer;
use crate::library::Backup;
use crate::nav::use_nav;
use crate::shelf::use_shelf;
use crate::ui::text::{download, papers};

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
            <crate::ui::mute::MuteList />
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
                            <crate::ui::share::ShareList name=name.clone() />
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
