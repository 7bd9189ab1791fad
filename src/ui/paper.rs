//! The open paper: every field, links, code, a BibTeX entry to copy, and similar papers.

use leptos::prelude::*;
use paperscope_corpus::Paper;

use super::text::venue_label;
use crate::engine::use_engine;
use crate::nav::use_nav;

/// The paper the URL opens (`paper=`), if the corpus has it: drawn when that changes (or the papers do),
/// not when the query does.
#[component]
pub fn PaperPanel() -> impl IntoView {
    let (nav, engine) = (use_nav(), use_engine());
    move || {
        let id = nav.paper.get()?;
        let (paper, similar) = engine.with(|index| {
            let doc = index.doc_of(&id)?;
            let paper = index.papers()[doc as usize].clone();
            let similar: Vec<Paper> =
                index.similar(doc, 5).into_iter().map(|(d, _)| index.papers()[d as usize].clone()).collect();
            Some((paper, similar))
        })?;
        Some(view! { <PaperView paper similar /> })
    }
}

#[component]
fn PaperView(paper: Paper, similar: Vec<Paper>) -> impl IntoView {
    let nav = use_nav();
    let close = move |_| nav.change(|s| s.paper = None);
    // Focus moves into the panel when it opens, so keyboard and screen-reader users land in it. The panel
    // itself takes it, not its close button: the Enter that opened it would otherwise press that button.
    let panel = NodeRef::<leptos::html::Aside>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    let bibtex = paperscope_corpus::bibtex::entries([&paper]);
    let copied = RwSignal::new(false);
    let copy = {
        let text = bibtex.clone();
        move |_| {
            let _ = window().navigator().clipboard().write_text(&text);
            copied.set(true);
        }
    };
    let links = paper.arxiv_id.as_ref().map(|id| {
        view! {
            <a href=format!("https://arxiv.org/abs/{id}") rel="noopener noreferrer" target="_blank">"arXiv"</a>
            " · "
            <a href=format!("https://arxiv.org/pdf/{id}") rel="noopener noreferrer" target="_blank">"PDF"</a>
        }
    });
    let code = paper
        .code_urls
        .iter()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(|u| view! { <li><a href=u.clone() rel="noopener noreferrer" target="_blank">{u.clone()}</a></li> })
        .collect_view();
    let fields: Vec<(&str, String)> = [
        ("Published", paper.published.clone()),
        ("Updated", paper.updated.clone()),
        ("Venue", venue_label(&paper)),
        ("Authors", (!paper.authors.is_empty()).then(|| paper.authors.join(", "))),
        ("Author count", paper.author_count.map(|n| n.to_string())),
        ("Organization", paper.organization.clone()),
        ("Upvotes", paper.upvotes.map(|n| n.to_string())),
        ("Comment", paper.comment.clone()),
        ("Pages", paper.pages.map(|n| n.to_string())),
        ("Figures", paper.figures.map(|n| n.to_string())),
        ("Topics", (!paper.topics.is_empty()).then(|| paper.topics.join(", "))),
        ("Categories", (!paper.categories.is_empty()).then(|| paper.categories.join(", "))),
        (
            "Sources",
            Some(
                paper
                    .sources
                    .iter()
                    .map(|s| match &s.label {
                        Some(label) => format!("{label}: {}:{} ({})", s.file, s.line, s.format),
                        None => format!("{}:{} ({})", s.file, s.line, s.format),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let similar_items = similar
        .into_iter()
        .map(|p| {
            let id = p.id.clone();
            let href = {
                let id = id.clone();
                move || nav.href(|s| s.paper = Some(id.clone()))
            };
            let open = move |ev: leptos::ev::MouseEvent| nav.follow(&ev, |s| s.paper = Some(id.clone()));
            view! { <li><a class="link" href=href on:click=open>{p.title.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <aside
            class="paper"
            data-testid="paper-view"
            data-id=paper.id.clone()
            role="dialog"
            aria-label=paper.title.clone()
            tabindex="-1"
            node_ref=panel
        >
            <button class="close" aria-label="Close" on:click=close>"×"</button>
            <h2 class:untitled=paper.untitled>{paper.title.clone()}</h2>
            <p class="links">{links}</p>
            <p class="abstract">
                {paper.abstract_text.clone()}
                {paper.abstract_truncated.then_some(" (the listing cut this abstract short)")}
            </p>
            <dl class="fields">
                {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> }).collect_view()}
            </dl>
            {(!paper.code_urls.is_empty()).then(|| view! { <h3>"Code"</h3> <ul>{code}</ul> })}
            <div class="bibtex">
                <button class="more" data-testid="copy-bibtex" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy BibTeX" }}
                </button>
                <details>
                    <summary>"BibTeX"</summary>
                    <pre data-testid="bibtex">{bibtex}</pre>
                </details>
            </div>
            <h3>"Similar papers"</h3>
            <ul class="similar">{similar_items}</ul>
        </aside>
    }
}
