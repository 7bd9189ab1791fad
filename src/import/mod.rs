//! "Add papers": listings and metadata dumps pasted or dropped into the page, parsed by the same parser as
//! the CLI in a Web Worker (src/bin/import_worker.rs), merged into the explorer's papers, kept in the
//! browser's storage and removable again. Nothing is sent anywhere. This module is the plumbing (the
//! worker's messages, the pure import step the worker runs); [`crate::storage`] keeps imports between visits
//! and [`crate::importer`] drives both for the page.

use paperscope_corpus::{merge_and_finish, parse_each, BuildInput, Date, Format, Paper, ParseError};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// One import: a name (the file's, or `pasted-N.txt`), its text, and the format it was added as (`None`:
/// detected). The text stays a JavaScript string from the file or the paste to the worker and the
/// browser's storage: copying 20 MB into WebAssembly memory and back would hold up the page for no use.
#[derive(Debug, Clone)]
pub struct Import {
    pub name: String,
    pub text: js_sys::JsString,
    pub format: Option<Format>,
}

impl Import {
    /// As the browser's storage and the worker take it: `[name, text, format name or null]`.
    pub(crate) fn to_js(&self) -> js_sys::Array {
        let format = self.format.map_or(JsValue::NULL, |f| f.name().into());
        js_sys::Array::of3(&self.name.as_str().into(), &self.text, &format)
    }

    /// Reads `[name, text]` (as earlier versions stored it) or `[name, text, format]`.
    pub(crate) fn from_js(pair: &JsValue) -> Option<Import> {
        let pair: &js_sys::Array = pair.dyn_ref()?;
        let format = pair.get(2).as_string().and_then(|f| Format::from_name(&f));
        Some(Import { name: pair.get(0).as_string()?, text: pair.get(1).dyn_into().ok()?, format })
    }

    /// The text's length in UTF-16 units: about its size in bytes, without copying it.
    pub fn len(&self) -> usize {
        self.text.length() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What one import held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub name: String,
    /// The format found, or why none was.
    pub format: Result<String, String>,
    pub records: usize,
    pub problems: Vec<String>,
}

/// A JavaScript array, or an empty one for anything else (`Array.from` would throw on `undefined`).
pub fn as_array(value: &JsValue) -> js_sys::Array {
    value.dyn_ref::<js_sys::Array>().cloned().unwrap_or_default()
}

/// Today, for listings that show dates without a year.
pub fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8)
}

/// Papers with imports added: the merged papers, a report per import, and how many papers there were
/// before.
pub struct Imported {
    pub papers: Vec<Paper>,
    pub reports: Vec<Report>,
    pub base: usize,
}

/// One import as the worker receives it: name, text, and the format chosen for it (`None`: detect).
pub type ImportText = (String, String, Option<Format>);

/// Parses every import with the same parser as the CLI and merges the records into `base` (the corpus's
/// own papers), calling `progress` before each step. Pure and synchronous: the import worker runs it.
pub fn run_imports(
    base: Vec<Paper>,
    imports: &[ImportText],
    captured: Option<Date>,
    progress: impl Fn(String),
) -> Imported {
    let base_count = base.len();
    let inputs: Vec<BuildInput<'_>> = imports
        .iter()
        .map(|(name, text, format)| BuildInput { file: name.clone(), text, format: *format, captured, label: None })
        .collect();
    let mut reports = Vec::new();
    let mut records = base;
    let starting = |input: &BuildInput<'_>| progress(format!("Reading {}…", input.file));
    records.extend(parse_each(&inputs, starting, |input, outcome| {
        let name = input.file.clone();
        reports.push(match outcome {
            Ok(parsed) => Report {
                name,
                format: Ok(parsed.format.name().to_string()),
                records: parsed.papers.len(),
                problems: parsed
                    .diagnostics
                    .iter()
                    .map(|d| format!("line {}: {}: {}", d.line, d.severity.word(), d.message))
                    .collect(),
            },
            Err(e) => {
                let reason = match e {
                    ParseError::UnknownFormat { .. } => {
                        format!("{e}; choose its format under “Format” and add it again")
                    }
                    ParseError::Empty { .. } => e.to_string(),
                };
                Report { name, format: Err(reason), records: 0, problems: Vec::new() }
            }
        });
    }));
    progress(format!("Merging {} papers…", records.len()));
    Imported { papers: merge_and_finish(records), reports, base: base_count }
}

mod worker;

pub use worker::{start, Applied, Job, Running};

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, title: &str) -> Paper {
        Paper { id: id.into(), title: title.into(), ..Paper::default() }
    }

    #[test]
    fn imports_are_parsed_reported_and_merged_into_the_corpus() {
        let base = vec![paper("2605.00001", "Okapis in the Wild")];
        let imports: Vec<ImportText> = vec![
            (
                "dump.jsonl".into(),
                concat!(
                    r#"{"id": "2605.00001", "title": "Okapis in the Wild", "summary": "Seen at last."}"#,
                    "\n",
                    r#"{"id": "2605.00002", "title": "Zebras Stripe", "summary": "Why."}"#,
                    "\n",
                    r#"{"id": 7}"#,
                    "\n"
                )
                .into(),
                None,
            ),
            ("notes.txt".into(), "hello\nthis is no listing\n".into(), None),
            ("empty.txt".into(), "\n\n".into(), Some(Format::HfSearch)),
        ];
        let steps = std::cell::RefCell::new(Vec::new());
        let imported = run_imports(base, &imports, None, |s| steps.borrow_mut().push(s));
        assert_eq!(
            steps.into_inner(),
            ["Reading dump.jsonl…", "Reading notes.txt…", "Reading empty.txt…", "Merging 3 papers…"],
            "progress is said before each step"
        );
        assert_eq!(imported.base, 1);
        // The same paper from the corpus and the dump is one paper.
        assert_eq!(imported.papers.len(), 2);
        let [dump, notes, empty] = imported.reports.as_slice() else { panic!("one report per import") };
        assert_eq!(dump.format, Ok("json".into()));
        assert_eq!(dump.records, 2);
        assert_eq!(dump.problems.len(), 1, "{:?}", dump.problems);
        assert!(dump.problems[0].starts_with("line 3: skipped: "), "{}", dump.problems[0]);
        assert!(notes.format.as_ref().is_err_and(|e| e.contains("choose its format")), "{:?}", notes.format);
        assert_eq!(notes.records, 0);
        assert!(empty.format.is_err());
    }
}
