//! An author's profile page: a header naming the author and their paper count, then per paper
//! `Thumbnail for <title>` (hard-wrapped, continuation lines indented), the title as displayed, and an
//! abstract cut to about 200 characters. A cookie notice closes the page. Every paper has the profile's owner
//! as an author.

use super::arxiv_feed::preview;
use super::Ctx;
use crate::lines::{self, Line};
use crate::schema::ListingMeta;
use crate::text;

const THUMBNAIL: &str = "Thumbnail for ";

/// How much `lines` look like an author profile: thumbnails, and the profile's header lines.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| {
            let t = l.trimmed();
            let thumbnail = if t.starts_with("Thumbnail for ") { 2 } else { 0 };
            let header =
                t.ends_with("papers on arXiv") || t == "Academic Profile" || t.starts_with("Total Publications");
            thumbnail + if header { 3 } else { 0 }
        })
        .sum()
}

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let (meta, body_start) = header(lines);
    let body = &without_cookie_notices(&lines[body_start..]);
    let author = meta.author.clone();

    let starts: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trimmed().starts_with(THUMBNAIL.trim_end()))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        // A copy without the thumbnails' alt text: alternate title and abstract paragraphs.
        let paras = lines::paragraphs(body);
        for pair in paras.chunks(2) {
            let title = &pair[0];
            let abstract_raw = pair.get(1).map(|p| lines::join(p)).unwrap_or_default();
            if pair.len() < 2 {
                ctx.warn(title[0].no, "title has no abstract after it");
            }
            push(ctx, title[0].no, &lines::join(title), &abstract_raw, &author);
        }
    } else {
        if let Some(first) = body[..starts[0]].iter().find(|l| !l.is_blank()) {
            ctx.skipped(first.no, format!("text before the first paper ignored: {:?}", preview(first.trimmed())));
        }
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(body.len());
            entry(&body[start..end], ctx, &author);
        }
    }
    meta
}

fn entry(lines: &[Line<'_>], ctx: &mut Ctx, author: &Option<String>) {
    let no = lines[0].no;
    // The thumbnail's alt text: its first line and the indented continuation lines.
    let mut thumb = vec![lines[0].trimmed().trim_start_matches(THUMBNAIL.trim_end()).trim().to_string()];
    let mut i = 1;
    while i < lines.len() && !lines[i].is_blank() && lines[i].text.starts_with([' ', '\t']) {
        thumb.push(lines[i].trimmed().to_string());
        i += 1;
    }
    let thumb_title = text::normalize(&thumb.join(" "));
    let paras = lines::paragraphs(&lines[i..]);
    let (title, abstract_raw) = match paras.as_slice() {
        [] => {
            ctx.warn(no, "entry has only its thumbnail title: no displayed title or abstract");
            (thumb_title.clone(), String::new())
        }
        [only] => {
            let joined = lines::join(only);
            if same_title(&joined, &thumb_title) {
                ctx.warn(no, "entry has no abstract");
                (joined, String::new())
            } else {
                (thumb_title.clone(), joined)
            }
        }
        [title, rest @ ..] => {
            let abstract_lines: Vec<Line<'_>> = rest.concat();
            (lines::join(title), lines::join(&abstract_lines))
        }
    };
    push(ctx, no, &title, &abstract_raw, author);
}

fn push(ctx: &mut Ctx, no: u32, title: &str, abstract_raw: &str, author: &Option<String>) {
    let mut paper = ctx.record(no, title, abstract_raw);
    // The profile names its owner, not the co-authors.
    paper.authors = author.iter().cloned().collect();
    paper.authors_partial = true;
    ctx.push(paper);
}

/// The thumbnail copy of a title may be cut short; it matches when one starts the other.
fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (text::fold_key(a), text::fold_key(b));
    !a.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
}

fn is_header_line(t: &str) -> bool {
    const PREFIXES: &[&str] =
        &["Name:", "Total Papers", "Statistics", "arXiv Papers", "Total Publications", "Academic Profile"];
    PREFIXES.iter().any(|p| t.starts_with(p)) || t.ends_with("papers on arXiv") || t.ends_with("paper on arXiv")
}

fn is_cookie_notice(t: &str) -> bool {
    t.starts_with("This website uses cookies")
}

/// The lines without the site's cookie notice, wherever it was copied (a banner above the papers, or the
/// footer below them). After the last paper the notice starts the page's footer, which is dropped whole; a
/// notice anywhere else is one paragraph of page chrome.
fn without_cookie_notices<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let last_entry = lines.iter().rposition(|l| l.trimmed().starts_with(THUMBNAIL.trim_end()));
    let mut out = Vec::with_capacity(lines.len());
    let mut in_notice = false;
    for (i, line) in lines.iter().enumerate() {
        if is_cookie_notice(line.trimmed()) {
            if last_entry.is_some_and(|last| i > last) {
                break;
            }
            in_notice = true;
        } else if line.is_blank() {
            in_notice = false;
        }
        if !in_notice {
            out.push(*line);
        }
    }
    out
}

/// Reads the profile header and returns where the paper list starts.
fn header(lines: &[Line<'_>]) -> (ListingMeta, usize) {
    let mut meta = ListingMeta::default();
    let first_entry = lines.iter().position(|l| l.trimmed().starts_with(THUMBNAIL.trim_end())).unwrap_or(lines.len());
    let list_marker = lines[..first_entry].iter().position(|l| l.trimmed() == "Papers on arXiv");
    let header_end = match list_marker {
        Some(p) => p + 1,
        None if first_entry < lines.len() => first_entry,
        // Neither marker nor thumbnails: the header is the run of profile lines at the top.
        None => lines.iter().take(30).rposition(|l| is_header_line(l.trimmed())).map_or(0, |p| p + 1),
    };
    let header = &lines[..header_end];
    let mut first_text = None;
    for line in header.iter().filter(|l| !l.is_blank()) {
        let t = line.trimmed();
        if let Some(name) = t.strip_prefix("Name:") {
            meta.author.get_or_insert_with(|| text::normalize(name));
        } else if let Some(count) = t.strip_suffix("papers on arXiv").or_else(|| t.strip_suffix("paper on arXiv")) {
            meta.stated_papers = count.trim().parse().ok();
        } else if first_text.is_none() && !is_cookie_notice(t) {
            first_text = Some(t);
        }
    }
    // The page opens with the author's name; `Name:` repeats it further down.
    if let Some(name) = first_text.filter(|n| n.split_whitespace().count() <= 6 && !n.contains(':')) {
        meta.author = Some(text::normalize(name));
    }
    (meta, header_end)
}
