//! What a search asks and what it answers: the request (query, facet selections, sort, page), the response
//! (total, the page's hits with highlights, every facet's counts) and the orders results can take. Plain
//! data, shared by the engine, the command line and the page, with no part of the engine in it.

use serde::{Deserialize, Serialize};

use crate::facet_key::FacetKey;
use crate::filter::Filter;
use crate::highlight::Span;
use crate::library::LibraryIndex;
use crate::query::QueryError;
use std::sync::Arc;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// By score; with no words to score, newest first.
    #[default]
    Relevance,
    Newest,
    Oldest,
    Upvotes,
    Title,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Relevance, Sort::Newest, Sort::Oldest, Sort::Upvotes, Sort::Title];

    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Upvotes => "upvotes",
            Sort::Title => "title",
        }
    }

    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// How the query's words find papers: by the words (BM25F, the default), by meaning (the query folded into
/// the map's semantic space, the nearest papers by cosine), or both fused by reciprocal rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    #[default]
    Words,
    Meaning,
    Hybrid,
}

impl SearchMode {
    pub const ALL: [SearchMode; 3] = [SearchMode::Words, SearchMode::Meaning, SearchMode::Hybrid];

    pub fn name(self) -> &'static str {
        match self {
            SearchMode::Words => "words",
            SearchMode::Meaning => "meaning",
            SearchMode::Hybrid => "hybrid",
        }
    }

    pub fn from_name(name: &str) -> Option<SearchMode> {
        SearchMode::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// How many papers a search by meaning finds: the nearest, since every paper is at some distance from any
/// query. A hybrid search adds this many of the nearest to the papers its words find.
pub const MEANING_RESULTS: usize = 200;

/// The constant of reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): a paper's fused score is
/// `1 / (RRF_K + rank)` summed over the rankings it is in.
pub const RRF_K: f32 = 60.0;

/// What to search for: the query text, facet selections, sort and page.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub query: String,
    /// Facet selections, one per selected value (`venue=ICML 2025`) or year range (`2023..2025`).
    pub filters: Vec<Filter>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// The user is still typing: the last word also matches as a prefix.
    pub typing: bool,
    /// At most this many values per facet (selected values are always included).
    pub facet_limit: usize,
    /// Facets' find boxes: such a facet lists the values containing its text (case, accents, punctuation
    /// and spaces aside) among *all* its values with papers, not only among the top [`Request::facet_limit`].
    pub facet_find: Vec<(FacetKey, String)>,
    /// What the person keeps (lists, tags, read marks, notes), laid out over this index's documents: the
    /// library's facets and `is:`/`tag:`/`list:`/`note:` read it. Without one, nothing is kept.
    pub library: Option<Arc<LibraryIndex>>,
    /// Show the papers the library's mutes hide (they are left out otherwise, and counted in
    /// [`Response::muted`]).
    pub show_muted: bool,
    /// Only these papers (by id, as [`crate::Index::doc_of`] reads them): a shared list.
    pub only: Option<Vec<String>>,
    /// Only these documents (ascending): an area of the map.
    pub within: Option<Arc<Vec<u32>>>,
    pub mode: SearchMode,
    /// The papers nearest to the query by meaning, best first, with their cosine: what [`SearchMode::Meaning`]
    /// and [`SearchMode::Hybrid`] rank by (the page computes it from the map; without it every mode searches
    /// by the words).
    pub meaning: Option<Arc<Vec<(u32, f32)>>>,
    /// Answer with every result's document ([`Response::docs`]): what the map lights.
    pub all_docs: bool,
    /// Count only these facets ([`Response::facets`] lists only them); `None` counts every facet. Which
    /// papers match does not depend on it: every selection still applies. The page counts the facets out
    /// of view a frame after the rest of the answer (counting the author facet alone costs as much as
    /// finding the papers of a one-letter prefix).
    pub counted: Option<Vec<FacetKey>>,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            query: String::new(),
            filters: Vec::new(),
            sort: Sort::Relevance,
            page: 1,
            per_page: 20,
            typing: false,
            facet_limit: 100,
            facet_find: Vec::new(),
            library: None,
            show_muted: false,
            only: None,
            within: None,
            mode: SearchMode::Words,
            meaning: None,
            all_docs: false,
            counted: None,
        }
    }
}

impl Request {
    pub fn new(query: impl Into<String>) -> Request {
        Request { query: query.into(), ..Request::default() }
    }

    /// Whether the facet `key` is counted ([`Request::counted`]).
    pub fn counts(&self, key: FacetKey) -> bool {
        self.counted.as_ref().is_none_or(|keys| keys.contains(&key))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    /// What the lenient parse skipped (always empty from [`crate::Index::search_strict`]).
    pub errors: Vec<QueryError>,
    /// Whether the answer depends on the library: the query has a library condition (`is:saved`, `tag:`...)
    /// or a library facet is selected. Such an answer is right only once the library has been read.
    pub reads_library: bool,
    /// Papers of this view (query and filters) that the library's mutes hide: left out, or shown among the
    /// results with [`Request::show_muted`].
    pub muted: usize,
    /// Every result's document, ascending, when [`Request::all_docs`] asks for them.
    pub docs: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub doc: u32,
    pub id: String,
    pub title: String,
    pub score: f32,
    /// Matched spans of the title, as character offsets.
    pub title_highlights: Vec<Span>,
    /// Part of the abstract around the best match, and its matched spans (character offsets into `snippet`).
    pub snippet: String,
    pub snippet_highlights: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCounts {
    pub key: FacetKey,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u32,
    pub selected: bool,
}
