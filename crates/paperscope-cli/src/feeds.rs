//! Atom feeds for saved searches. A `feeds.toml` beside the build's manifest names views of the explorer
//! (what its address says after the `?`, copied from the page); the build writes each one's newest matching
//! papers as `feeds/NAME.xml` beside the site's data, so anyone can follow "diffusion models for proteins,
//! NeurIPS or arXiv" in a feed reader with no server. Written with `atom_syndication` (the rust-syndication
//! project's Atom crate: escaping and the format's required elements are its job, not ours).
//!
//! ```toml
//! # Where the site is hosted: links in the feeds point there (without it they are relative to the feed).
//! site = "https://you.github.io/papers/"
//!
//! [[feed]]
//! name = "diffusion-proteins"        # the file: feeds/diffusion-proteins.xml
//! title = "Diffusion models for proteins"
//! view = "q=diffusion+protein&venue=NeurIPS"
//! limit = 50                         # optional; the newest 50 (at most 500)
//! ```

use std::path::Path;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use paperscope_corpus::parts::FeedLink;
use paperscope_corpus::Paper;
use paperscope_search::url::{encode, ViewState};
use paperscope_search::{Index, Sort};
use serde::Deserialize;

/// The most papers one feed lists.
pub const MOST_ENTRIES: usize = 500;
const DEFAULT_ENTRIES: usize = 50;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    site: Option<String>,
    #[serde(default)]
    feed: Vec<RawFeed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: String,
    title: String,
    view: String,
    limit: Option<usize>,
}

/// One saved search to publish: as the data's manifest lists it (name, title, the explorer's query string
/// for the view, without `?`), and how many papers it lists.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedSpec {
    pub link: FeedLink,
    pub limit: usize,
}

/// A feeds file read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Feeds {
    /// The hosted site's address, ending in `/` (links are relative without it).
    pub site: Option<String>,
    pub feeds: Vec<FeedSpec>,
}

impl Feeds {
    /// The feeds file beside the build's manifest, when there is one.
    pub fn beside(manifest: &Path) -> Result<Option<Feeds>, String> {
        let path = manifest.with_file_name("feeds.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Feeds::parse(&text, &path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Feeds, String> {
        let raw: RawFeeds = crate::manifest::from_toml(text, path)?;
        let site = match raw.site.map(|s| s.trim().to_string()) {
            Some(s) if !(s.starts_with("https://") || s.starts_with("http://")) => {
                return Err(format!("{}: site {s:?} is not an http(s) address", path.display()))
            }
            Some(s) if !s.ends_with('/') => Some(format!("{s}/")),
            other => other,
        };
        let mut feeds: Vec<FeedSpec> = Vec::new();
        for (k, f) in raw.feed.into_iter().enumerate() {
            let at = format!("{}: feed {} ({:?})", path.display(), k + 1, f.name);
            if !FeedLink::name_ok(&f.name) {
                return Err(format!("{at}: a name is 1-64 of a-z, 0-9, - and _ (it names the file)"));
            }
            if feeds.iter().any(|g| g.link.name == f.name) {
                return Err(format!("{at}: the name is used twice"));
            }
            let view = f.view.trim().trim_start_matches('?').to_string();
            let state = ViewState::parse(&view);
            if state.ignored > 0 {
                return Err(format!("{at}: the view has more filters than a view keeps"));
            }
            if state.filters.iter().any(|f| f.key().is_library()) || state.shared.is_some() {
                return Err(format!("{at}: lists, tags and read marks live in a person's browser, not in a feed"));
            }
            let limit = f.limit.unwrap_or(DEFAULT_ENTRIES);
            if !(1..=MOST_ENTRIES).contains(&limit) {
                return Err(format!("{at}: limit {limit} is not between 1 and {MOST_ENTRIES}"));
            }
            let link = FeedLink { name: f.name, title: f.title.trim().to_string(), view };
            feeds.push(FeedSpec { link, limit });
        }
        Ok(Feeds { site, feeds })
    }
}

/// A paper's date as an Atom date (`2025-11-18` -> midnight UTC that day).
fn date(paper: &Paper) -> Option<FixedDateTime> {
    let day = paper.published.as_deref().or(paper.updated.as_deref())?;
    let day = day.get(..10)?;
    chrono::DateTime::parse_from_rfc3339(&format!("{day}T00:00:00Z")).ok()
}

/// Where a paper is read: arXiv for arXiv papers, else the explorer's view of it.
fn paper_link(paper: &Paper, site: &str) -> String {
    match &paper.arxiv_id {
        Some(id) => format!("https://arxiv.org/abs/{id}"),
        None => format!("{site}?paper={}", encode(&paper.id)),
    }
}

/// The feed for `spec`: the newest papers of its view (words search; the view's own sort is not used: a
/// feed is newest first).
pub fn feed(index: &Index, spec: &FeedSpec, site: Option<&str>) -> Feed {
    let state = ViewState::parse(&spec.link.view);
    let mut request = state.request(spec.limit);
    request.sort = Sort::Newest;
    request.page = 1;
    let response = index.search(&request);
    // Links: absolute with the site's address, else relative to the feed (data/feeds/NAME.xml).
    let root = site.map_or_else(|| "../../".to_string(), str::to_string);
    let papers: Vec<&Paper> = response.hits.iter().filter_map(|h| index.papers().get(h.doc as usize)).collect();
    let newest = papers.iter().filter_map(|p| date(p)).max();
    let updated = newest.unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.fixed_offset());
    let entries = papers
        .iter()
        .map(|paper| {
            let link = paper_link(paper, &root);
            let authors = paper.authors.iter().map(|a| Person { name: a.clone(), ..Person::default() }).collect();
            Entry {
                id: format!("urn:paperscope:paper:{}", encode(&paper.id)),
                title: Text::plain(paper.title.clone()),
                updated: date(paper).unwrap_or(updated),
                published: date(paper),
                authors,
                links: vec![Link { href: link, rel: "alternate".into(), ..Link::default() }],
                summary: (!paper.abstract_text.is_empty()).then(|| Text::plain(paper.abstract_text.clone())),
                categories: paper.topics.iter().map(|t| Category { term: t.clone(), ..Category::default() }).collect(),
                ..Entry::default()
            }
        })
        .collect();
    let page = if spec.link.view.is_empty() { root.clone() } else { format!("{root}?{}", spec.link.view) };
    let mut links =
        vec![Link { href: page, rel: "alternate".into(), mime_type: Some("text/html".into()), ..Link::default() }];
    if let Some(site) = site {
        let href = format!("{site}data/{}", spec.link.file());
        links.push(Link {
            href,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        });
    }
    Feed {
        id: format!("urn:paperscope:feed:{}", spec.link.name),
        title: Text::plain(spec.link.title.clone()),
        updated,
        // Atom wants an author for every entry: the feed's stands for papers without one.
        authors: vec![Person { name: "Paperscope".into(), ..Person::default() }],
        links,
        subtitle: Some(Text::plain(format!("The newest of {} papers matching this search", response.total))),
        generator: Some(atom_syndication::Generator { value: "Paperscope".into(), ..Default::default() }),
        entries,
        ..Feed::default()
    }
}

/// Writes every feed into `feeds/` beside the corpus at `output`, removing feeds an earlier build wrote that
/// are no longer listed. Returns them as the data's manifest lists them.
pub fn write(index: &Index, feeds: &Feeds, output: &Path) -> Result<Vec<FeedLink>, String> {
    let data = output.parent().unwrap_or(Path::new(""));
    let dir = data.join("feeds");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for spec in &feeds.feeds {
        let path = data.join(spec.link.file());
        let xml = feed(index, spec, feeds.site.as_deref()).to_string();
        std::fs::write(&path, xml).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let listed = feeds.feeds.iter().any(|f| data.join(f.link.file()) == entry.path());
        if entry.file_name().to_string_lossy().ends_with(".xml") && !listed {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(feeds.feeds.iter().map(|f| f.link.clone()).collect())
}
