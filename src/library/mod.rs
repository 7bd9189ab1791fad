//! The library: what a person keeps on their device (lists of papers, tags, notes, read marks, saved
//! searches, mutes), as a plain Rust model with no browser in it, and its backup file (versioned, merged
//! into an existing library without loss). The page persists it through a thin storage layer; every rule
//! about it lives and is tested here.

mod backup;
mod facts;
mod merge;
mod mute;
mod notes;
mod searches;

pub use backup::{AddedInput, Backup, BACKUP_FORMAT, BACKUP_VERSION};
pub use facts::{Changes, Fact};
pub use mute::Mute;
pub use notes::note_pieces;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The list every library starts with.
pub const DEFAULT_LIST: &str = "Reading list";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// Lists in the order they were made; papers in each in the order they were saved (by paper id).
    pub lists: Vec<List>,
    /// Tags, notes and read marks, by paper id (only papers with any).
    pub marks: BTreeMap<String, Marks>,
    pub saved_searches: Vec<SavedSearch>,
    pub mutes: BTreeSet<Mute>,
}

impl Default for Library {
    fn default() -> Self {
        Library {
            lists: vec![List { name: DEFAULT_LIST.into(), papers: Vec::new() }],
            marks: BTreeMap::new(),
            saved_searches: Vec::new(),
            mutes: BTreeSet::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    pub name: String,
    pub papers: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Marks {
    pub tags: BTreeSet<String>,
    /// Usually one; a restore that meets a different note keeps both, the restored one marked.
    pub notes: Vec<Note>,
    pub read: bool,
}

impl Marks {
    fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.notes.is_empty() && !self.read
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Plain text, shown as text.
    pub text: String,
    /// Where a note came from when it was merged in beside another (`backup of 2026-12-02`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A named view (its address's query string) and the papers it showed when last opened, so the page can say
/// how many are new since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub view: String,
    pub seen: BTreeSet<String>,
}

/// Why a change to the library was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryError {
    NoSuchList(String),
    ListExists(String),
    EmptyName,
    SearchExists(String),
    NoSuchSearch(String),
}

impl std::fmt::Display for LibraryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LibraryError::NoSuchList(name) => write!(f, "there is no list named “{name}”"),
            LibraryError::ListExists(name) => write!(f, "a list named “{name}” already exists"),
            LibraryError::EmptyName => write!(f, "a name cannot be empty"),
            LibraryError::SearchExists(name) => write!(f, "a saved search named “{name}” already exists"),
            LibraryError::NoSuchSearch(name) => write!(f, "there is no saved search named “{name}”"),
        }
    }
}

/// A name made from `label` (cleaned; `fallback` when empty) that `taken` refuses: `label`, `label (2)`...
fn unique(label: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let label = clean(label).unwrap_or_else(|_| fallback.to_string());
    (1..).map(|n| if n == 1 { label.clone() } else { format!("{label} ({n})") }).find(|n| !taken(n)).unwrap_or(label)
}

/// A name as kept: trimmed, runs of whitespace made one space.
fn clean(name: &str) -> Result<String, LibraryError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(LibraryError::EmptyName)
    } else {
        Ok(name)
    }
}

impl Library {
    fn list_mut(&mut self, name: &str) -> Result<&mut List, LibraryError> {
        self.lists.iter_mut().find(|l| l.name == name).ok_or_else(|| LibraryError::NoSuchList(name.into()))
    }

    pub fn create_list(&mut self, name: &str) -> Result<(), LibraryError> {
        let name = clean(name)?;
        if self.lists.iter().any(|l| l.name == name) {
            return Err(LibraryError::ListExists(name));
        }
        self.lists.push(List { name, papers: Vec::new() });
        Ok(())
    }

    pub fn rename_list(&mut self, from: &str, to: &str) -> Result<(), LibraryError> {
        let to = clean(to)?;
        if to != from && self.lists.iter().any(|l| l.name == to) {
            return Err(LibraryError::ListExists(to));
        }
        self.list_mut(from)?.name = to;
        Ok(())
    }

    pub fn delete_list(&mut self, name: &str) -> Result<(), LibraryError> {
        let before = self.lists.len();
        self.lists.retain(|l| l.name != name);
        if self.lists.len() == before {
            return Err(LibraryError::NoSuchList(name.into()));
        }
        Ok(())
    }

    /// Adds a list someone shared (a name and paper ids) as a list of its own: under its name, or
    /// `name (2)` when that is taken by another list; a list with the same name and papers is that list.
    /// Which name it is under.
    pub fn add_shared_list(&mut self, name: &str, papers: &[String]) -> String {
        let mut ids: Vec<String> = Vec::with_capacity(papers.len());
        for id in papers {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        if let Some(same) = self.lists.iter().find(|l| l.name == name.trim() && l.papers == ids) {
            return same.name.clone();
        }
        let name = unique(name, "Shared list", |n| self.lists.iter().any(|l| l.name == n));
        self.lists.push(List { name: name.clone(), papers: ids });
        name
    }

    /// Saves a paper to a list (once; saving again keeps its place).
    pub fn save(&mut self, list: &str, paper: &str) -> Result<(), LibraryError> {
        let list = self.list_mut(list)?;
        if !list.papers.iter().any(|p| p == paper) {
            list.papers.push(paper.to_string());
        }
        Ok(())
    }

    pub fn unsave(&mut self, list: &str, paper: &str) -> Result<(), LibraryError> {
        self.list_mut(list)?.papers.retain(|p| p != paper);
        Ok(())
    }

    /// One click on a paper's save button: a paper in no list goes into the first (the reading list, made
    /// again if every list was deleted); a saved paper leaves every list.
    pub fn toggle_saved(&mut self, paper: &str) {
        if self.lists_of(paper).is_empty() {
            if self.lists.is_empty() {
                self.lists.push(List { name: DEFAULT_LIST.into(), papers: Vec::new() });
            }
            self.lists[0].papers.push(paper.to_string());
        } else {
            self.lists.iter_mut().for_each(|l| l.papers.retain(|p| p != paper));
        }
    }

    /// The lists a paper is in.
    pub fn lists_of(&self, paper: &str) -> Vec<&str> {
        self.lists.iter().filter(|l| l.papers.iter().any(|p| p == paper)).map(|l| l.name.as_str()).collect()
    }

    fn marks_mut(&mut self, paper: &str) -> &mut Marks {
        self.marks.entry(paper.to_string()).or_default()
    }

    /// Drops a paper's marks once it has none left, so the library holds only what was marked.
    fn tidy(&mut self, paper: &str) {
        if self.marks.get(paper).is_some_and(Marks::is_empty) {
            self.marks.remove(paper);
        }
    }

    pub fn tag(&mut self, paper: &str, tag: &str) -> Result<(), LibraryError> {
        let tag = clean(tag)?;
        self.marks_mut(paper).tags.insert(tag);
        Ok(())
    }

    pub fn untag(&mut self, paper: &str, tag: &str) {
        self.marks_mut(paper).tags.remove(tag);
        self.tidy(paper);
    }

    /// Every tag in use, with how many papers have it (for suggestions and the tag facet).
    pub fn tags(&self) -> BTreeMap<&str, usize> {
        let mut tags = BTreeMap::new();
        for marks in self.marks.values() {
            for tag in &marks.tags {
                *tags.entry(tag.as_str()).or_insert(0) += 1;
            }
        }
        tags
    }

    /// Sets a paper's note (an empty text removes it); a note written here replaces every note it had.
    pub fn set_note(&mut self, paper: &str, text: &str) {
        let text = text.trim();
        self.marks_mut(paper).notes =
            if text.is_empty() { Vec::new() } else { vec![Note { text: text.into(), from: None }] };
        self.tidy(paper);
    }

    pub fn set_read(&mut self, paper: &str, read: bool) {
        self.marks_mut(paper).read = read;
        self.tidy(paper);
    }

    pub fn is_read(&self, paper: &str) -> bool {
        self.marks.get(paper).is_some_and(|m| m.read)
    }

    /// What the library holds about each paper, as the engine reads it (one pass, whatever the lists' sizes).
    pub fn kept(&self) -> Vec<paperscope_search::Kept<'_>> {
        let mut by_paper: BTreeMap<&str, paperscope_search::Kept<'_>> = BTreeMap::new();
        for list in &self.lists {
            for paper in &list.papers {
                let kept = by_paper
                    .entry(paper)
                    .or_insert_with(|| paperscope_search::Kept { id: paper, ..Default::default() });
                kept.lists.push(&list.name);
            }
        }
        for (paper, marks) in &self.marks {
            let kept =
                by_paper.entry(paper).or_insert_with(|| paperscope_search::Kept { id: paper, ..Default::default() });
            kept.tags = marks.tags.iter().map(String::as_str).collect();
            kept.read = marks.read;
            kept.notes = marks.notes.iter().map(|n| n.text.as_str()).collect();
        }
        by_paper.into_values().collect()
    }

    /// The library laid out over an index's papers, for the engine.
    pub fn index_over(&self, index: &paperscope_search::Index) -> paperscope_search::LibraryIndex {
        self.index_with(index, index.muted_docs(&self.mutings()))
    }

    /// [`Library::index_over`] with the muted documents already found (they change only with the mutes).
    pub fn index_with(&self, index: &paperscope_search::Index, muted: Vec<u32>) -> paperscope_search::LibraryIndex {
        let names: Vec<&str> = self.lists.iter().map(|l| l.name.as_str()).collect();
        paperscope_search::LibraryIndex::build(index, &names, self.kept()).with_muted(muted)
    }

    /// How many papers are in any list.
    pub fn saved_count(&self) -> usize {
        self.lists.iter().flat_map(|l| &l.papers).collect::<BTreeSet<_>>().len()
    }
}

#[cfg(test)]
mod tests;
