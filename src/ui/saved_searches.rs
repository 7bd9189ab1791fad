//! Saved searches: the button that names the current view (query, filters, sort), and the start page's list
//! of them, each with how many papers it finds now and how many are new since it was last opened (papers
//! whose ids were not among its results then: added by an import or a corpus update).

use leptos::prelude::*;
use paperscope_search::url::ViewState;

use super::text::{papers, view_label};
use crate::engine::{use_engine, use_results, Engine, Results};
use crate::nav::{address, use_nav};
use crate::shelf::use_shelf;

/// A view as a saved search keeps it: from its first page, no paper open.
pub(super) fn saved_form(view: &ViewState) -> ViewState {
    ViewState { page: 1, paper: None, ..view.clone() }
}

/// The ids of every paper a view finds (with the library: `is:saved` and the mutes count).
fn found_ids(engine: Engine, results: Results, view: &ViewState) -> Vec<String> {
    let request = results.request_for(view, 1);
    let ids = |index: &paperscope_search::Index| {
        let docs = index.result_docs(&request).into_iter();
        docs.filter_map(|d| index.papers().id(d as usize).map(String::from)).collect()
    };
    engine.with(ids)
}

/// Whether a view is the start page (every paper: no words, filters or shared list), where the saved
/// searches and the site's feeds are listed.
pub(super) fn on_start_page(view: &ViewState) -> bool {
    view.query.trim().is_empty() && view.filters.is_empty() && view.shared.is_none()
}

/// "Save search": keeps the current view under its words (`diffusion, 2025`), with the papers it finds now.
#[component]
pub fn SaveSearch() -> impl IntoView {
    let (nav, engine, results, shelf) = (use_nav(), use_engine(), use_results(), use_shelf());
    let message = RwSignal::new(None::<String>);
    let key = Memo::new(move |_| nav.state.with(|s| saved_form(s).to_query_string()));
    let saved_as = move || {
        key.with(|key| shelf.library.with(|l| l.saved_searches.iter().find(|s| s.view == *key).map(|s| s.name.clone())))
    };
    let save = move |_| {
        let view = saved_form(&nav.state.get_untracked());
        let ids = found_ids(engine, results, &view);
        let mut outcome = (String::new(), false);
        shelf.update(|l| outcome = l.save_view(&view_label(&view), &view.to_query_string(), ids));
        message.set(Some(match outcome {
            (name, true) => format!("Saved as “{name}”: the start page lists it with what is new."),
            (name, false) => format!("Already saved as “{name}”."),
        }));
    };
    // Cleared when the view changes.
    Effect::new(move |_| {
        key.track();
        message.set(None);
    });
    let worth_saving = move || nav.state.with(|s| !s.query.trim().is_empty() || !s.filters.is_empty());
    view! {
        <Show when=worth_saving>
            <button
                class="chip save-search"
                data-testid="saved-search-save"
                aria-pressed=move || saved_as().is_some().to_string()
                title="Keep this search (its words, filters and sort); the start page says what is new in it"
                on:click=save
            >
                {move || if saved_as().is_some() { "★ Saved search" } else { "☆ Save search" }}
            </button>
        </Show>
        <super::feeds::ViewFeed />
        {move || message.get().filter(|m| !m.is_empty()).map(|m| view! { <p class="page-note" data-testid="saved-search-note" role="status">{m}</p> })}
    }
}

/// The start page's saved searches (on the view of all papers, when there are any).
#[component]
pub fn SavedSearches() -> impl IntoView {
    let (nav, engine, results, shelf) = (use_nav(), use_engine(), use_results(), use_shelf());
    let error = RwSignal::new(None::<String>);
    let start = move || nav.state.with(on_start_page);
    // Each saved search with its view, what it finds now, and how many of those are new.
    let rows = Memo::new(move |_| {
        shelf.library.with(|l| {
            l.saved_searches
                .iter()
                .map(|s| {
                    let view = ViewState::parse(&s.view);
                    let ids = found_ids(engine, results, &view);
                    (s.name.clone(), view, l.new_in(&s.name, &ids), ids)
                })
                .collect::<Vec<_>>()
        })
    });
    let items = move || {
        rows.get()
            .into_iter()
            .map(|(name, view, new, ids)| {
                let (total, href, view_shown) = (ids.len(), address(&view), view.clone());
                let (opened, deleted) = (name.clone(), name.clone());
                let open = move |ev: leptos::ev::MouseEvent| {
                    let (name, ids, view) = (opened.clone(), ids.clone(), view.clone());
                    shelf.update(|l| l.opened(&name, ids));
                    nav.follow(&ev, move |s| *s = view);
                };
                let renamed = name.clone();
                let rename = move |_| {
                    let from = renamed.clone();
                    let Ok(Some(to)) = window().prompt_with_message_and_default("Rename the saved search to:", &from)
                    else {
                        return;
                    };
                    if let Err(e) = shelf.change(move |l| l.rename_search(&from, &to)) {
                        error.set(Some(format!("Not renamed: {e}.")));
                    }
                };
                let delete = move |_| {
                    let name = deleted.clone();
                    shelf.update(|l| l.delete_search(&name));
                };
                view! {
                    <li data-testid="saved-search" data-name=name.clone() data-new=new.to_string() data-count=total.to_string()>
                        <a href=href on:click=open>{name.clone()}</a>
                        <span class="n">{papers(total)}</span>
                        <super::feeds::SavedSearchFeed view=view_shown.clone() />
                        {(new > 0).then(|| view! { <span class="badge new">{format!("{new} new")}</span> })}
                        <button class="link" data-testid="saved-search-rename" aria-label=format!("Rename the saved search {name}") on:click=rename>
                            "Rename"
                        </button>
                        <button class="link" data-testid="saved-search-delete" aria-label=format!("Delete the saved search {name}") on:click=delete>
                            "Delete"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    move || {
        (start() && rows.with(|r| !r.is_empty())).then(|| {
            view! {
                <section class="saved-searches" aria-label="Saved searches">
                    <h3>"Saved searches"</h3>
                    <ul>{items}</ul>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </section>
            }
        })
    }
}
