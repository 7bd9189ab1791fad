//! The corpus build: parse every input, merge duplicates, finish each paper (heading, id, year, topics)
//! and count what happened.

use std::collections::{HashMap, HashSet};

use crate::schema::{Corpus, Counts, InputSummary, ListingMeta, Paper, CORPUS_VERSION};
use crate::text::{derived_heading, fold_key};
use crate::topics::assign_topics;
use crate::{merge, parse, Date, Diagnostic, Format, ParseError, ParseOptions, Parsed};

/// Longest derived heading for an untitled paper, in characters.
pub const HEADING_CHARS: usize = 90;

/// One input of a build: its name (as recorded in sources), its text, and its settings.
#[derive(Debug, Clone)]
pub struct BuildInput<'a> {
    pub file: String,
    pub text: &'a str,
    pub format: Option<Format>,
    pub captured: Option<Date>,
    /// How to name this input in the page (the manifest's `label`); `None` takes what the listing says
    /// about itself (see [`default_label`]), else the file name.
    pub label: Option<String>,
}

impl BuildInput<'_> {
    /// This input's label: the one given, else what its listing says about itself.
    fn label_for(&self, parsed: &Parsed) -> Option<String> {
        self.label.clone().or_else(|| default_label(parsed.format, &parsed.meta))
    }
}

/// What a listing says about itself, as a name for it: `Jason D. Lee, author profile`, `Daily Papers,
/// May 28`. `None` for listings that say nothing (feeds, search results, dumps): their file names stand.
pub fn default_label(format: Format, meta: &ListingMeta) -> Option<String> {
    match format {
        Format::AuthorProfile => meta.author.as_ref().map(|a| format!("{a}, author profile")),
        Format::HfDaily => {
            let title = meta.page_title.as_deref().unwrap_or("Daily Papers");
            Some(match &meta.page_date {
                Some(date) => format!("{title}, {date}"),
                None => title.to_string(),
            })
        }
        Format::ArxivList => {
            let subject = meta.page_title.as_deref().unwrap_or("subject listing");
            Some(match &meta.page_date {
                Some(date) => format!("arXiv {subject}, {date}"),
                None => format!("arXiv {subject}"),
            })
        }
        Format::ArxivSearch => meta.page_title.clone(),
        _ => None,
    }
}

/// A built corpus and every diagnostic met on the way.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses each input in turn and gathers the papers of those that parse; `starting` hears of each input
/// before it is read (for progress), `each` of its outcome (what the CLI's build and the page's import each
/// report).
pub fn parse_each(
    inputs: &[BuildInput<'_>],
    mut starting: impl FnMut(&BuildInput<'_>),
    mut each: impl FnMut(&BuildInput<'_>, Result<&Parsed, &ParseError>),
) -> Vec<Paper> {
    let mut records = Vec::new();
    for input in inputs {
        starting(input);
        let options = ParseOptions { file: input.file.clone(), format: input.format, captured: input.captured };
        match parse(input.text, &options) {
            Ok(mut parsed) => {
                let label = input.label_for(&parsed);
                if label.is_some() {
                    for source in parsed.papers.iter_mut().flat_map(|p| p.sources.iter_mut()) {
                        source.label.clone_from(&label);
                    }
                }
                each(input, Ok(&parsed));
                records.append(&mut parsed.papers);
            }
            Err(e) => each(input, Err(&e)),
        }
    }
    records
}

/// Builds the merged corpus from inputs. Fails only when an input cannot be parsed at all (the first such).
pub fn build_corpus(inputs: &[BuildInput<'_>]) -> Result<BuildOutput, ParseError> {
    let mut summaries = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failed = None;
    let records = parse_each(
        inputs,
        |_| {},
        |input, outcome| match outcome {
            Ok(parsed) => {
                summaries.push(InputSummary {
                    file: input.file.clone(),
                    label: input.label_for(parsed),
                    format: parsed.format,
                    captured: input.captured.map(|d| d.to_string()),
                    listing: parsed.meta.clone(),
                    records: parsed.papers.len(),
                    diagnostics: parsed.diagnostics.len(),
                });
                diagnostics.extend(parsed.diagnostics.iter().cloned());
            }
            Err(e) => {
                failed.get_or_insert_with(|| e.clone());
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    let record_count = records.len();
    let mut papers = merge_and_finish(records);
    // Newest first, so the hosted data's first part (what the page searches while the rest arrives) holds
    // the newest papers. Stable: papers of one date keep the order of their first record; undated ones last.
    papers.sort_by(|a, b| (b.year, b.published.as_deref()).cmp(&(a.year, a.published.as_deref())));
    let counts = Counts {
        records: record_count,
        papers: papers.len(),
        merged: record_count - papers.len(),
        untitled: papers.iter().filter(|p| p.untitled).count(),
        with_arxiv_id: papers.iter().filter(|p| p.arxiv_id.is_some()).count(),
        with_topic: papers.iter().filter(|p| !p.topics.is_empty()).count(),
        diagnostics: diagnostics.len(),
    };
    Ok(BuildOutput { corpus: Corpus { version: CORPUS_VERSION, inputs: summaries, counts, papers }, diagnostics })
}

/// Merges duplicate records (or papers with records, as when a user adds papers to a corpus) and fills
/// the derived fields, with ids unique.
pub fn merge_and_finish(records: Vec<Paper>) -> Vec<Paper> {
    let mut papers = merge(records);
    for paper in &mut papers {
        finish_paper(paper);
    }
    make_ids_unique(&mut papers);
    papers
}

/// Fills the fields derived from the others: a heading for an untitled paper, `year`, `topics` and `id`.
pub fn finish_paper(paper: &mut Paper) {
    if paper.title.is_empty() || paper.untitled {
        paper.untitled = true;
        paper.title = if !paper.abstract_text.is_empty() {
            derived_heading(crate::text::strip_ellipsis(&paper.abstract_text), HEADING_CHARS)
        } else if let Some(id) = &paper.arxiv_id {
            format!("arXiv:{id}")
        } else {
            "Untitled paper".to_string()
        };
    }
    paper.year = paper.published.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()).or(paper.year);
    paper.topics = assign_topics(if paper.untitled { "" } else { &paper.title }, &paper.abstract_text);
    paper.id = match &paper.arxiv_id {
        Some(id) => format!("arxiv:{id}"),
        None => slug(&paper.title),
    };
}

/// A stable slug from a title: its first ASCII words, folded, joined by `-`; for a title with none (all
/// CJK, say), `paper-` and a hash of the folded title.
pub fn slug(title: &str) -> String {
    let key = fold_key(title);
    let mut slug = String::new();
    for word in key.split(' ').filter(|w| !w.is_empty() && w.is_ascii()) {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        // FNV-1a: stable across builds and platforms, unlike the standard hasher.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        slug = format!("paper-{:08x}", hash >> 32);
    }
    slug
}

/// Distinct papers whose slugs collide get `-2`, `-3`, ... in corpus order. Each slug remembers the next
/// number to try, so 20,000 papers with one slug cost 20,000 steps, not 200 million.
fn make_ids_unique(papers: &mut [Paper]) {
    let mut seen: HashSet<String> = HashSet::with_capacity(papers.len());
    let mut next: HashMap<String, u32> = HashMap::new();
    for paper in papers {
        if seen.insert(paper.id.clone()) {
            continue;
        }
        let n = next.entry(paper.id.clone()).or_insert(2);
        while seen.contains(&format!("{}-{n}", paper.id)) {
            *n += 1;
        }
        paper.id = format!("{}-{n}", paper.id);
        *n += 1;
        seen.insert(paper.id.clone());
    }
}
