//! The corpus schema: one [`Paper`] type, serialised with serde. The JSON field names are a public
//! contract (documented in `docs/corpus-schema.md`); renaming one breaks every hosted corpus.

use serde::{Deserialize, Serialize};

use crate::Format;

/// Version of the corpus document. Bump it when a field changes meaning or is removed.
pub const CORPUS_VERSION: u32 = 1;

/// One research paper, as parsed from one listing entry or as merged from several.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Paper {
    /// `arxiv:<id>` when the arXiv id is known, otherwise a slug of the title.
    pub id: String,
    /// The title; for an untitled paper, a heading derived from its abstract (see `untitled`).
    pub title: String,
    /// True when no listing gave a title and `title` was derived from the first sentence of the abstract.
    pub untitled: bool,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    /// True when every source cut the abstract short (it ended in `...`).
    pub abstract_truncated: bool,
    pub arxiv_id: Option<String>,
    /// First version's date (ISO `YYYY-MM-DD`).
    pub published: Option<String>,
    /// Latest version's date (ISO `YYYY-MM-DD`).
    pub updated: Option<String>,
    pub year: Option<u16>,
    /// Authors known by name (an author profile names its owner); often fewer than `author_count`.
    pub authors: Vec<String>,
    pub author_count: Option<u32>,
    pub organization: Option<String>,
    pub upvotes: Option<u32>,
    /// The arXiv comment line, normalised (`36 pages, 2 figures. Under review at ICLR 2026`).
    pub comment: Option<String>,
    pub pages: Option<u32>,
    pub figures: Option<u32>,
    /// Conference or journal with its year, e.g. `NeurIPS 2025`.
    pub venue: Option<String>,
    pub venue_status: Option<VenueStatus>,
    pub code_urls: Vec<String>,
    pub topics: Vec<String>,
    /// arXiv categories (`cs.LG`), from metadata dumps.
    pub categories: Vec<String>,
    pub sources: Vec<Source>,
}

/// Where a venue stands with a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VenueStatus {
    Accepted,
    UnderReview,
    Rejected,
    Withdrawn,
}

impl VenueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VenueStatus::Accepted => "accepted",
            VenueStatus::UnderReview => "under_review",
            VenueStatus::Rejected => "rejected",
            VenueStatus::Withdrawn => "withdrawn",
        }
    }
}

/// One place a paper was read from: the input file's name, the 1-based line its entry starts on, and the
/// format that file was parsed as.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
    pub format: Format,
}

/// The corpus document that the CLI writes and the app fetches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub version: u32,
    pub inputs: Vec<InputSummary>,
    pub counts: Counts,
    pub papers: Vec<Paper>,
}

/// What one input contributed to the build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputSummary {
    pub file: String,
    pub format: Format,
    /// The capture date given for this input (ISO), which dates without a year take their year from.
    pub captured: Option<String>,
    /// Metadata the listing states about itself, such as the profile owner's name.
    pub listing: ListingMeta,
    /// Entries parsed from the file.
    pub records: usize,
    /// Problems found in the file (each also listed in the build summary).
    pub diagnostics: usize,
}

/// Metadata a listing page states about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListingMeta {
    /// The author whose profile this is (`author-profile`).
    pub author: Option<String>,
    /// The number of papers the page says the profile has (`117 papers on arXiv`).
    pub stated_papers: Option<u32>,
    /// The page's own heading (`Daily Papers`) and date as shown (`May 28`).
    pub page_title: Option<String>,
    pub page_date: Option<String>,
}

/// Totals of a build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    /// Entries read from all inputs.
    pub records: usize,
    /// Papers after merging duplicates.
    pub papers: usize,
    /// Records folded into another paper (`records - papers`).
    pub merged: usize,
    pub untitled: usize,
    pub with_arxiv_id: usize,
    pub with_topic: usize,
    pub diagnostics: usize,
}

/// Why a corpus document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusError {
    /// Not JSON, or JSON that does not fit the schema: where and what.
    Malformed { line: usize, column: usize, message: String },
    /// A corpus written by a newer Paperscope, whose fields may mean something else.
    UnsupportedVersion { found: u32 },
}

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CorpusError::Malformed { line, column, message } => {
                write!(f, "the corpus is not valid (line {line}, column {column}): {message}")
            }
            CorpusError::UnsupportedVersion { found } => write!(
                f,
                "the corpus has version {found}, but this Paperscope reads version {CORPUS_VERSION}; rebuild it"
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

impl Corpus {
    /// Reads a corpus document, checking its version.
    pub fn from_json(text: &str) -> Result<Corpus, CorpusError> {
        if !text.trim_start().starts_with('{') {
            let found: String = text.trim_start().chars().take(20).collect();
            return Err(CorpusError::Malformed {
                line: 1,
                column: 1,
                message: format!("expected a JSON object with `version` and `papers`, found {found:?}"),
            });
        }
        let corpus: Corpus = serde_json::from_str(text).map_err(|e| CorpusError::Malformed {
            line: e.line(),
            column: e.column(),
            message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
        })?;
        if corpus.version > CORPUS_VERSION {
            return Err(CorpusError::UnsupportedVersion { found: corpus.version });
        }
        Ok(corpus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_corpus_errors_say_where() {
        let err = Corpus::from_json("{\"version\": 1,\n \"papers\": [}").unwrap_err();
        assert!(matches!(err, CorpusError::Malformed { line: 2, .. }), "{err:?}");
        assert!(err.to_string().starts_with("the corpus is not valid (line 2, column"), "{err}");
        let err = Corpus::from_json("[]").unwrap_err();
        assert!(err.to_string().contains("expected a JSON object with `version` and `papers`, found \"[]\""), "{err}");
    }

    #[test]
    fn newer_versions_are_refused() {
        let json = r#"{"version": 99, "inputs": [], "counts": {}, "papers": []}"#;
        assert_eq!(Corpus::from_json(json), Err(CorpusError::UnsupportedVersion { found: 99 }));
    }

    #[test]
    fn round_trip() {
        let corpus = Corpus {
            version: CORPUS_VERSION,
            inputs: vec![],
            counts: Counts::default(),
            papers: vec![Paper::default()],
        };
        let json = serde_json::to_string(&corpus).unwrap();
        assert_eq!(Corpus::from_json(&json), Ok(corpus));
    }
}
