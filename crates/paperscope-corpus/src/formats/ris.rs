//! RIS files as Zotero, Mendeley and Google Scholar export them: records from `TY  - <type>` to `ER  -`,
//! one `XX  - value` line per field (a line without a tag continues the field above it, as wrapped
//! abstracts do). Titles from `TI`/`T1`, authors from `AU`/`A1` (`Last, First` or as written), the year
//! from `PY`/`Y1`/`DA` (`2024///`, `2024/05/01/`), the abstract from `AB`/`N2`, the venue from `T2`/`JO`/`JF`/`BT`
//! (not for a preprint server), the arXiv id from an arxiv.org `UR`, a `10.48550/arXiv.` `DO`, or a note.

use super::arxiv_feed::preview;
use super::Ctx;
use crate::date::Date;
use crate::lines::Line;
use crate::schema::{ListingMeta, Paper};
use crate::{meta, text};

/// How much `lines` look like RIS: three points per `TY  -` line, one per `ER  -` line.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| match tag(l.text) {
            Some(("TY", _)) => 3,
            Some(("ER", _)) => 1,
            _ => 0,
        })
        .sum()
}

/// `XX  - value`: the tag and the value (the spaces before the hyphen may be one or two; the value may be
/// empty, as after `ER`).
fn tag(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let ok = b.len() >= 5
        && b[0].is_ascii_uppercase()
        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
        && b[2] == b' ';
    if !ok {
        return None;
    }
    let rest = line[2..].trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    Some((&line[..2], value.strip_prefix(' ').unwrap_or(value).trim_end()))
}

/// One record's fields, in order, each with its line.
type Fields<'a> = Vec<(&'a str, String, u32)>;

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut record: Option<(u32, Fields<'_>)> = None;
    for line in lines {
        match tag(line.text) {
            Some(("TY", kind)) => {
                if let Some((start, fields)) = record.take() {
                    ctx.warn(start, "record has no `ER  -` line before the next `TY`; read as ending there");
                    finish(start, &fields, ctx);
                }
                record = Some((line.no, vec![("TY", kind.to_string(), line.no)]));
            }
            Some(("ER", _)) => match record.take() {
                Some((start, fields)) => finish(start, &fields, ctx),
                None => ctx.skipped(line.no, "`ER  -` with no record open"),
            },
            Some((name, value)) => match record.as_mut() {
                Some((_, fields)) => fields.push((name, value.to_string(), line.no)),
                None => {
                    ctx.skipped(line.no, format!("field outside any record ignored: {:?}", preview(line.trimmed())))
                }
            },
            None if line.is_blank() => {}
            None => match record.as_mut().and_then(|(_, f)| f.last_mut()) {
                // A wrapped value continues the field above.
                Some((_, value, _)) => {
                    value.push(' ');
                    value.push_str(line.trimmed());
                }
                None => ctx.skipped(line.no, format!("text outside any record ignored: {:?}", preview(line.trimmed()))),
            },
        }
    }
    if let Some((start, fields)) = record {
        ctx.warn(start, "the last record has no `ER  -` line; read as ending at the end of the file");
        finish(start, &fields, ctx);
    }
    ListingMeta::default()
}

fn finish(start: u32, fields: &Fields<'_>, ctx: &mut Ctx) {
    let all = |names: &[&str]| values(fields, names);
    // The first field of the first of `names` the record has: `DA` (a whole date) before `PY` (a year).
    let first = |names: &[&str]| names.iter().find_map(|n| values(fields, &[n]).first().copied());
    let title = first(&["TI", "T1", "CT"]).unwrap_or("");
    let abstract_text = first(&["AB", "N2"]).unwrap_or("");
    if title.is_empty() && abstract_text.is_empty() {
        ctx.skipped(start, "record has no title (`TI`) and no abstract (`AB`)");
        return;
    }
    let mut paper = ctx.record(start, title, abstract_text);
    let mut partial = false;
    paper.authors = all(&["AU", "A1"])
        .into_iter()
        .filter(|a| {
            let others = a.eq_ignore_ascii_case("others") || a.eq_ignore_ascii_case("et al.");
            partial |= others;
            !others
        })
        .map(|a| match a.split_once(',') {
            Some((last, first)) if !first.trim().is_empty() => {
                text::normalize(&format!("{} {}", first.trim(), last.trim()))
            }
            _ => text::normalize(a),
        })
        .collect();
    paper.authors_partial = partial;
    paper.author_count = (!partial && !paper.authors.is_empty()).then_some(paper.authors.len() as u32);
    if let Some(date) = first(&["DA", "PY", "Y1"]) {
        read_date(date, start, &mut paper, ctx);
    }
    let kind = first(&["TY"]).unwrap_or("");
    // What Paperscope's own export said the record lacks comes back as it was; the first other note is the
    // comment, read before the venue field so that the record's own venue wins over what the comment says.
    let mut comment = None;
    for note in all(&["N1"]) {
        if !paper.read_incomplete_note(note) && comment.is_none() {
            comment = Some(note);
        }
    }
    if let Some(note) = comment {
        meta::set_comment(&mut paper, note);
    }
    let venue = first(&["T2", "JO", "JF", "BT", "J2", "JA"]).filter(|v| !meta::is_preprint_server(v));
    if let Some(venue) = venue.filter(|_| kind != "UNPB") {
        meta::set_journal_ref(&mut paper, venue);
    }
    let links = all(&["UR", "L1", "L2", "DO", "N1", "M3"]);
    // Google Scholar names the preprint as the journal: `JO  - arXiv preprint arXiv:1412.6980`.
    let places = links.iter().chain(all(&["JO", "T2", "JF"]).iter()).copied().collect::<Vec<_>>();
    paper.arxiv_id = places.iter().find_map(|l| meta::arxiv_id_after(l, meta::ARXIV_MARKERS));
    paper.code_urls = links
        .iter()
        .flat_map(|l| text::urls(l))
        .filter(|u| !u.contains("arxiv.org") && !u.contains("doi.org"))
        .collect();
    ctx.push(paper);
}

/// The non-empty values of the fields named `names`, in order.
fn values<'a>(fields: &'a Fields<'_>, names: &[&str]) -> Vec<&'a str> {
    fields.iter().filter(|(n, v, _)| names.contains(n) && !v.is_empty()).map(|(_, v, _)| v.as_str()).collect()
}

/// `2024`, `2024///`, `2024/05/01/`, `2024-05-01`: the year, and the day when the date is whole.
fn read_date(raw: &str, line: u32, paper: &mut Paper, ctx: &mut Ctx) {
    let parts: Vec<&str> = raw.split(['/', '-']).collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<u16>().ok());
    match num(0) {
        Some(y) if (1900..=2100).contains(&y) => {
            paper.year = Some(y);
            if let Some(d) = num(1).zip(num(2)).and_then(|(m, d)| Date::new(y, m as u8, d as u8)) {
                paper.published = Some(d.to_string());
            }
        }
        _ => ctx.warn(line, format!("date {:?} has no year; left empty", preview(raw))),
    }
}
