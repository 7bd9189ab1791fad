//! arXiv's subject listings as a browser copies them: "new submissions" (each entry with its abstract, in
//! sections for new papers, cross-lists and replacements) and "recent submissions" (no abstracts, grouped
//! under dates). Each entry is `[N] arXiv:ID [pdf, html, other]` (with `(cross-list from X)` or `(replaced)`
//! after the id), then `Title:` (wrapped titles continue on the next lines), `Authors:`, optional
//! `Comments:`, `Journal-ref:` and other fields, `Subjects:`, and the abstract's lines.

use super::arxiv_feed::{normalize_arxiv_id, preview};
use super::Ctx;
use crate::date::{Date, ShownDate};
use crate::lines::{self, Line};
use crate::schema::{ListingMeta, Paper};
use crate::{meta, text};

/// How much `lines` look like an arXiv listing: three points per numbered `[N] arXiv:` entry line, two per
/// `Title:` or `Subjects:` line, three for the listing's header.
pub fn score(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| {
            let t = l.trimmed();
            if t.starts_with('[') && entry_start(t).is_some() {
                3
            } else if t.starts_with("Title:") || t.starts_with("Subjects:") {
                2
            } else if t.starts_with("Authors and titles for") || t.starts_with("Showing new listings for") {
                3
            } else {
                0
            }
        })
        .sum()
}

/// Which section of a listing an entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    New,
    CrossList,
    Replaced,
}

/// An entry's first line: the bare arXiv id, and whether the line calls it a cross-list or a replacement.
struct Start<'a> {
    id: &'a str,
    section: Option<Section>,
}

/// Reads `[N] arXiv:ID (cross-list from X) [pdf, ...]`; the number and the bracketed links are optional.
fn entry_start(t: &str) -> Option<Start<'_>> {
    let rest = match t.strip_prefix('[') {
        Some(numbered) => {
            let (n, rest) = numbered.split_once(']')?;
            n.trim().parse::<u32>().ok()?;
            rest.trim_start()
        }
        None => t,
    };
    let rest = rest.get(..6).filter(|p| p.eq_ignore_ascii_case("arxiv:")).map(|_| &rest[6..])?;
    let id = rest.split_whitespace().next()?;
    let after = &rest[rest.find(id)? + id.len()..];
    let section = if after.contains("(cross-list") {
        Some(Section::CrossList)
    } else if after.contains("(replaced)") {
        Some(Section::Replaced)
    } else {
        None
    };
    Some(Start { id, section })
}

/// A section heading: `New submissions (showing 3 of 3 entries)`, `Cross submissions ...`, `Cross-lists for
/// Fri, 21 Nov 25`, `Replacement submissions ...`, `Replacements for ...`.
fn section_heading(t: &str) -> Option<Section> {
    let lower = t.to_lowercase();
    if lower.starts_with("new submissions") {
        Some(Section::New)
    } else if lower.starts_with("cross submissions") || lower.starts_with("cross-lists") {
        Some(Section::CrossList)
    } else if lower.starts_with("replacement submissions") || lower.starts_with("replacements") {
        Some(Section::Replaced)
    } else {
        None
    }
}

/// A date heading (`Fri, 21 Nov 2025`; `Showing new listings for Friday, 21 November 2025`): the day the
/// entries under it were announced.
fn date_heading(t: &str) -> Option<Date> {
    let t = t.strip_prefix("Showing new listings for").unwrap_or(t).trim();
    let (weekday, rest) = t.split_once(',')?;
    let weekday = weekday.trim().to_lowercase();
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    if !DAYS.iter().any(|d| d.starts_with(&weekday) && weekday.len() >= 3) {
        return None;
    }
    let shown = ShownDate::parse(rest.trim())?;
    // arXiv writes two-digit years in some headings (`Fri, 21 Nov 25`).
    let year = match shown.year {
        Some(y) => y,
        None => match shown.trailing_number {
            Some(y) if y < 100 => 2000 + y as u16,
            _ => return None,
        },
    };
    Date::new(year, shown.month, shown.day)
}

/// Lines of the page around the entries, read for nothing.
fn is_chrome(t: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Authors and titles for",
        "Titles and authors for",
        "See today's",
        "See recent",
        "Total of ",
        "Showing up to",
        "[ showing",
        "Skipped:",
        "Disable MathJax",
        "Links to:",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p)) || t.starts_with("Showing new listings for")
}

/// The fields an entry may have, as arXiv names them.
const FIELDS: &[&str] =
    &["Title", "Authors", "Comments", "Journal-ref", "Subjects", "Report-no", "MSC-class", "ACM-class", "DOI"];

/// `Name: value` for one of [`FIELDS`].
fn field(t: &str) -> Option<(&'static str, &str)> {
    let (name, value) = t.split_once(':')?;
    FIELDS.iter().find(|f| **f == name.trim_end()).map(|f| (*f, value.trim()))
}

pub fn parse(lines: &[Line<'_>], ctx: &mut Ctx) -> ListingMeta {
    let mut meta = ListingMeta::default();
    let mut section = Section::New;
    let mut announced: Option<Date> = None;
    let mut entry: Vec<Line<'_>> = Vec::new();
    let mut seen_entry = false;
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let t = line.trimmed();
        let heading = section_heading(t);
        let date = date_heading(t);
        let starts = entry_start(t).is_some();
        if (starts || heading.is_some() || date.is_some()) && !entry.is_empty() {
            read_entry(&entry, section, announced, ctx);
            entry.clear();
        }
        if let Some(s) = heading {
            section = s;
        } else if let Some(d) = date {
            announced = Some(d);
            meta.page_date.get_or_insert_with(|| d.to_string());
        } else if starts {
            seen_entry = true;
            entry.push(*line);
        } else if !entry.is_empty() {
            entry.push(*line);
        } else if is_chrome(t) {
            // Page furniture: counts, links, paging.
        } else if !seen_entry && meta.page_title.is_none() && t.chars().count() <= 80 {
            // The listing's subject heads the page (`Machine Learning`).
            meta.page_title = Some(text::normalize(t));
        } else {
            ctx.skipped(line.no, format!("text outside any entry ignored: {:?}", preview(t)));
        }
    }
    if !entry.is_empty() {
        read_entry(&entry, section, announced, ctx);
    }
    meta
}

/// One entry: its first line, its fields (wrapped values continue on the next lines) and its abstract.
fn read_entry(lines: &[Line<'_>], section: Section, announced: Option<Date>, ctx: &mut Ctx) {
    let first = lines[0];
    let Some(start) = entry_start(first.trimmed()) else { return };
    let mut fields: Vec<(&'static str, u32, Vec<&str>)> = Vec::new();
    let mut abstract_lines: Vec<Line<'_>> = Vec::new();
    for line in &lines[1..] {
        let t = line.trimmed();
        if !abstract_lines.is_empty() {
            abstract_lines.push(*line);
        } else if let Some((name, value)) = field(t) {
            fields.push((name, line.no, vec![value]));
        } else {
            // A title or author list wraps onto the next lines; after the other fields the abstract begins.
            // An indented line always continues the field above it.
            let indented = line.text.starts_with([' ', '\t']);
            match fields.last_mut() {
                Some((name, _, value)) if indented || matches!(*name, "Title" | "Authors") => value.push(t),
                _ => abstract_lines.push(*line),
            }
        }
    }
    let value = |name: &str| fields.iter().find(|(n, _, _)| *n == name).map(|(_, _, v)| v.join(" "));
    let title = value("Title").unwrap_or_default();
    let mut paper = ctx.record(first.no, &title, &lines::join(&abstract_lines));
    if title.is_empty() {
        ctx.warn(first.no, "entry has no `Title:` line");
    }
    let shared = Shared {
        id: start.id,
        authors: value("Authors"),
        comment: value("Comments"),
        journal_ref: value("Journal-ref"),
    };
    shared.read_into(&mut paper, first.no, ctx);
    if let Some(subjects) = value("Subjects") {
        paper.categories = categories(&subjects);
    }
    // A listing announces new papers and cross-lists on the day they appear; a replacement is an old paper.
    let section = start.section.unwrap_or(section);
    if section != Section::Replaced {
        paper.published = announced.map(|d| d.to_string());
    }
    ctx.push(paper);
}

/// What every arXiv page says of an entry, as written there: its id, author line, comments and journal
/// reference.
pub struct Shared<'a> {
    pub id: &'a str,
    pub authors: Option<String>,
    pub comment: Option<String>,
    pub journal_ref: Option<String>,
}

impl Shared<'_> {
    /// Sets the paper's id (a malformed one is reported at `line`), authors, comment and venue.
    pub fn read_into(&self, paper: &mut Paper, line: u32, ctx: &mut Ctx) {
        match normalize_arxiv_id(self.id) {
            Some(id) => paper.arxiv_id = Some(id),
            None => ctx.warn(line, format!("malformed arXiv id {:?}; entry kept without an id", preview(self.id))),
        }
        if let Some(authors) = &self.authors {
            set_authors(paper, authors);
        }
        if let Some(comment) = &self.comment {
            meta::set_comment(paper, comment);
        }
        if let Some(reference) = &self.journal_ref {
            meta::set_journal_ref(paper, reference);
        }
    }
}

/// Reads an arXiv author line (`A, B, C`; `A, B and C`), noting when it says it names only some of them
/// (`et al.`, `(25 additional authors not shown)`).
fn set_authors(paper: &mut Paper, line: &str) {
    let mut line = line.trim();
    let mut hidden: Option<u32> = None;
    if let Some(open) = line.rfind('(') {
        let inside = line[open + 1..].trim_end_matches(')');
        if let Some(n) = inside.strip_suffix("additional authors not shown") {
            hidden = n.trim().parse().ok();
            line = line[..open].trim_end();
        }
    }
    let mut names = text::split_list(line, &[", ", " and ", ","]);
    let et_al = names.last().is_some_and(|n| n.ends_with("et al.") || n.ends_with("et al"));
    if let Some(last) = names.last_mut().filter(|_| et_al) {
        *last = last.trim_end_matches('.').trim_end_matches("et al").trim().to_string();
        if last.is_empty() {
            names.pop();
        }
    }
    paper.author_count = Some(names.len() as u32 + hidden.unwrap_or(0));
    paper.authors_partial = et_al || hidden.is_some();
    paper.authors = names;
}

/// `Machine Learning (cs.LG); Computation and Language (cs.CL)`: the category codes in parentheses.
fn categories(subjects: &str) -> Vec<String> {
    subjects
        .split(';')
        .filter_map(|s| {
            let s = s.trim();
            let code = s.rsplit_once('(').map(|(_, c)| c.trim_end_matches(')').trim())?;
            is_category(code).then(|| code.to_string())
        })
        .collect()
}

/// An arXiv category code: `cs.LG`, `math.OC`, `hep-th`, `stat.ML`.
pub fn is_category(code: &str) -> bool {
    let (archive, sub) = code.split_once('.').unwrap_or((code, ""));
    !archive.is_empty()
        && archive.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && sub.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && code.len() <= 20
}
