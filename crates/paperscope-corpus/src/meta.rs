//! Facts read from an arXiv comment or journal reference: pages, figures, venue and venue status.

use crate::schema::{Paper, VenueStatus};

/// Venue acronyms, as they should be displayed. Matching ignores case; `NIPS` is shown as `NeurIPS`.
pub const VENUES: &[(&str, &str)] = &[
    ("neurips", "NeurIPS"),
    ("nips", "NeurIPS"),
    ("icml", "ICML"),
    ("iclr", "ICLR"),
    ("colt", "COLT"),
    ("aistats", "AISTATS"),
    ("uai", "UAI"),
    ("aaai", "AAAI"),
    ("ijcai", "IJCAI"),
    ("acl", "ACL"),
    ("emnlp", "EMNLP"),
    ("naacl", "NAACL"),
    ("coling", "COLING"),
    ("eacl", "EACL"),
    ("cvpr", "CVPR"),
    ("iccv", "ICCV"),
    ("eccv", "ECCV"),
    ("wacv", "WACV"),
    ("bmvc", "BMVC"),
    ("kdd", "KDD"),
    ("www", "WWW"),
    ("sigir", "SIGIR"),
    ("wsdm", "WSDM"),
    ("cikm", "CIKM"),
    ("icdm", "ICDM"),
    ("tmlr", "TMLR"),
    ("jmlr", "JMLR"),
    ("tpami", "TPAMI"),
    ("corl", "CoRL"),
    ("icra", "ICRA"),
    ("iros", "IROS"),
    ("rss", "RSS"),
    ("miccai", "MICCAI"),
    ("icassp", "ICASSP"),
    ("interspeech", "INTERSPEECH"),
    ("alt", "ALT"),
    ("stoc", "STOC"),
    ("focs", "FOCS"),
    ("soda", "SODA"),
    ("mlsys", "MLSys"),
    ("l4dc", "L4DC"),
    ("isit", "ISIT"),
    ("colm", "COLM"),
    ("log", "LoG"),
    ("chi", "CHI"),
    ("icde", "ICDE"),
    ("sigmod", "SIGMOD"),
    ("vldb", "VLDB"),
    ("ecml", "ECML"),
    ("acml", "ACML"),
    ("ijcnn", "IJCNN"),
    ("icip", "ICIP"),
];

/// Phrases that mark a paper as under review at the venue it names.
const UNDER_REVIEW: &[&str] =
    &["under review", "submitted to", "in submission", "under submission", "preprint under review"];
/// Phrases that mark a paper as accepted at the venue it names.
const ACCEPTED: &[&str] = &[
    "accepted",
    "to appear",
    "published",
    "camera-ready",
    "camera ready",
    "in proceedings",
    "proceedings of",
    "spotlight",
    "oral",
    "poster",
    "main conference",
    "main track",
    "findings of",
];

/// `arXiv`, `arXiv preprint arXiv:2301.00001`, `CoRR`, `bioRxiv`: a preprint server, which is no venue.
pub fn is_preprint_server(venue: &str) -> bool {
    let lower = venue.trim().to_lowercase();
    lower.contains("arxiv") || lower == "corr" || lower.contains("biorxiv") || lower.contains("medrxiv")
}

/// The arXiv id just after the first of `markers` found in `text` (case aside): `arxiv.org/abs/`,
/// `arxiv.org/pdf/` (a `.pdf` dropped), `10.48550/arxiv.` (a DOI), `arxiv:`.
pub fn arxiv_id_after(text: &str, markers: &[&str]) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    markers.iter().find_map(|marker| {
        let at = lower.find(marker)? + marker.len();
        let id: String =
            text[at..].trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || ".-/".contains(*c)).collect();
        crate::formats::arxiv_feed::normalize_arxiv_id(id.trim_end_matches(".pdf").trim_end_matches('.'))
    })
}

/// Where reference managers put an arXiv id in a link, a DOI or a note.
pub const ARXIV_MARKERS: &[&str] = &["arxiv.org/abs/", "arxiv.org/pdf/", "10.48550/arxiv.", "arxiv:"];

/// Sets a paper's comment line and what it says (pages, figures, venue).
pub fn set_comment(paper: &mut Paper, raw: &str) {
    let text = crate::text::normalize(raw);
    if text.is_empty() {
        return;
    }
    let facts = comment_facts(&text);
    paper.pages = facts.pages;
    paper.figures = facts.figures;
    paper.venue = facts.venue;
    paper.venue_status = facts.venue_status;
    paper.comment = Some(text);
}

/// Reads a journal reference (`Journal of Machine Learning Research 26 (2025) 1-40`): it names where the
/// paper appeared, so its venue is an acceptance; one it does not know is kept as written unless the comment
/// already named a venue.
pub fn set_journal_ref(paper: &mut Paper, raw: &str) {
    let reference = crate::text::normalize(raw);
    if reference.is_empty() {
        return;
    }
    match find_venue(&reference) {
        Some(venue) => paper.venue = Some(venue),
        None if paper.venue.is_none() => paper.venue = Some(reference),
        None => return,
    }
    paper.venue_status = Some(VenueStatus::Accepted);
}

/// What a comment line and journal reference say about a paper.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CommentFacts {
    pub pages: Option<u32>,
    pub figures: Option<u32>,
    pub venue: Option<String>,
    pub venue_status: Option<VenueStatus>,
}

/// Reads pages, figures and venue from an arXiv comment line.
pub fn comment_facts(comment: &str) -> CommentFacts {
    let lower = comment.to_lowercase();
    let venue = find_venue(comment);
    let venue_status = venue.as_ref().and_then(|_| {
        if UNDER_REVIEW.iter().any(|p| lower.contains(p)) {
            Some(VenueStatus::UnderReview)
        } else if ACCEPTED.iter().any(|p| lower.contains(p)) {
            Some(VenueStatus::Accepted)
        } else {
            None
        }
    });
    CommentFacts {
        pages: number_before(&lower, &["pages", "page"]),
        figures: number_before(&lower, &["figures", "figure", "figs", "fig"]),
        venue,
        venue_status,
    }
}

/// The number written just before one of `units` (`36 pages`, `2 figures`).
fn number_before(lower: &str, units: &[&str]) -> Option<u32> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '.' | '+'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| if units.contains(&pair[1]) { pair[0].parse().ok() } else { None })
}

/// The first venue named with a year (`NeurIPS 2025`, `ICML'24`, `(ICML 2025)`), or a journal acronym alone.
pub fn find_venue(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | ':' | '.'))
        .filter(|t| !t.is_empty())
        .collect();
    for (i, token) in tokens.iter().enumerate() {
        // `ICML'24`, `NeurIPS2025`, `NeurIPS-2025`.
        let (word, glued_year) = split_glued_year(token);
        let Some((_, name)) = VENUES.iter().find(|(key, _)| key.eq_ignore_ascii_case(word)) else {
            continue;
        };
        // Short, common words (`log`, `chi`, `alt`, `www`, `rss`) count only in upper case, as venues are written.
        if word.len() <= 3 && !word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && *name != "LoG" {
            continue;
        }
        if *name == "LoG" && word != "LoG" {
            continue;
        }
        let year = glued_year.or_else(|| tokens.get(i + 1).and_then(|t| parse_year(t)));
        match year {
            Some(y) => return Some(format!("{name} {y}")),
            None if matches!(*name, "TMLR" | "JMLR" | "TPAMI") => return Some(name.to_string()),
            None => continue,
        }
    }
    None
}

fn split_glued_year(token: &str) -> (&str, Option<u16>) {
    let cut = token.find(|c: char| c.is_ascii_digit() || c == '\'' || c == '’' || c == '-');
    match cut {
        Some(at) if at > 0 => (&token[..at], parse_year(&token[at..])),
        _ => (token, None),
    }
}

fn parse_year(text: &str) -> Option<u16> {
    let digits = text.trim_start_matches(['\'', '’', '-']);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u16 = digits.parse().ok()?;
    match digits.len() {
        4 if (1980..=2100).contains(&n) => Some(n),
        // `ICML'24`: a two-digit year after an apostrophe.
        2 if text.starts_with(['\'', '’']) => Some(2000 + n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VenueStatus::*;

    fn check(
        comment: &str,
        pages: Option<u32>,
        figures: Option<u32>,
        venue: Option<&str>,
        status: Option<VenueStatus>,
    ) {
        let f = comment_facts(comment);
        assert_eq!(
            (f.pages, f.figures, f.venue.as_deref(), f.venue_status),
            (pages, figures, venue, status),
            "comment {comment:?}"
        );
    }

    #[test]
    fn seed_comments() {
        check("40 pages", Some(40), None, None, None);
        check(
            "Under review at ICLR 2026. 36 pages, 2 figures, appendix included",
            Some(36),
            Some(2),
            Some("ICLR 2026"),
            Some(UnderReview),
        );
        check(
            "45 pages, 2 figures. Accepted for publication at NeurIPS 2025",
            Some(45),
            Some(2),
            Some("NeurIPS 2025"),
            Some(Accepted),
        );
        check(
            "Accepted by the 42nd International Conference on Machine Learning (ICML 2025)",
            None,
            None,
            Some("ICML 2025"),
            Some(Accepted),
        );
    }

    #[test]
    fn other_comments() {
        check(
            "NeurIPS 2024 (Spotlight); 12 pages + appendix, 1 figure",
            Some(12),
            Some(1),
            Some("NeurIPS 2024"),
            Some(Accepted),
        );
        check("Camera-ready for ICML'24", None, None, Some("ICML 2024"), Some(Accepted));
        check("Submitted to NIPS 2017", None, None, Some("NeurIPS 2017"), Some(UnderReview));
        check("Published in TMLR", None, None, Some("TMLR"), Some(Accepted));
        check("CVPR 2025", None, None, Some("CVPR 2025"), None);
        check("a log of 3 experiments, with chi square tests", None, None, None, None);
        check("", None, None, None, None);
    }
}
