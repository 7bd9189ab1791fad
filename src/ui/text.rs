//! Text helpers shared by the parts of the screen: labels, downloads.

use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::FacetKey;
use wasm_bindgen::JsValue;

pub fn facet_label(key: FacetKey) -> &'static str {
    match key {
        FacetKey::Year => "Year",
        FacetKey::Venue => "Venue",
        FacetKey::Status => "Status",
        FacetKey::Topic => "Topic",
        FacetKey::Source => "Source",
        FacetKey::Author => "Author",
        FacetKey::Organization => "Organization",
        FacetKey::Category => "arXiv category",
        FacetKey::List => "Your lists",
        FacetKey::Tag => "Your tags",
        FacetKey::Read => "Read",
    }
}

/// A facet as a filter is called in a sentence: `year`, `arxiv category`, `list` (not "your lists").
pub fn filter_word(key: FacetKey) -> String {
    match key {
        FacetKey::List => "list".into(),
        FacetKey::Tag => "tag".into(),
        _ => facet_label(key).to_lowercase(),
    }
}

/// What papers without a facet's value are, after "papers": `with no year`, `in no list`.
pub fn lacking(key: FacetKey) -> String {
    let none = value_label(key, paperscope_search::UNKNOWN).to_lowercase();
    match key {
        FacetKey::List => none,
        _ => format!("with {none}"),
    }
}

/// How a facet value reads: a status as words, and the unknown value as what is missing (`No year`).
pub fn value_label(key: FacetKey, value: &str) -> String {
    if value == paperscope_search::UNKNOWN {
        return match key {
            FacetKey::Year => "No year",
            FacetKey::Venue => "No venue",
            FacetKey::Status => "No status",
            FacetKey::Topic => "No topic",
            FacetKey::Source => "No source",
            FacetKey::Author => "No author named",
            FacetKey::Organization => "No organization",
            FacetKey::Category => "No category",
            FacetKey::List => "In no list",
            FacetKey::Tag => "No tag",
            FacetKey::Read => "Unread",
        }
        .to_string();
    }
    match (key, value) {
        (FacetKey::Status, _) => status_label(value),
        (FacetKey::Read, paperscope_search::READ) => "Read".into(),
        (FacetKey::Read, paperscope_search::UNREAD) => "Unread".into(),
        _ => value.to_string(),
    }
}

/// A filter's value as a chip or the page title says it (`No year`, `under review`, `2023..2025`).
pub fn filter_label(filter: &paperscope_search::Filter) -> String {
    match filter {
        paperscope_search::Filter::Value(key, value) => value_label(*key, value),
        paperscope_search::Filter::Years(..) => filter.text(),
    }
}

/// `under_review` as people write it.
pub fn status_label(status: &str) -> String {
    status.replace('_', " ")
}

/// `NeurIPS 2025 (accepted)`.
pub fn venue_label(p: &Paper) -> Option<String> {
    let venue = p.venue.as_ref()?;
    Some(match p.venue_status {
        Some(s) => format!("{venue} ({})", status_label(s.as_str())),
        None => venue.clone(),
    })
}

/// The document's title for a view: the open paper's title, else the query, the filter values and the
/// page (`diffusion, 2025, page 2 - Paperscope`), or the name alone.
pub fn page_title(view: &paperscope_search::url::ViewState, paper: Option<&str>) -> String {
    if let Some(title) = paper {
        return format!("{title} - Paperscope");
    }
    let mut label = view_label(view);
    if view.page > 1 {
        label = if label.is_empty() { format!("page {}", view.page) } else { format!("{label}, page {}", view.page) };
    }
    if label.is_empty() {
        "Paperscope".to_string()
    } else {
        format!("{label} - Paperscope")
    }
}

/// What a view selects, in words: the query and the filter values (`diffusion, 2025`); empty for all papers.
pub fn view_label(view: &paperscope_search::url::ViewState) -> String {
    let query = Some(view.query.trim()).filter(|q| !q.is_empty()).map(str::to_string);
    query.into_iter().chain(view.filters.iter().map(filter_label)).collect::<Vec<_>>().join(", ")
}

/// `1 author`, `3 authors`.
pub fn authors(n: u32) -> String {
    format!("{n} {}", if n == 1 { "author" } else { "authors" })
}

/// `1 paper`, `3 papers`.
pub fn papers(n: usize) -> String {
    format!("{n} {}", if n == 1 { "paper" } else { "papers" })
}

/// Starts a download of `text` as a file, made in the page (nothing is sent anywhere).
pub fn download(name: &str, mime: &str, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_search::url::ViewState;

    #[test]
    fn the_page_title_says_what_the_view_shows() {
        assert_eq!(page_title(&ViewState::parse(""), None), "Paperscope");
        assert_eq!(page_title(&ViewState::parse("q=diffusion&year=2025"), None), "diffusion, 2025 - Paperscope");
        assert_eq!(
            page_title(&ViewState::parse("year=none&status=under_review&page=3"), None),
            "No year, under review, page 3 - Paperscope"
        );
        assert_eq!(page_title(&ViewState::parse("q=x&paper=a"), Some("A Paper")), "A Paper - Paperscope");
    }
}
