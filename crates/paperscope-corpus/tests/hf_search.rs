mod common;

use common::*;
use paperscope_corpus::Format;

const F: Format = Format::HfSearch;

#[test]
fn seed_gives_119_papers() {
    let p = parse_as(SEED_001, F);
    assert_eq!(p.papers.len(), 119);
    assert!(p.diagnostics.is_empty(), "{:?}", diagnostics(&p));
    assert_eq!(p.papers[0].title, "Theoretical Foundations and Mitigation of Hallucination in Large Language Models");
    assert_eq!(p.papers[0].sources[0].line, 3);
    assert_eq!(p.papers[1].title, "ZIA: A Theoretical Framework for Zero-Input AI");
    assert!(p.papers.iter().all(|x| !x.untitled && !x.abstract_text.is_empty()));
    let with_code: Vec<_> = p.papers.iter().filter(|x| !x.code_urls.is_empty()).collect();
    assert!(with_code.len() >= 10, "{}", with_code.len());
    assert!(p
        .papers
        .iter()
        .any(|x| x.code_urls == ["https://github.com/s-kumano/learning-from-adversarial-perturbations"]));
}

const ABSTRACT_A: &str = "We study a problem. We show it is hard. We give an algorithm that solves it in polynomial time and prove matching lower bounds for every instance.";
const ABSTRACT_B: &str = "Learning from données is studied here. Our résumé of results follows. We end with open questions and code at https://github.com/x/y.";

#[test]
fn without_header_with_blank_lines_and_crlf() {
    let text = format!("Title One\r\n\r\n{ABSTRACT_A}\r\n\r\n\r\nÉtudes sur l'apprentissage\r\n{ABSTRACT_B}\r\n");
    let p = parse_as(&text, F);
    assert_eq!(titles(&p), vec!["Title One", "Études sur l'apprentissage"]);
    assert_eq!(p.papers[1].code_urls, vec!["https://github.com/x/y"]);
    assert!(p.diagnostics.is_empty());
}

#[test]
fn title_with_no_abstract_is_kept_and_reported() {
    let text = format!("Subscribe\nA Lonely Title\nAnother Title\n{ABSTRACT_A}\n");
    let p = parse_as(&text, F);
    assert_eq!(titles(&p), vec!["A Lonely Title", "Another Title"]);
    assert_eq!(p.papers[0].abstract_text, "");
    assert_eq!(diagnostics(&p), vec!["2: warning: title \"A Lonely Title\" has no abstract line after it"]);
}

#[test]
fn truncated_abstracts_are_marked() {
    let p = parse_as("Some Title\nThe abstract was cut short by the page because it was far too long to...\n", F);
    assert!(p.papers[0].abstract_truncated);
}
