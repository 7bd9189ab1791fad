//! BibTeX and RIS files in the shapes Zotero, Mendeley, Google Scholar and dblp export (written here after
//! those exports), their variations and breakages, and the RIS round trip of a whole corpus.

mod common;

use common::*;
use paperscope_corpus::export::to_ris;
use paperscope_corpus::{build_corpus, detect, Format, Paper, VenueStatus};

const ZOTERO_BIB: &str = r#"
@article{vaswani_attention_2017,
	title = {Attention {Is} {All} {You} {Need}},
	url = {http://arxiv.org/abs/1706.03762},
	doi = {10.48550/arXiv.1706.03762},
	abstract = {The dominant sequence transduction models are based on complex recurrent or
convolutional neural networks. We propose the Transformer.},
	urldate = {2024-01-01},
	publisher = {arXiv},
	author = {Vaswani, Ashish and Shazeer, Noam and Gomez, Aidan N. and Kaiser, {\L}ukasz},
	month = dec,
	year = {2017},
	note = {arXiv:1706.03762 [cs]},
	keywords = {Computer Science - Computation and Language},
}

@inproceedings{muller_optimal_2019,
	address = {Vancouver, Canada},
	title = {Learning with {\"O}ptimal {T}ransport},
	booktitle = {Advances in {Neural} {Information} {Processing} {Systems} ({NeurIPS} 2019)},
	author = {M{\"u}ller, J{\"o}rg and Dupont, Ren\'{e}},
	year = {2019},
	pages = {1--12},
}
"#;

const SCHOLAR_BIB: &str = "@article{kingma2014adam,\n  title={Adam: A method for stochastic optimization},\n  author={Kingma, Diederik P and Ba, Jimmy},\n  journal={arXiv preprint arXiv:1412.6980},\n  year={2014}\n}\n";

const MENDELEY_BIB: &str = r#"@inproceedings{He2016,
abstract = {Deeper neural networks are more difficult to train. We present a residual learning framework.},
archivePrefix = {arXiv},
arxivId = {1512.03385},
author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
booktitle = {Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition},
doi = {10.1109/CVPR.2016.90},
eprint = {1512.03385},
file = {:home/user/Mendeley/He et al. - 2016.pdf:pdf},
pages = {770--778},
title = {{Deep Residual Learning for Image Recognition}},
year = {2016}
}
"#;

const DBLP_BIB: &str = r#"@string{neurips = "Advances in Neural Information Processing Systems"}
@comment{ exported from dblp; an @article{x, title = {y}} inside a comment is no entry }
@inproceedings{DBLP:conf/nips/Chen20,
  author    = "Wei Chen and {Barnes and Noble Research} and others",
  title     = "Sparse {GPs} at \emph{Scale}",
  booktitle = neurips # " 33 (NeurIPS 2020)",
  month     = jan,
  year      = 2020,
}
@article(DBLP:journals/corr/abs-2301-00001,
  author = {A. Author},
  title = {Something New},
  journal = {CoRR},
  volume = {abs/2301.00001},
  year = {2023}
)
"#;

#[test]
fn bibtex_from_each_reference_manager_is_read_with_its_fields() {
    for text in [ZOTERO_BIB, SCHOLAR_BIB, MENDELEY_BIB, DBLP_BIB] {
        assert_eq!(detect(text), Some(Format::Bibtex));
    }
    let z = parse_as(ZOTERO_BIB, Format::Bibtex);
    assert!(z.diagnostics.is_empty(), "{:?}", diagnostics(&z));
    assert_eq!(titles(&z), ["Attention Is All You Need", "Learning with Öptimal Transport"]);
    let [attention, transport] = &z.papers[..] else { panic!("two papers") };
    assert_eq!(attention.authors, ["Ashish Vaswani", "Noam Shazeer", "Aidan N. Gomez", "Łukasz Kaiser"]);
    assert_eq!(attention.arxiv_id.as_deref(), Some("1706.03762"));
    assert_eq!(attention.year, Some(2017));
    assert_eq!(attention.venue, None, "arXiv is no venue");
    assert!(attention
        .abstract_text
        .starts_with("The dominant sequence transduction models are based on complex recurrent or convolutional"));
    assert_eq!(transport.authors, ["Jörg Müller", "René Dupont"]);
    assert_eq!(transport.venue.as_deref(), Some("NeurIPS 2019"));
    assert_eq!(transport.venue_status, Some(VenueStatus::Accepted));

    let s = parse_as(SCHOLAR_BIB, Format::Bibtex);
    assert_eq!(s.papers[0].arxiv_id.as_deref(), Some("1412.6980"));
    assert_eq!(s.papers[0].authors, ["Diederik P Kingma", "Jimmy Ba"]);
    assert_eq!(s.papers[0].venue, None);

    let m = parse_as(MENDELEY_BIB, Format::Bibtex);
    assert_eq!(m.papers[0].title, "Deep Residual Learning for Image Recognition");
    assert_eq!(m.papers[0].arxiv_id.as_deref(), Some("1512.03385"));
    assert_eq!(m.papers[0].venue_status, Some(VenueStatus::Accepted));
    assert_eq!(m.papers[0].authors.len(), 4);

    let d = parse_as(DBLP_BIB, Format::Bibtex);
    assert!(d.diagnostics.is_empty(), "{:?}", diagnostics(&d));
    assert_eq!(titles(&d), ["Sparse GPs at Scale", "Something New"]);
    let chen = &d.papers[0];
    assert_eq!(chen.authors, ["Wei Chen", "Barnes and Noble Research"], "braces keep a name whole");
    assert!(chen.authors_partial, "`and others`");
    assert_eq!(chen.venue.as_deref(), Some("NeurIPS 2020"), "macro and concatenation expanded");
    assert_eq!(chen.year, Some(2020));
    assert_eq!(d.papers[1].arxiv_id.as_deref(), Some("2301.00001"), "dblp's CoRR volume");
    assert_eq!(d.papers[1].venue, None);
}

#[test]
fn broken_bibtex_entries_are_reported_with_their_lines_and_the_rest_kept() {
    let text = "@article{one,\n  title = {Closed},\n}\n@article{two,\n  title = {Never closed,\n  year = 2020\n@article{three,\n  title = {Three},\n  author = {X Y}\n}\n@misc{four, title {No equals}}\n@misc{five, year = 2021}\n@article{six, title = {Six}, year = {20x1}}\n";
    let p = parse_as(text, Format::Bibtex);
    assert_eq!(titles(&p), ["Closed", "Three", "Six"]);
    assert_eq!(
        diagnostics(&p),
        [
            "4: skipped: entry \"@article{two,\" skipped: a brace or quote is not closed before the next entry",
            "11: skipped: entry \"@misc{four, title {No equals}}\" skipped: field `title` has no `=`",
            "12: skipped: @misc entry has no title and no abstract",
            "13: warning: year \"20x1\" is not a year; left empty",
        ]
    );
    // Text that ends inside an entry, and a file of nothing but a comment.
    let cut = parse_as("@article{a, title = {T", Format::Bibtex);
    assert_eq!(diagnostics(&cut), ["1: skipped: entry \"@article{a, title = {T\" skipped: a brace or quote is not closed before the end of the file"]);
}

const ZOTERO_RIS: &str = "TY  - JOUR\r\nTI  - Attention Is All You Need\r\nAU  - Vaswani, Ashish\r\nAU  - Shazeer, Noam\r\nAB  - The dominant sequence transduction models are based on complex recurrent or\r\nconvolutional neural networks.\r\nDA  - 2017/12/05/\r\nPY  - 2017\r\nDO  - 10.48550/arXiv.1706.03762\r\nUR  - http://arxiv.org/abs/1706.03762\r\nN1  - arXiv:1706.03762 [cs]\r\nKW  - Computer Science - Machine Learning\r\nER  - \r\n";
const MENDELEY_RIS: &str = "TY  - CONF\nAU  - He, Kaiming\nAU  - Zhang, Xiangyu\nTI  - Deep Residual Learning for Image Recognition\nT2  - 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)\nPY  - 2016\nSP  - 770\nEP  - 778\nUR  - https://github.com/KaimingHe/deep-residual-networks\nER  -\n";
const SCHOLAR_RIS: &str = "TY  - JOUR\nT1  - Adam: A method for stochastic optimization\nA1  - Kingma, Diederik P\nA1  - Ba, Jimmy\nJO  - arXiv preprint arXiv:1412.6980\nY1  - 2014\nER  - \n";

#[test]
fn ris_from_each_reference_manager_is_read_with_its_fields() {
    for text in [ZOTERO_RIS, MENDELEY_RIS, SCHOLAR_RIS] {
        assert_eq!(detect(text), Some(Format::Ris));
    }
    let z = parse_as(ZOTERO_RIS, Format::Ris);
    assert!(z.diagnostics.is_empty(), "{:?}", diagnostics(&z));
    let p = &z.papers[0];
    assert_eq!(p.title, "Attention Is All You Need");
    assert_eq!(p.authors, ["Ashish Vaswani", "Noam Shazeer"]);
    assert_eq!(
        p.abstract_text,
        "The dominant sequence transduction models are based on complex recurrent or convolutional neural networks."
    );
    assert_eq!((p.year, p.published.as_deref()), (Some(2017), Some("2017-12-05")));
    assert_eq!(p.arxiv_id.as_deref(), Some("1706.03762"));
    assert_eq!(p.venue, None);

    let m = parse_as(MENDELEY_RIS, Format::Ris);
    assert_eq!(
        m.papers[0].venue.as_deref(),
        Some("2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)")
    );
    assert_eq!(m.papers[0].venue_status, Some(VenueStatus::Accepted));
    assert_eq!(m.papers[0].code_urls, ["https://github.com/KaimingHe/deep-residual-networks"]);

    let s = parse_as(SCHOLAR_RIS, Format::Ris);
    assert_eq!(s.papers[0].arxiv_id.as_deref(), Some("1412.6980"));
    assert_eq!(s.papers[0].authors, ["Diederik P Kingma", "Jimmy Ba"]);
    assert_eq!(s.papers[0].venue, None);

    // A record cut short, stray text, and a record with neither title nor abstract.
    let broken = parse_as(
        "stray line\nTY  - JOUR\nTI  - First\nTY  - GEN\nPY  - 2020\nER  - \nER  - \nTY  - GEN\nTI  - Last\n",
        Format::Ris,
    );
    assert_eq!(titles(&broken), ["First", "Last"]);
    assert_eq!(
        diagnostics(&broken),
        [
            "1: skipped: text outside any record ignored: \"stray line\"",
            "2: warning: record has no `ER  -` line before the next `TY`; read as ending there",
            "4: skipped: record has no title (`TI`) and no abstract (`AB`)",
            "7: skipped: `ER  -` with no record open",
            "8: warning: the last record has no `ER  -` line; read as ending at the end of the file",
        ]
    );
}

#[test]
fn a_corpus_exported_as_ris_reads_back_as_the_same_papers() {
    let papers = build_corpus(&seeds()).expect("the seeds build").corpus.papers;
    let ris = to_ris(&papers);
    let back = parse_as(&ris, Format::Ris);
    assert!(back.diagnostics.is_empty(), "{:?}", &diagnostics(&back)[..3.min(back.diagnostics.len())]);
    assert_eq!(back.papers.len(), papers.len());
    let key = |p: &Paper| {
        let accepted = p.venue_status == Some(VenueStatus::Accepted);
        (
            p.title.clone(),
            p.untitled,
            p.abstract_text.clone(),
            p.authors.clone(),
            p.authors_partial,
            p.year,
            p.published.clone(),
            p.arxiv_id.clone(),
            p.code_urls.clone(),
            accepted.then(|| p.venue.clone()),
        )
    };
    for (a, b) in papers.iter().zip(&back.papers) {
        assert_eq!(key(a), key(b));
    }
}
