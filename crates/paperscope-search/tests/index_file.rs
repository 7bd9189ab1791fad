//! The index file: an index loaded from it answers exactly as the index it was written from, and a wrong,
//! cut or damaged file is refused with an error, never a panic.
use paperscope_corpus::{build_corpus, BuildInput, Corpus, Date, Paper, PaperLines, CORPUS_VERSION};
use paperscope_search::{FacetKey, Filter, Index, IndexFile, IndexFileError, Papers, Request, Sort, Unreadable};
use proptest::prelude::*;

const SEEDS: [&str; 4] = [
    include_str!("../../../corpus/seeds/000_9052d9d6ac201a62.txt"),
    include_str!("../../../corpus/seeds/001_07f903aec76c83cb.txt"),
    include_str!("../../../corpus/seeds/002_54862f56381ff4b5.txt"),
    include_str!("../../../corpus/seeds/003_b3ec9fb090b6f345.txt"),
];

/// The seed corpus: 288 real papers from four listing formats (built once).
fn seed_papers() -> Vec<Paper> {
    static PAPERS: std::sync::OnceLock<Vec<Paper>> = std::sync::OnceLock::new();
    PAPERS.get_or_init(build_seed_papers).clone()
}

fn build_seed_papers() -> Vec<Paper> {
    let inputs: Vec<BuildInput<'_>> = SEEDS
        .iter()
        .enumerate()
        .map(|(i, text)| BuildInput {
            file: format!("seed-{i}.txt"),
            text,
            format: None,
            captured: Date::parse_iso("2026-05-28"),
            label: None,
        })
        .collect();
    build_corpus(&inputs).expect("the seeds build").corpus.papers
}

fn load(papers: impl Into<Papers>, file: &[u8]) -> Result<Index, IndexFileError> {
    let file = IndexFile::read(file)?;
    Index::with_file(papers.into(), file).map_err(|(e, _)| e)
}

/// Corpus documents of the papers in `parts` parts, each written as `paperscope build` writes it.
fn documents(papers: &[Paper], parts: usize) -> Vec<(String, String)> {
    let each = papers.len().div_ceil(parts);
    papers
        .chunks(each)
        .enumerate()
        .map(|(i, chunk)| {
            let corpus = Corpus {
                version: CORPUS_VERSION,
                inputs: Vec::new(),
                counts: Default::default(),
                papers: chunk.to_vec(),
            };
            (format!("corpus.{i}.json"), corpus.to_json().expect("serialises"))
        })
        .collect()
}

/// The papers kept as their documents' lines, none read.
fn in_lines(documents: Vec<(String, String)>) -> Papers {
    let split = |text| PaperLines::split(text).expect("a corpus").expect("laid out a paper a line");
    Papers::in_lines(documents.into_iter().map(|(name, text)| (name, split(text))).collect())
}

const QUERIES: &[&str] = &[
    "",
    "transformer",
    "large language models",
    "\"language models\"",
    "diffusion -image",
    "reinforcement OR robot",
    "trasformer",
    "author:li",
    "title:learning year:2024..2026",
    "in-context",
    "in-cont",
    "has:arxiv graph",
];

#[test]
fn an_index_loaded_from_its_file_answers_as_the_built_one() {
    let papers = seed_papers();
    assert!(papers.len() > 250);
    let built = Index::build(papers.clone());
    let file = built.to_file();
    // With the papers read, and with them kept as the text of three corpus documents (read when asked for).
    let lines = load(in_lines(documents(&papers, 3)), &file).expect("the file loads over lines");
    let titles: Vec<String> = papers.iter().map(|p| p.title.clone()).collect();
    assert_eq!(lines.papers().each(|p| p.title.clone()), titles, "a pass over papers not read yet");
    let loaded = load(papers, &file).expect("the file loads");
    for index in [&loaded, &lines] {
        for q in QUERIES {
            for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest, Sort::Upvotes, Sort::Title] {
                let mut request = Request::new(*q);
                request.sort = sort;
                request.typing = true;
                assert_eq!(built.search(&request), index.search(&request), "query {q:?}, sort {sort:?}");
            }
            let mut filtered = Request::new(*q);
            filtered.filters = vec![Filter::Value(FacetKey::Source, "seed-2.txt".into())];
            assert_eq!(built.search(&filtered), index.search(&filtered), "query {q:?} filtered");
        }
        for doc in [0, 17, 150, 287] {
            assert_eq!(built.similar(doc, 10), index.similar(doc, 10), "papers similar to {doc}");
        }
        for (doc, paper) in built.papers().iter().enumerate() {
            assert_eq!(built.doc_of(&paper.id), index.doc_of(&paper.id), "{}", paper.id);
            if let Some(a) = &paper.arxiv_id {
                assert_eq!(built.doc_of(a), index.doc_of(a), "{a}");
            }
            assert_eq!(&index.papers()[doc], paper);
        }
        // Writing is deterministic, and a loaded index writes the same file.
        assert_eq!(index.to_file(), file);
    }
}

#[test]
fn a_paper_kept_as_text_that_cannot_be_read_says_where_and_why() {
    let papers = seed_papers();
    let file = Index::build(papers.clone()).to_file();
    let mut documents = documents(&papers, 2);
    // Paper 144, the first of the second document (its line 2): a year that is not a number.
    let second = &mut documents[1].1;
    let line: &str = second.lines().nth(1).expect("a paper");
    assert!(line.contains("\"year\":"), "{line}");
    let damaged = line.replacen("\"year\":", "\"year\":\"soon\",\"was\":", 1);
    *second = second.replacen(line, &damaged, 1);
    let index = load(in_lines(documents.clone()), &file).expect("the ids are the same, so the file loads");
    let shown = &index.papers()[144];
    assert_eq!(shown.id, papers[144].id, "the id is read alone");
    assert!(
        shown
            .title
            .starts_with("This record of corpus.1.json could not be read: the corpus is not valid (line 2, column"),
        "{}",
        shown.title
    );
    assert_eq!(index.papers()[145], papers[145], "the others read");
    let Err(Unreadable { document: name, error }) = in_lines(documents).into_read() else {
        panic!("a damaged paper read")
    };
    assert_eq!(name, "corpus.1.json");
    assert!(error.to_string().contains("line 2"), "{error}");
}

#[test]
fn a_file_for_other_papers_is_refused_and_the_papers_come_back() {
    let papers = seed_papers();
    let file = Index::build(papers.clone()).to_file();
    let fewer = papers[1..].to_vec();
    let refused = Index::with_file(fewer.into(), IndexFile::read(&file).expect("the file reads"));
    let Err((error, returned)) = refused else { panic!("a file for 288 papers loaded over 287") };
    assert_eq!(error, IndexFileError::OtherCorpus { file_papers: papers.len(), papers: papers.len() - 1 });
    assert_eq!(returned.len(), papers.len() - 1);
    assert!(error.to_string().contains("rebuild"), "{error}");

    let mut renamed = papers.clone();
    renamed[5].id.push('x');
    let error = load(renamed, &file).err().expect("other ids are refused");
    assert_eq!(error.to_string(), "built for another corpus (the paper ids differ); rebuild it");
}

#[test]
fn other_bytes_are_not_an_index() {
    assert_eq!(load(Vec::new(), b"{\"papers\": []}").err(), Some(IndexFileError::NotAnIndex));
    assert_eq!(load(Vec::new(), b"").err(), Some(IndexFileError::NotAnIndex));
    let mut other_engine = Index::build(Vec::new()).to_file();
    other_engine[9] ^= 1;
    assert_eq!(load(Vec::new(), &other_engine).err(), Some(IndexFileError::OtherEngine));
}

#[test]
fn an_empty_corpus_round_trips() {
    let file = Index::build(Vec::new()).to_file();
    let loaded = load(Vec::new(), &file).expect("an empty index loads");
    assert_eq!(loaded.search(&Request::new("anything")).total, 0);
}

#[test]
fn every_cut_of_the_file_is_refused() {
    let papers = seed_papers()[..20].to_vec();
    let file = Index::build(papers.clone()).to_file();
    for len in 0..file.len() {
        let error = load(papers.clone(), &file[..len]).err();
        assert!(error.is_some(), "a file cut to {len} of {} bytes loaded", file.len());
    }
}

#[test]
fn a_damaged_byte_fails_the_checksum() {
    let papers = seed_papers()[..20].to_vec();
    let file = Index::build(papers.clone()).to_file();
    for at in (16..file.len() - 8).step_by(97) {
        let mut damaged = file.clone();
        damaged[at] ^= 0x40;
        assert_eq!(load(papers.clone(), &damaged).err(), Some(IndexFileError::Checksum), "byte {at}");
    }
}

/// Recomputes the checksum after damage, so the structural checks behind it are what is tested.
fn reseal(bytes: &mut [u8]) {
    let body = bytes.len() - 8;
    let checksum = paperscope_search_checksum(&bytes[..body]);
    bytes[body..].copy_from_slice(&checksum.to_le_bytes());
}

/// The checksum's definition (FxHash over little-endian words, the last one zero-padded), restated here so
/// the test does not reach into the crate.
fn paperscope_search_checksum(bytes: &[u8]) -> u64 {
    let mut hash = 0u64;
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    hash
}

#[test]
fn the_test_checksum_matches_the_engine() {
    let papers = seed_papers()[..5].to_vec();
    let file = Index::build(papers.clone()).to_file();
    let mut resealed = file.clone();
    reseal(&mut resealed);
    assert_eq!(resealed, file);
}

/// Cases of the damage property: `PAPERSCOPE_FUZZ_CASES` (`cargo xtask fuzz`), or 600.
fn cases() -> u32 {
    std::env::var("PAPERSCOPE_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(600)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Damage behind a valid checksum: the file is refused or loads, and whatever loads answers queries
    /// without panicking.
    #[test]
    fn damaged_structure_never_panics(damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        static FILE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let papers = seed_papers()[..12].to_vec();
        let mut file = FILE.get_or_init(|| Index::build(papers.clone()).to_file()).clone();
        for (at, byte) in damage {
            let i = 16 + at.index(file.len() - 24);
            file[i] = byte;
        }
        reseal(&mut file);
        if let Ok(index) = load(papers, &file) {
            for q in ["learning", "\"language model\"", "graph OR net", "trans"] {
                let mut request = Request::new(q);
                request.typing = true;
                let _ = index.search(&request);
            }
            for doc in 0..12 {
                let _ = index.similar(doc, 5);
            }
        }
    }
}

/// Read a few postings a step, as the page reads a large file between keystrokes, the file gives the very
/// index it gives read at once; finishing before the postings are read is an error, not a wrong index.
#[test]
fn an_index_file_read_a_step_at_a_time_is_the_same_index() {
    let papers = seed_papers();
    let bytes = Index::build(papers.clone()).to_file();
    let mut reading = IndexFile::reading(&bytes).expect("the file starts to read");
    let mut steps = 1;
    while reading.step(50).expect("a step reads") {
        steps += 1;
    }
    let stepped =
        Index::with_file(papers.clone().into(), reading.finish().expect("the rest reads")).map_err(|(e, _)| e);
    assert!(steps > 20, "{steps} steps");
    assert_eq!(stepped.expect("the file fits its papers").to_file(), bytes);
    let mut early = IndexFile::reading(&bytes).expect("the file starts to read");
    assert!(early.step(50).expect("a step reads"));
    assert!(early.finish().is_err());
}
