//! The engine as the page holds it: the index over the papers (replaced when imports change them), and the
//! answer to the URL's request, computed once per change and read by every part of the screen.

use std::rc::Rc;

use leptos::prelude::*;
use paperscope_corpus::Paper;
use std::sync::Arc;

use paperscope_search::tokenize::Tokenizer;
use paperscope_search::url::ViewState;
use paperscope_search::{Answers, FacetCounts, FacetKey, Hit, Index, Request, Response, SearchMode};

use crate::counted;
use crate::nav::Nav;
use crate::shelf::Shelf;
use crate::Loaded;

/// The map of the papers the engine holds (`corpus.map`): still being read, ready, or why there is none.
#[derive(Clone)]
pub enum MapState {
    Loading,
    Ready(Rc<paperscope_map::Atlas>),
    Absent(String),
}

impl MapState {
    pub fn atlas(&self) -> Option<&paperscope_map::Atlas> {
        match self {
            MapState::Ready(atlas) => Some(atlas),
            _ => None,
        }
    }
}

/// Results per page.
pub const PER_PAGE: usize = 20;

/// While the page searches the corpus's first part only: how many papers the whole has, how far the rest
/// has got, and why it could not be read if it could not.
#[derive(Clone, PartialEq)]
pub struct Partial {
    pub of: usize,
    pub progress: RwSignal<Option<crate::Progress>>,
    pub failed: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Engine {
    loaded: StoredValue<Rc<Loaded>, LocalStorage>,
    /// Bumped whenever the index is replaced.
    version: RwSignal<u32>,
    /// The map of the index's papers (replaced with it).
    pub map: RwSignal<MapState, LocalStorage>,
    /// Set while the index holds the corpus's first part only.
    pub partial: RwSignal<Option<Partial>>,
}

impl Engine {
    pub fn provide(loaded: Rc<Loaded>) -> Engine {
        let engine = Engine {
            loaded: StoredValue::new_local(loaded),
            version: RwSignal::new(0),
            map: RwSignal::new_local(MapState::Loading),
            partial: RwSignal::new(None),
        };
        provide_context(engine);
        engine
    }

    /// Reads the index (tracking its replacement when called inside a reactive scope).
    pub fn with<T>(self, read: impl FnOnce(&Index) -> T) -> T {
        self.version.track();
        self.loaded.with_value(|l| read(&l.index.borrow()))
    }

    /// Reads the index without tracking it (in event handlers).
    pub fn with_untracked<T>(self, read: impl FnOnce(&Index) -> T) -> T {
        self.loaded.with_value(|l| read(&l.index.borrow()))
    }

    /// How many times the index was replaced: document numbers mean something only within one version.
    pub fn version(self) -> u32 {
        self.version.get()
    }

    /// [`Engine::version`], untracked.
    pub fn version_untracked(self) -> u32 {
        self.version.get_untracked()
    }

    /// Where the papers came from.
    pub fn site(self) -> Rc<crate::hosted::Site> {
        self.loaded.with_value(|l| l.site.clone())
    }

    /// A copy of one paper.
    pub fn paper(self, doc: u32) -> Option<Paper> {
        self.with_paper(doc, Paper::clone)
    }

    /// Reads one paper in place (untracked).
    pub fn with_paper<T>(self, doc: u32, read: impl FnOnce(&Paper) -> T) -> Option<T> {
        self.with_untracked(|index| index.papers().get(doc as usize).map(read))
    }

    /// Puts a new index and its map in place (papers added or removed) and tells everything that reads it.
    pub fn replace(self, index: Index, map: MapState) {
        self.loaded.with_value(|l| *l.index.borrow_mut() = index);
        self.map.set(map);
        self.version.update(|v| *v += 1);
    }

    /// Reads the map (tracking it).
    pub fn with_atlas<T>(self, read: impl FnOnce(Option<&paperscope_map::Atlas>) -> T) -> T {
        self.map.with(|m| read(m.atlas()))
    }
}

pub fn use_engine() -> Engine {
    use_context::<Engine>().expect("the explorer provides its engine before any part of the screen")
}

/// The engine's answer to the view's request, and the milliseconds it took: searched once per change of
/// the request (opening a paper is not one), and read by every part of the screen through the parts each
/// shows, so a part whose data did not change does nothing.
#[derive(Clone, Copy)]
pub struct Results {
    pub answer: Memo<(Arc<Response>, f64)>,
    pub hits: Memo<Vec<Hit>>,
    /// Every facet: those the answer counted, and those it left for later (see `later`) as last counted.
    pub facets: Memo<Vec<FacetCounts>>,
    /// The facets the answer leaves out, counted once its frame is painted: out of view at the last measure
    /// (the facet list says which). The year (the histogram draws it) and a facet with a selection or a find
    /// box are always counted with the answer. At 100,000 papers this halves the engine's time for a short
    /// prefix (natively `t` 2.9 -> 1.5 ms), most of it the author facet's 58,000 values. Set it with
    /// [`Results::count_later`].
    later: RwSignal<Vec<FacetKey>>,
    /// What each facet's find box holds: such a facet lists the matching values among all of its values.
    pub finds: RwSignal<Vec<(FacetKey, String)>>,
    /// The request the view makes (with the library), as searched.
    pub request: Memo<Request>,
    /// The answer depends on the library, which the page has not read yet: it is not shown.
    pub waiting: Memo<bool>,
    /// The view asks for the map (an area, a region, a search by meaning), which is still being read.
    pub waiting_for_map: Memo<bool>,
    shelf: Shelf,
    engine: Engine,
    tokenizer: StoredValue<Tokenizer>,
}

impl Results {
    pub fn provide(nav: Nav, engine: Engine, shelf: Shelf) -> Results {
        let finds = RwSignal::new(Vec::new());
        let within = Memo::new(move |_| {
            let (area, region) = nav.state.with(|s| (s.area, s.region));
            engine.with_atlas(|atlas| atlas?.within(area, region).map(Arc::new))
        });
        let tokenizer = StoredValue::new(Tokenizer::default());
        let near = Memo::new(move |_| {
            let (query, mode) = nav.state.with(|s| (s.query.clone(), s.mode));
            engine.with_atlas(|atlas| {
                mark("paperscope:meaning-start");
                let near = tokenizer.with_value(|t| atlas?.meaning(t, &query, mode)).map(Arc::new);
                measure("paperscope:meaning", "paperscope:meaning-start");
                near
            })
        });
        let request = Memo::new(move |_| {
            let mut request = nav.state.with(|s| s.request(PER_PAGE));
            request.facet_find = finds.get();
            request.library = Some(shelf.index.get());
            request.within = within.get();
            request.meaning = near.get();
            request.all_docs = nav.state.with(|s| s.map);
            request
        });
        // Asked again (typed back, the box emptied, a value unselected): the kept answer, read at once.
        let answers = StoredValue::new(Answers::default());
        let ask = move |index: &Index, request: &Request| {
            answers
                .try_update_value(|a| a.answer(index, engine.version_untracked(), request).0)
                .unwrap_or_else(|| Arc::new(index.search(request)))
        };
        let later = RwSignal::new(Vec::new());
        let answer = Memo::new(move |_| {
            request.with(|request| {
                let at_once = later.with(|later| counted::counted_now(request, later));
                let request = at_once.as_ref().unwrap_or(request);
                engine.with(|index| {
                    let started = now();
                    mark("paperscope:search-start");
                    let response = ask(index, request);
                    measure("paperscope:search", "paperscope:search-start");
                    (response, now() - started)
                })
            })
        });
        // The facets the answer left out, counted once its frame is painted (for the request still asked).
        let rest: RwSignal<Option<Arc<Response>>> = RwSignal::new(None);
        Effect::new(move |_| {
            let left = answer.with(|(r, _)| counted::left_out(&r.facets));
            if left.is_empty() {
                return;
            }
            let asked = request.get_untracked();
            crate::nav::after_paint(move || {
                if request.try_with_untracked(|r| *r == asked) != Some(true) {
                    return;
                }
                // Not kept with the answers: it would push out twice as many of them.
                let request = Request { counted: Some(left), page: 1, per_page: 1, all_docs: false, ..asked };
                rest.set(Some(engine.with_untracked(|index| Arc::new(index.search(&request)))));
            });
        });
        let facets = Memo::new(move |shown: Option<&Vec<FacetCounts>>| {
            answer.with(|(r, _)| rest.with(|rest| counted::every_facet(&r.facets, rest.as_deref(), shown)))
        });
        let results = Results {
            answer,
            hits: Memo::new(move |_| answer.with(|(r, _)| r.hits.clone())),
            facets,
            later,
            finds,
            request,
            waiting: Memo::new(move |_| answer.with(|(r, _)| r.reads_library) && !shelf.settled.get()),
            waiting_for_map: Memo::new(move |_| {
                let asks = nav.state.with(|s| s.area.is_some() || s.region.is_some() || s.mode != SearchMode::Words);
                asks && engine.map.with(|m| matches!(m, MapState::Loading))
            }),
            shelf,
            engine,
            tokenizer,
        };
        provide_context(results);
        results
    }

    /// Counts the facets `later` a frame after each answer (the facet list says which are out of view). One
    /// that comes into view is counted at once, for the answer on screen too; one that goes out of view is
    /// counted later from the next answer on.
    pub fn count_later(self, later: Vec<FacetKey>) {
        let came_into_view = self.later.with_untracked(|was| was.iter().any(|k| !later.contains(k)));
        if came_into_view {
            self.later.set(later);
        } else if self.later.with_untracked(|was| *was != later) {
            self.later.update_untracked(|was| *was = later);
        }
    }

    /// The request another view would make (for every result, `per_page`), with the library.
    pub fn request_for(self, view: &ViewState, per_page: usize) -> Request {
        let mut request = view.request(per_page);
        request.library = Some(self.shelf.index.get_untracked());
        self.engine.with_atlas(|atlas| {
            if let Some(atlas) = atlas {
                request.within = atlas.within(view.area, view.region).map(Arc::new);
                request.meaning = self.tokenizer.with_value(|t| atlas.meaning(t, &view.query, view.mode)).map(Arc::new);
            }
        });
        request
    }
}

/// A performance mark, seen in the browser's profiler and read by the keystroke benchmark.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// A performance measure from `start` (a mark) to now; only the latest of each is kept, so a long session
/// does not pile them up (a profile records every one).
pub fn measure(name: &str, start: &str) {
    if let Some(p) = window().performance() {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

pub fn use_results() -> Results {
    use_context::<Results>().expect("the explorer provides its results before any part of the screen")
}

/// Milliseconds since the page opened.
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
