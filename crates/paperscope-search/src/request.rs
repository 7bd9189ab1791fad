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
        }
    }
}

impl Request {
    pub fn new(query: impl Into<String>) -> Request {
        Request { query: query.into(), ..Request::default() }
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
