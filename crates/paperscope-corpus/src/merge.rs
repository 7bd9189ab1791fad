//! Duplicate detection and merging.
//!
//! Two records are the same paper when they share an arXiv id, a folded title (at least
//! [`MIN_TITLE_KEY`] characters), or an abstract: equal folded abstracts, or a truncated abstract that starts
//! another (the truncated one minus its cut-off last word, at least [`MIN_ABSTRACT_PREFIX`] characters).
//! Matches are transitive (union-find), but two groups with different arXiv ids are never joined.
//! Each merged paper keeps every source and the best value of each field (see [`combine`]).

use std::collections::{HashMap, HashSet};

use crate::schema::{Paper, VenueStatus};
use crate::text::{fold_key, fold_plain, strip_ellipsis};

pub const MIN_TITLE_KEY: usize = 12;
pub const MIN_ABSTRACT_PREFIX: usize = 60;

struct Groups {
    parent: Vec<usize>,
    arxiv: Vec<Option<String>>,
}

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the groups of `a` and `b` unless their arXiv ids conflict. The lower index stays the root, so
    /// a merged paper sits where its first record was.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if let (Some(x), Some(y)) = (&self.arxiv[ra], &self.arxiv[rb]) {
            if x != y {
                return;
            }
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        if self.arxiv[root].is_none() {
            self.arxiv[root] = self.arxiv[child].take();
        }
    }
}

/// Merges duplicate records. Returns the papers in order of their first record.
pub fn merge(records: Vec<Paper>) -> Vec<Paper> {
    let n = records.len();
    let mut groups = Groups { parent: (0..n).collect(), arxiv: records.iter().map(|r| r.arxiv_id.clone()).collect() };

    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(id) = &r.arxiv_id {
            if let Some(&j) = by_key.get(&format!("id:{id}")) {
                groups.union(j, i);
            } else {
                by_key.insert(format!("id:{id}"), i);
            }
        }
    }
    for (i, r) in records.iter().enumerate() {
        let key = fold_key(&r.title);
        if !r.untitled && key.len() >= MIN_TITLE_KEY {
            match by_key.get(&format!("title:{key}")) {
                Some(&j) => groups.union(j, i),
                None => {
                    by_key.insert(format!("title:{key}"), i);
                }
            }
        }
    }

    // Abstracts: sort the folded keys; the keys that start with a given one then sit right after it in one
    // run. A record joins the run of its own key (equal abstracts) or, when its abstract was cut short, the
    // run of every key its prefix starts. Joining a run means joining each neighbour in it to the next, so
    // the work is one pass over the sorted keys however many records share an abstract (20,000 copies of
    // one abstract cost a sort, not 400 million comparisons).
    let keys: Vec<String> = records.iter().map(abstract_prefix).collect();
    let mut sorted: Vec<(&str, usize)> =
        keys.iter().enumerate().filter(|(_, k)| k.len() >= MIN_ABSTRACT_PREFIX).map(|(i, k)| (k.as_str(), i)).collect();
    sorted.sort();
    // `reach[p]`: the furthest position that position `p` must be joined through.
    let mut reach: Vec<usize> = (0..sorted.len()).collect();
    let mut p = 0;
    while p < sorted.len() {
        let key = sorted[p].0;
        let same = sorted[p..].partition_point(|&(k, _)| k == key);
        let run_end = if sorted[p..p + same].iter().any(|&(_, i)| records[i].abstract_truncated) {
            p + sorted[p..].partition_point(|&(k, _)| k.starts_with(key))
        } else {
            p + same
        };
        reach[p] = run_end - 1;
        p += same;
    }
    let mut furthest = 0;
    for p in 0..sorted.len() {
        furthest = furthest.max(reach[p]);
        if p < furthest {
            groups.union(sorted[p].1, sorted[p + 1].1);
        }
    }

    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let root = groups.find(i);
        members[root].push(i);
    }
    let mut slots: Vec<Option<Paper>> = records.into_iter().map(Some).collect();
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| combine(m.iter().filter_map(|&i| slots[i].take()).collect()))
        .collect()
}

/// The folded abstract a record is matched on: a truncated one loses its ellipsis and cut-off last word.
fn abstract_prefix(r: &Paper) -> String {
    if r.abstract_truncated {
        let key = fold_plain(strip_ellipsis(&r.abstract_text));
        match key.rfind(' ') {
            Some(at) => key[..at].to_string(),
            None => key,
        }
    } else {
        fold_plain(&r.abstract_text)
    }
}

/// Combines the records of one paper, taking the best value of each field:
/// a real title over a derived heading; a complete abstract over a truncated one, then the longest; the
/// earliest `published` and latest `updated`; the largest author count and upvotes; the venue whose status
/// is known; the first value of every other field; all code URLs and sources. Authors: every name of the
/// complete lists when a record has one (a profile's lone owner or an `et al.` list adds nothing to it), else
/// every name the partial lists give, still marked partial.
pub fn combine(mut records: Vec<Paper>) -> Paper {
    if records.len() == 1 {
        return records.pop().unwrap_or_default();
    }
    let titled = records.iter().find(|r| !r.untitled && !r.title.is_empty());
    let (title, untitled) = match titled {
        Some(r) => (r.title.clone(), false),
        None => (records[0].title.clone(), records[0].untitled),
    };
    let best_abstract = records
        .iter()
        .max_by_key(|r| (!r.abstract_text.is_empty(), !r.abstract_truncated, r.abstract_text.len()))
        .map(|r| (r.abstract_text.clone(), r.abstract_truncated))
        .unwrap_or_default();
    let venue = records
        .iter()
        .filter(|r| r.venue.is_some())
        .max_by_key(|r| (r.venue_status == Some(VenueStatus::Accepted), r.venue_status.is_some()))
        .map(|r| (r.venue.clone(), r.venue_status));
    let first = |f: fn(&Paper) -> Option<String>| records.iter().find_map(f);
    let mut merged = Paper {
        id: String::new(),
        title,
        untitled,
        abstract_text: best_abstract.0,
        abstract_truncated: best_abstract.1,
        arxiv_id: first(|r| r.arxiv_id.clone()),
        published: records.iter().filter_map(|r| r.published.clone()).min(),
        updated: records.iter().filter_map(|r| r.updated.clone()).max(),
        year: None,
        authors: Vec::new(),
        authors_partial: false,
        author_count: records.iter().filter_map(|r| r.author_count).max(),
        organization: first(|r| r.organization.clone()),
        upvotes: records.iter().filter_map(|r| r.upvotes).max(),
        comment: first(|r| r.comment.clone()),
        pages: records.iter().find_map(|r| r.pages),
        figures: records.iter().find_map(|r| r.figures),
        venue: venue.as_ref().and_then(|v| v.0.clone()),
        venue_status: venue.and_then(|v| v.1),
        code_urls: Vec::new(),
        topics: Vec::new(),
        categories: Vec::new(),
        sources: Vec::new(),
    };
    // Complete author lists, when a record has one, are the authors; lists that name only some of them (a
    // profile's owner, `et al.`) count only when no record has a complete one.
    let complete = records.iter().any(|r| !r.authors_partial && !r.authors.is_empty());
    merged.authors_partial = !complete && records.iter().any(|r| r.authors_partial);
    let (mut authors, mut urls, mut categories) = (Vec::new(), Vec::new(), Vec::new());
    for r in records {
        if !(complete && r.authors_partial) {
            authors.push(r.authors);
        }
        urls.push(r.code_urls);
        categories.push(r.categories);
        merged.sources.extend(r.sources);
    }
    merged.authors = union_by(authors, crate::text::name_key);
    (merged.code_urls, merged.categories) = (union(urls), union(categories));
    merged.sources.sort();
    merged.sources.dedup();
    merged
}

/// The values of all lists, each once, in order of first appearance: one set of borrowed values decides
/// what to keep, so two records with 100,000 authors each merge in linear time without a copy of a name.
fn union(lists: Vec<Vec<String>>) -> Vec<String> {
    union_by(lists, |v| v.to_string())
}

/// [`union`] where two values are the same when they have the same `key` (the first spelling is kept).
fn union_by(lists: Vec<Vec<String>>, key: impl Fn(&str) -> String) -> Vec<String> {
    let total = lists.iter().map(Vec::len).sum();
    let keep: Vec<Vec<bool>> = {
        let mut seen: HashSet<String> = HashSet::with_capacity(total);
        lists.iter().map(|list| list.iter().map(|v| seen.insert(key(v))).collect()).collect()
    };
    let mut out = Vec::with_capacity(total);
    for (list, keep) in lists.into_iter().zip(keep) {
        out.extend(list.into_iter().zip(keep).filter_map(|(v, k)| k.then_some(v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(authors: &[&str], partial: bool) -> Paper {
        Paper {
            title: "One paper".into(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            authors_partial: partial,
            ..Paper::default()
        }
    }

    #[test]
    fn a_complete_author_list_wins_over_partial_ones() {
        // A profile names its owner; the listing with every author decides the list and its order.
        let profile = record(&["Jason D. Lee"], true);
        let listing = record(&["Alice Zhang", "Jason D. Lee", "Bob Ng"], false);
        let merged = combine(vec![profile.clone(), listing]);
        assert_eq!(merged.authors, ["Alice Zhang", "Jason D. Lee", "Bob Ng"]);
        assert!(!merged.authors_partial);
        // Two partial lists give every name they know, still partial.
        let merged = combine(vec![profile, record(&["Alice Zhang"], true)]);
        assert_eq!(merged.authors, ["Jason D. Lee", "Alice Zhang"]);
        assert!(merged.authors_partial);
        // One person spelled two ways is named once, as first spelled.
        let merged = combine(vec![
            record(&["Michael I. Jordan", "Ève Laurent"], false),
            record(&["Michael I Jordan", "Eve Laurent"], false),
        ]);
        assert_eq!(merged.authors, ["Michael I. Jordan", "Ève Laurent"]);
    }
}
