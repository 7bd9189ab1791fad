//! The papers an index answers about: read (an index built here, an import, the CLI), or kept as the text of
//! their corpus documents and each read the first time it is asked for. The engine's own work (postings,
//! facets, sorts, ranges) never reads a paper; what does is showing one (twenty a keystroke), a phrase check
//! (title and abstract alone, read in place) and exports. Reading 100,000 papers into ~1.6 million strings
//! took 0.45-0.7 s of a page's opening, most of it the allocator; splitting their documents into lines takes
//! a fraction of it, so a page opening a corpus with its index file keeps the text instead.

use std::borrow::Cow;
use std::sync::OnceLock;

use paperscope_corpus::{CorpusError, Paper, PaperLines};

/// The papers of an index, by document number.
pub struct Papers {
    store: Store,
}

enum Store {
    Read(Vec<Paper>),
    Lines {
        /// The corpus documents, in order: each one's name (for messages), its first document number and
        /// its lines.
        documents: Vec<(String, usize, PaperLines)>,
        /// Each paper, once read.
        read: Vec<OnceLock<Box<Paper>>>,
    },
}

impl From<Vec<Paper>> for Papers {
    fn from(papers: Vec<Paper>) -> Papers {
        Papers { store: Store::Read(papers) }
    }
}

impl Papers {
    /// The papers of corpus documents split into lines (name, lines), in order, none of them read yet.
    pub fn in_lines(documents: Vec<(String, PaperLines)>) -> Papers {
        let mut first = 0;
        let documents: Vec<(String, usize, PaperLines)> = documents
            .into_iter()
            .map(|(name, lines)| {
                first += lines.len();
                (name, first - lines.len(), lines)
            })
            .collect();
        let read = (0..first).map(|_| OnceLock::new()).collect();
        Papers { store: Store::Lines { documents, read } }
    }

    pub fn len(&self) -> usize {
        match &self.store {
            Store::Read(papers) => papers.len(),
            Store::Lines { read, .. } => read.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paper `doc`, read now if it was not yet. A paper whose line cannot be read comes back as a record
    /// that says so (its document, line and column, and why) in its title, under its id when that could be
    /// read: the explorer shows it like any other, instead of a blank row or none.
    pub fn get(&self, doc: usize) -> Option<&Paper> {
        match &self.store {
            Store::Read(papers) => papers.get(doc),
            Store::Lines { documents, read } => {
                Some(read.get(doc)?.get_or_init(|| Box::new(read_line(line(documents, doc)))))
            }
        }
    }

    /// Every paper in order (each read now and kept, when kept as text).
    pub fn iter(&self) -> impl Iterator<Item = &Paper> + '_ {
        (0..self.len()).filter_map(|doc| self.get(doc))
    }

    /// `f` of every paper in order; a paper kept as text and not read yet is read for it and not kept, so a
    /// pass over all of them (the map's colours) leaves the memory as it found it.
    pub fn each<T>(&self, mut f: impl FnMut(&Paper) -> T) -> Vec<T> {
        (0..self.len())
            .filter_map(|doc| {
                Some(match self.found(doc)? {
                    Found::Read(paper) => f(paper),
                    Found::Line(line) => f(&read_line(line)),
                })
            })
            .collect()
    }

    /// Paper `doc`'s id, without reading the paper.
    pub fn id(&self, doc: usize) -> Option<Cow<'_, str>> {
        Some(match self.found(doc)? {
            Found::Read(paper) => Cow::Borrowed(paper.id.as_str()),
            Found::Line((_, i, lines)) => lines.id(i),
        })
    }

    /// Every paper's id in order, without reading the papers.
    pub fn ids(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        (0..self.len()).filter_map(|doc| self.id(doc))
    }

    /// Paper `doc`'s title and abstract, without reading the rest of it (a phrase is checked against them
    /// in every candidate paper); `None` for no such paper, or one that cannot be read.
    pub fn title_and_abstract(&self, doc: usize) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
        match self.found(doc)? {
            Found::Read(p) => Some((Cow::from(&p.title), Cow::from(&p.abstract_text))),
            Found::Line((_, i, lines)) => lines.title_and_abstract(i),
        }
    }

    /// Where paper `doc` is, without reading it: read already, or only a line; `None` for no such paper.
    fn found(&self, doc: usize) -> Option<Found<'_>> {
        match &self.store {
            Store::Read(papers) => papers.get(doc).map(Found::Read),
            Store::Lines { documents, read } => Some(match read.get(doc)?.get() {
                Some(paper) => Found::Read(paper),
                None => Found::Line(line(documents, doc)),
            }),
        }
    }

    /// The papers of several lists in order, one list: kept as text when every list is, else read.
    pub fn join(parts: Vec<Papers>) -> Result<Papers, Unreadable> {
        if parts.iter().all(|p| matches!(p.store, Store::Lines { .. })) {
            let documents = parts.into_iter().flat_map(|p| match p.store {
                Store::Lines { documents, .. } => documents.into_iter().map(|(name, _, lines)| (name, lines)).collect(),
                Store::Read(_) => Vec::new(),
            });
            return Ok(Papers::in_lines(documents.collect()));
        }
        let mut papers = Vec::with_capacity(parts.iter().map(Papers::len).sum());
        for part in parts {
            papers.extend(part.into_read()?);
        }
        Ok(papers.into())
    }

    /// Every paper read, in order: the list itself, or each line read (the first that cannot be read is the
    /// error, with its document's name).
    pub fn into_read(self) -> Result<Vec<Paper>, Unreadable> {
        match self.store {
            Store::Read(papers) => Ok(papers),
            Store::Lines { documents, read } => {
                let mut read = read.into_iter();
                let mut papers = Vec::with_capacity(read.len());
                for (name, _, lines) in &documents {
                    for (i, cell) in (0..lines.len()).zip(&mut read) {
                        papers.push(match cell.into_inner() {
                            Some(paper) => *paper,
                            None => lines.read(i).map_err(|error| Unreadable { document: name.clone(), error })?,
                        });
                    }
                }
                Ok(papers)
            }
        }
    }
}

/// A paper read already, or its line: its document's name, its place in it, the document's lines.
enum Found<'a> {
    Read(&'a Paper),
    Line((&'a str, usize, &'a PaperLines)),
}

/// A paper's line read, or, when it cannot be, a record saying so under its id.
fn read_line((name, i, lines): (&str, usize, &PaperLines)) -> Paper {
    lines.read(i).unwrap_or_else(|e| Paper {
        id: lines.id(i).into_owned(),
        title: format!("This record of {name} could not be read: {e}"),
        ..Paper::default()
    })
}

/// The document holding paper `doc` (a number below their papers' count): its name, the paper's place in
/// it, its lines.
fn line(documents: &[(String, usize, PaperLines)], doc: usize) -> (&str, usize, &PaperLines) {
    let at = documents.partition_point(|(_, first, _)| *first <= doc).saturating_sub(1);
    let (name, first, lines) = &documents[at];
    (name, doc - first, lines)
}

/// A paper kept as text that cannot be read: its corpus document's name, and where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub document: String,
    pub error: CorpusError,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.document, self.error)
    }
}

impl std::error::Error for Unreadable {}

impl std::fmt::Debug for Papers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = if matches!(self.store, Store::Read(_)) { "read" } else { "kept as text" };
        write!(f, "Papers({} {kept})", self.len())
    }
}

impl std::ops::Index<usize> for Papers {
    type Output = Paper;

    /// Paper `doc`; panics when there is none, as a slice does.
    fn index(&self, doc: usize) -> &Paper {
        match self.get(doc) {
            Some(paper) => paper,
            None => panic!("paper {doc} of {}", self.len()),
        }
    }
}
