//! The library as the page holds it: a signal every part of the screen reads, changed only through
//! [`Shelf::change`], which writes each change to the browser's storage as one transaction and tells the
//! page's other tabs (a `BroadcastChannel`), which read the library again. A write that fails (a full
//! disk) leaves the stored library whole: the page says so and shows the stored library again. Without
//! storage (some private windows) the library works for the visit and the page says it will not be kept.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use paperscope_search::LibraryIndex;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::engine::Engine;
use crate::library::{Library, LibraryError};
use crate::storage;

const CHANNEL: &str = "paperscope-library";
/// How long an answer that depends on the library waits for it to be read, and what the page then says.
const SLOW_READ_MS: u32 = 3_000;
const SLOW_READ: &str = "Your library is still being read; if another Paperscope tab is open, closing it may help.";

#[derive(Clone, Copy)]
pub struct Shelf {
    pub library: RwSignal<Library>,
    /// A sentence about keeping the library (not kept on this device, a change not saved, records skipped).
    pub notice: RwSignal<Option<String>>,
    /// The library over the current papers, for the engine: rebuilt when either changes.
    pub index: Memo<Arc<LibraryIndex>>,
    /// Whether the browser keeps the library (false until it has been read, and without storage).
    pub kept: RwSignal<bool>,
    /// Whether the page has tried to read the stored library (until then, an answer that depends on the
    /// library is not shown: `?q=tag:theory` would say "0 papers" for a moment).
    pub settled: RwSignal<bool>,
    /// The setting "opening a paper marks it read" (kept in this browser's local storage: a preference of
    /// this device, not part of the library).
    pub open_marks_read: RwSignal<bool>,
    /// Writes not yet committed, and whether another tab changed the library meanwhile.
    pending: StoredValue<(usize, bool)>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

impl Shelf {
    pub fn provide(engine: Engine) -> Shelf {
        let library = RwSignal::new(Library::default());
        // The muted documents are found again only when the mutes or the papers change, not on every click.
        let mutes = Memo::new(move |_| library.with(Library::mutings));
        let muted = Memo::new(move |_| mutes.with(|m| engine.with(|index| index.muted_docs(m))));
        let index =
            Memo::new(move |_| engine.with(|index| library.with(|l| Arc::new(l.index_with(index, muted.get())))));
        let shelf = Shelf {
            library,
            notice: RwSignal::new(None),
            index,
            kept: RwSignal::new(false),
            settled: RwSignal::new(false),
            open_marks_read: RwSignal::new(setting(OPEN_MARKS_READ).as_deref() == Some("yes")),
            pending: StoredValue::new((0, false)),
            channel: StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok()),
        };
        shelf.listen();
        spawn_local(async move { shelf.reload(true).await });
        // A tab of an older Paperscope can hold the database while this page upgrades it: the answer does
        // not wait for that forever. The library comes in when the read ends.
        gloo_timers::callback::Timeout::new(SLOW_READ_MS, move || {
            if !shelf.settled.get_untracked() {
                shelf.settled.set(true);
                shelf.notice.set(Some(SLOW_READ.into()));
            }
        })
        .forget();
        provide_context(shelf);
        shelf
    }

    /// Another tab changed the library: read it again (after this tab's own writes, if any are under way).
    fn listen(self) {
        let heard = Closure::<dyn Fn()>::new(move || {
            let waiting = self.pending.try_update_value(|(n, later)| {
                *later = *n > 0;
                *later
            });
            if waiting == Some(false) {
                spawn_local(async move { self.reload(false).await });
            }
        });
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(heard.as_ref().unchecked_ref()));
            }
        });
        // The listener lives as long as the page.
        heard.forget();
    }

    /// Reads the stored library and shows it. `first`: the page is opening (say if storage is missing).
    async fn reload(self, first: bool) {
        let read = storage::library().await;
        if self.notice.with_untracked(|n| n.as_deref() == Some(SLOW_READ)) {
            self.notice.set(None);
        }
        match read {
            Ok((library, unreadable)) => {
                // Setting an equal library would lay it out over the papers again for nothing (on opening,
                // an empty store reads as the library the page started with).
                // Changes made before the first read ended (a slow read) are kept, merged into what was stored.
                let made = (first && self.library.with_untracked(|l| *l != Library::default()))
                    .then(|| self.library.get_untracked());
                if self.library.with_untracked(|shown| *shown != library) {
                    self.library.set(library.clone());
                }
                self.kept.set(true);
                if let Some(made) = made {
                    let mut merged = library;
                    merged.merge(made, "this visit");
                    self.update(move |l| *l = merged);
                }
                if unreadable > 0 {
                    let what =
                        if unreadable == 1 { "1 record was".into() } else { format!("{unreadable} records were") };
                    self.notice
                        .set(Some(format!("{what} of your library could not be read and skipped; the rest is here.")));
                }
            }
            Err(e) if first => self.notice.set(Some(format!(
                "Your library works for this visit but will not be kept: {e}. Back it up to a file before you leave."
            ))),
            Err(e) => self.notice.set(Some(format!("Could not read your library again: {e}."))),
        }
        if first {
            self.settled.set(true);
        }
    }

    /// Changes the library (a refused change is an error, nothing changed) and keeps the change.
    pub fn change(self, change: impl FnOnce(&mut Library) -> Result<(), LibraryError>) -> Result<(), String> {
        let before = self.library.get_untracked();
        let mut next = before.clone();
        change(&mut next).map_err(|e| e.to_string())?;
        if next == before {
            return Ok(());
        }
        let changes = before.changes_to(&next);
        self.library.set(next);
        if !self.kept.get_untracked() {
            return Ok(());
        }
        self.pending.update_value(|(n, _)| *n += 1);
        spawn_local(async move {
            let written = storage::write(&changes).await;
            let (left, reread) = self
                .pending
                .try_update_value(|(n, later)| {
                    *n -= 1;
                    let reread = *n == 0 && std::mem::take(later);
                    (*n, reread)
                })
                .unwrap_or((0, false));
            match written {
                Ok(()) => {
                    self.channel.with_value(|c| {
                        if let Some(c) = c {
                            let _ = c.post_message(&"changed".into());
                        }
                    });
                    if reread {
                        self.reload(false).await;
                    }
                }
                Err(e) => {
                    self.notice.set(Some(format!(
                        "That change was not saved: {e}. Your library is as it was before it; free some space or back it up to a file."
                    )));
                    if left == 0 {
                        self.reload(false).await;
                    }
                }
            }
        });
        Ok(())
    }

    /// A change that cannot be refused (save, mute, mark read...), kept like any other.
    pub fn update(self, change: impl FnOnce(&mut Library)) {
        // The change returns no error, so neither does `change`.
        let _ = self.change(|l| {
            change(l);
            Ok(())
        });
    }
}

const OPEN_MARKS_READ: &str = "paperscope-open-marks-read";

/// A setting kept in local storage, if the browser keeps any.
fn setting(key: &str) -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(key).ok().flatten()
}

impl Shelf {
    /// Turns "opening a paper marks it read" on or off, and keeps the choice on this device.
    pub fn set_open_marks_read(self, on: bool) {
        self.open_marks_read.set(on);
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(OPEN_MARKS_READ, if on { "yes" } else { "no" });
        }
    }
}

pub fn use_shelf() -> Shelf {
    use_context::<Shelf>().expect("the explorer provides the library before any part of the screen")
}
