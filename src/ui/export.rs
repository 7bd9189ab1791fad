//! Export buttons: every result of the current view (not one page), as JSON, CSV, BibTeX or RIS, made in the
//! page.

use leptos::prelude::*;
use paperscope_corpus::export::ExportFormat;

use super::text::download;
use crate::engine::{use_engine, use_results};

#[component]
pub fn ExportButtons() -> impl IntoView {
    let (engine, results) = (use_engine(), use_results());
    let buttons = ExportFormat::ALL
        .into_iter()
        .map(|format| {
            let export = move |_| {
                let request = results.request.get_untracked();
                let text = engine.with_untracked(|index| {
                    let docs = index.result_docs(&request);
                    format.render(docs.into_iter().map(|d| &index.papers()[d as usize]))
                });
                let (name, mime) = format.file();
                download(name, mime, &text);
            };
            view! {
                <button class="more" data-testid=format!("export-{}", format.name()) on:click=export>
                    {format.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="export" aria-label="Export these results">
            "Export "
            {buttons}
        </div>
    }
}
