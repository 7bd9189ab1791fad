//! Text helpers shared by the parts of the screen: highlighted text, labels, downloads.

use leptos::prelude::*;
use paperscope_corpus::Paper;
use paperscope_search::{FacetKey, Span};
use wasm_bindgen::JsValue;

/// Text with highlighted spans (character offsets), as text nodes and `<mark>`s: nothing from the corpus is
/// ever parsed as HTML.
pub fn highlighted(text: &str, spans: &[Span]) -> Vec<AnyView> {
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

/// Year · venue (status) · topics · upvotes · authors, as one line.
pub fn meta_line(p: &Paper) -> String {
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
