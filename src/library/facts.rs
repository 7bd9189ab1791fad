//! The library as the browser stores it: one record per fact (a list, a paper in a list, a tag on a paper,
//! a note, a read mark, a saved search, a mute), each under its own key. A change is written as the facts it
//! adds, changes and removes, in one transaction; so two tabs that change different things never overwrite
//! each other, and a record that cannot be read costs that one fact, not the library.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Library, List, Mute, Note, SavedSearch, DEFAULT_LIST};

/// One stored fact. `pos` keeps the library's order (lists, papers in a list, notes, saved searches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    List { name: String, pos: u32 },
    Saved { list: String, paper: String, pos: u32 },
    Tag { paper: String, tag: String },
    Note { paper: String, text: String, from: Option<String>, pos: u32 },
    Read { paper: String },
    Search { search: SavedSearch, pos: u32 },
    Mute { mute: Mute },
}

impl Fact {
    /// The record's key: what the fact is about, without its order or text, so a fact changed in place
    /// (a note rewritten, a list's papers reordered) keeps its record. JSON, so no name can run into another.
    pub fn key(&self) -> String {
        let parts: Vec<&str> = match self {
            Fact::List { name, .. } => vec!["list", name],
            Fact::Saved { list, paper, .. } => vec!["saved", list, paper],
            Fact::Tag { paper, tag } => vec!["tag", paper, tag],
            Fact::Note { paper, pos, .. } => return serde_json::json!(["note", paper, pos]).to_string(),
            Fact::Read { paper } => vec!["read", paper],
            Fact::Search { search, .. } => vec!["search", &search.name],
            Fact::Mute { mute } => return serde_json::json!(["mute", mute]).to_string(),
        };
        serde_json::Value::from(parts).to_string()
    }
}

/// What a change writes: the facts to put (new or changed) and the keys to delete.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub put: Vec<Fact>,
    pub delete: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty()
    }
}

impl Library {
    /// The library as facts, by key.
    pub fn facts(&self) -> BTreeMap<String, Fact> {
        let mut facts = Vec::new();
        for (pos, list) in self.lists.iter().enumerate() {
            facts.push(Fact::List { name: list.name.clone(), pos: pos as u32 });
            for (pos, paper) in list.papers.iter().enumerate() {
                facts.push(Fact::Saved { list: list.name.clone(), paper: paper.clone(), pos: pos as u32 });
            }
        }
        for (paper, marks) in &self.marks {
            facts.extend(marks.tags.iter().map(|tag| Fact::Tag { paper: paper.clone(), tag: tag.clone() }));
            for (pos, note) in marks.notes.iter().enumerate() {
                facts.push(Fact::Note {
                    paper: paper.clone(),
                    text: note.text.clone(),
                    from: note.from.clone(),
                    pos: pos as u32,
                });
            }
            if marks.read {
                facts.push(Fact::Read { paper: paper.clone() });
            }
        }
        for (pos, search) in self.saved_searches.iter().enumerate() {
            facts.push(Fact::Search { search: search.clone(), pos: pos as u32 });
        }
        facts.extend(self.mutes.iter().map(|mute| Fact::Mute { mute: mute.clone() }));
        facts.into_iter().map(|f| (f.key(), f)).collect()
    }

    /// The library the facts make, whatever order they come in. A paper saved to a list with no record of
    /// its own (another tab deleted the list while this one saved to it) brings the list back: nothing
    /// saved is dropped. With no list at all, the default list is there.
    pub fn from_facts(facts: impl IntoIterator<Item = Fact>) -> Library {
        let (mut lists, mut saved, mut notes, mut searches) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut library = Library { lists: Vec::new(), ..Library::default() };
        for fact in facts {
            match fact {
                Fact::List { name, pos } => lists.push((pos, name)),
                Fact::Saved { list, paper, pos } => saved.push((pos, list, paper)),
                Fact::Tag { paper, tag } => {
                    library.marks.entry(paper).or_default().tags.insert(tag);
                }
                Fact::Note { paper, text, from, pos } => notes.push((paper, pos, Note { text, from })),
                Fact::Read { paper } => library.marks.entry(paper).or_default().read = true,
                Fact::Search { search, pos } => searches.push((pos, search)),
                Fact::Mute { mute } => {
                    library.mutes.insert(mute);
                }
            }
        }
        lists.sort();
        library.lists = lists.into_iter().map(|(_, name)| List { name, papers: Vec::new() }).collect();
        saved.sort();
        for (_, list, paper) in saved {
            let at = match library.lists.iter().position(|l| l.name == list) {
                Some(at) => at,
                None => {
                    library.lists.push(List { name: list, papers: Vec::new() });
                    library.lists.len() - 1
                }
            };
            library.lists[at].papers.push(paper);
        }
        if library.lists.is_empty() {
            library.lists.push(List { name: DEFAULT_LIST.into(), papers: Vec::new() });
        }
        notes.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        for (paper, _, note) in notes {
            library.marks.entry(paper).or_default().notes.push(note);
        }
        searches.sort_by_key(|(pos, _)| *pos);
        library.saved_searches = searches.into_iter().map(|(_, s)| s).collect();
        library
    }

    /// The facts to write to go from `self` to `next`.
    pub fn changes_to(&self, next: &Library) -> Changes {
        let (before, after) = (self.facts(), next.facts());
        Changes {
            put: after.iter().filter(|(k, f)| before.get(*k) != Some(*f)).map(|(_, f)| f.clone()).collect(),
            delete: before.keys().filter(|k| !after.contains_key(*k)).cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Library {
        let mut lib = Library::default();
        lib.create_list("Theory").expect("a new name");
        for p in ["b", "a", "c"] {
            lib.save(DEFAULT_LIST, p).expect("the default list");
        }
        lib.save("Theory", "a").expect("made above");
        lib.tag("a", "theory").expect("a tag");
        lib.set_note("c", "check the proof of lemma 2");
        lib.set_read("b", true);
        lib.save_view("Bandits", "q=bandit", ["a".to_string()]);
        lib.mutes.insert(Mute::Author("Someone".into()));
        lib
    }

    #[test]
    fn facts_make_the_same_library_in_any_order() {
        let lib = sample();
        let mut facts: Vec<Fact> = lib.facts().into_values().collect();
        facts.reverse();
        assert_eq!(Library::from_facts(facts), lib);
        assert_eq!(Library::from_facts(Vec::new()), Library::default());
    }

    #[test]
    fn a_change_writes_only_what_changed() {
        let lib = sample();
        let mut next = lib.clone();
        next.tag("c", "proofs").expect("a tag");
        assert_eq!(
            lib.changes_to(&next),
            Changes { put: vec![Fact::Tag { paper: "c".into(), tag: "proofs".into() }], delete: vec![] }
        );
        let mut next = lib.clone();
        next.set_note("c", "done");
        let changes = lib.changes_to(&next);
        assert_eq!((changes.put.len(), changes.delete.len()), (1, 0), "a note rewritten keeps its record");
        let mut next = lib.clone();
        next.rename_list("Theory", "Proofs").expect("a free name");
        let changes = lib.changes_to(&next);
        assert_eq!((changes.put.len(), changes.delete.len()), (2, 2), "the list and its one paper move");
        assert!(lib.changes_to(&lib).is_empty());
    }

    #[test]
    fn two_tabs_changing_different_things_keep_both() {
        // Both start from the same library; each writes its own changes over the stored facts.
        let base = sample();
        let mut stored = base.facts();
        let (mut one, mut two) = (base.clone(), base.clone());
        one.tag("b", "bandits").expect("a tag");
        two.save("Theory", "c").expect("a list");
        for tab in [&one, &two] {
            let changes = base.changes_to(tab);
            for key in changes.delete {
                stored.remove(&key);
            }
            stored.extend(changes.put.into_iter().map(|f| (f.key(), f)));
        }
        let merged = Library::from_facts(stored.into_values());
        assert!(merged.marks["b"].tags.contains("bandits"));
        assert_eq!(merged.lists_of("c"), [DEFAULT_LIST, "Theory"]);
    }

    #[test]
    fn papers_saved_to_a_list_another_tab_deleted_bring_it_back() {
        let facts = vec![Fact::Saved { list: "Gone".into(), paper: "x".into(), pos: 0 }];
        let lib = Library::from_facts(facts);
        assert_eq!(lib.lists_of("x"), ["Gone"]);
    }
}
