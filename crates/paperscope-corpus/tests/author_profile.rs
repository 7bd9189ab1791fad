mod common;

use common::*;
use paperscope_corpus::Format;

const F: Format = Format::AuthorProfile;

#[test]
fn seed_gives_117_papers_all_by_the_profile_owner() {
    let p = parse_as(SEED_002, F);
    assert_eq!(p.papers.len(), 117);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(p.meta.author.as_deref(), Some("Jason D. Lee"));
    assert_eq!(p.meta.stated_papers, Some(117));
    assert!(p.papers.iter().all(|x| x.authors == ["Jason D. Lee"]));
    assert!(p.papers.iter().all(|x| x.abstract_truncated));
    assert_eq!(
        p.papers[0].title,
        "Stochastic Zeroth-Order Optimization under Strongly Convexity and Lipschitz Hessian: Minimax Sample Complexity"
    );
    assert_eq!(p.papers[0].sources[0].line, 17);
    // `\ --` in the page's LaTeX becomes a spaced dash.
    let icl = p.papers.iter().find(|x| x.title.starts_with("Fine-Tuning Dynamics of In-Context")).expect("present");
    assert!(icl.abstract_text.starts_with("In-context learning – performing tasks"), "{}", icl.abstract_text);
}

#[test]
fn titles_wrapped_over_three_lines_and_a_complete_short_abstract() {
    let text = "Ada Lovelace\n\n3 papers on arXiv\n\nPapers on arXiv\n\nThumbnail for A Very Long Title That\n  Wraps Over Three\n  Lines\n\nA Very Long Title That\nWraps Over Three\nLines\n\nA short abstract that is complete.\n\nThumbnail for Second\n\nSecond\n\nCut short here...\n";
    let p = parse_as(text, F);
    assert_eq!(titles(&p), vec!["A Very Long Title That Wraps Over Three Lines", "Second"]);
    assert!(!p.papers[0].abstract_truncated);
    assert!(p.papers[1].abstract_truncated);
    assert_eq!(p.meta.author.as_deref(), Some("Ada Lovelace"));
    assert!(p.papers.iter().all(|x| x.authors == ["Ada Lovelace"]));
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
}

#[test]
fn without_header_or_footer_and_with_windows_line_endings() {
    let text = "Thumbnail for Title A\r\n\r\nTitle A\r\n\r\nAbstract A...\r\n\r\n\r\nThumbnail for Title B\r\n\r\nTitle B\r\n\r\nAbstract B...\r\n";
    let p = parse_as(text, F);
    assert_eq!(titles(&p), vec!["Title A", "Title B"]);
    assert_eq!(p.meta.author, None);
    assert!(p.papers.iter().all(|x| x.authors.is_empty()));
}

#[test]
fn without_thumbnails_titles_and_abstracts_alternate() {
    let text = "Grace Hopper\n\n2 papers on arXiv\n\nPapers on arXiv\n\nFirst Title\n\nFirst abstract...\n\nSecond Title\n\nSecond abstract...\n\nThis website uses cookies to ensure you get the best experience. Learn more\n";
    let p = parse_as(text, F);
    assert_eq!(titles(&p), vec!["First Title", "Second Title"]);
    assert_eq!(p.papers[1].sources[0].line, 11);
}

#[test]
fn entries_missing_parts_are_kept_and_reported() {
    let text = "Thumbnail for Only A Thumbnail\n\nThumbnail for Title Only\n\nTitle Only\n\nThumbnail for Abstract Only\n\nThe abstract without a displayed title...\n";
    let p = parse_as(text, F);
    assert_eq!(titles(&p), vec!["Only A Thumbnail", "Title Only", "Abstract Only"]);
    assert_eq!(p.papers[2].abstract_text, "The abstract without a displayed title...");
    assert_eq!(
        diagnostics(&p),
        vec![
            "1: warning: entry has only its thumbnail title: no displayed title or abstract",
            "3: warning: entry has no abstract",
        ]
    );
}
