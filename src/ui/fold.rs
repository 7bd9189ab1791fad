//! What is in view first: the frame after a keystroke draws the result rows on screen with the new answer,
//! and the rows scrolled out of view take it in the frame after (some twenty milliseconds later at
//! 100,000 papers, before anyone could scroll to them). Measured at 100,000 papers, each row the page
//! redraws costs the keystroke some 0.5 ms of script, layout and paint, and at 1280x900 four of the twenty
//! are in view.
//!
//! The facets out of view follow the same way.
//!
//! Which parts are in view is measured when the layout is known: just after a frame is painted, in the
//! frame that shows a scroll or a resize, and once the parts in view have taken a new answer (which may have
//! moved others onto the screen: those take it too, before the frame; the browser lays the page out there
//! instead of for the frame). A part no measure saw (a row or facet the answer added) is drawn at once
//! wherever it lands, so none is ever empty or stale.

use leptos::prelude::*;

use crate::nav::after_paint;

/// Result rows drawn with the answer whatever the measure says: the first rows are what typing in the query
/// box scrolls back to (after the keystroke's handler), and what a screen 1280x900 shows. Measured, this is
/// cheaper than measuring them alone: rows vary in height, so rows just below the screen often come onto it
/// as the answer shortens those above, and drawing them then (`settle`) means a second layout of the page
/// before the frame (p50 13.4 -> 14.3 ms at 100,000 papers when rows and facets were measured alone).
pub const ROWS: usize = 4;

/// Facet groups drawn with the answer whatever the measure says: the two at the top of the sidebar (at
/// 1280x900 the year and the venue, on screen). Drawing the third and fourth too, as the rows are, cost
/// more than it saved: they sit below the screen and rarely come onto it while typing (at 100,000 papers,
/// 4 -> 2: mean keystroke to paint 14.0 -> 13.4 ms, p50 14.6 -> 13.8, in one alternated run).
pub const FACETS: usize = 2;

/// An answer (`source`) read by parts of the screen, each known by a key (a row's place, a facet): the
/// parts out of view read what the answer was at the last paint.
pub struct Fold<T: Send + Sync + 'static, K: Send + Sync + 'static> {
    source: Memo<T>,
    /// What the source held at the last paint.
    late: RwSignal<T>,
    /// The parts out of view at the last measure. A part not measured (not there yet: a row or facet the
    /// last answers did not have) is drawn at once, wherever it lands. Set only when it changes (a scroll, a
    /// resize, an answer that moved parts), so a part reads again when it comes into view.
    out_of_view: RwSignal<Vec<K>>,
    /// Parts out of view still show an older answer.
    behind: RwSignal<bool>,
    /// How many parts take each answer at once wherever they are.
    always: usize,
}

impl<T: Send + Sync + 'static, K: Send + Sync + 'static> Clone for Fold<T, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static, K: Send + Sync + 'static> Copy for Fold<T, K> {}

impl<T: Clone + Send + Sync + 'static, K: PartialEq + Send + Sync + 'static> Fold<T, K> {
    /// Follows `source`; the first `always` parts take each answer at once wherever they are; `parts` finds
    /// the parts (in the order they are laid out) and their keys when the layout is measured.
    pub fn new(
        source: Memo<T>,
        always: usize,
        parts: impl Fn() -> Vec<(K, web_sys::Element)> + Clone + 'static,
    ) -> Fold<T, K> {
        let fold = Fold {
            source,
            late: RwSignal::new(source.get_untracked()),
            out_of_view: RwSignal::new(Vec::new()),
            behind: RwSignal::new(false),
            always,
        };
        // Once the frame showing a new answer is painted: measure (its layout is the one just drawn),
        // then give the parts out of view the answer. The measure and the catching up run a frame after
        // they are asked for, when the parts may be gone (the list left for the map): then they do nothing.
        let scrolled = parts.clone();
        Effect::new(move |first: Option<()>| {
            source.track();
            if first.is_some() {
                if !fold.behind.get_untracked() {
                    fold.behind.set(true);
                }
                // Once the parts in view have the answer: did it move others into view?
                fold.settle(parts.clone());
            }
            let parts = parts.clone();
            after_paint(move || {
                let Some(answer) = source.try_get_untracked() else { return };
                if fold.late.try_set(answer).is_none() {
                    fold.measure(&parts);
                    fold.behind.set(false);
                }
            });
        });
        for event in ["scroll", "resize"] {
            let parts = scrolled.clone();
            let listener = window_event_listener_untyped(event, move |_| {
                let parts = parts.clone();
                // Read with the frame's layout, not the event's (a scroll can fire before layout); the parts
                // it brings onto the screen take the answer, which may move others onto it (`settle`).
                request_animation_frame(move || {
                    fold.measure(&parts);
                    fold.settle(parts);
                });
            });
            on_cleanup(move || listener.remove());
        }
        fold
    }

    /// Measures which parts are out of view, and keeps that when it changed (then the parts whose side
    /// of the screen's edge changed read again). Nothing once the parts are gone.
    fn measure(self, parts: &impl Fn() -> Vec<(K, web_sys::Element)>) {
        if self.out_of_view.is_disposed() {
            return;
        }
        let out = out_of_view(self.always, parts);
        if self.out_of_view.with_untracked(|was| *was != out) {
            self.out_of_view.set(out);
        }
    }

    /// Gives the answer to the parts it moved into view, before the frame that shows it: run just after
    /// the parts in view took the answer (the effects it woke have run), it measures the layout (which the
    /// browser would lay out for the frame anyway, here or in the editor's typing), and the parts measured
    /// out of view before but in view now read the answer at once; again until none moves in. So the parts
    /// in view with the last measure are all a keystroke draws, and no part comes into view stale.
    fn settle<P>(self, parts: P)
    where
        P: Fn() -> Vec<(K, web_sys::Element)> + Clone + 'static,
    {
        leptos::task::spawn_local(async move {
            if self.out_of_view.is_disposed() || self.out_of_view.with_untracked(Vec::is_empty) {
                return;
            }
            let out = out_of_view(self.always, &parts);
            if self.out_of_view.with_untracked(|was| was.iter().all(|k| out.contains(k))) {
                return;
            }
            self.out_of_view.update(|was| was.retain(|k| out.contains(k)));
            self.settle(parts);
        });
    }

    /// Whether some part out of view shows an older answer than the page's (tracked): the list says so
    /// (`aria-busy`) until the frame after.
    pub fn any_behind(self) -> bool {
        self.behind.get()
    }

    /// Whether the part `key` shows an older answer than the page's (tracked).
    pub fn is_behind(self, key: &K) -> bool {
        self.behind.get() && !self.now(key)
    }

    /// The parts out of view at the last measure (tracked).
    pub fn out_of_view(self) -> Vec<K>
    where
        K: Clone,
    {
        self.out_of_view.get()
    }

    /// Whether the part `key` takes each answer at once (tracked: it changes on a scroll or a resize).
    fn now(self, key: &K) -> bool {
        self.out_of_view.with(|out| !out.contains(key))
    }

    /// What `read` finds in the answer for the part `key` (tracked): in what the answer was at the last
    /// paint when the part was measured out of view and found something there, else in the answer. A part
    /// tracks only what it read, so a new answer runs nothing for the parts out of view until the frame
    /// after.
    pub fn read<R>(self, key: &K, read: impl Fn(&T) -> Option<R>) -> Option<R> {
        let late = if self.now(key) { None } else { self.late.with(&read) };
        late.or_else(|| self.source.with(&read))
    }
}

/// The keys of the parts out of view (measured: this lays out the page if it changed since).
fn out_of_view<K>(always: usize, parts: &impl Fn() -> Vec<(K, web_sys::Element)>) -> Vec<K> {
    let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let out = parts().into_iter().enumerate().filter_map(|(i, (key, part))| {
        let rect = part.get_bounding_client_rect();
        (!in_view(i, always, (rect.top(), rect.bottom()), height)).then_some(key)
    });
    out.collect()
}

/// Whether part `i` (its top and bottom edge, in the viewport's coordinates) is on a viewport `height`
/// tall, or one of the first `always` ([`ROWS`], [`FACETS`]: typing in the query box scrolls back up to
/// them, after the keystroke's handler). A part the answer moves onto the screen is found before the frame ([`Fold::settle`]), one
/// scrolled onto it when the frame that shows the scroll is laid out, and the parts out of view are
/// current again a frame after each answer.
fn in_view(i: usize, always: usize, (top, bottom): (f64, f64), height: f64) -> bool {
    i < always || (bottom > 0.0 && top < height)
}

/// The elements under `root` that match `selector`, in document order.
pub fn select(root: Option<impl AsRef<web_sys::Element>>, selector: &str) -> Vec<web_sys::Element> {
    root.and_then(|r| r.as_ref().query_selector_all(selector).ok()).map_or_else(Vec::new, |l| super::elements(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of `n` rows 100 px tall from `top` are in view on a 900 px screen.
    fn rows(top: f64, n: usize) -> Vec<usize> {
        (0..n).filter(|&i| in_view(i, ROWS, (top + 100.0 * i as f64, top + 100.0 * (i + 1) as f64), 900.0)).collect()
    }

    fn span(from: usize, to: usize) -> Vec<usize> {
        (from..to).collect()
    }

    #[test]
    fn the_rows_on_screen_are_in_view() {
        // A list starting 200 px down a 900 px screen: rows 0-6 show, row 6 in part.
        assert_eq!(rows(200.0, 20), span(0, 7));
        // Scrolled so rows 8-16 show, 8 and 16 in part.
        assert_eq!(rows(-750.0, 40), [span(0, 4), span(7, 17)].concat());
        // The last rows in view, and the first ones, which typing in the query box scrolls back to.
        assert_eq!(rows(-1500.0, 20), [span(0, 4), span(15, 20)].concat());
        // A row whose edge touches the screen's is not on it.
        assert_eq!(rows(-600.0, 20), [span(0, 4), span(6, 15)].concat());
    }

    #[test]
    fn a_list_out_of_reach_keeps_its_first_rows_current() {
        assert_eq!(rows(1400.0, 20), span(0, 4), "below the screen");
        assert_eq!(rows(-3000.0, 20), span(0, 4), "scrolled past");
        assert_eq!(rows(1400.0, 2), span(0, 2));
        assert_eq!(rows(0.0, 0), span(0, 0));
    }

    #[test]
    fn only_the_first_two_facet_groups_take_the_answer_below_the_screen() {
        let below = (1000.0, 1300.0);
        assert!(in_view(1, FACETS, below, 900.0));
        assert!(!in_view(2, FACETS, below, 900.0));
        assert!(in_view(2, FACETS, (800.0, 1100.0), 900.0), "a group reaching onto the screen");
    }
}
