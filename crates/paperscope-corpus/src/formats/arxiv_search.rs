//! arXiv's search results as a browser copies them: under `Showing 1–50 of 1,284 results for ...`, each
//! result is `arXiv:ID [pdf, other] cs.LG stat.ML` (maybe numbered `1.`), the title (maybe wrapped),
//! `Authors:`, `Abstract:` (cut with `… ▽ More`, or whole and ending `△ Less` when expanded), `Submitted
//! <date>; v1 submitted <date>; originally announced <month>`, and optional `Comments:`, `Journal ref:`,
//! `DOI:` and `Report number:` lines.

use super::arxiv_feed::preview;
use super::arxiv_list::{is_category, Shared};
use super::Ctx;
use crate::date::{Date, ShownDate};
use crate::lines::Line;
use crate::schema::{ListingMeta, Paper};
use crate::text;

/// How much `lines` look like arXiv search results: three points per result line (`arXiv:ID [pdf...`), two
/// per `Submitted ...` line, three for the results header.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| {
            let t = l.trimmed();
            if result_start(t).is_some_and(|(_, rest)| rest.trim_start().starts_with('[')) {
                3
            } else if t.starts_with("Submitted ") && t.contains("originally announced") {
                2
            } else if t.starts_with("Showing ") && t.contains(" results for ") {
                3
            } else {
                0
            }
        })
        .sum()
}

/// `[1.] arXiv:ID rest`: the id and what follows it.
fn result_start(t: &str) -> Option<(&str, &str)> {
    let t = match t.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest.trim_start(),
        _ => t,
    };
    let rest = t.get(..6).filter(|p| p.eq_ignore_ascii_case("arxiv:")).map(|_| &t[6..])?;
    let id = rest.split_whitespace().next()?;
    let after = &rest[rest.find(id)? + id.len()..];
    Some((id, after))
}

/// The labelled lines a result may have after its title.
const LABELS: &[&str] = &["Authors:", "Abstract:", "Submitted ", "Comments:", "Journal ref:", "DOI:", "Report number:"];

fn label(t: &str) -> Option<&'static str> {
    LABELS.iter().find(|l| t.starts_with(**l)).copied()
}

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut meta = ListingMeta::default();
    let mut entry: Vec<Line<'_>> = Vec::new();
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let t = line.trimmed();
        if result_start(t).is_some() {
            if !entry.is_empty() {
                read_result(&entry, ctx);
            }
            entry = vec![*line];
        } else if !entry.is_empty() {
            entry.push(*line);
        } else if let Some(query) = t.strip_prefix("Showing ").and_then(|r| r.split_once(" results for ")) {
            // `Showing 1–3 of 1,284 results for all: in-context learning theory`
            meta.page_title = Some(format!("arXiv search: {}", text::normalize(query.1)));
        } else {
            ctx.skipped(line.no, format!("text before the first result ignored: {:?}", preview(t)));
        }
    }
    if !entry.is_empty() {
        read_result(&entry, ctx);
    }
    meta
}

fn read_result(lines: &[Line<'_>], ctx: &mut Ctx) {
    let first = lines[0];
    let Some((id, after)) = result_start(first.trimmed()) else { return };
    // The title runs from the line after the id to the first labelled line; each label's value runs to the next.
    let mut title: Vec<&str> = Vec::new();
    let mut labelled: Vec<(&'static str, u32, Vec<&str>)> = Vec::new();
    for line in &lines[1..] {
        let t = line.trimmed();
        match label(t) {
            Some(l) => labelled.push((l, line.no, vec![t[l.len()..].trim()])),
            None => match labelled.last_mut() {
                Some((_, _, value)) => value.push(t),
                None => title.push(t),
            },
        }
    }
    let value = |name: &str| labelled.iter().find(|(n, _, _)| *n == name).map(|(_, _, v)| v.join(" "));
    let mut paper = ctx.record(first.no, &title.join(" "), &abstract_text(&value("Abstract:").unwrap_or_default()));
    if title.is_empty() {
        ctx.warn(first.no, "result has no title line");
    }
    let shared =
        Shared { id, authors: value("Authors:"), comment: value("Comments:"), journal_ref: value("Journal ref:") };
    shared.read_into(&mut paper, first.no, ctx);
    // `[pdf, html, other]   cs.LG  stat.ML`: the categories after the links.
    let categories = after.rsplit_once(']').map_or(after, |(_, c)| c);
    paper.categories = categories.split_whitespace().filter(|c| is_category(c)).map(str::to_string).collect();
    if let Some((no, submitted)) =
        labelled.iter().find(|(n, _, _)| *n == "Submitted ").map(|(_, no, v)| (*no, v.join(" ")))
    {
        read_submitted(&submitted, no, &mut paper, ctx);
    }
    ctx.push(paper);
}

/// The abstract as shown: cut short (`… ▽ More`), or expanded (`… ▽ More` then the whole text and `△ Less`),
/// which keeps the longest version shown.
fn abstract_text(shown: &str) -> String {
    let parts = shown.split(['▽', '△']).enumerate().map(|(k, part)| {
        let part = part.trim();
        let marker = if k == 0 { None } else { part.strip_prefix("More").or_else(|| part.strip_prefix("Less")) };
        marker.unwrap_or(part).trim()
    });
    parts.max_by_key(|p| p.len()).unwrap_or("").to_string()
}

/// `24 November, 2025; v1 submitted 9 October, 2025; originally announced October 2025.`: the first date is
/// the latest version's, `v1 submitted` the first's (else the first date is both).
fn read_submitted(value: &str, no: u32, paper: &mut Paper, ctx: &mut Ctx) {
    let mut latest: Option<Date> = None;
    let mut first: Option<Date> = None;
    for (k, part) in value.split(';').enumerate() {
        let part = part.trim().trim_end_matches('.');
        let (slot, raw) = match part.strip_prefix("v1 submitted") {
            Some(raw) => (&mut first, raw),
            None if k == 0 => (&mut latest, part),
            None => continue,
        };
        match ShownDate::parse(raw.trim()).and_then(|d| d.resolve(None)) {
            Some(d) => *slot = Some(d),
            None => ctx.warn(no, format!("submission date {:?} is not a date; left empty", preview(raw.trim()))),
        }
    }
    let published = first.or(latest);
    paper.published = published.map(|d| d.to_string());
    paper.updated = latest.filter(|l| Some(*l) != published).map(|d| d.to_string());
}
