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
    #[serde(deserialize_with = "exact")]
    pub authors: Vec<String>,
    /// True when the listing named only some of the authors (an author profile names its owner; `et al.`;
    /// `(25 additional authors not shown)`), so `authors` is not the paper's author list.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub authors_partial: bool,
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
    #[serde(deserialize_with = "exact")]
    pub code_urls: Vec<String>,
    #[serde(deserialize_with = "exact")]
    pub topics: Vec<String>,
    /// arXiv categories (`cs.LG`), from metadata dumps.
    #[serde(deserialize_with = "exact")]
    pub categories: Vec<String>,
    #[serde(deserialize_with = "exact")]
    pub sources: Vec<Source>,
}

/// How every export and the paper view begin the note of what a record lacks ([`Paper::incomplete_note`]).
pub const INCOMPLETE: &str = "Incomplete record: ";
/// The gap of a partial author list, as [`Paper::gaps`] words it (an export read back looks for it).
pub const GAP_SOME_AUTHORS: &str = "not every author named";
/// The gap of a title made from the abstract, as [`Paper::gaps`] words it.
pub const GAP_DERIVED_TITLE: &str = "title derived from the abstract";

impl Paper {
    /// What a citation of this paper lacks or would guess, in words, for the paper view and for every export
    /// (`no authors`, `title derived from the abstract`); empty when nothing is.
    pub fn gaps(&self) -> Vec<&'static str> {
        let mut gaps = Vec::new();
        if self.authors.is_empty() {
            gaps.push("no authors");
        } else if self.some_authors() {
            gaps.push(GAP_SOME_AUTHORS);
        }
        if self.untitled {
            gaps.push(GAP_DERIVED_TITLE);
        }
        if self.year.is_none() {
            gaps.push("no year");
        }
        gaps
    }

    /// `Incomplete record: no authors, no year`, or `None` when the record lacks nothing: the note BibTeX,
    /// RIS and the paper view carry.
    pub fn incomplete_note(&self) -> Option<String> {
        let gaps = self.gaps();
        (!gaps.is_empty()).then(|| format!("{INCOMPLETE}{}", gaps.join(", ")))
    }

    /// Marks this record with what an [`Paper::incomplete_note`] read back says (a partial author list, a
    /// derived title); true when `note` is such a note, which is then no comment of the paper's own.
    pub fn read_incomplete_note(&mut self, note: &str) -> bool {
        let Some(gaps) = note.strip_prefix(INCOMPLETE) else { return false };
        self.authors_partial |= gaps.contains(GAP_SOME_AUTHORS);
        self.untitled |= gaps.contains(GAP_DERIVED_TITLE);
        true
    }

    /// True when the listings named only some of the authors (see [`Paper::authors_partial`]), or fewer than
    /// they counted.
    pub fn some_authors(&self) -> bool {
        !self.authors.is_empty()
            && (self.authors_partial || self.author_count.is_some_and(|n| n as usize > self.authors.len()))
    }
}

/// Reads a JSON list into a `Vec` of exactly its length. Serde's own grows a list read from JSON to room
/// for four: a paper's one source would hold room for four, ~100 bytes a paper that the engine keeps for
/// good, and giving the room back afterwards cost a copy of every list (a fifth of reading a corpus in the
/// page went to the allocator).
fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct Exact<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Exact<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = smallvec::SmallVec::<[T; 8]>::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            // Up to eight are moved into a list allocated once at their number; a longer one is trimmed.
            let mut items = items.into_vec();
            items.shrink_to_fit();
            Ok(items)
        }
    }
    d.deserialize_seq(Exact(std::marker::PhantomData))
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

/// One place a paper was read from: the input file's name, the 1-based line its entry starts on, the
/// format that file was parsed as, and the input's label when it has one (given in the manifest, or what
/// the listing says about itself: `Jason D. Lee, author profile`, `Daily Papers, May 28`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
    pub format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Source {
    /// How the page and the source facet name this input: its label, else its file name.
    pub fn name(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.file)
    }
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
    /// The input's name in the page (see [`Source::label`]), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
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
        check_start(text.as_bytes())?;
        Corpus::checked(serde_json::from_str(text))
    }

    /// The corpus document: one JSON object whose papers come last, one per line, so the file diffs paper
    /// by paper and [`Corpus::from_reader`] can read it a paper at a time.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let head = Corpus {
            version: self.version,
            inputs: self.inputs.clone(),
            counts: self.counts.clone(),
            papers: Vec::new(),
        };
        let head = serde_json::to_string(&head)?;
        let mut out = String::with_capacity(self.papers.len() * 2048);
        out.push_str(head.strip_suffix("]}").unwrap_or(&head));
        for (i, paper) in self.papers.iter().enumerate() {
            out.push('\n');
            out.push_str(&serde_json::to_string(paper)?);
            if i + 1 < self.papers.len() {
                out.push(',');
            }
        }
        out.push_str("\n]}\n");
        Ok(out)
    }

    pub(crate) fn checked(parsed: serde_json::Result<Corpus>) -> Result<Corpus, CorpusError> {
        let corpus = parsed.map_err(|e| CorpusError::Malformed {
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

/// A corpus is a JSON object: say so plainly when the text is something else (an HTML error page, a list).
pub(crate) fn check_start(start: &[u8]) -> Result<(), CorpusError> {
    let text = String::from_utf8_lossy(&start[..start.len().min(200)]);
    if text.trim_start().starts_with('{') {
        return Ok(());
    }
    let found: String = text.trim_start().chars().take(20).collect();
    Err(CorpusError::Malformed {
        line: 1,
        column: 1,
        message: format!("expected a JSON object with `version` and `papers`, found {found:?}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_from_a_reader_gives_the_same_corpus_and_errors() {
        let corpus = Corpus {
            version: CORPUS_VERSION,
            inputs: Vec::new(),
            counts: Default::default(),
            papers: vec![Paper { id: "a".into(), title: "Ünïcödé \"T\"".into(), ..Paper::default() }],
        };
        let text = &serde_json::to_string(&corpus).expect("serialises");
        let from_reader = Corpus::from_reader(text.as_bytes()).expect("reads");
        assert_eq!(from_reader.papers, Corpus::from_json(text).expect("reads").papers);
        for bad in ["{\"version\": 1,\n \"papers\": [}", "[]", "<html>", "", "{\"version\": 99, \"papers\": []}"] {
            let (a, b) = (Corpus::from_reader(bad.as_bytes()).unwrap_err(), Corpus::from_json(bad).unwrap_err());
            assert_eq!(a.to_string(), b.to_string(), "{bad:?}");
        }
    }

    #[test]
    fn the_document_has_a_paper_per_line_and_reads_back_either_way() {
        let corpus = Corpus {
            version: CORPUS_VERSION,
            inputs: Vec::new(),
            counts: Default::default(),
            papers: (0..3)
                .map(|i| Paper { id: format!("p{i}"), title: format!("Line\nbreak {i}, ]}}"), ..Paper::default() })
                .collect(),
        };
        let text = corpus.to_json().expect("serialises");
        assert_eq!(text.lines().count(), 5, "{text}");
        assert!(text.lines().next().is_some_and(|l| l.ends_with("\"papers\":[")), "{text}");
        assert_eq!(Corpus::from_json(&text).expect("plain JSON"), corpus);
        assert_eq!(Corpus::from_reader(text.as_bytes()).expect("a line at a time"), corpus);
        // With Windows line ends too.
        assert_eq!(Corpus::from_reader(text.replace('\n', "\r\n").as_bytes()).expect("CRLF"), corpus);
        let empty = Corpus { papers: Vec::new(), ..corpus.clone() };
        assert_eq!(Corpus::from_reader(empty.to_json().expect("serialises").as_bytes()).expect("empty"), empty);
        // A document on one line (or any other layout) is read as plain JSON.
        let one_line = serde_json::to_string(&corpus).expect("serialises");
        assert_eq!(Corpus::from_reader(one_line.as_bytes()).expect("one line"), corpus);
    }

    /// A corpus of `n` papers with nothing but their ids (`p0`, `p1`, ...).
    fn numbered(n: usize) -> Corpus {
        let papers = (0..n).map(|i| Paper { id: format!("p{i}"), ..Paper::default() }).collect();
        Corpus { version: CORPUS_VERSION, inputs: Vec::new(), counts: Default::default(), papers }
    }

    #[test]
    fn a_damaged_paper_in_the_line_layout_is_named_by_its_line() {
        let text = numbered(5).to_json().expect("serialises");
        let err = Corpus::from_reader(text.replace("\"p3\"", "3").as_bytes()).expect_err("fails");
        assert!(err.to_string().contains("line 5, column"), "{err}");
    }

    #[test]
    fn papers_read_hold_no_spare_room_in_their_lists() {
        let source = Source { file: "a.txt".into(), line: 1, format: Format::Json, label: None };
        let paper = Paper {
            id: "p".into(),
            authors: vec!["A".into(), "B".into(), "C".into()],
            categories: vec!["cs.LG".into()],
            sources: vec![source],
            ..Paper::default()
        };
        let corpus =
            Corpus { version: CORPUS_VERSION, inputs: Vec::new(), counts: Default::default(), papers: vec![paper] };
        let text = corpus.to_json().expect("serialises");
        let one_line = serde_json::to_string(&corpus).expect("serialises");
        for read in
            [Corpus::from_reader(text.as_bytes()), Corpus::from_json(&text), Corpus::from_reader(one_line.as_bytes())]
        {
            let read = read.expect("reads");
            assert_eq!(read, corpus);
            let p = &read.papers[0];
            assert_eq!(
                (p.authors.capacity(), p.categories.capacity(), p.sources.capacity(), p.topics.capacity()),
                (3, 1, 1, 0)
            );
        }
    }

    #[test]
    fn a_damaged_line_document_says_which_line() {
        let corpus = numbered(3);
        let text = corpus.to_json().expect("serialises");
        let lines: Vec<&str> = text.lines().collect();
        let with = |i: usize, line: &str| {
            let mut l = lines.clone();
            l[i] = line;
            l.join("\n")
        };
        let cases = [
            (with(2, "{\"id\": \"p1\", \"year\": \"soon\"},"), "line 3, column"),
            (with(3, "{\"id\": \"p2\"},"), "line 4, column 1"),
            (with(2, "{\"id\": \"p1\"}"), "line 4, column 1"),
            (lines[..3].join("\n"), "line 4, column 1"),
            (format!("{text}x"), "line 6, column 1"),
        ];
        for (bad, place) in cases {
            let err = Corpus::from_reader(bad.as_bytes()).expect_err(&bad).to_string();
            assert!(err.contains(place), "{err} (wanted {place}) for\n{bad}");
        }
    }

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
