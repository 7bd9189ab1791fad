//! One module per listing format. Each says how much a text looks like its format (`score`, what
//! [`crate::detect`] compares) and reads it (`parse`): it walks the numbered lines and pushes records and
//! diagnostics into a shared [`Ctx`], which also does the per-record work every format needs (normalising
//! text, reading code URLs, noticing truncation).
//!
//! Adding a format: a module here with `score` and `parse`, a variant of [`Format`] with its name, and one
//! row in [`READERS`]. Detection, parsing and every list of format names (the CLI's usage, the page's
//! format menu) follow from these.

pub mod arxiv_feed;
pub mod arxiv_list;
pub mod arxiv_search;
pub mod author_profile;
pub mod bib;
pub mod hf_daily;
pub mod hf_search;
pub mod metadata_json;
pub mod ris;

use crate::date::{Date, ShownDate};
use crate::lines::Line;
use crate::schema::ListingMeta;
use crate::schema::{Paper, Source};
use crate::text;
use crate::{Diagnostic, Format, ParseOptions, Severity};

/// A listing format's detection and parser.
pub struct Reader {
    pub format: Format,
    /// How much a text looks like this format (0: not at all). The highest score of at least 2 wins.
    pub score: fn(&[Line<'_>]) -> usize,
    /// Reads the text (as a whole, and as numbered lines).
    pub parse: fn(&str, &[Line<'_>], &mut Ctx) -> ListingMeta,
}

/// Every format, in [`Format::ALL`]'s order (a test checks it): on equal scores the first wins.
pub const READERS: [Reader; 9] = [
    Reader {
        format: Format::ArxivFeed,
        score: arxiv_feed::score,
        parse: |_, lines, ctx| arxiv_feed::parse(lines, ctx),
    },
    Reader { format: Format::HfSearch, score: hf_search::score, parse: |_, lines, ctx| hf_search::parse(lines, ctx) },
    Reader {
        format: Format::AuthorProfile,
        score: author_profile::score,
        parse: |_, lines, ctx| author_profile::parse(lines, ctx),
    },
    Reader { format: Format::HfDaily, score: hf_daily::score, parse: |_, lines, ctx| hf_daily::parse(lines, ctx) },
    Reader { format: Format::Json, score: metadata_json::score, parse: |text, _, ctx| metadata_json::parse(text, ctx) },
    Reader {
        format: Format::ArxivList,
        score: arxiv_list::score,
        parse: |_, lines, ctx| arxiv_list::parse(lines, ctx),
    },
    Reader {
        format: Format::ArxivSearch,
        score: arxiv_search::score,
        parse: |_, lines, ctx| arxiv_search::parse(lines, ctx),
    },
    Reader { format: Format::Bibtex, score: bib::score, parse: |text, _, ctx| bib::parse(text, ctx) },
    Reader { format: Format::Ris, score: ris::score, parse: |_, lines, ctx| ris::parse(lines, ctx) },
];

/// The reader of `format`.
pub fn reader(format: Format) -> &'static Reader {
    READERS.iter().find(|r| r.format == format).unwrap_or(&READERS[0])
}

pub struct Ctx {
    pub file: String,
    format: Format,
    pub captured: Option<Date>,
    papers: Vec<Paper>,
    diagnostics: Vec<Diagnostic>,
}

impl Ctx {
    pub fn new(options: &ParseOptions, format: Format) -> Ctx {
        Ctx {
            file: options.file.clone(),
            format,
            captured: options.captured,
            papers: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// A record for the entry starting at `line`, with its title and abstract normalised.
    pub fn record(&self, line: u32, title: &str, abstract_raw: &str) -> Paper {
        let abstract_text = text::normalize(abstract_raw);
        let truncated = text::looks_truncated(&abstract_text);
        Paper {
            title: text::normalize(title),
            code_urls: text::urls(&abstract_text),
            abstract_text,
            abstract_truncated: truncated,
            sources: vec![Source { file: self.file.clone(), line, format: self.format, label: None }],
            ..Paper::default()
        }
    }

    /// Adds a record, its fields cut to [`crate::limits`] (each cut reported at the record's line).
    pub fn push(&mut self, mut paper: Paper) {
        let line = paper.sources.last().map_or(1, |s| s.line);
        for cut in crate::limits::enforce(&mut paper) {
            self.warn(line, cut);
        }
        self.papers.push(paper);
    }

    pub fn skipped(&mut self, line: u32, message: impl Into<String>) {
        self.diagnose(line, Severity::Skipped, message.into());
    }

    pub fn warn(&mut self, line: u32, message: impl Into<String>) {
        self.diagnose(line, Severity::Warning, message.into());
    }

    fn diagnose(&mut self, line: u32, severity: Severity, message: String) {
        self.diagnostics.push(Diagnostic { file: self.file.clone(), line, severity, message });
    }

    /// Sets `published` from a date as shown on the page, taking the capture year when it has none.
    pub fn set_shown_date(&mut self, paper: &mut Paper, line: u32, shown: ShownDate, raw: &str) {
        match shown.resolve(self.captured) {
            Some(date) => paper.published = Some(date.to_string()),
            None if shown.year.is_none() && self.captured.is_none() => self.warn(
                line,
                format!(
                    "date {raw:?} has no year and no capture date was given (--captured YYYY-MM-DD); date left empty"
                ),
            ),
            None => self.warn(
                line,
                format!("date {raw:?} is no real day in the capture year or the year before; date left empty"),
            ),
        }
    }

    pub fn finish(self) -> (Vec<Paper>, Vec<Diagnostic>) {
        (self.papers, self.diagnostics)
    }
}

/// Lines that the Hugging Face pages print around their listings, not part of any entry.
pub const HF_CHROME: &[&str] = &[
    "new",
    "get trending papers in your email inbox once a day!",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "trending papers",
    "papers",
    "search",
    "load more",
];

pub fn is_hf_chrome(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    HF_CHROME.contains(&lower.as_str())
}

/// A title's text looks like a title rather than an abstract: short and not a run of sentences.
pub fn looks_like_title(line: &str) -> bool {
    let t = line.trim();
    let sentences = t.matches(". ").count();
    t.chars().count() <= 250 && sentences <= 1 && !t.ends_with("...") && !(t.ends_with('.') && t.len() > 150)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_reader_in_order() {
        assert_eq!(READERS.map(|r| r.format), Format::ALL);
        for format in Format::ALL {
            assert_eq!(reader(format).format, format);
        }
    }
}
