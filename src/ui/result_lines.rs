//! A result's lines written as markup: its title and snippet with the query's words marked, its byline and
//! its meta line. When a row's paper or highlights change, each line is set in one call (`innerHTML`), not
//! built from up to twenty elements, attributes and text nodes, each a call from the WebAssembly into the
//! page, after as many calls removing the last ones: a keystroke that replaced the rows in view made
//! ~250 such calls for the bylines and meta lines, and ~140 more for the marks of a one-letter query. Everything from the paper is escaped with
//! `html-escape` (the crate leptos escapes with), so a name, venue or label that a stranger's corpus writes as
//! markup reads as text.

use html_escape::{encode_double_quoted_attribute_to_string as attribute, encode_text_to_string as text};
use paperscope_corpus::Paper;
use paperscope_search::url::encode;
use paperscope_search::{FacetKey, Span};

use super::text::{authors, status_label};

/// Text with highlighted spans (character offsets, ascending; one that overlaps the last is skipped) in
/// `<mark>`s.
pub fn marked(line: &str, spans: &[Span]) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 13 * spans.len());
    let mut at = 0;
    for span in spans {
        let (start, end) = (span.start.min(chars.len()), span.end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        text(chars[at..start].iter().collect::<String>(), &mut out);
        out.push_str("<mark>");
        text(chars[start..end].iter().collect::<String>(), &mut out);
        out.push_str("</mark>");
        at = end;
    }
    text(chars[at..].iter().collect::<String>(), &mut out);
    out
}

/// Authors shown in a result before "et al.".
const AUTHORS_SHOWN: usize = 3;

/// The first authors, each a link to the papers with that author; "et al." when there are more, "and
/// others" when the listings named only some; the count alone when they named none.
pub fn byline(p: &Paper) -> String {
    let mut out = String::new();
    for (i, name) in p.authors.iter().take(AUTHORS_SHOWN).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        filter_link(&mut out, FacetKey::Author, name);
    }
    if p.authors.len() > AUTHORS_SHOWN {
        out.push_str(", et al.");
    } else if p.some_authors() {
        out.push_str(" and others");
    } else if p.authors.is_empty() {
        if let Some(n) = p.author_count {
            text(format!("{} (not named in the listing)", authors(n)), &mut out);
        }
    }
    out
}

/// Year · venue (status) · topics · upvotes · organisation, then the sources; venue and topics are links
/// to their papers.
pub fn meta(p: &Paper) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(p.year.map(|y| y.to_string()));
    if let Some(venue) = &p.venue {
        let mut part = String::new();
        filter_link(&mut part, FacetKey::Venue, venue);
        if let Some(status) = p.venue_status {
            text(format!(" ({})", status_label(status.as_str())), &mut part);
        }
        parts.push(part);
    }
    for topic in &p.topics {
        let mut part = String::new();
        filter_link(&mut part, FacetKey::Topic, topic);
        parts.push(part);
    }
    parts.extend(p.upvotes.map(|u| format!("▲ {u}")));
    parts.extend(p.organization.as_deref().map(|o| text(o, &mut String::new()).to_string()));
    let mut out = parts.join(" · ");
    for src in &p.sources {
        out.push_str("<span class=\"src\" title=\"");
        attribute(format!("{}:{} ({})", src.file, src.line, src.format), &mut out);
        out.push_str("\">");
        text(src.label.as_deref().unwrap_or(src.format.name()), &mut out);
        out.push_str("</span>");
    }
    out
}

/// A link that narrows the view to papers with one facet value (a result's author, venue or topic). It is
/// plain markup: the list's own listeners (see `ResultList`) follow it on a plain click and write its full
/// address (the current view narrowed) when the pointer or the focus reaches it, so it is right for a new
/// tab or "copy link" without a listener per link or an address rewritten on every keystroke. Until then it
/// points at the value alone (`?author=Ada%20One`), a link that works too.
fn filter_link(out: &mut String, key: FacetKey, value: &str) {
    out.push_str("<a class=\"filter-link\" data-testid=\"result-");
    out.push_str(key.name());
    out.push_str("\" data-value=\"");
    attribute(value, out);
    out.push_str("\" href=\"?");
    out.push_str(key.name());
    out.push('=');
    attribute(encode(value), out);
    out.push_str("\">");
    text(value, out);
    out.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_corpus::{Format, Source};

    fn paper(authors: &[&str]) -> Paper {
        Paper { authors: authors.iter().map(|a| a.to_string()).collect(), ..Paper::default() }
    }

    fn link(key: &str, value: &str, href: &str) -> String {
        format!("<a class=\"filter-link\" data-testid=\"result-{key}\" data-value=\"{value}\" href=\"?{key}={href}\">{value}</a>")
    }

    #[test]
    fn highlighted_words_are_marked_by_character() {
        let span = |start, end| Span { start, end };
        assert_eq!(marked("Graph networks", &[span(0, 5)]), "<mark>Graph</mark> networks");
        // Offsets count characters, not bytes; spans past the end are cut there; overlapping ones skipped.
        assert_eq!(
            marked("Über <b> & Co", &[span(0, 4), span(2, 3), span(5, 8), span(11, 40)]),
            "<mark>Über</mark> <mark>&lt;b&gt;</mark> &amp; <mark>Co</mark>"
        );
        assert_eq!(marked("", &[span(0, 2)]), "");
        assert_eq!(marked("a<b", &[]), "a&lt;b");
    }

    #[test]
    fn the_byline_links_the_first_three_authors() {
        assert_eq!(
            byline(&paper(&["Ada One", "Bo Two"])),
            format!("{}, {}", link("author", "Ada One", "Ada%20One"), link("author", "Bo Two", "Bo%20Two"))
        );
        let four = byline(&paper(&["A", "B", "C", "D"]));
        assert!(four.ends_with(&format!("{}, et al.", link("author", "C", "C"))), "{four}");
        assert_eq!(four.matches("<a ").count(), 3);
        let none = Paper { author_count: Some(12), ..paper(&[]) };
        assert_eq!(byline(&none), "12 authors (not named in the listing)");
        assert_eq!(byline(&paper(&[])), "");
    }

    #[test]
    fn markup_in_a_paper_reads_as_text() {
        let hostile = "<img src=x onerror=\"alert(1)\"> & co";
        let line = byline(&paper(&[hostile]));
        assert!(!line.contains("<img"), "{line}");
        assert!(line.contains("data-value=\"&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co\""), "{line}");
        assert!(line.contains(">&lt;img src=x onerror=\"alert(1)\"&gt; &amp; co</a>"), "{line}");
        let p = Paper {
            venue: Some("\"><script>x</script>".into()),
            organization: Some("<b>Org</b>".into()),
            sources: vec![Source {
                file: "a\"b.txt".into(),
                line: 3,
                format: Format::Json,
                label: Some("<i>me</i>".into()),
            }],
            ..Paper::default()
        };
        let line = meta(&p);
        for raw in ["<script", "<b>", "<i>", "a\"b"] {
            assert!(!line.contains(raw), "{raw} in {line}");
        }
        assert!(line.contains("title=\"a&quot;b.txt:3 (json)\">&lt;i&gt;me&lt;/i&gt;</span>"), "{line}");
    }

    #[test]
    fn the_meta_line_joins_its_parts_then_lists_the_sources() {
        let p = Paper {
            year: Some(2025),
            venue: Some("ICML 2025".into()),
            topics: vec!["Graph learning".into()],
            upvotes: Some(7),
            sources: vec![Source { file: "f.txt".into(), line: 1, format: Format::Json, label: None }],
            ..Paper::default()
        };
        assert_eq!(
            meta(&p),
            format!(
                "2025 · {} · {} · ▲ 7<span class=\"src\" title=\"f.txt:1 (json)\">json</span>",
                link("venue", "ICML 2025", "ICML%202025"),
                link("topic", "Graph learning", "Graph%20learning")
            )
        );
    }
}
