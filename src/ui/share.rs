//! Sharing a list: a link that carries its papers' ids (up to [`SHARE_LIMIT`]), or a file for a longer
//! list (the list and its papers); and, on the page such a link opens, the banner that says what it holds
//! and saves it as a list here.

use leptos::prelude::*;
use paperscope_corpus::export::ExportFormat;
use paperscope_search::url::{Shared, ViewState, SHARE_LIMIT};
use paperscope_search::{FacetKey, Filter};

use super::text::{download, papers};
use crate::engine::use_engine;
use crate::library::{AddedInput, Backup};
use crate::nav::use_nav;
use crate::shelf::use_shelf;

/// The address that opens a list's papers on this page, wherever it is hosted.
fn share_link(name: &str, ids: &[String]) -> String {
    let view = ViewState {
        page: 1,
        shared: Some(Shared { name: name.to_string(), ids: ids.to_vec(), ignored: 0 }),
        ..ViewState::default()
    };
    let location = window().location();
    format!(
        "{}{}?{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        view.to_query_string()
    )
}

/// A list's "Share" (a link, copied) and "File" (the list with its papers, for any size).
#[component]
pub fn ShareList(name: String) -> impl IntoView {
    let (shelf, engine) = (use_shelf(), use_engine());
    let link = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let ids = {
        let name = name.clone();
        move || shelf.library.with_untracked(|l| l.lists.iter().find(|l| l.name == name).map(|l| l.papers.clone()))
    };
    let share = {
        let (name, ids) = (name.clone(), ids.clone());
        move |_| {
            let Some(ids) = ids() else { return };
            if ids.len() > SHARE_LIMIT {
                link.set(None);
                note.set(Some(format!(
                    "“{name}” has {}: a link carries at most {SHARE_LIMIT}. Share it as a file instead (Export).",
                    papers(ids.len())
                )));
                return;
            }
            let url = share_link(&name, &ids);
            let _ = window().navigator().clipboard().write_text(&url);
            note.set(Some(format!(
                "A link to the {} of “{name}” (copied): whoever opens it sees them and can save them as a list. Tags and notes stay here.",
                papers(ids.len())
            )));
            link.set(Some(url));
        }
    };
    let file = {
        let name = name.clone();
        move |_| {
            let Some(ids) = ids() else { return };
            // The papers themselves go with the list, as JSON, for a page that lacks them.
            let text = engine.with_untracked(|index| {
                let docs: Vec<u32> = ids.iter().filter_map(|id| index.doc_of(id)).collect();
                ExportFormat::Json.render(docs.into_iter().map(|d| &index.papers()[d as usize]))
            });
            let papers = AddedInput { name: format!("{name}.json"), text, format: None };
            if let Some(backup) = shelf.library.with_untracked(|l| Backup::of_list(l, &name, Some(papers))) {
                download(&format!("{name}.paperscope-list.json"), "application/json", &backup.to_json());
            }
        }
    };
    view! {
        <button class="link" data-testid="share-list" aria-label=format!("Share {name} by link") on:click=share>"Share"</button>
        <button class="link" data-testid="list-export" aria-label=format!("Save {name} as a file") on:click=file>"Export"</button>
        {move || note.get().map(|n| view! { <p class="page-note share-note" role="status">{n}</p> })}
        {move || link.get().map(|url| view! {
            <input class="share-link" data-testid="share-link" readonly aria-label="Link to the list" prop:value=url on:focus=|ev| {
                event_target::<web_sys::HtmlInputElement>(&ev).select();
            } />
        })}
    }
}

/// What a shared link holds, above its papers: how many, which are not here, and a button to save them.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let (nav, engine, shelf) = (use_nav(), use_engine(), use_shelf());
    let shared = Memo::new(move |_| nav.state.with(|s| s.shared.clone()));
    move || {
        let shared = shared.get()?;
        let missing = engine.with(|index| shared.ids.iter().filter(|id| index.doc_of(id).is_none()).count());
        let name = if shared.name.trim().is_empty() { "a list".to_string() } else { format!("“{}”", shared.name) };
        let mut says = format!("Shared with you: {name}, {}", papers(shared.ids.len()));
        if missing > 0 {
            says.push_str(&format!(" ({missing} not in these papers)"));
        }
        says.push('.');
        if shared.ignored > 0 {
            says.push_str(&format!(
                " The link held {} more, left out: a link carries at most {SHARE_LIMIT}.",
                shared.ignored
            ));
        }
        let save = {
            let shared = shared.clone();
            move |_| {
                let mut name = String::new();
                shelf.update(|l| name = l.add_shared_list(&shared.name, &shared.ids));
                // Now a list of this library: its view (the chip names it).
                nav.go(
                    ViewState { page: 1, filters: vec![Filter::Value(FacetKey::List, name)], ..ViewState::default() },
                    true,
                );
            }
        };
        Some(view! {
            <div class="shared-list page-note" data-testid="shared-list" role="status">
                <span>{says}</span>
                " "
                <button class="more" data-testid="shared-save" on:click=save>"Save as a list"</button>
                " "
                <button class="link" data-testid="shared-close" on:click=move |_| nav.change(|s| s.shared = None)>"Close"</button>
            </div>
        })
    }
}
