//! The explorer's screen, one module per part of it. Each component reads the view from the navigation
//! context ([`crate::nav`]) and the engine's answer from [`crate::engine`], and changes the view only
//! through the navigation: no component keeps a copy of what the URL says.

mod export;
mod facets;
mod feeds;
mod fold;
mod histogram;
mod import_panel;
mod keyboard;
mod library;
mod map;
mod mute;
mod pager;
mod paper;
mod result_lines;
mod results;
mod saved_searches;
mod search_bar;
mod share;
mod site_status;
mod text;

use std::rc::Rc;

use leptos::prelude::*;

use crate::engine::{use_engine, Engine, Results};
use crate::importer::Importer;
use crate::nav::{use_nav, Nav};
use crate::Loaded;

/// The whole explorer: it provides the navigation, the engine, the results and the import pipeline, then
/// lays out the parts of the screen.
#[component]
pub fn Explorer(loaded: Rc<Loaded>) -> impl IntoView {
    let nav = Nav::provide();
    let site = loaded.site.clone();
    let rest = loaded.rest.borrow_mut().take();
    feeds::provide(&site);
    let engine = Engine::provide(loaded);
    match rest {
        Some(rest) => crate::complete(engine, site.clone(), rest),
        None => crate::load_map(engine, site.clone()),
    }
    let shelf = crate::shelf::Shelf::provide(engine);
    Results::provide(nav, engine, shelf);
    Importer::provide(engine).restore();
    keyboard::provide();
    let filters_open = RwSignal::new(false);
    view! {
        <import_panel::ImportPanel />
        <div class="layout" class:filters-open=move || filters_open.get()>
            <aside class="facets" id="filters" aria-label="Filters">
                <h2 class="visually-hidden">"Filters"</h2>
                <library::LibraryPanel />
                <histogram::YearHistogram />
                <facets::FacetList />
                <ShowResults filters_open />
            </aside>
            <main class="main">
                <h2 class="visually-hidden">"Results"</h2>
                <PageTitle />
                <site_status::SiteStatus site />
                <search_bar::SearchBar filters_open />
                <facets::Chips />
                <paper::PaperMissing />
                <export::ExportButtons />
                <share::SharedBanner />
                <saved_searches::SavedSearches />
                <feeds::SiteFeeds />
                <results::Answer />
            </main>
            <paper::PaperPanel />
        </div>
        <keyboard::ShortcutList />
    }
}

/// The document's title follows the view: the open paper's title, else what the view shows
/// (`diffusion, 2025 - Paperscope`).
#[component]
fn PageTitle() -> impl IntoView {
    let (nav, engine) = (use_nav(), use_engine());
    Effect::new(move |_| {
        let paper = nav
            .paper
            .get()
            .and_then(|id| engine.with(|index| index.doc_of(&id).map(|d| index.papers()[d as usize].title.clone())));
        let title = nav.state.with(|view| text::page_title(view, paper.as_deref()));
        // Written after the frame that shows the view, like the address: a keystroke does not wait for it.
        crate::nav::after_paint(move || document().set_title(&title));
    });
}

/// On a narrow screen the open filters push the results down: a button at their foot says how many papers
/// the filters leave and goes back to them.
#[component]
fn ShowResults(filters_open: RwSignal<bool>) -> impl IntoView {
    let results = crate::engine::use_results();
    let show = move |_| {
        filters_open.set(false);
        results::scroll_to_results();
    };
    view! {
        <button class="show-results" data-testid="show-results" on:click=show>
            {move || format!("Show {}", text::papers(results.answer.with(|(r, _)| r.total)))}
        </button>
    }
}

/// The elements of a `querySelectorAll` answer, as the type the caller reads them as (others are left out).
pub(crate) fn elements<E: wasm_bindgen::JsCast>(list: &web_sys::NodeList) -> Vec<E> {
    (0..list.length()).filter_map(|i| wasm_bindgen::JsCast::dyn_into(list.get(i)?).ok()).collect()
}
