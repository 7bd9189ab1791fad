//! The Atom feeds the site publishes (`feeds.toml` at build time, listed by the data's manifest): linked
//! from the page's head for feed readers and browsers (`<link rel="alternate">`), listed on the start page,
//! and offered beside a search (or a saved search) that a feed follows.

use leptos::prelude::*;
use paperscope_search::url::ViewState;

use super::saved_searches::{on_start_page, saved_form};
use crate::hosted::Site;
use crate::nav::{address, use_nav};

/// A feed: its title, its file's address and the view it follows (as the page writes views).
#[derive(Clone)]
struct Feed {
    title: String,
    href: String,
    view: ViewState,
    key: String,
}

#[derive(Clone, Copy)]
struct Feeds(StoredValue<Vec<Feed>>);

/// Marks the `<link>` elements added to the document's head.
const HEAD_MARK: &str = "data-paperscope-feed";

/// Reads the site's feeds, links them from the document's head and provides them to the page.
pub fn provide(site: &Site) {
    let feeds: Vec<Feed> = site
        .feeds()
        .into_iter()
        .map(|(link, href)| {
            let view = ViewState::parse(&link.view);
            Feed { title: link.title, href, key: view.to_query_string(), view }
        })
        .collect();
    if let Some(head) = document().head() {
        for feed in &feeds {
            let Ok(element) = document().create_element("link") else { continue };
            let attributes = [
                ("rel", "alternate"),
                ("type", "application/atom+xml"),
                ("title", &feed.title),
                ("href", &feed.href),
                (HEAD_MARK, ""),
            ];
            if attributes.iter().all(|(name, value)| element.set_attribute(name, value).is_ok()) {
                let _ = head.append_child(&element);
            }
        }
    }
    on_cleanup(|| {
        if let Ok(links) = document().query_selector_all(&format!("link[{HEAD_MARK}]")) {
            super::elements::<web_sys::Element>(&links).iter().for_each(web_sys::Element::remove);
        }
    });
    provide_context(Feeds(StoredValue::new(feeds)));
}

/// The feed that follows `view` (compared as the page writes views), if any: its title and address.
fn following(view: &ViewState) -> Option<(String, String)> {
    let Feeds(feeds) = use_context::<Feeds>()?;
    let key = saved_form(view).to_query_string();
    feeds.with_value(|f| f.iter().find(|f| f.key == key).map(|f| (f.title.clone(), f.href.clone())))
}

/// The feed icon, as a link to a feed's file.
#[component]
fn FeedIcon(href: String, title: String, testid: &'static str) -> impl IntoView {
    view! {
        <a class="feed-icon" data-testid=testid href=href type="application/atom+xml" title=format!("Atom feed: {title}")>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <rect width="16" height="16" rx="3" class="feed-bg" />
                <circle cx="4.5" cy="11.5" r="1.6" class="feed-fg" />
                <path d="M3 7.2a5.8 5.8 0 0 1 5.8 5.8M3 3.6a9.4 9.4 0 0 1 9.4 9.4" class="feed-arc" />
            </svg>
            <span class="visually-hidden">{format!("Atom feed: {title}")}</span>
        </a>
    }
}

/// Beside a view a feed follows: its icon (`view-feed`).
#[component]
pub fn ViewFeed() -> impl IntoView {
    let nav = use_nav();
    move || {
        let (title, href) = nav.state.with(following)?;
        Some(view! { <FeedIcon href title testid="view-feed" /> })
    }
}

/// Beside a saved search a feed follows: its icon (`saved-search-feed`).
#[component]
pub fn SavedSearchFeed(view: ViewState) -> impl IntoView {
    following(&view).map(|(title, href)| view! { <FeedIcon href title testid="saved-search-feed" /> })
}

/// The start page's list of the site's feeds (`site-feed`, each with its view and its icon).
#[component]
pub fn SiteFeeds() -> impl IntoView {
    let nav = use_nav();
    let start = move || nav.state.with(on_start_page);
    let feeds = use_context::<Feeds>().map(|Feeds(f)| f.get_value()).unwrap_or_default();
    move || {
        if feeds.is_empty() || !start() {
            return None;
        }
        let items = feeds
            .iter()
            .cloned()
            .map(|feed| {
                let view = feed.view.clone();
                let open = move |ev: leptos::ev::MouseEvent| {
                    let view = view.clone();
                    nav.follow(&ev, move |s| *s = view);
                };
                let data_href = feed.href.clone();
                view! {
                    <li data-testid="site-feed" data-href=data_href>
                        <a href=address(&feed.view) on:click=open>{feed.title.clone()}</a>
                        " "
                        <FeedIcon href=feed.href title=feed.title testid="feed-link" />
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="saved-searches site-feeds" aria-label="Feeds from this site">
                <h3>"Feeds from this site"</h3>
                <ul>{items}</ul>
            </section>
        })
    }
}
