//! The facets a paper is counted under, with their names (URL keys, `--filter` names) and what a paper
//! holds for each. A leaf: every other module may use it.

use std::borrow::Cow;

use paperscope_corpus::Paper;
use serde::{Deserialize, Serialize};

/// The facets, in display order. The names are the URL keys and the CLI's `--filter` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetKey {
    Year,
    Venue,
    Status,
    Topic,
    Source,
    Author,
    Organization,
    Category,
    /// The library's facets: not in the corpus but in what the person keeps (the lists a paper is in, its
    /// tags, whether it is read), handed to the engine with each request ([`crate::LibraryIndex`]).
    List,
    Tag,
    Read,
}

impl FacetKey {
    /// Every facet: the corpus's, then the library's.
    pub const ALL: [FacetKey; 11] = [
        FacetKey::Year,
        FacetKey::Venue,
        FacetKey::Status,
        FacetKey::Topic,
        FacetKey::Source,
        FacetKey::Author,
        FacetKey::Organization,
        FacetKey::Category,
        FacetKey::List,
        FacetKey::Tag,
        FacetKey::Read,
    ];

    /// The facets the papers themselves hold (all before the library's): the index's columns, and the
    /// index file's, in this order.
    pub const STORED: &'static [FacetKey] = FacetKey::ALL.split_at(FacetKey::List as usize).0;

    pub fn name(self) -> &'static str {
        match self {
            FacetKey::Year => "year",
            FacetKey::Venue => "venue",
            FacetKey::Status => "status",
            FacetKey::Topic => "topic",
            FacetKey::Source => "source",
            FacetKey::Author => "author",
            FacetKey::Organization => "organization",
            FacetKey::Category => "category",
            FacetKey::List => "list",
            FacetKey::Tag => "tag",
            FacetKey::Read => "read",
        }
    }

    pub fn from_name(name: &str) -> Option<FacetKey> {
        FacetKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether the values come from the person's library rather than the papers.
    pub fn is_library(self) -> bool {
        !FacetKey::STORED.contains(&self)
    }

    /// What two values must share to count as one value of this facet: author names that differ only in
    /// punctuation, spacing, accents or case are one person ([`paperscope_corpus::text::name_key`]), and so
    /// are tags and list names written differently (`Theory`, `theory`); every other facet's values are
    /// compared as written.
    pub fn group_key(self, value: &str) -> Cow<'_, str> {
        match self {
            FacetKey::Author | FacetKey::Tag | FacetKey::List => Cow::Owned(paperscope_corpus::text::name_key(value)),
            _ => Cow::Borrowed(value),
        }
    }

    /// The values a paper has for this facet (none for the library's facets: the paper does not hold them).
    pub fn values_of(self, paper: &Paper) -> Vec<String> {
        let mut values = Vec::new();
        self.for_each_value(paper, |v| values.push(v.to_string()));
        values
    }

    /// Calls `f` with each value a paper has for this facet, without copying them.
    pub fn for_each_value(self, paper: &Paper, mut f: impl FnMut(&str)) {
        match self {
            FacetKey::Year => {
                if let Some(y) = paper.year {
                    f(&y.to_string());
                }
            }
            FacetKey::Venue => paper.venue.iter().for_each(|v| f(v)),
            FacetKey::Status => paper.venue_status.iter().for_each(|s| f(s.as_str())),
            FacetKey::Topic => paper.topics.iter().for_each(|v| f(v)),
            FacetKey::Source => {
                // Each input once, by its name (its label, else its file), however many lines it gave.
                let mut named: Vec<&str> = Vec::new();
                for s in &paper.sources {
                    if !named.contains(&s.name()) {
                        f(s.name());
                        named.push(s.name());
                    }
                }
            }
            FacetKey::Author => paper.authors.iter().for_each(|v| f(v)),
            FacetKey::Organization => paper.organization.iter().for_each(|v| f(v)),
            FacetKey::Category => paper.categories.iter().for_each(|v| f(v)),
            FacetKey::List | FacetKey::Tag | FacetKey::Read => {}
        }
    }
}
