//! Mutes: what a person never wants to see (an author, a venue, a topic, a category, a word).

use paperscope_corpus::Paper;
use serde::{Deserialize, Serialize};

use super::Library;

/// What a mute hides: papers by an author, at a venue, on a topic, in a category, or containing a word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Mute {
    Author(String),
    Venue(String),
    Topic(String),
    Category(String),
    Word(String),
}

impl Library {
    pub fn mute(&mut self, mute: Mute) {
        self.mutes.insert(mute);
    }

    pub fn unmute(&mut self, mute: &Mute) {
        self.mutes.remove(mute);
    }

    /// Whether a mute hides this paper. Authors compare as the author facet does (spelling aside); venues,
    /// topics and categories exactly; a word as a whole word of the title or abstract, case aside.
    pub fn is_muted(&self, paper: &Paper) -> bool {
        self.mutes.iter().any(|mute| match mute {
            Mute::Author(name) => {
                let key = paperscope_corpus::text::name_key(name);
                paper.authors.iter().any(|a| paperscope_corpus::text::name_key(a) == key)
            }
            Mute::Venue(v) => paper.venue.as_deref() == Some(v.as_str()),
            Mute::Topic(t) => paper.topics.iter().any(|x| x == t),
            Mute::Category(c) => paper.categories.iter().any(|x| x == c),
            Mute::Word(w) => {
                let w = w.to_lowercase();
                let has = |text: &str| text.split(|c: char| !c.is_alphanumeric()).any(|x| x.to_lowercase() == w);
                has(&paper.title) || has(&paper.abstract_text)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use paperscope_corpus::Paper;

    fn paper(title: &str, authors: &[&str]) -> Paper {
        Paper { title: title.into(), authors: authors.iter().map(|a| a.to_string()).collect(), ..Paper::default() }
    }

    #[test]
    fn mutes_hide_by_author_spelling_aside_venue_topic_category_and_word() {
        let mut lib = Library::default();
        let p = Paper {
            venue: Some("ICML 2025".into()),
            topics: vec!["Reasoning".into()],
            categories: vec!["cs.LG".into()],
            abstract_text: "We study Diffusion models.".into(),
            ..paper("A paper", &["Michael I. Jordan"])
        };
        assert!(!lib.is_muted(&p));
        for mute in [
            Mute::Author("Michael I Jordan".into()),
            Mute::Venue("ICML 2025".into()),
            Mute::Topic("Reasoning".into()),
            Mute::Category("cs.LG".into()),
            Mute::Word("diffusion".into()),
        ] {
            lib.mute(mute.clone());
            assert!(lib.is_muted(&p), "{mute:?}");
            lib.unmute(&mute);
            assert!(!lib.is_muted(&p), "{mute:?}");
        }
        lib.mute(Mute::Word("diff".into()));
        assert!(!lib.is_muted(&p), "a word is whole");
        lib.mute(Mute::Author("M. I. Jordan".into()));
        assert!(!lib.is_muted(&p), "other initials are another person");
    }
}
