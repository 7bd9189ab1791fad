//! The explorer's components. Each reads the [`ViewState`] parsed from the URL and the engine's response;
//! each action computes the next state and writes it to the URL, never to a signal of its own.

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::url::ViewState;
use paperscope_search::{FacetCounts, FacetKey, Hit, Response, Sort, Span};
use wasm_bindgen::JsValue;

use crate::Loaded;

/// Results per page.
pub const PER_PAGE: usize = 20;
/// Facet values shown before "show more".
const FACET_PREVIEW: usize = 8;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

/// Writes a state to the address bar: `push` for a deliberate change (a new history entry), otherwise the
/// current entry is replaced (typing).
fn write_url(state: &ViewState, push: bool) {
    let w = window();
    let path = w.location().pathname().unwrap_or_default();
    let qs = state.to_query_string();
    let url = if qs.is_empty() { path } else { format!("{path}?{qs}") };
    if let Ok(history) = w.history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Text with highlighted spans (character offsets), as text nodes and `<mark>`s: nothing from the corpus is
/// ever parsed as HTML.
fn highlighted(text: &str, spans: &[Span]) -> Vec<AnyView> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for span in spans {
        let (start, end) = (span.start.min(chars.len()), span.end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        out.push(chars[at..start].iter().collect::<String>().into_any());
        let marked: String = chars[start..end].iter().collect();
        out.push(view! { <mark>{marked}</mark> }.into_any());
        at = end;
    }
    out.push(chars[at..].iter().collect::<String>().into_any());
    out
}

fn facet_label(key: FacetKey) -> &'static str {
    match key {
        FacetKey::Year => "Year",
        FacetKey::Venue => "Venue",
        FacetKey::Status => "Status",
        FacetKey::Topic => "Topic",
        FacetKey::Source => "Source",
        FacetKey::Author => "Author",
        FacetKey::Organization => "Organization",
        FacetKey::Category => "arXiv category",
    }
}

#[component]
pub fn Explorer(loaded: Rc<Loaded>) -> impl IntoView {
    let store = StoredValue::new_local(loaded);
    let url = RwSignal::new(location_search());
    let popstate = window_event_listener(ev::popstate, move |_| url.set(location_search()));
    on_cleanup(move || popstate.remove());
    let state = Memo::new(move |_| ViewState::parse(&url.get()));
    let results: Memo<(Response, f64)> = Memo::new(move |_| {
        let request = state.get().request(PER_PAGE);
        store.with_value(|l| {
            let started = now();
            let response = l.index.search(&request);
            (response, now() - started)
        })
    });
    let go = move |next: ViewState, push: bool| {
        write_url(&next, push);
        url.set(next.to_query_string());
    };

    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let keys = window_event_listener(ev::keydown, move |ev| {
        let typing =
            ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()).is_some();
        match ev.key().as_str() {
            "/" if !typing => {
                ev.prevent_default();
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                }
            }
            "Escape" => {
                let current = state.get_untracked();
                if current.paper.is_some() {
                    go(ViewState { paper: None, ..current }, true);
                } else if !current.query.is_empty() {
                    go(ViewState { query: String::new(), page: 1, ..current }, true);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <div class="layout">
            <aside class="facets" aria-label="Filters">
                {move || {
                    let facets = results.with(|(r, _)| r.facets.clone());
                    facets
                        .into_iter()
                        .filter(|f| !f.values.is_empty())
                        .map(|f| view! { <FacetGroup facet=f state go /> })
                        .collect_view()
                }}
            </aside>
            <main class="main">
                <div class="searchbar">
                    <input
                        type="search"
                        class="search"
                        data-testid="search-input"
                        aria-label="Search papers"
                        placeholder="Search titles, abstracts, authors…  (press / to focus)"
                        autocomplete="off"
                        spellcheck="false"
                        node_ref=input
                        prop:value=move || state.with(|s| s.query.clone())
                        on:input=move |ev| {
                            let query = event_target_value(&ev);
                            go(ViewState { query, page: 1, ..state.get_untracked() }, false);
                        }
                    />
                    <label class="sort">
                        "Sort "
                        <select
                            aria-label="Sort by"
                            on:change=move |ev| {
                                let sort = Sort::from_name(&event_target_value(&ev)).unwrap_or_default();
                                go(ViewState { sort, page: 1, ..state.get_untracked() }, true);
                            }
                        >
                            {Sort::ALL
                                .iter()
                                .map(|s| {
                                    let name = s.name();
                                    view! {
                                        <option value=name selected=move || state.with(|st| st.sort.name() == name)>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                <Chips state go />
                <p class="count" data-testid="result-count" role="status">
                    {move || {
                        results.with(|(r, ms)| {
                            let noun = if r.total == 1 { "paper" } else { "papers" };
                            let took = if *ms < 0.1 { "< 0.1 ms".to_string() } else { format!("{ms:.1} ms") };
                            format!("{} {noun} · {took}", r.total)
                        })
                    }}
                </p>
                {move || {
                    results
                        .with(|(r, _)| r.total == 0)
                        .then(|| {
                            view! {
                                <p class="empty" data-testid="empty">
                                    "No papers match. Try fewer words, or remove a filter."
                                </p>
                            }
                        })
                }}
                <ol class="results">
                    {move || {
                        let hits = results.with(|(r, _)| r.hits.clone());
                        hits.into_iter()
                            .map(|hit| {
                                let paper = store.with_value(|l| l.index.papers()[hit.doc as usize].clone());
                                view! { <ResultItem hit paper state go /> }
                            })
                            .collect_view()
                    }}
                </ol>
                <Pager results state go />
            </main>
            {move || {
                state
                    .with(|s| s.paper.clone())
                    .and_then(|id| {
                        store.with_value(|l| {
                            let doc = l.index.doc_of(&id)?;
                            let paper = l.index.papers()[doc as usize].clone();
                            let similar: Vec<Paper> = l
                                .index
                                .similar(doc, 5)
                                .into_iter()
                                .map(|(d, _)| l.index.papers()[d as usize].clone())
                                .collect();
                            Some(view! { <PaperView paper similar state go /> })
                        })
                    })
            }}
        </div>
    }
}

#[component]
fn ResultItem(
    hit: Hit,
    paper: Paper,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = hit.id.clone();
    let open = move |_| go(ViewState { paper: Some(id.clone()), ..state.get_untracked() }, true);
    let meta = meta_line(&paper);
    view! {
        <li class="result" class:untitled=paper.untitled data-testid="result" data-id=hit.id.clone()>
            <button class="title" on:click=open>
                {highlighted(&hit.title, &hit.title_highlights)}
            </button>
            {paper
                .untitled
                .then(|| {
                    view! {
                        <span class="badge" title="No listing gave a title: this heading is the abstract's first sentence">
                            "untitled"
                        </span>
                    }
                })}
            <p class="meta">{meta}</p>
            <p class="snippet">{highlighted(&hit.snippet, &hit.snippet_highlights)}</p>
        </li>
    }
}

/// Year · venue (status) · topics · upvotes · authors, as one line.
fn meta_line(p: &Paper) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(y) = p.year {
        parts.push(y.to_string());
    }
    if let Some(v) = &p.venue {
        match p.venue_status {
            Some(s) => parts.push(format!("{v} ({})", s.as_str().replace('_', " "))),
            None => parts.push(v.clone()),
        }
    }
    if !p.topics.is_empty() {
        parts.push(p.topics.join(", "));
    }
    if let Some(u) = p.upvotes {
        parts.push(format!("▲ {u}"));
    }
    if let Some(o) = &p.organization {
        parts.push(o.clone());
    } else if let Some(n) = p.author_count {
        parts.push(format!("{n} author{}", if n == 1 { "" } else { "s" }));
    } else if !p.authors.is_empty() {
        parts.push(p.authors.join(", "));
    }
    parts.push(format!("{} source{}", p.sources.len(), if p.sources.len() == 1 { "" } else { "s" }));
    parts.join(" · ")
}

#[component]
fn FacetGroup(
    facet: FacetCounts,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = facet.key;
    let expanded = RwSignal::new(false);
    let total = facet.values.len();
    let values = facet.values.clone();
    view! {
        <section class="facet" data-testid=format!("facet-{}", key.name())>
            <h2>{facet_label(key)}</h2>
            <ul>
                {move || {
                    let shown = if expanded.get() { total } else { FACET_PREVIEW.min(total) };
                    values[..shown]
                        .iter()
                        .map(|v| {
                            let value = v.value.clone();
                            let toggle = {
                                let value = value.clone();
                                move |_| go(state.get_untracked().toggled(key, &value), true)
                            };
                            view! {
                                <li>
                                    <button
                                        class="facet-value"
                                        class:selected=v.selected
                                        aria-pressed=if v.selected { "true" } else { "false" }
                                        data-testid="facet-value"
                                        data-value=value.clone()
                                        data-count=v.count.to_string()
                                        on:click=toggle
                                    >
                                        <span class="label">{value.clone()}</span>
                                        <span class="n">{v.count}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {(total > FACET_PREVIEW)
                .then(|| {
                    view! {
                        <button class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                            {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {total}") }}
                        </button>
                    }
                })}
        </section>
    }
}

#[component]
fn Chips(state: Memo<ViewState>, go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    move || {
        let filters = state.with(|s| s.filters.clone());
        (!filters.is_empty()).then(|| {
            let chips = filters
                .into_iter()
                .map(|(key, value)| {
                    let label = format!("{}: {value}", facet_label(key));
                    let remove = move |_| go(state.get_untracked().toggled(key, &value), true);
                    view! {
                        <button class="chip" data-testid="chip" on:click=remove aria-label=format!("Remove {label}")>
                            {label.clone()}
                            " ×"
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="chips">
                    {chips}
                    <button
                        class="chip clear"
                        data-testid="clear-filters"
                        on:click=move |_| go(ViewState { filters: Vec::new(), page: 1, ..state.get_untracked() }, true)
                    >
                        "Clear all"
                    </button>
                </div>
            }
        })
    }
}

#[component]
fn Pager(
    results: Memo<(Response, f64)>,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let (page, pages) = results.with(|(r, _)| (r.page, r.pages));
        (pages > 1).then(|| {
            let to = move |p: usize| go(ViewState { page: p, ..state.get_untracked() }, true);
            view! {
                <nav class="pager" aria-label="Pages">
                    <button data-testid="page-prev" disabled={page <= 1} on:click=move |_| to(page - 1)>
                        "← Previous"
                    </button>
                    <span data-testid="page-info">{format!("Page {page} of {pages}")}</span>
                    <button data-testid="page-next" disabled={page >= pages} on:click=move |_| to(page + 1)>
                        "Next →"
                    </button>
                </nav>
            }
        })
    }
}

#[component]
fn PaperView(
    paper: Paper,
    similar: Vec<Paper>,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let close = move |_| go(ViewState { paper: None, ..state.get_untracked() }, true);
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
        (
            "Venue",
            paper.venue.clone().map(|v| match paper.venue_status {
                Some(s) => format!("{v} ({})", s.as_str().replace('_', " ")),
                None => v,
            }),
        ),
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
                    .map(|s| format!("{}:{} ({})", s.file, s.line, s.format))
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
            let open = move |_| go(ViewState { paper: Some(id.clone()), ..state.get_untracked() }, true);
            view! { <li><button class="link" on:click=open>{p.title.clone()}</button></li> }
        })
        .collect_view();
    view! {
        <aside class="paper" data-testid="paper-view" data-id=paper.id.clone() role="dialog" aria-label=paper.title.clone()>
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
            <h3>"Similar papers"</h3>
            <ul class="similar">{similar_items}</ul>
        </aside>
    }
}
