//! "Add papers": listings and metadata dumps pasted or dropped into the page, parsed by the same parser as
//! the CLI, merged into the explorer's papers, kept in the browser's local storage and removable again.
//! Nothing is sent anywhere.

use paperscope_corpus::{merge_and_finish, parse, Date, ParseOptions, Severity};
use paperscope_search::Index;
use serde::{Deserialize, Serialize};

use crate::Loaded;

/// One import: a name (the file's, or `pasted-N.txt`) and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub name: String,
    pub text: String,
}

/// What one import held.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    /// The format found, or why none was.
    pub format: Result<String, String>,
    pub records: usize,
    pub problems: Vec<String>,
}

const STORAGE_KEY: &str = "paperscope.imports.v1";

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The imports saved by an earlier visit.
pub fn saved() -> Vec<Import> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Saves the imports for later visits; a full storage is reported, not fatal (they stay for this visit).
pub fn save(imports: &[Import]) -> Result<(), String> {
    let json = serde_json::to_string(imports).map_err(|e| e.to_string())?;
    let storage = storage().ok_or("this browser offers no local storage; the papers stay until you reload")?;
    storage.set_item(STORAGE_KEY, &json).map_err(|_| {
        "the browser's storage is full: these papers stay until you reload, but will not be kept".to_string()
    })
}

/// Today, for listings that show dates without a year.
fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8)
}

/// Rebuilds the explorer's index from the corpus's papers and every import, and reports on each import.
/// Returns the reports and how many papers the explorer holds now.
pub fn apply(loaded: &Loaded, imports: &[Import]) -> (Vec<Report>, usize) {
    let base = loaded.base.borrow_mut().get_or_insert_with(|| loaded.index.borrow().papers().to_vec()).clone();
    let mut records = base;
    let mut reports = Vec::new();
    for import in imports {
        let mut options = ParseOptions::new(import.name.clone());
        options.captured = today();
        match parse(&import.text, &options) {
            Ok(parsed) => {
                let problems = parsed
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let kind = if d.severity == Severity::Skipped { "skipped" } else { "warning" };
                        format!("line {}: {kind}: {}", d.line, d.message)
                    })
                    .collect();
                reports.push(Report {
                    name: import.name.clone(),
                    format: Ok(parsed.format.name().to_string()),
                    records: parsed.papers.len(),
                    problems,
                });
                records.extend(parsed.papers);
            }
            Err(e) => reports.push(Report {
                name: import.name.clone(),
                format: Err(e.to_string()),
                records: 0,
                problems: Vec::new(),
            }),
        }
    }
    let papers = merge_and_finish(records);
    let count = papers.len();
    *loaded.index.borrow_mut() = Index::build(papers);
    (reports, count)
}
