//! The "Add papers" pipeline as one type: what is kept, what is being added, what failed, and the one
//! worker at a time that does the work. Adding builds on whatever is already under way (the running worker
//! is stopped and one starts over the whole list), cancelling stops the worker and leaves the papers shown
//! as they were, and only a finished import changes the papers and what is kept on this device.

use leptos::prelude::*;

use crate::engine::Engine;
use crate::import::{self, Import, Job, Report};
use crate::storage;

/// The most text one "Add" reads, files and paste together (the CLI builds bigger corpora).
pub const MAX_ADD_BYTES: usize = 100_000_000;

#[derive(Clone, Copy)]
pub struct Importer {
    engine: Engine,
    /// The imports whose papers are shown (and kept on this device).
    kept: RwSignal<Vec<Import>, LocalStorage>,
    /// The imports the running worker is adding: `kept` and the new ones.
    pending: StoredValue<Option<Vec<Import>>, LocalStorage>,
    job: StoredValue<Option<Job>, LocalStorage>,
    /// Each start gets a number; only the latest one's outcome is shown.
    generation: StoredValue<u32>,
    /// What the kept imports held.
    pub reports: RwSignal<Vec<Report>>,
    /// What the running worker is doing; `None` when none runs.
    pub working: RwSignal<Option<String>>,
    /// Imports that could not be added, with why (each can be removed).
    pub failed: RwSignal<Vec<(String, String)>>,
    /// A sentence about the last change (added, cancelled, not saved).
    pub notice: RwSignal<Option<String>>,
    pub totals: RwSignal<Option<String>>,
    /// The kept imports are saved on this device.
    pub stored: RwSignal<bool>,
}

pub fn use_importer() -> Importer {
    use_context::<Importer>().expect("the explorer provides its importer before any part of the screen")
}

impl Importer {
    pub fn provide(engine: Engine) -> Importer {
        let importer = Importer {
            engine,
            kept: RwSignal::new_local(Vec::new()),
            pending: StoredValue::new_local(None),
            job: StoredValue::new_local(None),
            generation: StoredValue::new(0),
            reports: RwSignal::new(Vec::new()),
            working: RwSignal::new(None),
            failed: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            totals: RwSignal::new(None),
            stored: RwSignal::new(false),
        };
        provide_context(importer);
        importer
    }

    /// Brings back the papers added on an earlier visit.
    pub fn restore(self) {
        leptos::task::spawn_local(async move {
            let saved = storage::saved().await;
            if !saved.is_empty() {
                self.run(saved);
            }
        });
    }

    /// The imports as they will be once the running worker is done (or as they are).
    fn current(self) -> Vec<Import> {
        self.pending.with_value(Clone::clone).unwrap_or_else(|| self.kept.get_untracked())
    }

    /// Whether any import is kept (tracked).
    pub fn keeps_any(self) -> bool {
        self.kept.with(|k| !k.is_empty())
    }

    /// Whether an import of this name is kept (tracked: it changes when an import is applied).
    pub fn is_kept(self, name: &str) -> bool {
        self.kept.with(|k| k.iter().any(|i| i.name == name))
    }

    /// The kept imports as the library's backup file holds them.
    pub fn added(self) -> Vec<crate::library::AddedInput> {
        self.kept.with_untracked(|kept| {
            kept.iter()
                .map(|i| crate::library::AddedInput {
                    name: i.name.clone(),
                    text: String::from(&i.text),
                    format: i.format.map(|f| f.name().to_string()),
                })
                .collect()
        })
    }

    /// Adds the papers a backup file holds (an input of the same name replaces the one here).
    pub fn add_backup(self, added: Vec<crate::library::AddedInput>) {
        let imports = added
            .into_iter()
            .map(|a| Import {
                name: a.name,
                text: a.text.as_str().into(),
                format: a.format.as_deref().and_then(paperscope_corpus::Format::from_name),
            })
            .collect();
        self.add(imports);
    }

    /// How many pastes there have been, for naming the next one.
    pub fn pasted(self) -> usize {
        self.current().iter().filter(|i| i.name.starts_with("pasted-")).count()
    }

    /// Adds imports (one of the same name replaces the earlier).
    pub fn add(self, new: Vec<Import>) {
        if new.is_empty() {
            return;
        }
        let mut next = self.current();
        for import in new {
            next.retain(|i| i.name != import.name);
            next.push(import);
        }
        self.run(next);
    }

    /// Removes an import: a failed one is forgotten (and the device keeps only what was added); a kept one's
    /// papers leave the explorer.
    pub fn remove(self, name: &str) {
        let was_failed = self.failed.with_untracked(|f| f.iter().any(|(n, _)| n == name));
        if was_failed {
            self.failed.update(|f| f.retain(|(n, _)| n != name));
            let kept = self.kept.get_untracked();
            leptos::task::spawn_local(async move { self.save(kept).await });
            return;
        }
        let next = self.current().into_iter().filter(|i| i.name != name).collect();
        self.run(next);
    }

    /// Stops the running worker: nothing of what it was adding is added.
    pub fn cancel(self) {
        if self.stop() {
            self.working.set(None);
            self.notice.set(Some("Cancelled: nothing was added; the papers shown are as they were.".into()));
        }
    }

    /// Stops the running worker, if there is one; says whether there was.
    fn stop(self) -> bool {
        self.generation.update_value(|g| *g += 1);
        self.pending.set_value(None);
        match self.job.try_update_value(Option::take).flatten() {
            Some(job) => {
                job.cancel();
                true
            }
            None => false,
        }
    }

    /// Starts one worker over `next` (stopping any other) and applies its outcome when it is done.
    fn run(self, next: Vec<Import>) {
        self.stop();
        let mine = self.generation.get_value();
        self.notice.set(None);
        self.working.set(Some("Starting…".into()));
        let (job, running) = match import::start(crate::CORPUS_URL, self.engine.site().manifest(), &next) {
            Ok(started) => started,
            Err(e) => return self.failed_with(&next, e),
        };
        self.job.set_value(Some(job));
        self.pending.set_value(Some(next.clone()));
        leptos::task::spawn_local(async move {
            let outcome = running
                .finish(move |step| {
                    if self.generation.get_value() == mine {
                        self.working.set(Some(step));
                    }
                })
                .await;
            if self.generation.get_value() != mine {
                return; // cancelled, or a later change is under way
            }
            self.job.set_value(None);
            self.pending.set_value(None);
            self.working.set(None);
            match outcome {
                Ok(applied) => self.apply(next, applied).await,
                Err(e) => self.failed_with(&next, e),
            }
        });
    }

    /// The imports of `next` that are not kept could not be added.
    fn failed_with(self, next: &[Import], reason: String) {
        self.working.set(None);
        let kept: Vec<String> = self.kept.with_untracked(|k| k.iter().map(|i| i.name.clone()).collect());
        self.failed.update(|failed| {
            for import in next.iter().filter(|i| !kept.contains(&i.name)) {
                failed.retain(|(n, _)| *n != import.name);
                failed.push((import.name.clone(), reason.clone()));
            }
        });
    }

    /// Shows the imports' papers and keeps the imports on this device, except those that could not be read at
    /// all (no format recognised): those are listed as failed and not stored.
    async fn apply(self, next: Vec<Import>, applied: import::Applied) {
        let (reports, refused): (Vec<_>, Vec<_>) = applied.reports.into_iter().partition(|r| r.format.is_ok());
        let refused: Vec<(String, String)> =
            refused.into_iter().map(|r| (r.name, r.format.err().unwrap_or_default())).collect();
        let next: Vec<Import> = next.into_iter().filter(|i| !refused.iter().any(|(n, _)| *n == i.name)).collect();
        let base = applied.base;
        let now = applied.index.len();
        self.engine.replace(applied.index, applied.map);
        let read: usize = reports.iter().map(|r| r.records).sum();
        self.totals.set((!next.is_empty()).then(|| {
            format!(
                "{read} papers read from {} import{}: {} added, {} merged with papers already here; {now} papers in all.",
                next.len(),
                if next.len() == 1 { "" } else { "s" },
                now - base.min(now),
                (base + read).saturating_sub(now),
            )
        }));
        self.reports.set(reports);
        let names: Vec<String> = next.iter().map(|i| i.name.clone()).collect();
        self.failed.update(|f| {
            f.retain(|(n, _)| !names.contains(n) && !refused.iter().any(|(r, _)| r == n));
            f.extend(refused);
        });
        self.kept.set(next.clone());
        self.save(next).await;
    }

    async fn save(self, imports: Vec<Import>) {
        self.stored.set(false);
        match storage::save(imports).await {
            Ok(()) => self.stored.set(true),
            Err(e) => self.notice.set(Some(e)),
        }
    }
}
