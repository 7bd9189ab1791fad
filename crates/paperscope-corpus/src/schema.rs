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
    pub code_urls: Vec<String>,
    pub topics: Vec<String>,
    /// arXiv categories (`cs.LG`), from metadata dumps.
    pub categories: Vec<String>,
    pub sources: Vec<Source>,
}

/// How every export and the paper view begin the note of what a record lacks ([`Paper::incomplete_note`]).
pub const INCOMPLETE: &str = "Incomplete record: ";
/// The gap of a partial author list, as [`Paper::gaps`] words it (an export read back looks for it).
pub const GAP_SOME_AUTHORS: &str = "not every author named";
/// The gap of a title made from the abstract, as [`Paper::gaps`] words it.
pub const GAP_DERIVED_TITLE: &str = "title derived from the abstract";

impl Paper {
    /// Gives back the room its lists were grown with while it was read (a list read from JSON reserves room
    /// for four: a paper's one source would hold room for four, ~100 bytes a paper that the engine would
    /// keep for good).
    pub fn shrink_to_fit(&mut self) {
        self.authors.shrink_to_fit();
        self.code_urls.shrink_to_fit();
        self.topics.shrink_to_fit();
        self.categories.shrink_to_fit();
        self.sources.shrink_to_fit();
    }

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

    /// Reads a corpus document from a reader, a buffer at a time, so the whole text never needs to be in
    /// memory (the explorer reads the download from JavaScript memory this way). A document laid out as
    /// [`Corpus::to_json`] writes it is read a line (a paper) at a time, which is several times faster than
    /// a JSON reader taking a byte at a time (in WebAssembly 0.4 s instead of 1.7 s for 185 MB); any other
    /// layout is read as plain JSON. The same errors as [`Corpus::from_json`], with real line numbers.
    pub fn from_reader<R: std::io::Read>(reader: R) -> Result<Corpus, CorpusError> {
        let mut reading = Corpus::reader(reader)?;
        while !reading.step(usize::MAX)? {}
        Ok(reading.finish())
    }

    /// [`Corpus::from_reader`] a step at a time ([`CorpusReader::step`]), so a caller can do other work
    /// between steps (the page paints and answers keys). Reads the document's first line.
    pub fn reader<R: std::io::Read>(reader: R) -> Result<CorpusReader<R>, CorpusError> {
        use std::io::{BufRead, Read};
        let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
        let unreadable = |e: std::io::Error| CorpusError::Malformed {
            line: 1,
            column: 1,
            message: format!("could not be read: {e}"),
        };
        check_start(reader.fill_buf().map_err(unreadable)?)?;
        let mut first = Vec::new();
        reader.read_until(b'\n', &mut first).map_err(unreadable)?;
        let head = trim_line_end(&first);
        if head.ends_with(b"\"papers\":[") {
            let mut header = head.to_vec();
            header.extend_from_slice(b"]}");
            if let Ok(corpus) = serde_json::from_slice::<Corpus>(&header) {
                let corpus = Corpus::checked(Ok(corpus))?;
                let lines = Lines { reader, line: Vec::new(), number: 1, more: true };
                return Ok(CorpusReader { corpus, lines: Some(lines) });
            }
        }
        let whole = Corpus::checked(serde_json::from_reader(std::io::Cursor::new(first).chain(reader)))?;
        Ok(CorpusReader { corpus: whole, lines: None })
    }

    fn checked(parsed: serde_json::Result<Corpus>) -> Result<Corpus, CorpusError> {
        let mut corpus = parsed.map_err(|e| CorpusError::Malformed {
            line: e.line(),
            column: e.column(),
            message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
        })?;
        if corpus.version > CORPUS_VERSION {
            return Err(CorpusError::UnsupportedVersion { found: corpus.version });
        }
        corpus.papers.iter_mut().for_each(Paper::shrink_to_fit);
        Ok(corpus)
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let end = line.iter().rposition(|b| !b" \t\r\n".contains(b)).map_or(0, |i| i + 1);
    &line[..end]
}

/// A corpus document being read ([`Corpus::reader`]).
pub struct CorpusReader<R> {
    /// The document's header and the papers read so far.
    corpus: Corpus,
    /// The rest of a document laid out as [`Corpus::to_json`] writes it, until its end was read.
    lines: Option<Lines<std::io::BufReader<R>>>,
}

/// The papers of a document written by [`Corpus::to_json`], after its first line: one paper per line, each
/// but the last followed by a comma, then `]}`.
struct Lines<B> {
    reader: B,
    line: Vec<u8>,
    /// The line last read (1-based).
    number: usize,
    /// A paper may follow (after the header or a paper with a comma).
    more: bool,
}

impl<R: std::io::Read> CorpusReader<R> {
    /// Reads papers until at least `bytes` bytes of text were read or the document ended: `true` once it
    /// has (then [`CorpusReader::finish`] gives the corpus). An error says the line and column.
    pub fn step(&mut self, bytes: usize) -> Result<bool, CorpusError> {
        let Some(lines) = &mut self.lines else { return Ok(true) };
        if lines.step(&mut self.corpus, bytes)? {
            self.lines = None;
            return Ok(true);
        }
        Ok(false)
    }

    /// The corpus: whole once [`CorpusReader::step`] said so, else the papers read so far.
    pub fn finish(self) -> Corpus {
        self.corpus
    }

    /// How many papers were read so far.
    pub fn papers(&self) -> usize {
        self.corpus.papers.len()
    }
}

impl<B: std::io::BufRead> Lines<B> {
    fn step(&mut self, corpus: &mut Corpus, bytes: usize) -> Result<bool, CorpusError> {
        let mut read = 0;
        while read < bytes {
            self.line.clear();
            self.number += 1;
            let number = self.number;
            let at = |column: usize, message: String| CorpusError::Malformed { line: number, column, message };
            let n =
                self.reader.read_until(b'\n', &mut self.line).map_err(|e| at(1, format!("could not be read: {e}")))?;
            if n == 0 {
                return Err(at(1, "the document ends before its list of papers is closed".into()));
            }
            read += n;
            let text = trim_line_end(&self.line);
            if text == b"]}" {
                return self.end(corpus).map(|()| true);
            }
            if !self.more {
                return Err(at(1, "expected `]}` after the last paper (the line before has no comma)".into()));
            }
            let (text, comma) = match text.strip_suffix(b",") {
                Some(t) => (t, true),
                None => (text, false),
            };
            let mut paper: Paper = serde_json::from_slice(text).map_err(|e| {
                at(e.column().max(1), e.to_string().split(" at line ").next().unwrap_or_default().to_string())
            })?;
            paper.shrink_to_fit();
            corpus.papers.push(paper);
            self.more = comma;
        }
        Ok(false)
    }

    /// After `]}`: nothing but white space may follow.
    fn end(&mut self, corpus: &mut Corpus) -> Result<(), CorpusError> {
        let number = self.number;
        if self.more && !corpus.papers.is_empty() {
            return Err(CorpusError::Malformed {
                line: number - 1,
                column: 1,
                message: "the last paper is followed by a comma".into(),
            });
        }
        let mut rest = Vec::new();
        self.reader.read_to_end(&mut rest).map_err(|e| CorpusError::Malformed {
            line: number,
            column: 3,
            message: format!("could not be read: {e}"),
        })?;
        if let Some(extra) = rest.iter().position(|b| !b.is_ascii_whitespace()) {
            // `]}` ended its line (read_until keeps the line end), so `rest` starts on the next one.
            let (line, column) = position_in(&rest, extra);
            return Err(CorpusError::Malformed {
                line: number + 1 + line,
                column,
                message: "trailing characters".into(),
            });
        }
        corpus.papers.shrink_to_fit();
        Ok(())
    }
}

/// The 0-based line and 1-based column of byte `at` in `bytes`.
fn position_in(bytes: &[u8], at: usize) -> (usize, usize) {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, at - start + 1)
}

/// A corpus is a JSON object: say so plainly when the text is something else (an HTML error page, a list).
fn check_start(start: &[u8]) -> Result<(), CorpusError> {
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
    fn a_document_read_a_step_at_a_time_is_the_same_corpus() {
        let corpus = numbered(5);
        let text = corpus.to_json().expect("serialises");
        let mut reading = Corpus::reader(text.as_bytes()).expect("reads the header");
        // One byte a step still reads a whole line (a paper) each step.
        let mut steps = Vec::new();
        while !reading.step(1).expect("reads") {
            steps.push(reading.papers());
        }
        assert_eq!(steps, [1, 2, 3, 4, 5]);
        assert!(reading.step(1).expect("stays done"));
        assert_eq!(reading.finish(), corpus);
        // A damaged line is found at its step, with its line.
        let bad = text.replace("\"p3\"", "3");
        let mut reading = Corpus::reader(bad.as_bytes()).expect("reads the header");
        let err = (0..10).find_map(|_| reading.step(1).err()).expect("fails");
        assert!(err.to_string().contains("line 5, column"), "{err}");
        assert_eq!(reading.papers(), 3);
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
