//! The backup file: one JSON document with the library and the papers added on this device, versioned.

use serde::{Deserialize, Serialize};

use super::Library;

/// The backup file's `format` field, which says what the file is.
pub const BACKUP_FORMAT: &str = "paperscope-library";
/// The backup file's version. A file of a newer version is refused with a sentence, never half read; when
/// the layout changes, this goes up and [`Backup::read`] learns to migrate the older one.
pub const BACKUP_VERSION: u32 = 1;

/// One file with everything: the library and the papers added on this device (each input as it was
/// given: its name, text and chosen format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub library: Library,
    pub added: Vec<AddedInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedInput {
    pub name: String,
    pub text: String,
    /// The format it was added as (`None`: detected).
    pub format: Option<String>,
}

impl Backup {
    pub fn new(library: Library, added: Vec<AddedInput>) -> Backup {
        Backup { format: BACKUP_FORMAT.into(), version: BACKUP_VERSION, library, added }
    }

    /// One list as a file to share (a list too long for a link): the list alone (restored, it is merged in like any backup) and its
    /// papers, as one added input, so that the papers come with it to a page that lacks them.
    pub fn of_list(library: &Library, name: &str, papers: Option<AddedInput>) -> Option<Backup> {
        let list = library.lists.iter().find(|l| l.name == name)?.clone();
        // The list only: tags, notes and read marks are the person's own and stay on this device.
        let only = Library {
            lists: vec![list],
            marks: Default::default(),
            saved_searches: Vec::new(),
            mutes: Default::default(),
        };
        Some(Backup::new(only, papers.into_iter().collect()))
    }

    pub fn to_json(&self) -> String {
        // Plain data always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a backup file, or says in a sentence why it cannot: not JSON (with the line), not a Paperscope
    /// library, a newer version.
    pub fn read(text: &str) -> Result<Backup, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not a library backup: {e} (line {})", e.line()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(BACKUP_FORMAT) {
            return Err(format!("not a library backup: it has no \"format\": \"{BACKUP_FORMAT}\""));
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(BACKUP_VERSION) => {}
            Some(v) if v > u64::from(BACKUP_VERSION) => {
                return Err(format!(
                    "this backup was written by a newer Paperscope (library version {v}; this page reads up to {BACKUP_VERSION})"
                ))
            }
            other => return Err(format!("this backup has no version this page knows ({other:?})")),
        }
        serde_json::from_value(value).map_err(|e| format!("the backup is damaged: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn the_backup_file_round_trips_and_refuses_what_it_cannot_read() {
        let mut lib = Library::default();
        lib.save(DEFAULT_LIST, "arxiv:2511.14710").expect("default");
        lib.tag("arxiv:2511.14710", "theory").expect("tag");
        lib.mute(Mute::Author("Ada".into()));
        let added = vec![AddedInput { name: "pasted-1.txt".into(), text: "Title\nAbstract.".into(), format: None }];
        let backup = Backup::new(lib, added);
        let text = backup.to_json();
        assert_eq!(Backup::read(&text), Ok(backup.clone()));
        assert!(text.contains("\"format\": \"paperscope-library\"") && text.contains("\"version\": 1"));
        let newer = text.replace("\"version\": 1", "\"version\": 7");
        assert_eq!(
            Backup::read(&newer),
            Err("this backup was written by a newer Paperscope (library version 7; this page reads up to 1)".into())
        );
        assert!(Backup::read("{\"papers\": []}").is_err_and(|e| e.contains("not a library backup")));
        assert!(Backup::read("{\n  \"format\": ").is_err_and(|e| e.contains("line 2")));
        let damaged = text.replace("\"lists\"", "\"lists_gone\"");
        assert!(Backup::read(&damaged).is_err_and(|e| e.starts_with("the backup is damaged")));
    }

    #[test]
    fn a_list_file_holds_the_list_and_its_papers_and_nothing_private() {
        let mut lib = Library::default();
        lib.create_list("Theory").expect("a name");
        for id in ["a", "b"] {
            lib.save("Theory", id).expect("a list");
        }
        lib.save(DEFAULT_LIST, "c").expect("a list");
        lib.set_note("a", "my own thoughts");
        lib.mute(Mute::Word("survey".into()));
        let papers = AddedInput { name: "Theory.json".into(), text: "[]".into(), format: Some("json".into()) };
        let file = Backup::of_list(&lib, "Theory", Some(papers.clone())).expect("the list exists");
        assert_eq!(file.library.lists, vec![List { name: "Theory".into(), papers: vec!["a".into(), "b".into()] }]);
        assert!(file.library.marks.is_empty() && file.library.mutes.is_empty());
        assert_eq!(file.added, vec![papers]);
        // Restored elsewhere it is merged like any backup: the list arrives, nothing there is replaced.
        let mut there = Library::default();
        there.merge(Backup::read(&file.to_json()).expect("readable").library, "Theory.json");
        assert_eq!(there.lists.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), [DEFAULT_LIST, "Theory"]);
        assert!(Backup::of_list(&lib, "Nope", None).is_none());
    }
}
