//! The arXiv-style feed: each record is an abstract, an optional comment line, `arXiv:<id>[ - <venue>]` and
//! `Created: <date> Updated: <date>`. Records end at their `Created:` line (or, without one, at the blank
//! line after the `arXiv:` line), so missing or extra blank lines do not shift records.

use super::Ctx;
use crate::date::Date;
use crate::lines::{self, Line};
use crate::meta;
use crate::schema::ListingMeta;

/// How much `lines` look like an arXiv feed: two points per `arXiv:` id line or `Created:` line.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines.iter().map(Line::trimmed).filter(|t| is_id_line(t) || is_created_line(t)).count() * 2
}

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut current: Vec<Line<'_>> = Vec::new();
    let mut seen_id = false;
    // The next non-blank line after a run of blank ones, found once per run (not once per blank line).
    let mut ahead = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if is_created_line(t) {
            current.push(*line);
            record(&current, ctx);
            current.clear();
            seen_id = false;
            continue;
        }
        if line.is_blank() && seen_id {
            // A record without a `Created:` line ends at the blank line after its id.
            if ahead <= i {
                ahead = i + lines[i..].iter().position(|l| !l.is_blank()).unwrap_or(lines.len() - i);
            }
            if !lines.get(ahead).is_some_and(|l| is_created_line(l.trimmed())) {
                record(&current, ctx);
                current.clear();
                seen_id = false;
            }
            continue;
        }
        seen_id |= is_id_line(t);
        current.push(*line);
    }
    if current.iter().any(|l| !l.is_blank()) {
        record(&current, ctx);
    }
    ListingMeta::default()
}

pub fn is_id_line(t: &str) -> bool {
    t.len() > 6 && t.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("arxiv:"))
}

pub fn is_created_line(t: &str) -> bool {
    t.starts_with("Created:")
}

fn record(lines: &[Line<'_>], ctx: &mut Ctx) {
    let Some(first) = lines.iter().find(|l| !l.is_blank()) else {
        return;
    };
    let Some(id_at) = lines.iter().position(|l| is_id_line(l.trimmed())) else {
        ctx.skipped(
            first.no,
            format!("entry has no `arXiv:` line, so it cannot be identified (starts {:?})", preview(first.trimmed())),
        );
        return;
    };
    // Everything before the id line: the abstract, then maybe a comment paragraph.
    let mut paras = lines::paragraphs(&lines[..id_at]);
    let comment = if paras.len() >= 2 { paras.pop() } else { split_glued_comment(&mut paras) };
    let abstract_lines: Vec<Line<'_>> = paras.concat();
    let start = abstract_lines.first().map_or(lines[id_at].no, |l| l.no);
    let mut paper = ctx.record(start, "", &lines::join(&abstract_lines));
    if paper.abstract_text.is_empty() {
        ctx.warn(start, "entry has no abstract");
    }

    let id_line = lines[id_at];
    let rest = id_line.trimmed()[6..].trim();
    let (id, journal_ref) = match rest.split_once(" - ") {
        Some((id, r)) => (id.trim(), Some(r.trim())),
        None => (rest.split_whitespace().next().unwrap_or(""), None),
    };
    match normalize_arxiv_id(id) {
        Some(id) => paper.arxiv_id = Some(id),
        None => ctx.warn(id_line.no, format!("malformed arXiv id {:?}; entry kept without an id", preview(id))),
    }

    if let Some(comment) = comment {
        meta::set_comment(&mut paper, &lines::join(&comment));
    }
    if let Some(reference) = journal_ref {
        meta::set_journal_ref(&mut paper, reference);
    }

    for line in &lines[id_at + 1..] {
        let t = line.trimmed();
        if is_created_line(t) {
            read_dates(t, line.no, &mut paper, ctx);
        } else if !t.is_empty() {
            ctx.warn(line.no, format!("unexpected text after the arXiv id ignored: {:?}", preview(t)));
        }
    }
    ctx.push(paper);
}

/// A one-paragraph record whose last line is a comment (`40 pages`) glued to the abstract.
fn split_glued_comment<'a>(paras: &mut [Vec<Line<'a>>]) -> Option<Vec<Line<'a>>> {
    let para = paras.first_mut()?;
    if para.len() < 2 {
        return None;
    }
    let last = para.last()?.trimmed();
    let facts = meta::comment_facts(last);
    let comment_like = facts.pages.is_some() || facts.figures.is_some() || facts.venue.is_some();
    let before = para[para.len() - 2].trimmed();
    if comment_like && last.len() < 300 && (before.ends_with('.') || before.ends_with(')')) {
        let line = para.pop()?;
        return Some(vec![line]);
    }
    None
}

fn read_dates(t: &str, line: u32, paper: &mut crate::schema::Paper, ctx: &mut Ctx) {
    let words: Vec<&str> = t.split_whitespace().collect();
    for pair in words.windows(2) {
        let slot = match pair[0] {
            "Created:" => &mut paper.published,
            "Updated:" => &mut paper.updated,
            _ => continue,
        };
        match Date::parse_iso(pair[1]) {
            Some(d) => *slot = Some(d.to_string()),
            None => {
                ctx.warn(line, format!("{} {:?} is not a date (YYYY-MM-DD); left empty", pair[0], preview(pair[1])))
            }
        }
    }
}

/// The bare arXiv id (`2511.14710`, `math.ST/0601001`) of `raw`, without `arXiv:` or a version suffix, or
/// `None` when `raw` is not an arXiv id.
pub fn normalize_arxiv_id(raw: &str) -> Option<String> {
    let id = raw.trim().trim_start_matches("arXiv:").trim_start_matches("arxiv:");
    let id = match id.rfind('v') {
        Some(at) if at > 0 && id[at + 1..].chars().all(|c| c.is_ascii_digit()) && at + 1 < id.len() => &id[..at],
        _ => id,
    };
    let new_style = id.split_once('.').is_some_and(|(yymm, num)| {
        yymm.len() == 4
            && yymm.chars().all(|c| c.is_ascii_digit())
            && (4..=5).contains(&num.len())
            && num.chars().all(|c| c.is_ascii_digit())
    });
    let old_style = id.split_once('/').is_some_and(|(archive, num)| {
        archive.chars().any(|c| c.is_ascii_alphabetic())
            && archive.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == '.')
            && num.len() == 7
            && num.chars().all(|c| c.is_ascii_digit())
    });
    (new_style || old_style).then(|| id.to_string())
}

pub fn preview(text: &str) -> String {
    let mut p: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        p.push('…');
    }
    p
}
