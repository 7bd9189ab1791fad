//! Paperscope's search engine: indexes a corpus and answers a request with ranked hits, highlights and
//! disjunctive facet counts. Pure Rust with no I/O, so the CLI runs it natively and the app runs it as
//! WebAssembly, with the same results.
//!
//! - [`tokenize`]: Unicode-aware, case- and accent-folding, Snowball-stemmed tokens; connected words such as
//!   `in-context`, `GPT-4` and `pass@K` are also kept whole.
//! - [`query`]: the query language (AND, `OR`, `-`, `"phrases"`, `field:` qualifiers, ranges, `has:`),
//!   parsed leniently for a search box or strictly for the command line.
//! - [`Index::build`] and [`Index::search`]: BM25F over title, abstract, authors, venue, topics and the rest
//!   (parameters in [`BM25`]), prefix matching of the last word while typing (its most frequent completions, within [`prefix_budget`]), typo tolerance, an exact title
//!   first; facets counted disjunctively over the matches; sorting and paging.
//! - [`Index::similar`]: papers with the closest TF-IDF vectors.
//! - [`Answers`]: the last answers kept, so a request asked again (typed back, unselected) is read, not searched.
//!
//! ```
//! use paperscope_corpus::Paper;
//! use paperscope_search::{Index, Request};
//!
//! let paper = |title: &str, year| Paper { id: title.to_lowercase(), title: title.into(), year: Some(year), ..Paper::default() };
//! let index = Index::build(vec![paper("Attention Is All You Need", 2017), paper("Deep Residual Learning", 2016)]);
//! let response = index.search(&Request::new("attention"));
//! assert_eq!(response.total, 1);
//! assert_eq!(response.hits[0].title, "Attention Is All You Need");
//! assert_eq!(response.hits[0].title_highlights[0].start, 0);
//! ```

mod answers;
mod facet_key;
mod facets;
mod filter;
mod hash;
mod highlight;
mod index;
mod library;
mod papers;
mod phrase;
pub mod query;
mod recent;
mod request;
mod search;
mod similar;
mod store;
pub mod tokenize;
pub mod url;

pub use answers::{Answers, KEPT_ANSWERS};
pub use facets::FacetKey;
pub use filter::{Filter, UNKNOWN};
pub use highlight::Span;
pub use index::{tf, Field, Index, Postings, BM25, TF_BITS};
pub use library::{Kept, LibraryIndex, Muting, READ, UNREAD};
pub use papers::{Papers, Unreadable};
pub use query::QueryError;
pub use request::{FacetCounts, FacetValue, Hit, Request, Response, SearchMode, Sort, MEANING_RESULTS, RRF_K};
pub use search::{prefix_budget, MAX_PREFIX_TERMS};
pub use store::{engine_fingerprint_hex, index_file_name, FileUse, IndexFile, IndexFileError};
