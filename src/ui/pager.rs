//! The pager below the results: first, previous, the page number, next, last, and a jump to a page.

use leptos::prelude::*;

use super::results::scroll_to_results;
use crate::engine::use_results;
use crate::nav::use_nav;

/// First / previous / a page number / next / last, and a note when the URL asked for a page past the end
/// (the last one is shown). Changing page goes back to the top of the results. Drawn once while there is
/// more than one page: typing changes the page count on most keystrokes, which changes a number and a few
/// `disabled` states here, not the buttons (rebuilding them cost a dozen listeners per keystroke).
#[component]
pub fn Pager() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let pages = Memo::new(move |_| results.answer.with(|(r, _)| (r.page, r.pages)));
    let (page, last) = (move || pages.get().0, move || pages.get().1);
    let asked = nav.page;
    let to = move |p: usize| {
        nav.change(|s| s.page = p);
        scroll_to_results();
    };
    let past_end = move || {
        let ((page, pages), asked) = (pages.get(), asked.get());
        (asked > page && pages > 0).then(|| {
            view! {
                <p class="page-note" data-testid="page-note">
                    {format!("There is no page {asked}: these results end on page {pages}, shown here.")}
                </p>
            }
        })
    };
    let first = move || page() <= 1;
    let at_end = move || page() >= last();
    // The buttons act on the page shown when pressed (read untracked: a press is not a view).
    let now = move || pages.get_untracked();
    view! {
        {past_end}
        <Show when=move || { last() > 1 }>
            <nav class="pager" aria-label="Pages">
                <button data-testid="page-first" disabled=first on:click=move |_| to(1)>"« First"</button>
                <button data-testid="page-prev" disabled=first on:click=move |_| to(now().0.saturating_sub(1).max(1))>
                    "← Previous"
                </button>
                <span data-testid="page-info">{move || format!("Page {} of {}", page(), last())}</span>
                <button data-testid="page-next" disabled=at_end on:click=move |_| to((now().0 + 1).min(now().1))>
                    "Next →"
                </button>
                <button data-testid="page-last" disabled=at_end on:click=move |_| to(now().1)>"Last »"</button>
                <label class="page-jump">
                    "Go to page "
                    <input
                        type="number"
                        data-testid="page-number"
                        min="1"
                        max=move || last().to_string()
                        prop:value=move || page().to_string()
                        on:change=move |ev| {
                            if let Ok(p) = event_target_value(&ev).trim().parse::<usize>() {
                                to(p.clamp(1, now().1));
                            }
                        }
                    />
                </label>
            </nav>
        </Show>
    }
}
