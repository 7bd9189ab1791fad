//! What the page says about the site's data itself: that it was opened from this device because the host
//! could not be reached, and that the host now has other data (a rebuilt site), offered as a reload rather
//! than mixed into the papers shown. The host's manifest is read again when the tab comes back into view,
//! when the network returns and every ten minutes.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use super::text::papers;
use crate::engine::use_engine;
use crate::hosted::{Site, Update};

/// The least time between two readings of the host's manifest.
const AT_MOST_EVERY_MS: f64 = 10_000.0;

#[component]
pub fn SiteStatus(site: Rc<Site>) -> impl IntoView {
    let update = RwSignal::new(None::<Update>);
    let offline = site.offline();
    let last = Rc::new(Cell::new(None::<f64>));
    let check = move || {
        let now = crate::engine::now();
        if update.get_untracked().is_some() || last.get().is_some_and(|t| now - t < AT_MOST_EVERY_MS) {
            return;
        }
        last.set(Some(now));
        let site = site.clone();
        leptos::task::spawn_local(async move {
            if let Some(found) = site.changed().await {
                update.set(Some(found));
            }
        });
    };
    let listeners = [
        window_event_listener_untyped("visibilitychange", {
            let check = check.clone();
            move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    check();
                }
            }
        }),
        window_event_listener(leptos::ev::focus, {
            let check = check.clone();
            move |_| check()
        }),
        window_event_listener(leptos::ev::online, {
            let check = check.clone();
            move |_| check()
        }),
    ];
    let every = set_interval_with_handle(check, Duration::from_secs(600)).ok();
    on_cleanup(move || {
        listeners.into_iter().for_each(|l| l.remove());
        if let Some(every) = every {
            every.clear();
        }
    });
    view! {
        <PartialNote />
        {offline.then(|| view! {
            <p class="page-note site-note" data-testid="offline" role="status">
                "Offline (the site did not answer): these are the papers kept on this device from your last visit."
            </p>
        })}
        {move || update.get().map(|u| {
            let says = match u.papers_now.checked_sub(u.papers_before) {
                Some(more) if more > 0 => format!("{} new on the site.", papers(more)),
                _ => format!("The site's papers have changed ({} now).", papers(u.papers_now)),
            };
            view! {
                <p class="page-note site-note" data-testid="corpus-update" data-papers=u.papers_now.to_string() role="status">
                    <span>{says}</span>
                    " "
                    <button class="more" data-testid="corpus-reload" on:click=|_| { let _ = window().location().reload(); }>
                        "Reload"
                    </button>
                </p>
            }
        })}
    }
}

/// While only the corpus's first part is searched: how many papers that is, of how many, and how far the
/// rest has got (or why it could not be read).
#[component]
fn PartialNote() -> impl IntoView {
    let engine = use_engine();
    move || {
        let partial = engine.partial.get()?;
        let searched = engine.with(|index| index.len());
        let says = format!("Searching {searched} of {} papers; the rest is loading.", partial.of);
        let progress = partial.progress;
        Some(view! {
            <div class="page-note site-note" data-testid="loading-partial" role="status">
                <span>{says}</span>
                " "
                <span class="progress">{move || progress.with(|p| p.as_ref().map(crate::Progress::says))}</span>
                {partial.failed.map(|why| view! {
                    <p class="error" data-testid="load-error" role="alert">
                        {format!("Could not load the rest: {why}")}
                        " "
                        <button class="more" on:click=|_| { let _ = window().location().reload(); }>"Try again"</button>
                    </p>
                })}
            </div>
        })
    }
}
