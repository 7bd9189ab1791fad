//! Saved searches: a view kept under a name, with the results it showed when last opened (so the page can
//! say how many are new).

use super::{clean, unique, Library, LibraryError, SavedSearch};

impl Library {
    /// Saves a view under a name made from `label` (made unique: `diffusion (2)`) unless a saved search
    /// already holds this view: which name it is under, and whether it was saved now.
    pub fn save_view(&mut self, label: &str, view: &str, shown: impl IntoIterator<Item = String>) -> (String, bool) {
        if let Some(same) = self.saved_searches.iter().find(|s| s.view == view) {
            return (same.name.clone(), false);
        }
        let name = unique(label, "All papers", |name| self.saved_searches.iter().any(|s| s.name == name));
        self.saved_searches.push(SavedSearch {
            name: name.clone(),
            view: view.to_string(),
            seen: shown.into_iter().collect(),
        });
        (name, true)
    }

    pub fn rename_search(&mut self, from: &str, to: &str) -> Result<(), LibraryError> {
        let to = clean(to)?;
        if to != from && self.saved_searches.iter().any(|s| s.name == to) {
            return Err(LibraryError::SearchExists(to));
        }
        let search = self.saved_searches.iter_mut().find(|s| s.name == from);
        search.ok_or_else(|| LibraryError::NoSuchSearch(from.into()))?.name = to;
        Ok(())
    }

    pub fn delete_search(&mut self, name: &str) {
        self.saved_searches.retain(|s| s.name != name);
    }

    /// How many of a saved search's current results were not among them when it was last opened.
    pub fn new_in(&self, name: &str, current: &[String]) -> usize {
        self.saved_searches
            .iter()
            .find(|s| s.name == name)
            .map_or(0, |s| current.iter().filter(|id| !s.seen.contains(*id)).count())
    }

    /// Opening a saved search: its current results become what was seen.
    pub fn opened(&mut self, name: &str, current: impl IntoIterator<Item = String>) {
        if let Some(s) = self.saved_searches.iter_mut().find(|s| s.name == name) {
            s.seen = current.into_iter().collect();
        }
    }
}
