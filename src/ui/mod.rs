//! The explorer's screen, one module per part of it. Each component reads the view from the navigation
//! context ([`crate::nav`]) and the engine's answer from [`crate::engine`], and changes the view only
//! through the navigation: no component keeps a copy of what the URL says.

mod export;
mod facets;
mod histogram;
mod import_panel;
mod keyboard;
mod paper;
mod results;
mod search_bar;
mod text;

use std::rc::Rc;

use leptos::prelude::*;

use crate::engine::{Engine, Results};
use crate::importer::Importer;
use crate::nav::Nav;
use crate::Loaded;

/// The whole explorer: it provides the navigation, the engine, the results and the import pipeline, then
/// lays out the parts of the screen.
#[component]
pub fn Explorer(loaded: Rc<Loaded>) -> impl IntoView {
    let nav = Nav::provide();
    let engine = Engine::provide(loaded);
    Results::provide(nav, engine);
    Importer::provide(engine).restore();
    keyboard::provide();
    let filters_open = RwSignal::new(false);
    view! {
        <import_panel::ImportPanel />
        <div class="layout" class:filters-open=move || filters_open.get()>
            <aside class="facets" id="filters" aria-label="Filters">
                <histogram::YearHistogram />
                <facets::FacetList />
            </aside>
            <main class="main">
                <search_bar::SearchBar filters_open />
                <facets::Chips />
                <export::ExportButtons />
                <results::ResultCount />
                <results::EmptyState />
                <results::ResultList />
                <results::Pager />
            </main>
            <paper::PaperPanel />
        </div>
    }
}
