//! Restoring a backup into a library that already holds things: nothing is lost.

use super::{Library, Note, SavedSearch};

impl Library {
    /// Merges another library into this one without losing anything: lists by name (papers added in
    /// their order), tags united, read if either says read, notes kept (a different note beside this one's,
    /// marked with `from`), saved searches by name (a different one under the same name kept as
    /// "name (from)"), mutes united.
    pub fn merge(&mut self, other: Library, from: &str) {
        for list in other.lists {
            match self.lists.iter_mut().find(|l| l.name == list.name) {
                Some(mine) => {
                    for paper in list.papers {
                        if !mine.papers.contains(&paper) {
                            mine.papers.push(paper);
                        }
                    }
                }
                None => self.lists.push(list),
            }
        }
        for (paper, theirs) in other.marks {
            let mine = self.marks_mut(&paper);
            mine.tags.extend(theirs.tags);
            mine.read |= theirs.read;
            for note in theirs.notes {
                if !mine.notes.iter().any(|n| n.text == note.text) {
                    let from = note.from.clone().or_else(|| (!mine.notes.is_empty()).then(|| from.to_string()));
                    mine.notes.push(Note { from, ..note });
                }
            }
        }
        for search in other.saved_searches {
            match self.saved_searches.iter().find(|s| s.name == search.name) {
                Some(mine) if mine.view == search.view => {}
                Some(_) => {
                    let name = format!("{} ({from})", search.name);
                    if !self.saved_searches.iter().any(|s| s.name == name) {
                        self.saved_searches.push(SavedSearch { name, ..search });
                    }
                }
                None => self.saved_searches.push(search),
            }
        }
        self.mutes.extend(other.mutes);
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn restoring_merges_without_loss() {
        let mut mine = Library::default();
        mine.save(DEFAULT_LIST, "a").expect("default");
        mine.tag("a", "theory").expect("tag");
        mine.set_note("a", "my note");
        mine.save_view("Bandits", "q=bandit", []);
        let mut theirs = Library::default();
        theirs.save(DEFAULT_LIST, "b").expect("default");
        theirs.save(DEFAULT_LIST, "a").expect("default");
        theirs.create_list("Later").expect("name");
        theirs.save("Later", "c").expect("made");
        theirs.tag("a", "proofs").expect("tag");
        theirs.set_note("a", "their note");
        theirs.set_read("a", true);
        theirs.set_note("d", "only theirs");
        theirs.save_view("Bandits", "q=bandits&year=2025", []);
        theirs.mute(Mute::Word("survey".into()));
        let again = theirs.clone();
        mine.merge(theirs, "backup of 2026-12-02");
        assert_eq!(mine.lists[0].papers, ["a", "b"]);
        assert_eq!(mine.lists[1].papers, ["c"]);
        let a = &mine.marks["a"];
        assert_eq!(a.tags.iter().collect::<Vec<_>>(), ["proofs", "theory"]);
        assert!(a.read);
        assert_eq!(a.notes[0], Note { text: "my note".into(), from: None });
        assert_eq!(a.notes[1], Note { text: "their note".into(), from: Some("backup of 2026-12-02".into()) });
        assert_eq!(mine.marks["d"].notes[0].from, None, "a note alone is no conflict");
        let names: Vec<&str> = mine.saved_searches.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Bandits", "Bandits (backup of 2026-12-02)"]);
        assert!(mine.mutes.contains(&Mute::Word("survey".into())));
        // Merging the same backup again changes nothing.
        let once = mine.clone();
        mine.merge(again, "backup of 2026-12-02");
        assert_eq!(mine, once);
    }
}
