//! Hugging Face Papers search results: after the page's header (whose last word, `Subscribe`, is glued to the
//! first title), each paper is a title line followed by an abstract line. Blank lines may appear anywhere.

use super::arxiv_feed::preview;
use super::{is_hf_chrome, looks_like_title, Ctx};
use crate::lines::Line;
use crate::schema::ListingMeta;

/// How much `lines` look like Hugging Face search results by their page's chrome (the subscription box).
/// Results copied without it are recognised by [`headerless_score`].
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| {
            let t = l.trimmed();
            let trending = usize::from(t.starts_with("Get trending papers in your email inbox"));
            let subscribe = if t.starts_with("Subscribe") && t.len() > "Subscribe".len() { 3 } else { 0 };
            trending + subscribe
        })
        .sum()
}

/// Search results without their header: title and abstract lines alternate, with no blank lines. Scored
/// only when no format has a signal of its own (see [`crate::detect`]).
pub fn headerless_score(lines: &[Line<'_>]) -> usize {
    let content: Vec<&str> =
        lines.iter().filter(|l| !l.is_blank() && !is_hf_chrome(l.trimmed())).map(|l| l.trimmed()).collect();
    if content.len() < 2 {
        return 0;
    }
    let alternating = content
        .chunks(2)
        .filter(|pair| pair.len() == 2)
        .filter(|pair| !looks_like_abstract(pair[0]) && looks_like_abstract(pair[1]))
        .count();
    if alternating * 2 >= content.len().saturating_sub(1) && alternating >= 1 {
        2 + alternating
    } else {
        0
    }
}

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
