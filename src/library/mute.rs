//! Mutes: what a person never wants to see (an author, a venue, a topic, a category, a word). The engine
//! hides the papers ([`paperscope_search::Muting`]); here is what a mute is, what it reads as, and which
//! facet values can be muted.

use paperscope_search::{FacetKey, Muting};
use serde::{Deserialize, Serialize};

use super::Library;

/// What a mute hides: papers by an author (spelling aside), at a venue, on a topic, in a category, or with a
/// word or phrase in the title or abstract.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Mute {
    Author(String),
    Venue(String),
    Topic(String),
    Category(String),
    Word(String),
}

impl Mute {
    /// The mute of one facet value, for the facets whose values can be muted.
    pub fn of_value(key: FacetKey, value: &str) -> Option<Mute> {
        let value = value.to_string();
        match key {
            FacetKey::Author => Some(Mute::Author(value)),
            FacetKey::Venue => Some(Mute::Venue(value)),
            FacetKey::Topic => Some(Mute::Topic(value)),
            FacetKey::Category => Some(Mute::Category(value)),
            _ => None,
        }
    }

    /// A word or phrase typed to be muted: trimmed, its spaces collapsed; `None` when it has no letter or
    /// digit to match.
    pub fn of_words(text: &str) -> Option<Mute> {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        words.chars().any(char::is_alphanumeric).then_some(Mute::Word(words))
    }

    /// What the engine hides for it.
    pub fn muting(&self) -> Muting {
        match self {
            Mute::Author(v) => Muting::Value(FacetKey::Author, v.clone()),
            Mute::Venue(v) => Muting::Value(FacetKey::Venue, v.clone()),
            Mute::Topic(v) => Muting::Value(FacetKey::Topic, v.clone()),
            Mute::Category(v) => Muting::Value(FacetKey::Category, v.clone()),
            Mute::Word(w) => Muting::Words(w.clone()),
        }
    }

    /// How the page names it: `author Ada Lovelace`, `the word “survey”`.
    pub fn label(&self) -> String {
        match self {
            Mute::Author(v) => format!("author {v}"),
            Mute::Venue(v) => format!("venue {v}"),
            Mute::Topic(v) => format!("topic {v}"),
            Mute::Category(v) => format!("category {v}"),
            Mute::Word(w) if w.contains(' ') => format!("the words “{w}”"),
            Mute::Word(w) => format!("the word “{w}”"),
        }
    }
}

impl Library {
    pub fn mute(&mut self, mute: Mute) {
        self.mutes.insert(mute);
    }

    pub fn unmute(&mut self, mute: &Mute) {
        self.mutes.remove(mute);
    }

    /// The mutes as the engine reads them.
    pub fn mutings(&self) -> Vec<Muting> {
        self.mutes.iter().map(Mute::muting).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_people_places_subjects_and_words_are_muted() {
        assert_eq!(Mute::of_value(FacetKey::Author, "Ada"), Some(Mute::Author("Ada".into())));
        assert_eq!(Mute::of_value(FacetKey::Category, "cs.LG"), Some(Mute::Category("cs.LG".into())));
        for key in [FacetKey::Year, FacetKey::Status, FacetKey::Source, FacetKey::List, FacetKey::Read] {
            assert_eq!(Mute::of_value(key, "x"), None, "{key:?}");
        }
        assert_eq!(Mute::of_words("  large   language\tmodel "), Some(Mute::Word("large language model".into())));
        assert_eq!(Mute::of_words(" -- "), None);
        assert_eq!(Mute::Word("survey".into()).label(), "the word “survey”");
        assert_eq!(
            Mute::of_value(FacetKey::Venue, "ICML 2025").map(|m| m.muting()),
            Some(Muting::Value(FacetKey::Venue, "ICML 2025".into()))
        );
    }
}
