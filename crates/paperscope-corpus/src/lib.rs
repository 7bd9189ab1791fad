//! Paperscope's corpus crate: parses research-paper listings into one clean, deduplicated corpus.
//!
//! The flow is one-way: [`detect`] a listing's format, [`parse`] it into records (one [`Paper`] per entry, with
//! [`Diagnostic`]s for everything it could not use), then [`build_corpus`] merges the records of all inputs,
//! derives headings for untitled papers, assigns topics and numbers the result as a [`Corpus`].
//! Nothing here touches the filesystem, the terminal or the browser, so the same code runs in the CLI and,
//! compiled to WebAssembly, in the page.
//!
//! ```
//! use paperscope_corpus::{parse, ParseOptions};
//!
//! let listing = "\
//! We study transformers.\n\
//! \n\
//! arXiv:2501.00001\n\
//! Created: 2025-01-02 Updated: 2025-01-03\n";
//! let parsed = parse(listing, &ParseOptions::new("feed.txt")).unwrap();
//! assert_eq!(parsed.format.name(), "arxiv-feed");
//! assert_eq!(parsed.papers[0].arxiv_id.as_deref(), Some("2501.00001"));
//! ```

pub mod bibtex;
mod build;
mod date;
mod detect;
pub mod export;
mod formats;
mod layout;
pub mod limits;
mod lines;
mod merge;
pub mod meta;
pub mod parts;
mod schema;
pub mod text;
mod topics;
pub mod unpack;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use build::{build_corpus, default_label, merge_and_finish, parse_each, BuildInput, BuildOutput};
pub use date::{Date, ShownDate};
pub use detect::detect;
pub use formats::arxiv_feed::normalize_arxiv_id as arxiv_id;
pub use layout::{PaperLines, Splitting};
pub use merge::merge;
pub use schema::{Corpus, CorpusError, Counts, InputSummary, ListingMeta, Paper, Source, VenueStatus, CORPUS_VERSION};
pub use topics::{assign_topics, TOPICS};

/// The listing formats the parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// arXiv-style feed: abstract, optional comment line, `arXiv:<id>`, `Created: ... Updated: ...`; no titles.
    ArxivFeed,
    /// Hugging Face Papers search results: alternating title and abstract lines.
    HfSearch,
    /// An author's profile page: `Thumbnail for <title>`, the title, a truncated abstract.
    AuthorProfile,
    /// Hugging Face Daily Papers: title, abstract, then authors or organisation, `·`, and a date.
    HfDaily,
    /// A metadata dump: a JSON array of papers or JSON Lines (arXiv snapshot, daily arXiv, conference lists).
    Json,
    /// arXiv's own subject listings ("new" with abstracts, "recent" without): `[1] arXiv:ID [pdf, ...]`,
    /// `Title:`, `Authors:`, `Comments:`, `Subjects:`, then the abstract.
    ArxivList,
    /// arXiv's search results: `arXiv:ID [pdf, ...] cs.LG`, the title, `Authors:`, `Abstract:`, `Submitted ...`.
    ArxivSearch,
    /// A BibTeX file (`.bib`), as reference managers and Google Scholar export them.
    Bibtex,
    /// An RIS file (`.ris`), as reference managers export them.
    Ris,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::ArxivFeed,
        Format::HfSearch,
        Format::AuthorProfile,
        Format::HfDaily,
        Format::Json,
        Format::ArxivList,
        Format::ArxivSearch,
        Format::Bibtex,
        Format::Ris,
    ];

    /// The name used on the command line, in manifests and in the corpus (`arxiv-feed`).
    pub fn name(self) -> &'static str {
        match self {
            Format::ArxivFeed => "arxiv-feed",
            Format::HfSearch => "hf-search",
            Format::AuthorProfile => "author-profile",
            Format::HfDaily => "hf-daily",
            Format::Json => "json",
            Format::ArxivList => "arxiv-list",
            Format::ArxivSearch => "arxiv-search",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
        }
    }

    /// What a person calls it (the page's format menu).
    pub fn title(self) -> &'static str {
        match self {
            Format::ArxivFeed => "arXiv-style feed",
            Format::HfSearch => "Hugging Face search",
            Format::AuthorProfile => "Author profile",
            Format::HfDaily => "Hugging Face daily papers",
            Format::Json => "JSON / JSON Lines",
            Format::ArxivList => "arXiv listing (new or recent)",
            Format::ArxivSearch => "arXiv search results",
            Format::Bibtex => "BibTeX (.bib)",
            Format::Ris => "RIS (.ris)",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Every format name, comma-separated, for error messages.
    pub fn known_names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An entry, or part of the text, was skipped.
    Skipped,
    /// The entry was kept, but a field could not be read.
    Warning,
}

impl Severity {
    /// How a report says it: `skipped`, `warning`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Skipped => "skipped",
            Severity::Warning => "warning",
        }
    }
}

/// A problem in an input, with its place: file, 1-based line, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.severity.word(), self.message)
    }
}

/// Settings for parsing one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// The input's name, recorded in each paper's sources and in diagnostics.
    pub file: String,
    /// The format to parse as; `None` detects it.
    pub format: Option<Format>,
    /// The day the listing was captured: dates shown without a year take its year.
    pub captured: Option<Date>,
}

impl ParseOptions {
    pub fn new(file: impl Into<String>) -> ParseOptions {
        ParseOptions { file: file.into(), format: None, captured: None }
    }

    pub fn format(mut self, format: Format) -> ParseOptions {
        self.format = Some(format);
        self
    }

    pub fn captured(mut self, date: Date) -> ParseOptions {
        self.captured = Some(date);
        self
    }
}

/// What one listing held.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: Format,
    /// True when the format was detected rather than given.
    pub detected: bool,
    pub meta: ListingMeta,
    /// One record per entry, in the listing's order. Records are not merged; `id` and `topics` are filled.
    pub papers: Vec<Paper>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a listing could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text holds nothing but whitespace.
    Empty { file: String },
    /// The text matches none of the known formats.
    UnknownFormat { file: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty { file } => write!(f, "{file}: the file is empty"),
            ParseError::UnknownFormat { file } => {
                write!(f, "{file}: not a listing format I know; known formats are {}", Format::known_names())
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses one listing. Never panics; every entry it cannot use is reported in `diagnostics`.
pub fn parse(text: &str, options: &ParseOptions) -> Result<Parsed, ParseError> {
    let lines = lines::split(text);
    if lines.iter().all(|l| l.is_blank()) {
        return Err(ParseError::Empty { file: options.file.clone() });
    }
    let (format, detected) = match options.format {
        Some(f) => (f, false),
        None => (
            detect::detect_lines(&lines).ok_or_else(|| ParseError::UnknownFormat { file: options.file.clone() })?,
            true,
        ),
    };
    let mut ctx = formats::Ctx::new(options, format);
    let meta = (formats::reader(format).parse)(text, &lines, &mut ctx);
    let (mut papers, mut diagnostics) = ctx.finish();
    if papers.is_empty() && diagnostics.is_empty() {
        // Text that yields nothing is never passed over in silence.
        let first = lines.iter().find(|l| !l.is_blank()).map_or(1, |l| l.no);
        let read = lines.iter().filter(|l| !l.is_blank()).count();
        diagnostics.push(Diagnostic {
            file: options.file.clone(),
            line: first,
            severity: Severity::Skipped,
            message: format!("no paper found in {read} non-blank lines read as {format}"),
        });
    }
    for paper in &mut papers {
        build::finish_paper(paper);
    }
    Ok(Parsed { format, detected, meta, papers, diagnostics })
}
