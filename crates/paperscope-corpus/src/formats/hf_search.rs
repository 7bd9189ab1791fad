//! Hugging Face Papers search results: after the page's header (whose last word, `Subscribe`, is glued to the
//! first title), each paper is a title line followed by an abstract line. Blank lines may appear anywhere.

use super::arxiv_feed::preview;
use super::{is_hf_chrome, looks_like_title, Ctx};
use crate::lines::Line;
use crate::schema::ListingMeta;

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut pending_title: Option<(u32, String)> = None;
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let mut t = line.trimmed();
        if is_hf_chrome(t) {
            continue;
        }
        // The copied page glues the Subscribe button's label to the first title.
        if let Some(rest) = t.strip_prefix("Subscribe") {
            if rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                t = rest;
            }
        }
        match pending_title.take() {
            None => pending_title = Some((line.no, t.to_string())),
            Some((no, title)) => {
                if looks_like_title(t) && !looks_like_abstract(t) {
                    // Two titles in a row: the first has no abstract on this page.
                    ctx.warn(no, format!("title {:?} has no abstract line after it", preview(&title)));
                    ctx.push(ctx.record(no, &title, ""));
                    pending_title = Some((line.no, t.to_string()));
                } else {
                    ctx.push(ctx.record(no, &title, t));
                }
            }
        }
    }
    if let Some((no, title)) = pending_title {
        if looks_like_abstract(&title) {
            ctx.skipped(no, "text at the end of the listing has no title before it");
        } else {
            ctx.warn(no, format!("title {:?} has no abstract line after it", preview(&title)));
            ctx.push(ctx.record(no, &title, ""));
        }
    }
    ListingMeta::default()
}

/// Abstracts are paragraphs of sentences, far longer than titles.
pub fn looks_like_abstract(t: &str) -> bool {
    t.chars().count() > 300 || t.matches(". ").count() >= 2
}
