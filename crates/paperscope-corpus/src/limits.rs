//! Limits on the size of one paper's fields. Real papers sit far below them (the longest arXiv title is a few
//! hundred characters, an arXiv abstract at most 1,920, the largest author lists a few thousand names); a
//! record past one keeps its place in the corpus with the field cut, and the cut is reported with the
//! record's line. They keep one hostile record (a 1 MB title, 100,000 authors) from costing every search
//! and every page that shows it.

use crate::schema::Paper;

/// Characters of a title.
pub const TITLE_CHARS: usize = 1_000;
/// Characters of an abstract.
pub const ABSTRACT_CHARS: usize = 20_000;
/// Characters of a comment line.
pub const COMMENT_CHARS: usize = 2_000;
/// Characters of one short value: an author's name, an organisation, a venue, a category, a source's file
/// name.
pub const NAME_CHARS: usize = 300;
/// Named authors of one record.
pub const AUTHORS: usize = 5_000;
/// Code links, categories and sources of one record.
pub const LINKS: usize = 50;
pub const CATEGORIES: usize = 50;
pub const SOURCES: usize = 1_000;

/// Cuts every field of `paper` to its limit; returns what was cut, as sentences for diagnostics.
pub fn enforce(paper: &mut Paper) -> Vec<String> {
    let mut cuts = Vec::new();
    let mut text = |name: &str, value: &mut String, max: usize| {
        if let Some(had) = cut_chars(value, max) {
            cuts.push(format!("{name} has {had} characters; kept the first {max}"));
        }
    };
    text("title", &mut paper.title, TITLE_CHARS);
    text("abstract", &mut paper.abstract_text, ABSTRACT_CHARS);
    for (name, value, max) in [
        ("comment", &mut paper.comment, COMMENT_CHARS),
        ("organization", &mut paper.organization, NAME_CHARS),
        ("venue", &mut paper.venue, NAME_CHARS),
    ] {
        if let Some(value) = value {
            text(name, value, max);
        }
    }
    let mut list = |name: &str, len: usize, max: usize| {
        (len > max).then(|| cuts.push(format!("{len} {name}; kept the first {max}")));
        len.min(max)
    };
    let keep = list("authors", paper.authors.len(), AUTHORS);
    paper.authors.truncate(keep);
    let keep = list("code links", paper.code_urls.len(), LINKS);
    paper.code_urls.truncate(keep);
    let keep = list("categories", paper.categories.len(), CATEGORIES);
    paper.categories.truncate(keep);
    let keep = list("sources", paper.sources.len(), SOURCES);
    paper.sources.truncate(keep);
    let mut long = 0;
    for value in
        paper.authors.iter_mut().chain(paper.categories.iter_mut()).chain(paper.sources.iter_mut().map(|s| &mut s.file))
    {
        long += usize::from(cut_chars(value, NAME_CHARS).is_some());
    }
    if long > 0 {
        cuts.push(format!("{long} names (authors, categories or sources) over {NAME_CHARS} characters were cut"));
    }
    cuts
}

/// Cuts `value` to `max` characters; returns how many it had when it was longer.
pub fn cut_chars(value: &mut String, max: usize) -> Option<usize> {
    if value.len() <= max {
        return None;
    }
    let (at, _) = value.char_indices().nth(max)?;
    let had = max + value[at..].chars().count();
    value.truncate(at);
    Some(had)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_cut_and_said() {
        let mut paper = Paper {
            title: "é".repeat(TITLE_CHARS + 5),
            authors: (0..AUTHORS + 2).map(|i| format!("Author {i}")).collect(),
            venue: Some("v".repeat(NAME_CHARS + 1)),
            ..Paper::default()
        };
        let cuts = enforce(&mut paper);
        assert_eq!(paper.title.chars().count(), TITLE_CHARS);
        assert_eq!(paper.authors.len(), AUTHORS);
        assert_eq!(paper.venue.as_deref().map(str::len), Some(NAME_CHARS));
        assert_eq!(
            cuts,
            [
                format!("title has {} characters; kept the first {TITLE_CHARS}", TITLE_CHARS + 5),
                format!("venue has {} characters; kept the first {NAME_CHARS}", NAME_CHARS + 1),
                format!("{} authors; kept the first {AUTHORS}", AUTHORS + 2),
            ]
        );
        let mut fine = Paper { title: "Short".into(), ..Paper::default() };
        assert!(enforce(&mut fine).is_empty());
    }
}
