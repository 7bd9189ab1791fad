//! Muting on the screen: the mute button on a facet value, a result's menu of what to mute (its authors,
//! venue, topics, categories), the "N muted" chip that shows the muted papers again, and the sidebar's
//! list of mutes with a box to mute a word. The engine hides the papers; every change goes through
//! [`crate::shelf::Shelf::change`].

use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::FacetKey;

use super::text::papers;
use crate::engine::use_results;
use crate::library::Mute;
use crate::nav::use_nav;
use crate::shelf::{use_shelf, Shelf};

/// The mute button of one facet value (none for facets that cannot be muted, or the unknown value). Kept
/// while the row's value changes under it (typing reorders the facet lists). Its name is "Mute" and the
/// value's own label, the element `label` names (`aria-labelledby`), so a new value rewrites nothing here.
#[component]
pub fn MuteValue(key: FacetKey, #[prop(into)] value: Signal<String>, label: String) -> impl IntoView {
    let shelf = use_shelf();
    let mutable =
        Memo::new(move |_| value.with(|v| v != paperscope_search::UNKNOWN && Mute::of_value(key, v).is_some()));
    let press = move |_| {
        if let Some(m) = value.with_untracked(|v| Mute::of_value(key, v)) {
            shelf.update(|l| l.mute(m));
        }
    };
    let id = format!("{label}-mute");
    let named_by = format!("{id} {label}");
    view! {
        <Show when=move || mutable.get()>
            <button
                class="mute"
                data-testid="mute"
                id=id.clone()
                aria-label="Mute"
                aria-labelledby=named_by.clone()
                title="Mute this value"
                on:click=press
            >
                "⊘"
            </button>
        </Show>
    }
}

/// A result's "Mute…" menu: its authors, venue, topics and categories, built only when opened.
#[component]
pub fn MuteMenu(#[prop(into)] paper: Signal<Option<Paper>>) -> impl IntoView {
    let shelf = use_shelf();
    let open = RwSignal::new(false);
    let choices = move || {
        if !open.get() {
            return None;
        }
        let choices: Vec<Mute> = paper.with(|p| {
            let Some(p) = p else { return Vec::new() };
            let values = p.authors.iter().map(|a| (FacetKey::Author, a));
            let values = values.chain(p.venue.iter().map(|v| (FacetKey::Venue, v)));
            let values = values.chain(p.topics.iter().map(|t| (FacetKey::Topic, t)));
            let values = values.chain(p.categories.iter().map(|c| (FacetKey::Category, c)));
            values.filter_map(|(k, v)| Mute::of_value(k, v)).collect()
        });
        let items = choices
            .into_iter()
            .map(|m| {
                let label = m.label();
                view! {
                    <li>
                        <button class="link" data-testid="mute-choice" data-value=label.clone() on:click=move |_| shelf.update(|l| l.mute(m.clone()))>
                            {format!("Mute {label}")}
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul>{items}</ul> })
    };
    view! {
        <details class="mute-menu" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary data-testid="mute" aria-label="Mute an author, venue, topic or category of this paper">"Mute…"</summary>
            {choices}
        </details>
    }
}

/// "N muted": the papers of this view that mutes hide; pressed, they are shown (`muted=show`), marked.
#[component]
pub fn MutedChip() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let muted = move || results.answer.with(|(r, _)| r.muted);
    let showing = move || nav.state.with(|s| s.show_muted);
    move || {
        (muted() > 0).then(|| {
            let text = if showing() { format!("Hide {} muted", muted()) } else { format!("{} muted", muted()) };
            view! {
                <button
                    class="chip muted-chip"
                    data-testid="muted-chip"
                    aria-pressed=showing().to_string()
                    title="Papers your mutes hide: show or hide them"
                    on:click=move |_| nav.change(|s| s.show_muted = !s.show_muted)
                >
                    {text}
                </button>
            }
        })
    }
}

/// Whether the mutes hide this paper (shown with `muted=show`, it is marked).
pub fn is_muted(shelf: Shelf, doc: u32) -> bool {
    shelf.index.with(|i| i.muted().binary_search(&doc).is_ok())
}

/// The sidebar's mutes: each removable, and a box to mute a word or phrase.
#[component]
pub fn MuteList() -> impl IntoView {
    let shelf = use_shelf();
    let word = RwSignal::new(String::new());
    let rows = move || {
        shelf.library.with(|l| {
            l.mutes
                .iter()
                .map(|m| {
                    let (label, gone) = (m.label(), m.clone());
                    let unmute = move |_| {
                        let gone = gone.clone();
                        shelf.update(|l| l.unmute(&gone));
                    };
                    view! {
                        <li data-testid="muted-item" data-value=label.clone()>
                            <span>{label.clone()}</span>
                            <button class="link" data-testid="unmute" aria-label=format!("Unmute {label}") on:click=unmute>
                                "Unmute"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let hidden = move || {
        let n = shelf.index.with(|i| i.muted().len());
        format!("Muted ({})", if n == 0 { "nothing hidden".to_string() } else { format!("{} hidden", papers(n)) })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(m) = Mute::of_words(&word.get_untracked()) {
            shelf.update(|l| l.mute(m));
            word.set(String::new());
        }
    };
    view! {
        <details class="manage-lists mutes">
            <summary>{hidden}</summary>
            <ul>{rows}</ul>
            <form class="mute-word" on:submit=add>
                <input
                    type="text"
                    data-testid="mute-word"
                    aria-label="Mute a word or phrase in titles and abstracts"
                    placeholder="Mute a word…"
                    prop:value=move || word.get()
                    on:input=move |ev| word.set(event_target_value(&ev))
                />
                <button class="more" type="submit" data-testid="mute-word-add">"Mute"</button>
            </form>
        </details>
    }
}
