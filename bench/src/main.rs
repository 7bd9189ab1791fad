//! Benchmarks of the search engine, natively. Run with `cargo xtask bench` (release build).
//!
//! Corpora of 1,000, 10,000 and 100,000 papers are made from the real papers in `../shared/data/realpapers`
//! (or `$PAPERSCOPE_REALPAPERS`), parsed and merged by the corpus crate: the first 1,000 and 10,000 of them,
//! and for 100,000 the whole set repeated with variations (see [`vary`]). Where that folder is missing, the
//! seed listings stand in. For each corpus it prints the index build time, the heap the engine holds
//! (papers included) beside the corpus JSON's size, and per query (search, every facet count and the top 20)
//! the p50, p95 and max over the fixed queries of `tools/bench/queries.json`, each query's time being the
//! median of several runs; and the same for the index file `paperscope build` writes beside a corpus: its
//! size, the time and heap to load the engine from it. It also writes each corpus and its index file to
//! `target/bench/` for the browser benchmark.

mod alloc;
mod authors;

use std::path::{Path, PathBuf};
use std::time::Instant;

use paperscope_bench_web::BenchQuery;
use paperscope_corpus::{build_corpus, BuildInput, Corpus, Date, Format, Paper};
use paperscope_search::{Index, IndexFile};
use serde::Deserialize;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const RUNS: usize = 7;

/// Runs per query: `PAPERSCOPE_BENCH_RUNS` (more for profiling), else [`RUNS`].
fn runs() -> usize {
    std::env::var("PAPERSCOPE_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(RUNS)
}

#[derive(Deserialize)]
struct Queries {
    queries: Vec<BenchQuery>,
    /// Typed a key at a time: every prefix is a request in typing mode.
    typed: Vec<String>,
}

impl Queries {
    /// The requests of typing each `typed` query into an empty box: the empty query, then every prefix.
    fn keystrokes(&self) -> Vec<BenchQuery> {
        let mut out = Vec::new();
        for q in &self.typed {
            out.push(BenchQuery { q: String::new(), filters: Vec::new(), sort: None, typing: true });
            for (i, c) in q.char_indices() {
                let q = q[..i + c.len_utf8()].to_string();
                out.push(BenchQuery { q, filters: Vec::new(), sort: None, typing: true });
            }
        }
        out
    }
}

fn main() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default();
    let queries: Queries = serde_json::from_str(
        &std::fs::read_to_string(root.join("tools/bench/queries.json")).map_err(|e| format!("queries.json: {e}"))?,
    )
    .map_err(|e| format!("queries.json: {e}"))?;
    let realpapers = std::env::var_os("PAPERSCOPE_REALPAPERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/realpapers"));
    let started = Instant::now();
    let (base, source) = load_base(&realpapers, &root)?;
    println!(
        "base corpus: {} papers from {source} (parsed and merged in {:.1} s)",
        base.len(),
        started.elapsed().as_secs_f64()
    );
    authors::report(
        "the base corpus",
        &base,
        std::env::var("PAPERSCOPE_AUTHOR_SAMPLE").ok().and_then(|n| n.parse().ok()).unwrap_or(12),
    );
    authors::report("100,000 papers", &corpus_of(&base, 100_000), 0);
    if std::env::var("PAPERSCOPE_BENCH_MAP").as_deref() != Ok("0") {
        map_report(&base, &realpapers);
    }
    if std::env::var("PAPERSCOPE_BENCH_MAP").as_deref() == Ok("only") {
        return Ok(());
    }
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;

    println!();
    println!(
        "| papers | corpus JSON | build | engine heap | heap / JSON | build peak | index file | load from file | heap loaded | load peak | terms | postings | p50 | p95 | max | mean hits |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let sizes: Vec<usize> = match std::env::var("PAPERSCOPE_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => SIZES.to_vec(),
    };
    let mut keystroke_rows = Vec::new();
    let mut find_rows = Vec::new();
    let mut library_rows = Vec::new();
    let mut phrase_rows = Vec::new();
    for n in sizes {
        let json_len = {
            let json = Corpus {
                version: paperscope_corpus::CORPUS_VERSION,
                inputs: Vec::new(),
                counts: Default::default(),
                papers: corpus_of(&base, n),
            }
            .to_json()
            .map_err(|e| e.to_string())?;
            std::fs::write(out_dir.join(format!("corpus-{n}.json")), &json).map_err(|e| e.to_string())?;
            json.len()
        };
        // The engine's memory: the papers, read from the corpus JSON as the page reads them, and the index.
        let read_papers = || -> Result<Vec<Paper>, String> {
            let file = std::fs::File::open(out_dir.join(format!("corpus-{n}.json"))).map_err(|e| e.to_string())?;
            Ok(Corpus::from_reader(file).map_err(|e| e.to_string())?.papers)
        };
        let before = alloc::current();
        let papers = read_papers()?;
        let papers_heap = alloc::current().saturating_sub(before);
        alloc::reset_peak();
        let started = Instant::now();
        let index = Index::build(papers);
        let build = started.elapsed();
        let heap = alloc::current().saturating_sub(before);
        let peak = alloc::peak().saturating_sub(before);
        let (terms, postings) = index.stats();
        // The index file, as `paperscope build` writes it, and the engine loaded from it (papers included).
        let file = index.to_file();
        std::fs::write(out_dir.join(format!("corpus-{n}.index")), &file).map_err(|e| e.to_string())?;
        // The map beside it, for the page's map figures (100,000 papers' is written by the map's report).
        if n < 100_000 {
            let papers: Vec<_> = index.papers().iter().cloned().collect();
            let map = paperscope_map::MapFile::build(&papers).to_bytes();
            std::fs::write(out_dir.join(format!("corpus-{n}.map")), map).map_err(|e| e.to_string())?;
        }
        let (load, loaded_heap, load_peak) = {
            let papers = read_papers()?;
            let before = alloc::current();
            alloc::reset_peak();
            let started = Instant::now();
            let loaded = IndexFile::read(&file).map_err(|e| e.to_string())?;
            let loaded = Index::with_file(papers.into(), loaded).map_err(|(e, _)| e.to_string())?;
            let load = started.elapsed();
            let heap = alloc::current().saturating_sub(before);
            let peak = alloc::peak().saturating_sub(before);
            drop(loaded);
            (load, heap + papers_heap, peak + papers_heap)
        };
        let only = std::env::var("PAPERSCOPE_BENCH_ONLY").unwrap_or_default();
        let fixed: Vec<BenchQuery> = queries.queries.iter().filter(|q| q.q.contains(&only)).cloned().collect();
        // Quoted phrases are checked against their candidates' text once, then their answers are kept:
        // the first ask (timed here, on the fresh index) is what the median below does not show.
        let phrases: Vec<BenchQuery> = fixed.iter().filter(|q| q.q.contains('"')).cloned().collect();
        let first_asks: Vec<(f64, String)> = phrases
            .iter()
            .map(|q| {
                let t = Instant::now();
                std::hint::black_box(index.search(&q.request()));
                (t.elapsed().as_secs_f64() * 1000.0, q.q.clone())
            })
            .collect();
        phrase_rows.push((n, first_asks));
        let (timed, hits) = time_queries(&index, &fixed);
        let times: Vec<f64> = timed.iter().map(|t| t.0).collect();
        let pct = |p: f64| percentile(&times, p);
        println!(
            "| {n} | {:.1} MB | {:.0} ms | {:.1} MB | {:.2} | {:.1} MB | {:.1} MB | {:.0} ms | {:.1} MB | {:.1} MB | {terms} | {postings} | {:.3} ms | {:.3} ms | {:.3} ms | {} |",
            json_len as f64 / 1e6,
            build.as_secs_f64() * 1000.0,
            heap as f64 / 1e6,
            heap as f64 / json_len as f64,
            peak as f64 / 1e6,
            file.len() as f64 / 1e6,
            load.as_secs_f64() * 1000.0,
            loaded_heap as f64 / 1e6,
            load_peak as f64 / 1e6,
            pct(0.5),
            pct(0.95),
            pct(1.0),
            hits / times.len().max(1),
        );
        let (typed, _) = time_queries(&index, &queries.keystrokes());
        keystroke_rows.push((n, typed));
        find_rows.push((n, time_finds(&index)));
        library_rows.push((n, time_library(&index)));
        if std::env::var_os("PAPERSCOPE_BENCH_SLOWEST").is_some() {
            println!("    papers alone: {:.1} MB", papers_heap as f64 / 1e6);
            let mut per = timed;
            per.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (ms, q) in per
                .iter()
                .take(std::env::var("PAPERSCOPE_BENCH_SLOWEST").ok().and_then(|n| n.parse().ok()).unwrap_or(8))
            {
                println!("    {ms:8.3} ms  {q:?}");
            }
        }
    }
    println!();
    println!("times per query: search + every facet count + the top 20 with highlights; median of {} runs per query, then p50/p95/max over {} queries", runs(), queries.queries.len());
    println!();
    println!("Quoted phrases asked the first time (checked against the text of every candidate; the answer is then kept, which the medians above include):");
    println!();
    println!(
        "| papers | {} |",
        phrase_rows.first().map_or(String::new(), |(_, r)| r
            .iter()
            .map(|(_, q)| q.replace('|', "\\|"))
            .collect::<Vec<_>>()
            .join(" | "))
    );
    println!("|---:|{}", "---:|".repeat(phrase_rows.first().map_or(0, |(_, r)| r.len())));
    for (n, row) in &phrase_rows {
        println!("| {n} | {} |", row.iter().map(|(ms, _)| format!("{ms:.1} ms")).collect::<Vec<_>>().join(" | "));
    }
    println!();
    println!("Typed a key at a time (queries.json `typed`: the empty box, then every prefix, in typing mode), the same requests as the keystroke benchmark in Chromium:");
    println!();
    println!("| papers | keystrokes | p50 | p95 | max | slowest |");
    println!("|---:|---:|---:|---:|---:|---|");
    for (n, mut typed) in keystroke_rows {
        let times: Vec<f64> = typed.iter().map(|t| t.0).collect();
        typed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let slowest: Vec<String> = typed.iter().take(3).map(|(ms, q)| format!("{q:?} {ms:.2} ms")).collect();
        println!(
            "| {n} | {} | {:.3} ms | {:.3} ms | {:.3} ms | {} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 1.0),
            slowest.join(", ")
        );
    }
    println!();
    println!("Finding an author in the facet's find box (`Request::facet_find`, typed `zhiyuan` a key at a time, over the empty query and over `learning`): the whole request, as the page sends it; the first find also folds every author name once:");
    println!();
    println!("| papers | first find | p50 | p95 | max |");
    println!("|---:|---:|---:|---:|---:|");
    for (n, (first, times)) in find_rows {
        println!(
            "| {n} | {first:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms |",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 1.0)
        );
    }
    println!();
    println!("A library of 1,000 saved papers in 5 lists, 300 tagged (20 tags), 200 read, 50 noted, and 3 mutes (the top author, a venue, a word): laying it over the index (what each click in the library costs before the search), the mutes alone, and the request it then makes (`learning`, facets included) beside the same request without a library; median of {} runs:", runs());
    println!();
    println!("| papers | lay out | of which mutes | search with library | search without |");
    println!("|---:|---:|---:|---:|---:|");
    for (n, (layout, mutes, with, without)) in library_rows {
        println!("| {n} | {layout:.2} ms | {mutes:.2} ms | {with:.3} ms | {without:.3} ms |");
    }
    Ok(())
}

/// The map's semantic space (issue 13): on the real papers, how often a paper's 10 nearest neighbours share
/// its venue-year or arXiv category, word-based similar papers beside latent semantic analysis at several
/// sizes; then what building the space costs at 100,000 papers.
fn map_report(base: &[Paper], realpapers: &Path) {
    use paperscope_map::{
        cluster, layout, levels, nearest_all, paper_words, purity, quality, terms, LayoutParams, Params, Space, Words,
    };
    let tokenizer = paperscope_search::tokenize::Tokenizer::default();
    let labels: Vec<Option<String>> = base.iter().map(quality::label).collect();
    let sample = quality::sample(&labels, 2000);
    let index = Index::build(base.to_vec());
    let words: Vec<Vec<(String, String)>> = base.iter().map(|p| paper_words(&tokenizer, p)).collect();
    let base_terms: Vec<Vec<String>> = words.iter().map(|w| terms(w)).collect();
    println!();
    println!(
        "Neighbourhoods on the {} real papers: the share of each paper's 10 nearest neighbours with its venue-year or arXiv category ({} papers measured, every {}th labelled one):",
        base.len(),
        sample.len(),
        labels.iter().filter(|l| l.is_some()).count() / sample.len().max(1)
    );
    println!();
    println!("| method | dims | build | agreement@10 |");
    println!("|---|---:|---:|---:|");
    let word = quality::agreement(&labels, &sample, |p| index.similar(p, 10).into_iter().map(|(d, _)| d).collect());
    println!("| word-based similar papers (TF-IDF, 40 heaviest terms) | - | (the index) | {:.3} |", word);
    for dims in [32, 64, 128, 256] {
        let started = Instant::now();
        let space = Space::build(&base_terms, &Params { dims, ..Params::default() });
        let build = started.elapsed().as_secs_f64();
        let lsa = quality::agreement(&labels, &sample, |p| {
            space.nearest(space.doc(p), 10, Some(p)).into_iter().map(|(d, _)| d).collect()
        });
        println!("| latent semantic analysis | {} | {build:.1} s | {lsa:.3} |", space.dims);
    }
    // What the page searches: the map file's space, each paper's vector folded from the index and quantised.
    let atlas = paperscope_map::Atlas::folded(
        paperscope_map::MapFile::from_parts(base, Space::build(&base_terms, &Params::default()), &[], Vec::new()),
        &index,
    );
    let page = quality::agreement(&labels, &sample, |p| atlas.similar(p, 10).into_iter().map(|(d, _)| d).collect());
    println!("| the page's similar papers: folded from the index, quantised | 64 | (the space above) | {page:.3} |");
    // The map: every paper's neighbours in the space, then the layout; how well the plane keeps them.
    let space = Space::build(&base_terms, &Params::default());
    let started = Instant::now();
    let near = nearest_all(&space, 15);
    let knn_time = started.elapsed().as_secs_f64();
    for epochs in [0, 200, 500] {
        let started = Instant::now();
        let at = layout(&space, &near, &LayoutParams { epochs, ..LayoutParams::default() });
        let layout_time = started.elapsed().as_secs_f64();
        let (on_map, kept) = plane_quality(&at, &near, &labels, &sample);
        let what = match epochs {
            0 => "the start alone (the space's two strongest dimensions)".to_string(),
            _ => format!("UMAP, {epochs} epochs"),
        };
        println!(
            "| the map's plane: {what} | 2 | {knn_time:.1} s neighbours + {layout_time:.1} s layout | {on_map:.3}, and {:.1}% of the 10 nearest in the space kept |",
            kept * 100.0
        );
    }
    // Regions: k-means in the plane at each zoom level, their purity against the labels (one region for
    // everything is the floor), and the whole map's labels.
    let at = layout(&space, &near, &LayoutParams::default());
    let words = Words::new(&words);
    println!();
    println!("Regions of the map (k-means in the plane), purity against venue-year / arXiv category; one region for all: {:.3}", purity(&vec![0; at.len()], &labels));
    println!();
    println!("| regions | purity | time |");
    println!("|---:|---:|---:|");
    let mut coarse = None;
    for k in levels(at.len()) {
        let started = Instant::now();
        let clusters = cluster(&at, k, &words, 1);
        println!("| {k} | {:.3} | {:.2} s |", purity(&clusters.of, &labels), started.elapsed().as_secs_f64());
        coarse.get_or_insert(clusters);
    }
    if let Some(c) = coarse {
        println!();
        println!(
            "The whole map's regions: {}",
            c.labels.iter().zip(&c.sizes).map(|(l, n)| format!("{l} ({n})")).collect::<Vec<_>>().join("; ")
        );
    }
    // Search by meaning at two sizes of the space (the map's places do not matter to it).
    let atlases: Vec<(usize, paperscope_map::Atlas)> = [32, 64]
        .into_iter()
        .map(|dims| {
            let space = Space::build(&base_terms, &Params { dims, ..Params::default() });
            let clusters: Vec<_> = levels(at.len()).into_iter().map(|k| cluster(&at, k, &words, 1)).collect();
            (
                dims,
                paperscope_map::Atlas::folded(paperscope_map::MapFile::from_parts(base, space, &at, clusters), &index),
            )
        })
        .collect();
    search_modes_report(base, &index, &atlases, realpapers);
    if std::env::var("PAPERSCOPE_BENCH_MAP_BIG").as_deref() == Ok("0") {
        return;
    }
    let big = corpus_of(base, 100_000);
    let started = Instant::now();
    let big_words: Vec<Vec<(String, String)>> = big.iter().map(|p| paper_words(&tokenizer, p)).collect();
    let big_terms: Vec<Vec<String>> = big_words.iter().map(|w| terms(w)).collect();
    let tokenize = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let space = Space::build(&big_terms, &Params::default());
    let build = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let near = nearest_all(&space, 15);
    let knn_time = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let at = layout(&space, &near, &LayoutParams::default());
    let layout_time = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let big_words = Words::new(&big_words);
    let clusters: Vec<_> = levels(big.len()).into_iter().map(|k| cluster(&at, k, &big_words, 1)).collect();
    let regions_time = started.elapsed().as_secs_f64();
    let (dims, n_terms) = (space.dims, space.terms.len());
    let map = paperscope_map::MapFile::from_parts(&big, space, &at, clusters);
    // The papers' vectors, as every reader of the file folds them from the index.
    let index = Index::build(big.clone());
    let started = Instant::now();
    let vectors = paperscope_map::Vectors::fold(&map.space, &index);
    let fold_time = started.elapsed().as_secs_f64() * 1000.0;
    let bytes = map.to_bytes();
    // Written beside the other benchmark corpora; gzip as a static host would serve it.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/corpus-100000.map");
    let gzipped = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
        .and_then(|()| std::fs::write(&path, &bytes))
        .and_then(|()| std::process::Command::new("gzip").args(["-9", "-c"]).arg(&path).output())
        .map_or(0, |o| o.stdout.len());
    println!();
    println!(
        "At 100,000 papers ({dims} dims, {n_terms} terms): terms read in {tokenize:.1} s, space built in {build:.1} s, every paper's 15 nearest neighbours in {knn_time:.1} s, the layout in {layout_time:.1} s, the regions in {regions_time:.1} s; corpus.map {:.1} MB ({:.1} MB gzipped); its {} papers' vectors folded from the index in {fold_time:.0} ms",
        bytes.len() as f64 / 1e6,
        gzipped as f64 / 1e6,
        vectors.len()
    );
}

/// Which search mode finds what a person means (issue 13): known-item search on the real papers. ICLR 2017
/// and 2018 papers come with a one-sentence TL;DR their authors wrote, which the corpus does not hold; each
/// becomes a query of its four rarest words (as a person types a few telling words), and the question is
/// whether the paper is in the first ten results and how high (mean reciprocal rank). A second set takes
/// only TL;DR words the paper's title and abstract never use: the vocabulary mismatch search by meaning is
/// for. The map is the one `paperscope build` writes (quantised), searched as the page searches it.
fn search_modes_report(base: &[Paper], index: &Index, atlases: &[(usize, paperscope_map::Atlas)], realpapers: &Path) {
    let Some((_, atlas)) = atlases.last() else { return };
    use paperscope_search::{Request, SearchMode};
    use std::collections::{HashMap, HashSet};
    let fold = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let by_title: HashMap<String, u32> = base.iter().enumerate().map(|(i, p)| (fold(&p.title), i as u32)).collect();
    let tokenizer = paperscope_search::tokenize::Tokenizer::default();
    let idf: HashMap<&str, f32> =
        atlas.map().space.terms.iter().map(String::as_str).zip(atlas.map().space.idf.iter().copied()).collect();
    // (query of rare TL;DR words, query of TL;DR words the paper does not use, the paper)
    let mut cases: Vec<(String, Option<String>, u32)> = Vec::new();
    for year in [2017, 2018] {
        let path = realpapers.join(format!("papercopilot-paperlists/iclr/iclr{year}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Ok(serde_json::Value::Array(records)) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        for r in records {
            let (Some(title), Some(tldr)) = (r["title"].as_str(), r["tldr"].as_str()) else { continue };
            let Some(&doc) = by_title.get(&fold(title)) else { continue };
            let own: HashSet<String> =
                paperscope_map::paper_words(&tokenizer, &base[doc as usize]).into_iter().map(|(t, _)| t).collect();
            let mut words: Vec<(f32, String, String)> = paperscope_map::text_words(&tokenizer, tldr)
                .into_iter()
                .filter_map(|(term, surface)| idf.get(term.as_str()).map(|&w| (w, term, surface)))
                .collect();
            words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            words.dedup_by(|a, b| a.1 == b.1);
            let query =
                |w: &[&(f32, String, String)]| w.iter().take(4).map(|x| x.2.as_str()).collect::<Vec<_>>().join(" ");
            let all: Vec<&(f32, String, String)> = words.iter().collect();
            let other: Vec<&(f32, String, String)> = words.iter().filter(|w| !own.contains(&w.1)).collect();
            if all.len() >= 3 {
                cases.push((query(&all), (other.len() >= 3).then(|| query(&other)), doc));
            }
        }
    }
    let rank = |atlas: &paperscope_map::Atlas, query: &str, mode: SearchMode, doc: u32| -> Option<usize> {
        let mut request = Request { mode, per_page: 10, ..Request::new(query) };
        request.meaning = atlas.meaning(&tokenizer, query, mode).map(std::sync::Arc::new);
        index.search(&request).hits.iter().position(|h| h.doc == doc)
    };
    println!();
    println!(
        "Search modes, known-item search with ICLR TL;DRs as queries ({} papers of {} with a TL;DR found; \"other words\": {} with at least three TL;DR words their own text lacks):",
        cases.len(),
        base.len(),
        cases.iter().filter(|c| c.1.is_some()).count()
    );
    println!();
    println!("| queries | mode | dims | found in top 10 | MRR@10 | median query |");
    println!("|---|---|---:|---:|---:|---:|");
    for (set, pick) in [("4 rarest TL;DR words", 0), ("4 rarest TL;DR words the paper lacks", 1)] {
        let queries: Vec<(&str, u32)> = cases
            .iter()
            .filter_map(
                |(a, b, doc)| if pick == 0 { Some((a.as_str(), *doc)) } else { b.as_deref().map(|b| (b, *doc)) },
            )
            .collect();
        let runs = SearchMode::ALL.into_iter().flat_map(|mode| {
            let dims: Vec<usize> =
                if mode == SearchMode::Words { vec![0] } else { atlases.iter().map(|a| a.0).collect() };
            dims.into_iter().map(move |d| (mode, d))
        });
        for (mode, dims) in runs {
            let atlas = atlases.iter().find(|a| a.0 == dims).map_or(atlas, |a| &a.1);
            let mut times = Vec::new();
            let (mut found, mut rr) = (0usize, 0.0f64);
            for &(q, doc) in &queries {
                let started = Instant::now();
                let r = rank(atlas, q, mode, doc);
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                if let Some(r) = r {
                    found += 1;
                    rr += 1.0 / (r + 1) as f64;
                }
            }
            let n = queries.len().max(1) as f64;
            println!(
                "| {set} | {} | {} | {:.1}% | {:.3} | {:.2} ms |",
                mode.name(),
                if dims == 0 { "-".to_string() } else { dims.to_string() },
                found as f64 / n * 100.0,
                rr / n,
                percentile(&times, 0.5)
            );
        }
    }
}

/// How well a layout keeps neighbourhoods: the label agreement of each sampled paper's 10 nearest on the
/// plane, and the share of its 10 nearest in the space that are among them.
fn plane_quality(at: &[[f32; 2]], near: &[Vec<(u32, f32)>], labels: &[Option<String>], sample: &[u32]) -> (f64, f64) {
    let plane = |p: u32| -> Vec<u32> {
        let here = at[p as usize];
        let mut d: Vec<(u32, f32)> = (0..at.len() as u32)
            .filter(|&j| j != p)
            .map(|j| (j, (here[0] - at[j as usize][0]).powi(2) + (here[1] - at[j as usize][1]).powi(2)))
            .collect();
        d.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        d.into_iter().take(10).map(|(j, _)| j).collect()
    };
    let agreement = paperscope_map::quality::agreement(labels, sample, plane);
    let kept = sample
        .iter()
        .map(|&p| {
            let high: Vec<u32> = near[p as usize].iter().take(10).map(|&(j, _)| j).collect();
            plane(p).iter().filter(|j| high.contains(j)).count() as f64 / high.len().max(1) as f64
        })
        .sum::<f64>()
        / sample.len().max(1) as f64;
    (agreement, kept)
}

/// A click in the library at this size (see the table's heading), in ms: layout, mutes, search with, without.
fn time_library(index: &Index) -> (f64, f64, f64, f64) {
    use paperscope_search::{FacetKey, Kept, LibraryIndex, Muting, Request};
    let papers = index.papers();
    let step = (papers.len() / 1000).max(1);
    let ids: Vec<&str> = papers.iter().step_by(step).take(1000).map(|p| p.id.as_str()).collect();
    let lists = ["Reading list", "Theory", "To cite", "Group meeting", "Later"];
    let tags: Vec<String> = (0..20).map(|i| format!("tag {i}")).collect();
    let kept = || {
        ids.iter().enumerate().map(|(i, id)| Kept {
            id,
            lists: vec![lists[i % lists.len()]],
            tags: if i < 300 { vec![tags[i % tags.len()].as_str()] } else { Vec::new() },
            read: i % 5 == 0,
            notes: if i % 20 == 0 { vec!["check the proof of lemma 2 against the appendix"] } else { Vec::new() },
        })
    };
    let author = papers.iter().find_map(|p| p.authors.first().cloned()).unwrap_or_default();
    let venue = papers.iter().find_map(|p| p.venue.clone()).unwrap_or_default();
    let mutes = [
        Muting::Value(FacetKey::Author, author),
        Muting::Value(FacetKey::Venue, venue),
        Muting::Words("survey".into()),
    ];
    let median_ms = |f: &mut dyn FnMut()| {
        let times: Vec<f64> = (0..runs())
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        percentile(&times, 0.5)
    };
    let layout = median_ms(&mut || {
        std::hint::black_box(LibraryIndex::build(index, &lists, kept()).muting(index, &mutes));
    });
    let built = LibraryIndex::build(index, &lists, kept());
    let mute_only = median_ms(&mut || {
        std::hint::black_box(LibraryIndex::empty(papers.len()).muting(index, &mutes));
    });
    let library = std::sync::Arc::new(built.muting(index, &mutes));
    let request =
        |library: Option<std::sync::Arc<LibraryIndex>>| Request { library, typing: true, ..Request::new("learning") };
    let (with, without) = (request(Some(library)), request(None));
    let with = median_ms(&mut || {
        std::hint::black_box(index.search(&with));
    });
    let without = median_ms(&mut || {
        std::hint::black_box(index.search(&without));
    });
    (layout, mute_only, with, without)
}

/// The time of the first find (which folds the names), then each find's (median of [`runs`] runs, in ms).
fn time_finds(index: &Index) -> (f64, Vec<f64>) {
    let request = |q: &str, find: &str| {
        let mut r = paperscope_search::Request::new(q);
        r.typing = true;
        r.facet_find = vec![(paperscope_search::FacetKey::Author, find.to_string())];
        r
    };
    let t = Instant::now();
    std::hint::black_box(index.search(&request("", "z")));
    let first = t.elapsed().as_secs_f64() * 1000.0;
    let word = "zhiyuan";
    let mut times = Vec::new();
    for q in ["", "learning"] {
        for end in 1..=word.len() {
            let r = request(q, &word[..end]);
            let mut runs: Vec<f64> = (0..runs())
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(index.search(&r));
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            times.push(runs[runs.len() / 2]);
        }
    }
    (first, times)
}

/// Each query's time (the median of [`runs`] runs, in ms) with its text, and the mean hit count.
fn time_queries(index: &Index, queries: &[BenchQuery]) -> (Vec<(f64, String)>, usize) {
    let mut hits = 0usize;
    let timed = queries
        .iter()
        .map(|query| {
            let request = query.request();
            let mut runs: Vec<f64> = (0..runs())
                .map(|_| {
                    let t = Instant::now();
                    let r = index.search(&request);
                    let e = t.elapsed().as_secs_f64() * 1000.0;
                    hits += r.total;
                    std::hint::black_box(r);
                    e
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            (runs[runs.len() / 2], query.q.clone())
        })
        .collect::<Vec<_>>();
    (timed, hits / runs().max(1))
}

/// The `p` quantile (0 to 1) of unsorted times, 0 for none.
fn percentile(times: &[f64], p: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(((sorted.len().max(1) as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
}

/// Every real paper, parsed and merged by the corpus crate; the seeds where the real papers are missing.
fn load_base(realpapers: &Path, root: &Path) -> Result<(Vec<Paper>, String), String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["papercopilot-paperlists/nips", "papercopilot-paperlists/iclr", "daily-arXiv-ai-enhanced/data"] {
        if let Ok(entries) = std::fs::read_dir(realpapers.join(sub)) {
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    files.sort();
    let (files, source) = if files.is_empty() {
        let seeds = std::fs::read_dir(root.join("corpus/seeds")).map_err(|e| e.to_string())?;
        let mut seeds: Vec<PathBuf> = seeds.filter_map(|e| e.ok().map(|e| e.path())).collect();
        seeds.sort();
        (seeds, "the seed listings (no realpapers folder found)".to_string())
    } else {
        let n = files.len();
        (files, format!("{n} files in {}", realpapers.display()))
    };
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            std::fs::read_to_string(p).map(|t| (name, t)).map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<Result<_, _>>()?;
    let inputs: Vec<BuildInput<'_>> = texts
        .iter()
        .map(|(name, text)| BuildInput {
            file: name.clone(),
            text,
            format: name
                .ends_with(".json")
                .then_some(Format::Json)
                .or(name.ends_with(".jsonl").then_some(Format::Json)),
            // Daily listings are named by their date.
            captured: name.get(..10).and_then(Date::parse_iso).or(Date::parse_iso("2026-05-28")),
            label: None,
        })
        .collect();
    let built = build_corpus(&inputs).map_err(|e| e.to_string())?;
    Ok((built.corpus.papers, source))
}

/// `n` papers: the first `n` of the base, or the base repeated with variations.
fn corpus_of(base: &[Paper], n: usize) -> Vec<Paper> {
    (0..n).map(|i| vary(&base[i % base.len()], i / base.len())).collect()
}

/// Copy `k` of a paper (0 is the paper itself): a new id, the copy number in the title, the abstract's
/// sentences rotated by `k`, and the year moved back `k` years, so copies are distinct documents with the
/// same vocabulary and lengths as real ones.
fn vary(paper: &Paper, k: usize) -> Paper {
    if k == 0 {
        return paper.clone();
    }
    let mut p = paper.clone();
    p.id = format!("{}~{k}", p.id);
    p.arxiv_id = None;
    p.title = format!("{} ({k})", p.title);
    let sentences: Vec<&str> = paper.abstract_text.split(". ").collect();
    let r = k % sentences.len().max(1);
    p.abstract_text = sentences[r..].iter().chain(&sentences[..r]).copied().collect::<Vec<_>>().join(". ");
    p.year = p.year.map(|y| y.saturating_sub(k as u16));
    p.published = p.published.as_ref().and_then(|d| {
        let year: u16 = d.get(..4)?.parse().ok()?;
        Some(format!("{}{}", year.saturating_sub(k as u16), d.get(4..)?))
    });
    p
}
