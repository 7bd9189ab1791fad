//! The last answers, kept: typing back over a word (Backspace), emptying the box, or selecting and then
//! unselecting a facet value asks again what was asked a moment ago, and the answer is then read here
//! instead of searched again (InstantSearch keeps its responses the same way). An answer holds for one
//! version of the index: a new version (more of the corpus read) forgets them all.

use std::sync::Arc;

use crate::index::Index;
use crate::recent::Recent;
use crate::request::{Request, Response};

/// Answers kept: enough for a query of thirty keys typed back to the empty box; some 50 KB each at
/// 100,000 papers (20 hits, a few hundred facet values). An answer is shared, not copied, when kept.
pub const KEPT_ANSWERS: usize = 32;

/// The last [`KEPT_ANSWERS`] answers, for one version of an index.
pub struct Answers {
    version: u32,
    kept: Recent<Request, Arc<Response>>,
}

impl Default for Answers {
    fn default() -> Self {
        Answers { version: 0, kept: Recent::new(KEPT_ANSWERS) }
    }
}

impl Answers {
    /// The answer to `request` from `index` (its `version`), and whether it was kept (not searched).
    /// Answers with every result's document ([`Request::all_docs`], the map's: up to 400 KB each) are
    /// searched every time and not kept.
    pub fn answer(&mut self, index: &Index, version: u32, request: &Request) -> (Arc<Response>, bool) {
        if version != self.version {
            self.kept.clear();
            self.version = version;
        }
        if let Some(kept) = self.kept.get(request) {
            return (kept.clone(), true);
        }
        let response = Arc::new(index.search(request));
        if !request.all_docs {
            self.kept.put(request.clone(), response.clone());
        }
        (response, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_corpus::Paper;

    fn index() -> Index {
        let paper = |id: &str, title: &str| Paper { id: id.into(), title: title.into(), ..Paper::default() };
        Index::build(vec![paper("a", "Graph networks"), paper("b", "Graph kernels"), paper("c", "Diffusion")])
    }

    #[test]
    fn an_answer_asked_again_is_read_not_searched() {
        let (index, mut answers) = (index(), Answers::default());
        let graph = Request::new("graph");
        let (first, kept) = answers.answer(&index, 0, &graph);
        assert!(!kept);
        assert_eq!(first.total, 2);
        let diffusion = Request::new("diffusion");
        assert_eq!(answers.answer(&index, 0, &diffusion), (Arc::new(index.search(&diffusion)), false));
        let (again, kept) = answers.answer(&index, 0, &graph);
        assert!(kept && Arc::ptr_eq(&again, &first));
        // Another version of the index forgets them.
        let (searched, kept) = answers.answer(&index, 1, &graph);
        assert!(!kept && !Arc::ptr_eq(&searched, &first));
        assert_eq!(searched, first);
    }

    #[test]
    fn only_the_last_answers_are_kept() {
        let (index, mut answers) = (index(), Answers::default());
        let asked = |i: usize| Request { page: i + 1, ..Request::new("graph") };
        for i in 0..=KEPT_ANSWERS {
            assert!(!answers.answer(&index, 0, &asked(i)).1);
        }
        assert!(answers.answer(&index, 0, &asked(KEPT_ANSWERS)).1, "the latest");
        assert!(answers.answer(&index, 0, &asked(1)).1, "the oldest kept");
        assert!(!answers.answer(&index, 0, &asked(0)).1, "one past the last kept");
    }

    #[test]
    fn the_map_answers_are_not_kept() {
        let (index, mut answers) = (index(), Answers::default());
        let map = Request { all_docs: true, ..Request::new("graph") };
        assert_eq!(answers.answer(&index, 0, &map).0.docs, [0, 1]);
        assert!(!answers.answer(&index, 0, &map).1);
    }

    #[test]
    fn a_request_is_the_same_with_the_same_library_and_area() {
        // Requests compare cheaply: the library by its stamp, the map's area first by identity.
        let library = Some(Arc::new(crate::LibraryIndex::empty(3)));
        let area = Some(Arc::new(vec![1, 2]));
        let with = Request { library: library.clone(), within: area.clone(), ..Request::new("graph") };
        assert_eq!(with, Request { library, within: Some(Arc::new(vec![1, 2])), ..Request::new("graph") });
        let (index, mut answers) = (index(), Answers::default());
        answers.answer(&index, 0, &with);
        assert!(answers.answer(&index, 0, &Request { within: area, ..with.clone() }).1);
        assert!(!answers.answer(&index, 0, &Request { within: Some(Arc::new(vec![1])), ..with.clone() }).1);
        assert!(!answers.answer(&index, 0, &Request { typing: true, ..with }).1);
    }
}
