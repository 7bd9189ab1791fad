//! The open paper: every field, links, code, a BibTeX entry to copy, and similar papers.

use leptos::prelude::*;
use paperscope_corpus::Paper;

use super::keyboard::{focus_search, use_keys};
use super::text::venue_label;
use crate::engine::use_engine;
use crate::nav::use_nav;

/// Similar papers shown.
const SIMILAR: usize = 5;

/// The paper the URL opens (`paper=`), if the corpus has it: drawn when that changes (or the papers do),
/// not when the query does.
#[component]
pub fn PaperPanel() -> impl IntoView {
    let (nav, engine, keys) = (use_nav(), use_engine(), use_keys());
    // When the panel closes, the focus goes back to the result it was opened from (or the search box).
    let was_open = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let open = nav.paper.get();
        if let (None, Some(id)) = (&open, was_open.get_value()) {
            if !focus_result(&id) {
                focus_search(keys);
            }
        }
        was_open.set_value(open);
    });
    move || {
        let id = nav.paper.get()?;
        let by_meaning = engine.with_atlas(|atlas| {
            let doc = engine.with(|index| index.doc_of(&id))?;
            let near = atlas?.similar(doc, SIMILAR);
            (!near.is_empty()).then_some(near)
        });
        let found = engine.with(|index| {
            let doc = index.doc_of(&id)?;
            let paper = index.papers()[doc as usize].clone();
            let meaning = by_meaning.is_some();
            let near = by_meaning.unwrap_or_else(|| index.similar(doc, SIMILAR));
            let similar: Vec<Paper> = near.into_iter().map(|(d, _)| index.papers()[d as usize].clone()).collect();
            Some((paper, similar, meaning))
        });
        found.map(|(paper, similar, meaning)| view! { <PaperView paper similar meaning /> })
    }
}

/// A link to a paper this corpus does not have (another collection's, or mistyped) says so above the
/// results, instead of opening nothing.
#[component]
pub fn PaperMissing() -> impl IntoView {
    let (nav, engine) = (use_nav(), use_engine());
    move || {
        let id = nav.paper.get()?;
        engine.with(|index| index.doc_of(&id).is_none()).then(|| {
            view! {
                <p class="page-note" data-testid="paper-missing" role="status">
                    {format!("This link opens the paper “{id}”, which is not in this corpus. ")}
                    <button class="link" on:click=move |_| nav.change(|s| s.paper = None)>"Dismiss"</button>
                </p>
            }
        })
    }
}

/// Focuses the title of the result showing paper `id`, if the page shows it.
fn focus_result(id: &str) -> bool {
    let Ok(rows) = document().query_selector_all("[data-testid=result]") else { return false };
    let row = super::elements::<web_sys::HtmlElement>(&rows)
        .into_iter()
        .find(|e| e.get_attribute("data-id").as_deref() == Some(id));
    let title = row.and_then(|r| r.query_selector("a.title").ok().flatten());
    match title.and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()) {
        Some(title) => title.focus().is_ok(),
        None => false,
    }
}

/// Keeps Tab and Shift+Tab within the open panel: past its last control to its first, and back.
fn trap_tab(ev: &leptos::ev::KeyboardEvent, panel: &web_sys::HtmlElement) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(list) = panel.query_selector_all("a[href], button, summary, input, textarea, [tabindex='0']") else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = super::elements(&list);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else { return };
    let active = document().active_element();
    let at = |el: &web_sys::HtmlElement| {
        active.as_ref().is_some_and(|a| {
            let el: &web_sys::Element = el;
            a == el
        })
    };
    let on_panel = active.as_ref().is_some_and(|a| {
        let p: &web_sys::Element = panel;
        a == p
    });
    if ev.shift_key() && (at(first) || on_panel) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

#[component]
fn PaperView(paper: Paper, similar: Vec<Paper>, meaning: bool) -> impl IntoView {
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
    // What a citation would lack or guess, said before anyone copies it.
    let incomplete = paper.incomplete_note().map(|note| {
        view! {
            <p class="incomplete" data-testid="paper-incomplete">
                {format!("{note}. Check the paper itself before citing it.")}
            </p>
        }
    });
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
        (
            "Authors",
            (!paper.authors.is_empty()).then(|| {
                let others = if paper.some_authors() { " and others (the listing named only these)" } else { "" };
                format!("{}{others}", paper.authors.join(", "))
            }),
        ),
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
            view! { <li data-testid="similar" data-id=p.id.clone()><a class="link" href=href on:click=open>{p.title.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <aside
            class="paper"
            data-testid="paper-view"
            data-id=paper.id.clone()
            role="dialog"
            aria-modal="true"
            aria-label=paper.title.clone()
            tabindex="-1"
            node_ref=panel
            on:keydown=move |ev| {
                if let Some(p) = panel.get_untracked() {
                    trap_tab(&ev, &p);
                }
            }
        >
            <button class="close" aria-label="Close" on:click=close>"×"</button>
            <h2 class:untitled=paper.untitled>{paper.title.clone()}</h2>
            <super::library::PaperLibrary id=paper.id.clone() />
            {paper.untitled.then(|| view! {
                <p class="note">"No listing gave this paper a title: the heading is its abstract's first sentence."</p>
            })}
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
                {incomplete}
                <button class="more" data-testid="copy-bibtex" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy BibTeX" }}
                </button>
                <details>
                    <summary>"BibTeX"</summary>
                    <pre data-testid="bibtex">{bibtex}</pre>
                </details>
            </div>
            <h3>"Similar papers"</h3>
            <p class="page-note">
                {if meaning {
                    "Nearest by meaning on the map (they may share no word with this one)."
                } else {
                    "Sharing the most distinctive words (this corpus has no map to compare meanings)."
                }}
            </p>
            <ul class="similar">{similar_items}</ul>
        </aside>
    }
}
