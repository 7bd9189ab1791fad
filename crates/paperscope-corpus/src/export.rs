//! Exports of a set of papers: JSON in the corpus schema, CSV (RFC 4180), BibTeX ([`crate::bibtex`]) and
//! RIS (what reference managers import; [`to_ris`]).

use crate::schema::{Paper, VenueStatus};

/// The export formats, with the names the CLI and the page use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Bibtex,
    Ris,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Bibtex, ExportFormat::Ris];

    /// `json`, `csv`, `bibtex`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Bibtex => "bibtex",
            ExportFormat::Ris => "ris",
        }
    }

    pub fn from_name(name: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// How a person would name it: `JSON`, `CSV`, `BibTeX`.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Json => "JSON",
            ExportFormat::Csv => "CSV",
            ExportFormat::Bibtex => "BibTeX",
            ExportFormat::Ris => "RIS",
        }
    }

    /// A file name and media type for a download.
    pub fn file(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Json => ("papers.json", "application/json"),
            ExportFormat::Csv => ("papers.csv", "text/csv"),
            ExportFormat::Bibtex => ("papers.bib", "application/x-bibtex"),
            ExportFormat::Ris => ("papers.ris", "application/x-research-info-systems"),
        }
    }

    /// The papers in this format.
    pub fn render<'a>(self, papers: impl IntoIterator<Item = &'a Paper>) -> String {
        match self {
            ExportFormat::Json => to_json(papers),
            ExportFormat::Csv => to_csv(papers),
            ExportFormat::Bibtex => crate::bibtex::entries(papers),
            ExportFormat::Ris => to_ris(papers),
        }
    }
}

/// The papers as a JSON array in the corpus schema.
pub fn to_json<'a>(papers: impl IntoIterator<Item = &'a Paper>) -> String {
    let papers: Vec<&Paper> = papers.into_iter().collect();
    // Serialising plain data to a string cannot fail.
    serde_json::to_string_pretty(&papers).unwrap_or_default()
}

/// The columns of the CSV export.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "untitled",
    "authors",
    "author_count",
    "organization",
    "year",
    "published",
    "updated",
    "venue",
    "venue_status",
    "arxiv_id",
    "upvotes",
    "pages",
    "figures",
    "topics",
    "categories",
    "code_urls",
    "comment",
    "abstract",
    "abstract_truncated",
    "sources",
    "incomplete",
];

/// The papers as CSV with a header row; lists are joined with `; `, and every field is quoted where needed.
pub fn to_csv<'a>(papers: impl IntoIterator<Item = &'a Paper>) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for p in papers {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        let row = [
            p.id.clone(),
            p.title.clone(),
            p.untitled.to_string(),
            p.authors.join("; "),
            num(p.author_count),
            opt(p.organization.clone()),
            p.year.map(|y| y.to_string()).unwrap_or_default(),
            opt(p.published.clone()),
            opt(p.updated.clone()),
            opt(p.venue.clone()),
            p.venue_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            opt(p.arxiv_id.clone()),
            num(p.upvotes),
            num(p.pages),
            num(p.figures),
            p.topics.join("; "),
            p.categories.join("; "),
            p.code_urls.join("; "),
            opt(p.comment.clone()),
            p.abstract_text.clone(),
            p.abstract_truncated.to_string(),
            p.sources.iter().map(|s| format!("{}:{} ({})", s.file, s.line, s.format)).collect::<Vec<_>>().join("; "),
            p.gaps().join("; "),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The papers as RIS records (`TY` to `ER`, CRLF line ends): a paper accepted at a venue as `CONF` with
/// the venue in `T2`, any other as `GEN`; authors as written; the arXiv page and code links as `UR`; the
/// comment and what the record lacks (`Incomplete record: ...`) as `N1`. Every value is on one line, so a
/// value can never start a field or a record of its own. [`crate::formats::ris`] reads it back.
pub fn to_ris<'a>(papers: impl IntoIterator<Item = &'a Paper>) -> String {
    let mut out = String::new();
    for p in papers {
        let mut field = |tag: &str, value: &str| {
            let value = crate::text::collapse_whitespace(value);
            if !value.is_empty() || tag == "ER" {
                out.push_str(&format!("{tag}  - {value}\r\n"));
            }
        };
        let accepted = p.venue.as_ref().filter(|_| p.venue_status == Some(VenueStatus::Accepted));
        field("TY", if accepted.is_some() { "CONF" } else { "GEN" });
        field("TI", &p.title);
        for author in &p.authors {
            field("AU", author);
        }
        if let Some(year) = p.year {
            field("PY", &year.to_string());
        }
        if let Some(date) = &p.published {
            field("DA", &date.replace('-', "/"));
        }
        if let Some(venue) = accepted {
            field("T2", venue);
        }
        field("AB", &p.abstract_text);
        if let Some(id) = &p.arxiv_id {
            field("UR", &format!("https://arxiv.org/abs/{id}"));
        }
        for url in &p.code_urls {
            field("UR", url);
        }
        if let Some(comment) = &p.comment {
            field("N1", comment);
        }
        if let Some(note) = p.incomplete_note() {
            field("N1", &note);
        }
        field("ER", "");
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break (quotes doubled). A field starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list of formula starters) is prefixed with `'` so
/// a spreadsheet shows it instead of running it as a formula.
fn csv_field(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if formula { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let p = Paper {
            id: "x".into(),
            title: "A \"quoted\", title".into(),
            abstract_text: "line one\nline two".into(),
            authors: vec!["A".into(), "B".into()],
            comment: Some("=HYPERLINK(\"x\")".into()),
            ..Paper::default()
        };
        let csv = to_csv([&p]);
        let mut lines = csv.split("\r\n");
        assert_eq!(lines.next().map(|h| h.split(',').count()), Some(CSV_COLUMNS.len()));
        let row = lines.next().unwrap_or_default();
        assert!(row.starts_with("x,\"A \"\"quoted\"\", title\",false,A; B,"), "{row}");
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{row}");
        assert!(csv.contains("\"line one\nline two\""));
        for start in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(csv_field(start).trim_start_matches('"').starts_with('\''), "{start:?} is not defused");
        }
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn csv_says_what_a_record_lacks() {
        let profile = Paper {
            title: "T".into(),
            authors: vec!["Jason D. Lee".into()],
            authors_partial: true,
            ..Paper::default()
        };
        let csv = to_csv([&profile]);
        assert!(csv.lines().next().is_some_and(|h| h.ends_with(",incomplete")));
        assert!(csv.trim_end().ends_with(",not every author named; no year"), "{csv}");
    }

    #[test]
    fn json_is_the_corpus_schema() {
        let p = Paper { id: "x".into(), title: "T".into(), ..Paper::default() };
        let back: Vec<Paper> = serde_json::from_str(&to_json([&p])).unwrap_or_default();
        assert_eq!(back, vec![p]);
    }
}
