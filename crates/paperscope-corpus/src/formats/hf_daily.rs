//! Hugging Face Daily Papers: a header (`Daily Papers`, `byAK and the research community`, the page's date),
//! then per paper a title paragraph, an abstract paragraph and a meta block of three lines: `• N authors`
//! (or an organisation, shown twice), `·`, and the date with an optional upvote count.
//!
//! Entries are found by their meta blocks (the `·` line, or an author-count line), so titles wrapped over
//! several lines, missing blank lines or extra ones do not shift them.

use super::arxiv_feed::preview;
use super::{is_hf_chrome, Ctx};
use crate::date::ShownDate;
use crate::lines::{self, Line};
use crate::schema::ListingMeta;
use crate::text;

/// A meta block: the line indexes of its author/organisation line (if any), its date line (if any), and the
/// index after the block.
struct Meta {
    first: usize,
    who: Option<usize>,
    date: Option<usize>,
    end: usize,
}

/// How much `lines` look like Daily Papers: the `·` and `• N authors` lines, and the page's header.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| {
            let t = l.trimmed();
            let byline = t == "·" || (t.starts_with('•') && (t.ends_with(" authors") || t.ends_with(" author")));
            let header = t == "Daily Papers" || t == "byAK and the research community";
            (if byline { 2 } else { 0 }) + if header { 3 } else { 0 }
        })
        .sum()
}

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut meta = ListingMeta::default();
    let blocks = meta_blocks(lines);
    let mut from = 0;
    for (k, block) in blocks.iter().enumerate() {
        let region = &lines[from..block.first];
        let region = if k == 0 { strip_header(region, &mut meta) } else { region };
        entry(region, block, lines, ctx);
        from = block.end;
    }
    let tail = if blocks.is_empty() { strip_header(lines, &mut meta) } else { &lines[from..] };
    for para in lines::paragraphs(tail) {
        if para.iter().all(|l| is_hf_chrome(l.trimmed())) {
            continue;
        }
        ctx.skipped(
            para[0].no,
            format!(
                "text without an authors/date line after it is not a complete entry: {:?}",
                preview(para[0].trimmed())
            ),
        );
    }
    meta
}

fn meta_blocks(lines: &[Line<'_>]) -> Vec<Meta> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trimmed();
        let block = if t == "·" {
            let who = prev_nonblank(lines, i)
                .filter(|&p| blocks.last().is_none_or(|b: &Meta| p >= b.end))
                .filter(|&p| is_who_line(lines, p));
            let date = next_nonblank(lines, i).filter(|&n| ShownDate::parse(lines[n].trimmed()).is_some());
            Some(Meta { first: who.unwrap_or(i), who, date, end: date.map_or(i + 1, |d| d + 1) })
        } else if author_count(t).is_some() && next_nonblank(lines, i).is_none_or(|n| lines[n].trimmed() != "·") {
            // An author line with no `·` after it: the date, if any, follows directly.
            let date = next_nonblank(lines, i).filter(|&n| ShownDate::parse(lines[n].trimmed()).is_some());
            Some(Meta { first: i, who: Some(i), date, end: date.map_or(i + 1, |d| d + 1) })
        } else {
            None
        };
        match block {
            Some(b) => {
                i = b.end;
                blocks.push(b);
            }
            None => i += 1,
        }
    }
    blocks
}

/// The line before `·` names the authors or an organisation: an author count, or a short line of its own
/// (not the end of an abstract that lacks its author line).
fn is_who_line(lines: &[Line<'_>], p: usize) -> bool {
    let t = lines[p].trimmed();
    author_count(t).is_some() || (t.chars().count() <= 80 && (p == 0 || lines[p - 1].is_blank()))
}

fn prev_nonblank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !lines[j].is_blank())
}

fn next_nonblank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !lines[j].is_blank())
}

/// `• 3 authors`, `1 author`: the count.
fn author_count(t: &str) -> Option<u32> {
    let t = t.trim_start_matches(['•', '·', '-', '*']).trim();
    let (n, word) = t.split_once(char::is_whitespace)?;
    matches!(word.trim(), "authors" | "author").then(|| n.parse().ok()).flatten()
}

/// Drops the page header at the top of the first entry's region, recording the page's title and date.
fn strip_header<'a, 'b>(region: &'b [Line<'a>], meta: &mut ListingMeta) -> &'b [Line<'a>] {
    let mut start = 0;
    for (i, line) in region.iter().enumerate() {
        let t = line.trimmed();
        if line.is_blank() || is_hf_chrome(t) {
            if t.eq_ignore_ascii_case("daily papers") {
                meta.page_title = Some(t.to_string());
            }
            start = i + 1;
        } else if ShownDate::parse(t).is_some() && meta.page_date.is_none() {
            meta.page_date = Some(t.to_string());
            start = i + 1;
        } else {
            break;
        }
    }
    &region[start..]
}

fn entry(region: &[Line<'_>], block: &Meta, lines: &[Line<'_>], ctx: &mut Ctx) {
    let meta_line = lines[block.first].no;
    let paras = lines::paragraphs(region);
    let Some(title_para) = paras.first() else {
        ctx.skipped(meta_line, "authors/date line with no title or abstract before it");
        return;
    };
    let no = title_para[0].no;
    let abstract_lines: Vec<Line<'_>> = paras[1..].concat();
    if abstract_lines.is_empty() {
        ctx.warn(no, "entry has no abstract");
    }
    let mut paper = ctx.record(no, &lines::join(title_para), &lines::join(&abstract_lines));
    if let Some(w) = block.who {
        let t = lines[w].trimmed();
        match author_count(t) {
            Some(n) => paper.author_count = Some(n),
            None => paper.organization = Some(organization(t)),
        }
    }
    match block.date {
        Some(d) => {
            let raw = lines[d].trimmed();
            if let Some(shown) = ShownDate::parse(raw) {
                ctx.set_shown_date(&mut paper, lines[d].no, shown, raw);
                paper.upvotes = shown.trailing_number;
            }
        }
        None => ctx.warn(meta_line, "entry has no date line after its authors"),
    }
    ctx.push(paper);
}

/// The page shows an organisation's avatar name and then its name (`ServiceNow-AI ServiceNow-AI`).
fn organization(t: &str) -> String {
    let t = text::collapse_whitespace(t);
    let words: Vec<&str> = t.split(' ').collect();
    if words.len().is_multiple_of(2) && words[..words.len() / 2] == words[words.len() / 2..] {
        words[..words.len() / 2].join(" ")
    } else {
        t
    }
}
