//! Metadata dumps: a JSON array of paper objects, or JSON Lines (one object per line). Records are read by
//! field name, in the shapes people have:
//!
//! - the arXiv metadata snapshot: `id`, `title`, `abstract`, `authors` (one string), `categories` (one
//!   space-separated string), `comments`, `journal-ref`, `versions[].created`, `update_date`;
//! - daily arXiv listings: `id`, `title`, `summary` (the abstract), `authors` (a list), `categories` (a
//!   list), `comment`; the listing's date is the input's capture date;
//! - conference lists (papercopilot): `title`, `abstract`, `author` (`;`-separated), `status`, `github`,
//!   with the venue and year taken from the file name (`nips2018.json` is NeurIPS 2018).
//!
//! Only these fields are read: personal fields in such dumps (e-mails, profiles, gender) never reach the
//! corpus, and unknown fields are ignored.

use serde_json::Value;

use super::Ctx;
use crate::date::Date;
use crate::formats::arxiv_feed::normalize_arxiv_id;
use crate::lines::Line;
use crate::meta;
use crate::schema::{ListingMeta, Paper, VenueStatus};
use crate::text;

/// A JSON dump announces itself on its first non-blank line (an array or an object): then it wins over
/// every line format.
pub fn score(lines: &[Line<'_>]) -> usize {
    let Some(first) = lines.iter().find(|l| !l.is_blank()) else { return 0 };
    let t = first.trimmed();
    let json = (t.starts_with('[') || t.starts_with('{'))
        && (t.len() == 1 || t[1..].trim_start().starts_with(['{', '"', ']']));
    if json {
        usize::MAX
    } else {
        0
    }
}

pub fn parse(source: &str, ctx: &mut Ctx) -> ListingMeta {
    let trimmed = source.trim_start();
    let offset = source.len() - trimmed.len();
    let file_venue = venue_from_file_name(&ctx.file);
    let read = |value: Value, line: u32, ctx: &mut Ctx| match value {
        Value::Object(_) => record(&value, line, file_venue.as_ref(), ctx),
        other => ctx.skipped(line, format!("expected a paper object, found {}", kind(&other))),
    };
    if trimmed.starts_with('[') {
        // One array: read its elements one by one, so a syntax error keeps what came before it. Line numbers
        // come from a cursor that only moves forward, so the whole array is counted once.
        let mut lines = LineCursor::default();
        let mut pos = offset + 1;
        let mut index = 0usize;
        loop {
            pos += skip_separators(&source[pos..]);
            if pos >= source.len() {
                ctx.skipped(lines.line_at(source, pos), "the JSON array is not closed with `]`");
                break;
            }
            if source[pos..].starts_with(']') {
                break;
            }
            let mut stream = serde_json::Deserializer::from_str(&source[pos..]).into_iter::<Value>();
            match stream.next() {
                Some(Ok(value)) => {
                    read(value, lines.line_at(source, pos), ctx);
                    pos += stream.byte_offset();
                    index += 1;
                }
                Some(Err(e)) => {
                    let line = lines.line_at(source, pos) + e.line() as u32 - 1;
                    ctx.skipped(
                        line,
                        format!("invalid JSON in record {}: {e}; the records before it are kept", index + 1),
                    );
                    break;
                }
                None => break,
            }
        }
    } else {
        for (i, line) in source.lines().enumerate() {
            let no = i as u32 + 1;
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(t) {
                Ok(value) => read(value, no, ctx),
                Err(e) => ctx.skipped(no, format!("invalid JSON: {e}")),
            }
        }
    }
    ListingMeta::default()
}

fn skip_separators(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_whitespace() || c == ',').len()
}

/// The 1-based line of byte positions that never go backwards: each call counts only the newlines since
/// the last one.
#[derive(Default)]
struct LineCursor {
    pos: usize,
    line: u32,
}

impl LineCursor {
    fn line_at(&mut self, source: &str, pos: usize) -> u32 {
        let pos = pos.min(source.len());
        if pos > self.pos {
            let newlines = source.as_bytes()[self.pos..pos].iter().filter(|&&b| b == b'\n').count();
            self.line = self.line.saturating_add(newlines as u32);
            self.pos = pos;
        }
        self.line + 1
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k).and_then(Value::as_str)).map(str::trim).filter(|s| !s.is_empty())
}

/// A list of strings given as a JSON list or as one string with separators.
fn list(v: &Value, key: &str, separators: &[&str]) -> Vec<String> {
    match v.get(key) {
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(text::normalize).filter(|s| !s.is_empty()).collect()
        }
        Some(Value::String(s)) => text::split_list(s, separators),
        _ => Vec::new(),
    }
}

/// A record written by Paperscope itself (an export): it has the corpus schema's own fields.
fn is_paperscope_record(v: &Value) -> bool {
    v.get("sources").is_some_and(Value::is_array) && v.get("abstract_truncated").is_some()
}

fn record(v: &Value, line: u32, file_venue: Option<&(String, u16)>, ctx: &mut Ctx) {
    if is_paperscope_record(v) {
        // Read back every field; the paper keeps its sources and gains this one.
        match serde_json::from_value::<Paper>(v.clone()) {
            Ok(mut paper) if !paper.title.is_empty() || !paper.abstract_text.is_empty() => {
                let here = ctx.record(line, "", "").sources;
                paper.sources.extend(here);
                for problem in check_record(&mut paper) {
                    ctx.warn(line, problem);
                }
                ctx.push(paper);
            }
            Ok(_) => ctx.skipped(line, "record has neither a title nor an abstract"),
            Err(e) => ctx.skipped(line, format!("a Paperscope record that does not fit the schema: {e}")),
        }
        return;
    }
    let Some(title) = string(v, &["title"]) else {
        ctx.skipped(line, "record has no title");
        return;
    };
    let abstract_raw = string(v, &["abstract", "summary"]).unwrap_or("");
    let mut paper: Paper = ctx.record(line, title, abstract_raw);
    if abstract_raw.is_empty() {
        ctx.warn(line, format!("record {:?} has no abstract", super::arxiv_feed::preview(title)));
    }
    let id = string(v, &["arxiv_id", "id"])
        .and_then(normalize_arxiv_id)
        .or_else(|| string(v, &["abs"]).and_then(|u| u.rsplit("/abs/").next()).and_then(normalize_arxiv_id));
    paper.arxiv_id = id;

    paper.authors =
        if v.get("author").is_some() { list(v, "author", &[";"]) } else { list(v, "authors", &[";", ", ", " and "]) };
    if !paper.authors.is_empty() {
        paper.author_count = Some(paper.authors.len() as u32);
    }
    paper.categories = list(v, "categories", &[" "]);

    if let Some(comment) = string(v, &["comments", "comment"]) {
        let comment = text::normalize(comment);
        let facts = meta::comment_facts(&comment);
        (paper.pages, paper.figures, paper.venue, paper.venue_status) =
            (facts.pages, facts.figures, facts.venue, facts.venue_status);
        paper.comment = Some(comment);
    }
    if let Some(reference) = string(v, &["journal-ref", "journal_ref"]) {
        paper.venue = Some(meta::find_venue(reference).unwrap_or_else(|| text::normalize(reference)));
        paper.venue_status = Some(VenueStatus::Accepted);
    }
    if let Some(url) = string(v, &["github"]) {
        if url.starts_with("http") && !paper.code_urls.iter().any(|u| u == url) {
            paper.code_urls.push(url.to_string());
        }
    }

    // Dates: arXiv versions, then explicit fields. A daily listing's records date from the listing (the
    // capture date); a conference list's come from the year in its file name, not from the capture.
    let versions: Vec<Date> = v
        .get("versions")
        .and_then(Value::as_array)
        .map(|vs| {
            vs.iter().filter_map(|x| x.get("created").and_then(Value::as_str)).filter_map(parse_any_date).collect()
        })
        .unwrap_or_default();
    let published = versions.first().copied().or_else(|| string(v, &["published", "date"]).and_then(parse_any_date));
    let updated = versions.last().copied().or_else(|| string(v, &["update_date", "updated"]).and_then(parse_any_date));
    paper.published = published.or(if file_venue.is_none() { ctx.captured } else { None }).map(|d| d.to_string());
    paper.updated = updated.map(|d| d.to_string()).filter(|u| Some(u) != paper.published.as_ref());
    if let Some((venue, year)) = file_venue {
        paper.year = Some(*year);
        if paper.venue.is_none() || v.get("status").is_some() {
            paper.venue = Some(venue.clone());
        }
    }
    // Conference lists: the status says how the venue treated the paper.
    if let Some(status) = string(v, &["status"]) {
        paper.venue_status = status_of(status);
    }
    ctx.push(paper);
}

/// Holds a record read back in the corpus schema to the rules the parsers keep: an arXiv id that is one, code
/// links that are http(s) URLs and nothing else, ISO dates, a year between 1900 and 2100. Such a record may
/// come from anyone, and its fields end up in links, BibTeX and CSV. Returns what was dropped.
fn check_record(paper: &mut Paper) -> Vec<String> {
    let mut dropped = Vec::new();
    if let Some(id) = paper.arxiv_id.take() {
        match normalize_arxiv_id(&id) {
            Some(bare) => paper.arxiv_id = Some(bare),
            None => dropped.push(format!("arxiv_id {:?} is not an arXiv id; dropped", super::arxiv_feed::preview(&id))),
        }
    }
    let before = paper.code_urls.len();
    paper.code_urls.retain(|u| text::urls(u).first().is_some_and(|found| found == u));
    if paper.code_urls.len() < before {
        dropped.push(format!("{} code links that are not plain http(s) URLs dropped", before - paper.code_urls.len()));
    }
    for (name, date) in [("published", &mut paper.published), ("updated", &mut paper.updated)] {
        if let Some(d) = date.take() {
            match Date::parse_iso(&d) {
                Some(ok) => *date = Some(ok.to_string()),
                None => dropped
                    .push(format!("{name} {:?} is not a date (YYYY-MM-DD); dropped", super::arxiv_feed::preview(&d))),
            }
        }
    }
    if let Some(year) = paper.year.filter(|y| !(1900..=2100).contains(y)) {
        paper.year = None;
        dropped.push(format!("year {year} is not between 1900 and 2100; dropped"));
    }
    dropped
}

/// `Poster`, `Oral`, `Spotlight`, `Accept (poster)` are acceptances; `Reject` and `Withdraw` are not.
fn status_of(status: &str) -> Option<VenueStatus> {
    let s = status.to_lowercase();
    if s.contains("reject") {
        Some(VenueStatus::Rejected)
    } else if s.contains("withdr") || s.contains("desk") {
        Some(VenueStatus::Withdrawn)
    } else if ["poster", "oral", "spotlight", "accept", "workshop", "active", "notable"].iter().any(|w| s.contains(w)) {
        Some(VenueStatus::Accepted)
    } else if s.contains("review") || s.contains("submitted") {
        Some(VenueStatus::UnderReview)
    } else {
        None
    }
}

/// `nips2018.json` -> (`NeurIPS 2018`, 2018); `iclr2014.json` -> (`ICLR 2014`, 2014).
pub fn venue_from_file_name(file: &str) -> Option<(String, u16)> {
    let stem = file.rsplit('/').next()?.split('.').next()?;
    let cut = stem.find(|c: char| c.is_ascii_digit())?;
    let year: u16 = stem[cut..].parse().ok().filter(|y| (1950..=2100).contains(y))?;
    let venue = meta::find_venue(&format!("{} {year}", stem[..cut].to_uppercase()))?;
    Some((venue, year))
}

/// ISO dates (`2023-05-01`, `2023-05-01T10:00:00Z`) and RFC 2822 (`Mon, 2 Apr 2007 19:18:42 GMT`).
fn parse_any_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(Date::parse_iso) {
        return Some(d);
    }
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let at = words.iter().position(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 2)?;
    let day: u8 = words[at].parse().ok()?;
    let month = Date::month_from_name(words.get(at + 1)?)?;
    let year: u16 = words.get(at + 2)?.parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_dumps() {
        assert_eq!(parse_any_date("Mon, 2 Apr 2007 19:18:42 GMT").map(|d| d.to_string()), Some("2007-04-02".into()));
        assert_eq!(parse_any_date("2023-05-01T10:00:00Z").map(|d| d.to_string()), Some("2023-05-01".into()));
        assert_eq!(parse_any_date("yesterday"), None);
    }

    #[test]
    fn venues_from_file_names() {
        assert_eq!(venue_from_file_name("nips2018.json"), Some(("NeurIPS 2018".into(), 2018)));
        assert_eq!(venue_from_file_name("data/iclr2014.json"), Some(("ICLR 2014".into(), 2014)));
        assert_eq!(venue_from_file_name("2026-05-12.jsonl"), None);
        assert_eq!(venue_from_file_name("papers.json"), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(status_of("Poster"), Some(VenueStatus::Accepted));
        assert_eq!(status_of("Oral Workshop"), Some(VenueStatus::Accepted));
        assert_eq!(status_of("Reject"), Some(VenueStatus::Rejected));
        assert_eq!(status_of("Withdraw"), Some(VenueStatus::Withdrawn));
        assert_eq!(status_of("???"), None);
    }
}
