//! The explorer's components. Each reads the [`ViewState`] parsed from the URL and the engine's response;
//! each action computes the next state and writes it to the URL, never to a signal of its own.

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use paperscope_corpus::export::ExportFormat;
use paperscope_corpus::Paper;
use paperscope_search::url::ViewState;
use paperscope_search::{FacetCounts, FacetKey, Hit, Response, Sort, Span};
use wasm_bindgen::JsValue;

use crate::import::{self, Import, Report};
use crate::Loaded;

/// Results per page.
pub const PER_PAGE: usize = 20;
/// The largest file the page reads; bigger corpora are built with the CLI.
const MAX_IMPORT_BYTES: f64 = 100e6;
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

/// Starts a download of `text` as a file, made in the page (nothing is sent anywhere).
fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Give the browser time to start the download before the URL is released.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
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
    // Bumped whenever imports change the index.
    let version = RwSignal::new(0u32);
    let imports = RwSignal::new_local(Vec::<Import>::new());
    let reports = RwSignal::new(Vec::<Report>::new());
    let notice = RwSignal::new(None::<String>);
    let totals = RwSignal::new(None::<String>);
    // What an import in progress is doing.
    let working = RwSignal::new(None::<String>);
    // The latest imports are saved on this device.
    let stored = RwSignal::new(false);
    // Each change of the imports gets a number; only the latest one's papers are shown when it is done.
    let generation = StoredValue::new(0u32);
    let set_imports = move |next: Vec<Import>| {
        // The list changes now (so a second import made meanwhile builds on it); the papers when built.
        imports.set(next.clone());
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let loaded = store.get_value();
        leptos::task::spawn_local(async move {
            let applied = import::apply(crate::CORPUS_URL, &next, |message| working.set(Some(message))).await;
            if generation.get_value() != mine {
                return; // a later change is under way
            }
            working.set(None);
            let applied = match applied {
                Ok(applied) => applied,
                Err(e) => {
                    notice.set(Some(format!("These papers could not be added: {e}")));
                    return;
                }
            };
            let (r, base) = (applied.reports, applied.base);
            let now = applied.index.len();
            *loaded.index.borrow_mut() = applied.index;
            version.update(|v| *v += 1);
            let read: usize = r.iter().map(|r| r.records).sum();
            let summary = (!next.is_empty()).then(|| {
                format!(
                    "{read} papers read from {} import{}: {} added, {} merged with papers already here; {now} papers in all.",
                    next.len(),
                    if next.len() == 1 { "" } else { "s" },
                    now - base.min(now),
                    (base + read).saturating_sub(now),
                )
            });
            totals.set(summary);
            reports.set(r);
            notice.set(None);
            stored.set(false);
            match import::save(next.clone()).await {
                Ok(()) => stored.set(true),
                Err(e) => notice.set(Some(e)),
            }
        });
    };
    // Papers added on an earlier visit come back.
    leptos::task::spawn_local(async move {
        let saved = import::saved().await;
        if !saved.is_empty() {
            set_imports(saved);
        }
    });
    let results: Memo<(Response, f64)> = Memo::new(move |_| {
        version.track();
        let request = state.get().request(PER_PAGE);
        store.with_value(|l| {
            let started = now();
            let response = l.index.borrow().search(&request);
            (response, now() - started)
        })
    });
    let go = move |next: ViewState, push: bool| {
        write_url(&next, push);
        url.set(next.to_query_string());
    };

    // The keyboard's place in the results (j/k): the one piece of view state not in the URL, since it is
    // not a view anyone would share; it resets whenever the results change.
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    Effect::new(move |_| {
        results.track();
        active.set(None);
    });
    let filters_open = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let keys = window_event_listener(ev::keydown, move |ev| {
        // Keys typed into a field are the field's; Enter on a button or link is that control's.
        let tag = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|e| e.tag_name())
            .unwrap_or_default();
        let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT");
        let on_control = typing || matches!(tag.as_str(), "BUTTON" | "A");
        match ev.key().as_str() {
            "/" if !typing => {
                ev.prevent_default();
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                }
            }
            "j" | "k" if !on_control => {
                let n = results.with_untracked(|(r, _)| r.hits.len());
                if n > 0 {
                    let next = match (active.get_untracked(), ev.key().as_str()) {
                        (None, _) => 0,
                        (Some(i), "j") => (i + 1).min(n - 1),
                        (Some(i), _) => i.saturating_sub(1),
                    };
                    active.set(Some(next));
                    let selector = format!("[data-testid=result]:nth-child({})", next + 1);
                    if let Ok(Some(el)) = document().query_selector(&selector) {
                        let options = web_sys::ScrollIntoViewOptions::new();
                        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                        el.scroll_into_view_with_scroll_into_view_options(&options);
                    }
                }
            }
            "Enter" if !on_control => {
                if let Some(i) = active.get_untracked() {
                    let id = results.with_untracked(|(r, _)| r.hits.get(i).map(|h| h.id.clone()));
                    if let Some(id) = id {
                        go(ViewState { paper: Some(id), ..state.get_untracked() }, true);
                    }
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
        <ImportPanel imports reports notice totals stored working set_imports />
        <div class="layout" class:filters-open=move || filters_open.get()>
            <aside class="facets" id="filters" aria-label="Filters">
                <YearHistogram results state go />
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
                    <button
                        class="filters-toggle"
                        aria-controls="filters"
                        aria-expanded=move || if filters_open.get() { "true" } else { "false" }
                        on:click=move |_| filters_open.update(|o| *o = !*o)
                    >
                        {move || {
                            let n = state.with(|s| s.filters.len());
                            if n == 0 { "Filters".to_string() } else { format!("Filters ({n})") }
                        }}
                    </button>
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
                <div class="export" aria-label="Export these results">
                    "Export "
                    {ExportFormat::ALL
                        .into_iter()
                        .map(|format| {
                            let export = move |_| {
                                let current = state.get_untracked();
                                let text = store.with_value(|l| {
                                    let index = l.index.borrow();
                                    let docs = index.result_docs(&current.request(PER_PAGE));
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
                        .collect_view()}
                </div>
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
                    results.with(|(r, _)| r.total == 0).then(|| {
                        let current = state.get();
                        // Say what would help: the same words without the filters, if that finds anything.
                        let unfiltered = (!current.filters.is_empty()).then(|| {
                            let without = ViewState { filters: Vec::new(), page: 1, ..current.clone() };
                            (store.with_value(|l| l.index.borrow().search(&without.request(1)).total), without)
                        });
                        let hint = match unfiltered {
                            Some((n, without)) if n > 0 => view! {
                                <button class="link" data-testid="drop-filters" on:click=move |_| go(without.clone(), true)>
                                    {format!("Remove the filters: {n} {} match without them.", if n == 1 { "paper" } else { "papers" })}
                                </button>
                            }
                            .into_any(),
                            _ => "Try fewer or different words; the last word also matches as a prefix.".into_any(),
                        };
                        view! {
                            <div class="empty" data-testid="empty">
                                <p>"No papers match."</p>
                                <p>{hint}</p>
                            </div>
                        }
                    })
                }}
                <ol class="results">
                    {move || {
                        let hits = results.with(|(r, _)| r.hits.clone());
                        hits.into_iter()
                            .enumerate()
                            .map(|(i, hit)| {
                                let paper = store.with_value(|l| l.index.borrow().papers()[hit.doc as usize].clone());
                                let is_active = Signal::derive(move || active.get() == Some(i));
                                view! { <ResultItem hit paper is_active state go /> }
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
                            let doc = l.index.borrow().doc_of(&id)?;
                            let paper = l.index.borrow().papers()[doc as usize].clone();
                            let similar: Vec<Paper> = l
                                .index
                                .borrow()
                                .similar(doc, 5)
                                .into_iter()
                                .map(|(d, _)| l.index.borrow().papers()[d as usize].clone())
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
    is_active: Signal<bool>,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = hit.id.clone();
    let open = move |_| go(ViewState { paper: Some(id.clone()), ..state.get_untracked() }, true);
    let meta = meta_line(&paper);
    view! {
        <li
            class="result"
            class:untitled=paper.untitled
            class:active=move || is_active.get()
            aria-current=move || is_active.get().then_some("true")
            data-testid="result"
            data-id=hit.id.clone()
        >
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
            <p class="meta">
                {meta}
                {paper
                    .sources
                    .iter()
                    .map(|src| view! { <span class="src" title=format!("{}:{}", src.file, src.line)>{src.format.name()}</span> })
                    .collect_view()}
            </p>
            <p class="snippet">{highlighted(&hit.snippet, &hit.snippet_highlights)}</p>
        </li>
    }
}

/// `under_review` as people write it.
fn status_label(status: &str) -> String {
    status.replace('_', " ")
}

/// `NeurIPS 2025 (accepted)`.
fn venue_label(p: &Paper) -> Option<String> {
    let venue = p.venue.as_ref()?;
    Some(match p.venue_status {
        Some(s) => format!("{venue} ({})", status_label(s.as_str())),
        None => venue.clone(),
    })
}

/// Year · venue (status) · topics · upvotes · authors, as one line.
fn meta_line(p: &Paper) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(y) = p.year {
        parts.push(y.to_string());
    }
    parts.extend(venue_label(p));
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
    let filter = RwSignal::new(String::new());
    let total = facet.values.len();
    let values = facet.values.clone();
    // Long lists of names get a box to find one.
    let filterable = total > FACET_PREVIEW
        && matches!(key, FacetKey::Author | FacetKey::Topic | FacetKey::Category | FacetKey::Venue);
    view! {
        <section class="facet" data-testid=format!("facet-{}", key.name())>
            <h2>{facet_label(key)}</h2>
            {filterable
                .then(|| {
                    view! {
                        <input
                            type="search"
                            class="facet-filter"
                            data-testid="facet-filter"
                            aria-label=format!("Find a {}", facet_label(key).to_lowercase())
                            placeholder=format!("Find a {}…", facet_label(key).to_lowercase())
                            on:input=move |ev| filter.set(event_target_value(&ev))
                        />
                    }
                })}
            <ul>
                {move || {
                    let needle = filter.with(|f| f.to_lowercase());
                    let shown = if expanded.get() || !needle.is_empty() { total } else { FACET_PREVIEW.min(total) };
                    values[..shown]
                        .iter()
                        .filter(|v| needle.is_empty() || v.value.to_lowercase().contains(&needle))
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
                                        <span class="label">
                                            {if key == FacetKey::Status { status_label(&value) } else { value.clone() }}
                                        </span>
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

/// The years of the matching papers as bars (the year facet's counts, which ignore the year selection);
/// press on one bar and release on another to choose that range, or click one bar for one year.
#[component]
fn YearHistogram(
    results: Memo<(Response, f64)>,
    state: Memo<ViewState>,
    go: impl Fn(ViewState, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let drag: RwSignal<Option<(u16, u16)>> = RwSignal::new(None);
    move || {
        let counts: Vec<(u16, u32)> = results.with(|(r, _)| {
            r.facets
                .iter()
                .find(|f| f.key == FacetKey::Year)
                .map(|f| f.values.iter().filter_map(|v| Some((v.value.parse().ok()?, v.count))).collect())
                .unwrap_or_default()
        });
        let (min, max) = (counts.iter().map(|c| c.0).min()?, counts.iter().map(|c| c.0).max()?);
        if min == max {
            return None;
        }
        let years: Vec<u16> = (min..=max).collect();
        let peak = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64;
        let selected = state.with(|s| {
            s.filters
                .iter()
                .filter(|(k, _)| *k == FacetKey::Year)
                .filter_map(|(_, v)| {
                    let (a, b) = v.split_once("..").unwrap_or((v, v));
                    Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?))
                })
                .collect::<Vec<_>>()
        });
        let (w, h) = (240.0, 56.0);
        let bar = w / years.len() as f64;
        let commit = move || {
            if let Some((a, b)) = drag.get_untracked() {
                let (lo, hi) = (a.min(b), a.max(b));
                let value = if lo == hi { lo.to_string() } else { format!("{lo}..{hi}") };
                drag.set(None);
                go(state.get_untracked().with_facet(FacetKey::Year, &[value]), true);
            }
        };
        let bars = years
            .iter()
            .enumerate()
            .map(|(i, &year)| {
                let n = counts.iter().find(|c| c.0 == year).map_or(0, |c| c.1);
                let bh = if n == 0 { 0.0 } else { (n as f64 / peak * (h - 4.0)).max(2.0) };
                let picked = selected.iter().any(|&(a, b)| (a..=b).contains(&year));
                let in_drag = move || drag.get().is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&year));
                view! {
                    <g
                        data-testid="year-bar"
                        data-year=year.to_string()
                        data-count=n.to_string()
                        on:pointerdown=move |ev| {
                            ev.prevent_default();
                            drag.set(Some((year, year)));
                        }
                        on:pointerenter=move |_| drag.update(|d| if let Some(d) = d { d.1 = year })
                        on:pointerup=move |_| commit()
                    >
                        <title>{format!("{year}: {n} papers")}</title>
                        <rect class="hit" x=(i as f64 * bar).to_string() y="0" width=bar.to_string() height=h.to_string() />
                        <rect
                            class="bar"
                            class:picked=picked
                            class:dragging=in_drag
                            x=(i as f64 * bar + 1.0).to_string()
                            y=(h - bh).to_string()
                            width=(bar - 2.0).max(1.0).to_string()
                            height=bh.to_string()
                        />
                    </g>
                }
            })
            .collect_view();
        let any = !selected.is_empty();
        Some(view! {
            <section class="facet histogram" data-testid="year-histogram">
                <h2>"Years"</h2>
                <svg
                    viewBox=format!("0 0 {w} {h}")
                    width="100%"
                    height="56"
                    role="img"
                    aria-label=format!("Papers per year, {min} to {max}; drag across bars to choose a range")
                    on:pointerleave=move |_| drag.set(None)
                >
                    {bars}
                </svg>
                <div class="axis"><span>{min}</span><span>{max}</span></div>
                {any.then(|| view! {
                    <button class="more" on:click=move |_| go(state.get_untracked().with_facet(FacetKey::Year, &[]), true)>
                        "Any year"
                    </button>
                })}
            </section>
        })
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

/// The "Add papers" control and panel: paste text or choose/drop files; what was found is reported, with
/// every problem and its line; each import can be removed again.
#[component]
fn ImportPanel(
    imports: RwSignal<Vec<Import>, LocalStorage>,
    reports: RwSignal<Vec<Report>>,
    notice: RwSignal<Option<String>>,
    totals: RwSignal<Option<String>>,
    stored: RwSignal<bool>,
    working: RwSignal<Option<String>>,
    set_imports: impl Fn(Vec<Import>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // Files that were not read (too big, unreadable), said apart from the imports' own reports.
    let unread = RwSignal::new(None::<String>);
    let text = NodeRef::<leptos::html::Textarea>::new();
    let files = NodeRef::<leptos::html::Input>::new();
    let add = move |mut new: Vec<Import>| {
        if new.is_empty() {
            return;
        }
        let mut next = imports.get_untracked();
        for import in new.drain(..) {
            // The same name again replaces the earlier import.
            next.retain(|i| i.name != import.name);
            next.push(import);
        }
        set_imports(next);
    };
    let read_files = move |list: Option<web_sys::FileList>| {
        let Some(list) = list else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut new = Vec::new();
            let mut refused = Vec::new();
            for file in files {
                let size = file.size();
                if size > MAX_IMPORT_BYTES {
                    refused.push(format!(
                        "{} is {:.0} MB; the page reads files up to {:.0} MB (build bigger corpora with `paperscope build`).",
                        file.name(),
                        size / 1e6,
                        MAX_IMPORT_BYTES / 1e6
                    ));
                    continue;
                }
                working.set(Some(format!("Reading {}…", file.name())));
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(value) => match wasm_bindgen::JsCast::dyn_into(value) {
                        Ok(text) => new.push(Import { name: file.name(), text }),
                        Err(_) => refused.push(format!("{} could not be read as text.", file.name())),
                    },
                    Err(_) => refused.push(format!("{} could not be read.", file.name())),
                }
            }
            // `add` reports its own progress (reading, merging, indexing) as it goes.
            add(new);
            unread.set((!refused.is_empty()).then(|| refused.join(" ")));
        });
    };
    let submit = move |_| {
        if let Some(area) = text.get_untracked() {
            let value = area.value();
            if !value.trim().is_empty() {
                let n = imports.with_untracked(|i| i.iter().filter(|i| i.name.starts_with("pasted-")).count()) + 1;
                add(vec![Import { name: format!("pasted-{n}.txt"), text: value.as_str().into() }]);
                area.set_value("");
            }
        }
        if let Some(input) = files.get_untracked() {
            read_files(input.files());
            input.set_value("");
        }
    };
    view! {
        <div class="import-bar">
            <button class="more" data-testid="import-open" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "Add papers"
            </button>
        </div>
        <Show when=move || open.get()>
            <section
                class="import"
                aria-label="Add papers"
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    read_files(ev.data_transfer().and_then(|d| d.files()));
                }
            >
                <p>
                    "Paste a listing (arXiv feed, Hugging Face search or daily papers, an author profile) or JSON / JSON Lines "
                    "metadata, or choose or drop files. They are read here, in your browser, and kept on this device only."
                </p>
                <textarea data-testid="import-text" node_ref=text rows="6" aria-label="Listing text to add"></textarea>
                <div class="import-actions">
                    <input type="file" multiple accept=".txt,.json,.jsonl,text/plain,application/json" data-testid="import-file" node_ref=files aria-label="Files to add" />
                    <button class="more" data-testid="import-submit" on:click=submit>"Add"</button>
                </div>
                <div data-testid="import-report" role="status">
                    {move || working.get().map(|w| view! { <p data-testid="import-working">{w}</p> })}
                    {move || unread.get().map(|u| view! { <p class="notice">{u}</p> })}
                    {move || notice.get().map(|n| view! { <p class="notice">{n}</p> })}
                    {move || totals.get().map(|t| view! { <p data-testid="import-totals">{t}</p> })}
                    {move || stored.get().then(|| view! { <p class="stored" data-testid="import-stored">"Kept on this device."</p> })}
                    {move || {
                        reports
                            .get()
                            .into_iter()
                            .map(|r| {
                                let name = r.name.clone();
                                let remove = move |_| {
                                    let next = imports.get_untracked().into_iter().filter(|i| i.name != name).collect();
                                    set_imports(next);
                                };
                                let summary = match &r.format {
                                    Ok(format) => format!("{}: {} · {} papers read · {} problems", r.name, format, r.records, r.problems.len()),
                                    Err(e) => e.clone(),
                                };
                                view! {
                                    <div class="import-item" data-name=r.name.clone()>
                                        <p>
                                            {summary}
                                            " "
                                            <button class="link" data-testid="import-remove" data-name=r.name.clone() on:click=remove>
                                                "Remove"
                                            </button>
                                        </p>
                                        <ul class="problems">
                                            {r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                                        </ul>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </section>
        </Show>
    }
}
