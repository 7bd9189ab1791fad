//! BibTeX files as Zotero, Mendeley, Google Scholar and dblp export them: `@article{key, field = {value},
//! ...}` entries (in braces or parentheses; values in braces, in quotes, numbers or `@string` macros joined
//! with `#`; the month macros `jan`..`dec`), `@string`, `@preamble` and `@comment` blocks, and text between
//! entries, which BibTeX ignores too. Values are LaTeX (`{\"o}`, `\'e`, `{BERT}`), read into Unicode.
//!
//! The arXiv id comes from `eprint` (with `archiveprefix = {arXiv}`, or shaped like one), an `arxiv` field,
//! an arxiv.org URL, a `10.48550/arXiv.` DOI, Google Scholar's `journal = {arXiv preprint arXiv:ID}` or
//! dblp's `journal = {CoRR}, volume = {abs/ID}`; a journal or proceedings that is not arXiv is the venue.
//!
//! One pass over the text: an entry whose brace or quote is not closed ends where a later line starts a new
//! entry, and is reported with its line.

use std::collections::HashMap;

use super::arxiv_feed::{normalize_arxiv_id, preview};
use super::Ctx;
use crate::date::Date;
use crate::lines::Line;
use crate::schema::{ListingMeta, Paper};
use crate::{meta, text};

/// How much `lines` look like BibTeX: three points per line starting an entry (`@article{`).
pub fn score(lines: &[Line<'_>]) -> usize {
    lines.iter().filter(|l| entry_type(l.trimmed()).is_some()).count() * 3
}

/// `@article{` or `@Article (`: the entry type, lower case.
fn entry_type(t: &str) -> Option<String> {
    let rest = t.strip_prefix('@')?;
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let after = rest[len..].trim_start_matches([' ', '\t']);
    (len > 0 && len <= 32 && after.starts_with(['{', '('])).then(|| rest[..len].to_ascii_lowercase())
}

pub fn parse(text: &str, ctx: &mut Ctx) -> ListingMeta {
    let mut reader = Reader { text, i: 0, line: 1, macros: HashMap::new() };
    while reader.next_entry() {
        let (line, at) = (reader.line, reader.i);
        match reader.entry() {
            Ok(Some(entry)) => record(&entry, line, ctx),
            Ok(None) => {}
            Err(why) => {
                let start = text[at..].lines().next().unwrap_or("");
                ctx.skipped(line, format!("entry {:?} skipped: {why}", preview(start)));
            }
        }
    }
    ListingMeta::default()
}

/// One entry: its type and fields (names in lower case, values as written with macros expanded).
struct Entry {
    kind: String,
    fields: Vec<(String, String)>,
}

impl Entry {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
}

/// The month macros every BibTeX style defines.
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

struct Reader<'a> {
    text: &'a str,
    i: usize,
    line: u32,
    macros: HashMap<String, String>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        if b == b'\n' {
            self.line += 1;
        }
        Some(b)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.bump();
        }
    }

    /// At the start of a line that starts an entry: where an unclosed value must stop.
    fn at_line_entry(&self) -> bool {
        self.i > 0 && self.text.as_bytes()[self.i - 1] == b'\n' && entry_type(self.rest_of_line()).is_some()
    }

    /// The rest of the current line, at most 64 bytes of it (cut at a character's start).
    fn rest_of_line(&self) -> &str {
        let rest = &self.text[self.i..];
        let mut end = rest.find('\n').unwrap_or(rest.len()).min(64);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        &rest[..end]
    }

    /// Moves to the next `@` that starts an entry; false at the end of the text.
    fn next_entry(&mut self) -> bool {
        while let Some(b) = self.peek() {
            if b == b'@' && entry_type(self.rest_of_line()).is_some() {
                return true;
            }
            self.bump();
        }
        false
    }

    /// A name: a field, a macro, a key (letters, digits and `_-:.+/`).
    fn name(&mut self) -> &str {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b"_-:.+/'".contains(&b)) {
            self.bump();
        }
        &self.text[start..self.i]
    }

    /// Reads the entry at `@`: `Ok(None)` for `@string`, `@preamble` and `@comment`.
    fn entry(&mut self) -> Result<Option<Entry>, String> {
        self.bump(); // @
        let kind = self.name().to_ascii_lowercase();
        self.skip_space();
        let close = match self.bump() {
            Some(b'{') => b'}',
            _ => b')',
        };
        match kind.as_str() {
            "comment" | "preamble" => {
                self.value_until(close)?;
                return Ok(None);
            }
            "string" => {
                self.skip_space();
                let name = self.name().to_ascii_lowercase();
                self.skip_space();
                if self.bump() != Some(b'=') {
                    return Err(format!("@string {name:?} has no `=`"));
                }
                let value = self.value()?;
                self.skip_space();
                if self.bump() != Some(close) {
                    return Err(format!("@string {name:?} is not closed"));
                }
                self.macros.insert(name, value);
                return Ok(None);
            }
            _ => {}
        }
        self.skip_space();
        self.name(); // the citation key
        let mut fields = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err("it is not closed before the end of the file".into()),
                Some(b) if b == close => {
                    self.bump();
                    return Ok(Some(Entry { kind, fields }));
                }
                Some(b',') => {
                    self.bump();
                }
                Some(b'@') if self.at_line_entry() => return Err("it is not closed before the next entry".into()),
                Some(b) => {
                    let name = self.name().to_ascii_lowercase();
                    if name.is_empty() {
                        return Err(format!("unexpected {:?} where a field name belongs", b as char));
                    }
                    self.skip_space();
                    if self.bump() != Some(b'=') {
                        return Err(format!("field `{name}` has no `=`"));
                    }
                    let value = self.value()?;
                    fields.push((name, value));
                }
            }
        }
    }

    /// A field's value: parts in braces or quotes, numbers and macros, joined by `#`.
    fn value(&mut self) -> Result<String, String> {
        let mut out = String::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'{') => {
                    self.bump();
                    out.push_str(&self.value_until(b'}')?);
                }
                Some(b'"') => {
                    self.bump();
                    out.push_str(&self.value_until(b'"')?);
                }
                Some(b) if b.is_ascii_alphanumeric() => {
                    let name = self.name().to_string();
                    let lower = name.to_ascii_lowercase();
                    match self.macros.get(&lower) {
                        Some(v) => out.push_str(v),
                        None => match MONTHS.iter().position(|m| *m == lower) {
                            Some(m) => out.push_str(&(m + 1).to_string()),
                            None => out.push_str(&name),
                        },
                    }
                }
                _ => return Err("a field has no value".into()),
            }
            self.skip_space();
            if self.peek() == Some(b'#') {
                self.bump();
            } else {
                return Ok(out);
            }
        }
    }

    /// The text up to `end` at brace depth 0 (the opening delimiter already read), nested braces kept.
    /// Stops with an error at a line that starts a new entry, so an unclosed value never swallows the file.
    fn value_until(&mut self, end: u8) -> Result<String, String> {
        let start = self.i;
        let mut depth = 0usize;
        loop {
            if self.at_line_entry() {
                return Err("a brace or quote is not closed before the next entry".into());
            }
            let Some(b) = self.bump() else {
                return Err("a brace or quote is not closed before the end of the file".into());
            };
            match b {
                // An escaped delimiter (`\{`, `\"`) is text.
                b'\\' if self.peek().is_some_and(|n| n != b'\n') => {
                    self.bump();
                }
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                _ if b == end && depth == 0 => return Ok(self.text[start..self.i - 1].to_string()),
                _ => {}
            }
        }
    }
}

/// The paper an entry describes.
fn record(entry: &Entry, line: u32, ctx: &mut Ctx) {
    let title = entry.get("title").unwrap_or("");
    let abstract_text = entry.get("abstract").unwrap_or("");
    if title.is_empty() && abstract_text.is_empty() {
        ctx.skipped(line, format!("@{} entry has no title and no abstract", entry.kind));
        return;
    }
    let mut paper = ctx.record(line, &unbrace(title), &unbrace(abstract_text));
    if let Some(authors) = entry.get("author").or_else(|| entry.get("editor")) {
        set_authors(&mut paper, authors);
    }
    if let Some(year) = entry.get("year") {
        match year.trim().parse::<u16>() {
            Ok(y) if (1900..=2100).contains(&y) => paper.year = Some(y),
            _ => ctx.warn(line, format!("year {:?} is not a year; left empty", preview(year))),
        }
    }
    if let Some(date) = entry.get("date").and_then(|d| Date::parse_iso(d.get(..10).unwrap_or(d))) {
        paper.published = Some(date.to_string());
    }
    let journal = entry.get("journal").or_else(|| entry.get("journaltitle"));
    let venue = journal.or_else(|| entry.get("booktitle"));
    paper.arxiv_id = arxiv_id(entry, journal);
    // The note first: what it says of a venue gives way to the entry's own journal or proceedings.
    if let Some(note) = entry.get("note").or_else(|| entry.get("comment")) {
        let note = text::normalize(&unbrace(note));
        if !note.starts_with(crate::schema::INCOMPLETE) {
            meta::set_comment(&mut paper, &note);
        }
    }
    if let Some(venue) = venue.map(unbrace).filter(|v| !meta::is_preprint_server(v)) {
        meta::set_journal_ref(&mut paper, &venue);
    }
    if let Some(url) = entry.get("url") {
        paper.code_urls.extend(text::urls(url).into_iter().filter(|u| !u.contains("arxiv.org")));
    }
    ctx.push(paper);
}

/// The arXiv id an entry gives, wherever it gives it.
fn arxiv_id(entry: &Entry, journal: Option<&str>) -> Option<String> {
    let archive = entry.get("archiveprefix").or_else(|| entry.get("eprinttype")).unwrap_or("");
    let eprint = entry.get("eprint").filter(|_| archive.is_empty() || archive.eq_ignore_ascii_case("arxiv"));
    eprint
        .and_then(normalize_arxiv_id)
        .or_else(|| entry.get("arxiv").and_then(normalize_arxiv_id))
        .or_else(|| journal.and_then(|j| meta::arxiv_id_after(j, &["arxiv:"])))
        .or_else(|| {
            let corr = journal.is_some_and(|j| j.trim().eq_ignore_ascii_case("corr"));
            entry.get("volume").filter(|_| corr).and_then(|v| normalize_arxiv_id(v.trim().trim_start_matches("abs/")))
        })
        .or_else(|| entry.get("url").and_then(|u| meta::arxiv_id_after(u, &meta::ARXIV_MARKERS[..2])))
        .or_else(|| entry.get("doi").and_then(|d| meta::arxiv_id_after(d, &["10.48550/arxiv."])))
}

/// BibTeX's author list: names joined by `and` (outside braces, so `{Barnes and Noble}` is one), each
/// `First Last` or `Last, First` (or `Last, Jr, First`); `and others` says the list is partial.
fn set_authors(paper: &mut Paper, list: &str) {
    let mut names = Vec::new();
    let mut partial = false;
    for raw in split_and(list) {
        let name = raw.trim();
        if name.eq_ignore_ascii_case("others") {
            partial = true;
            continue;
        }
        let parts: Vec<&str> = split_top(name, ',').into_iter().map(str::trim).collect();
        let ordered = match parts.as_slice() {
            [last, first] => format!("{first} {last}"),
            [last, jr, first] => format!("{first} {last} {jr}"),
            _ => name.to_string(),
        };
        let ordered = text::normalize(&unbrace(&ordered));
        if !ordered.is_empty() {
            names.push(ordered);
        }
    }
    paper.author_count = (!partial).then_some(names.len() as u32);
    paper.authors_partial = partial;
    paper.authors = names;
}

/// Splits at ` and ` (any case, any whitespace around it) outside braces.
fn split_and(list: &str) -> Vec<&str> {
    let bytes = list.as_bytes();
    let (mut out, mut start, mut depth, mut i) = (Vec::new(), 0, 0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b if b.is_ascii_whitespace() && depth == 0 => {
                let rest = &list[i..];
                let word = rest.trim_start();
                let and = word.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("and"));
                if and && word.as_bytes().get(3).is_some_and(u8::is_ascii_whitespace) {
                    out.push(&list[start..i]);
                    let skipped = rest.len() - word.len() + 3;
                    i += skipped;
                    start = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&list[start..]);
    out
}

/// Splits at `sep` outside braces.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let (mut out, mut start, mut depth) = (Vec::new(), 0, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The text with the braces BibTeX uses to protect case (`{BERT}`, `{{Title}}`) taken away; braces that
/// belong to a LaTeX command (`\"{o}`, `\emph{x}`) are left for the LaTeX reader.
fn unbrace(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut command = false;
    let mut kept: Vec<bool> = Vec::new();
    for c in value.chars() {
        match c {
            '{' => {
                kept.push(command);
                if command {
                    out.push(c);
                }
                command = false;
            }
            '}' => {
                if kept.pop().unwrap_or(false) {
                    out.push(c);
                } else if command {
                    // `{\L}ukasz`: the command must still end where its group did.
                    out.push_str("{}");
                }
                command = false;
            }
            '\\' => {
                command = true;
                out.push(c);
            }
            c if command && (c.is_ascii_alphabetic() || "\"'`^~=.".contains(c)) => out.push(c),
            c => {
                command = false;
                out.push(c);
            }
        }
    }
    out
}
