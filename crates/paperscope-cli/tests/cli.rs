//! The `paperscope` binary, run as a user runs it.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn paperscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paperscope")).args(args).current_dir(root()).output().expect("runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file as `build` hosts it (gzip), unpacked.
fn unpack(packed: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(packed).read_to_end(&mut bytes).expect("gzip");
    bytes
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paperscope-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn parse_detects_the_format_and_prints_records() {
    let out = paperscope(&["parse", "corpus/seeds/003_b3ec9fb090b6f345.txt", "--captured", "2026-05-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("003_b3ec9fb090b6f345.txt: detected format hf-daily"), "{}", stderr(&out));
    let papers: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let papers = papers.as_array().expect("an array");
    assert_eq!(papers.len(), 45);
    assert_eq!(papers[0]["published"], "2026-02-11");
    assert_eq!(papers[0]["sources"][0]["format"], "hf-daily");
}

#[test]
fn parse_with_a_given_format_and_diagnostics_on_stderr() {
    let dir = scratch("diag");
    let file = dir.join("feed.txt");
    std::fs::write(&file, "Abstract.\n\narXiv:2501.00001\nCreated: 2025-01-02 Updated: 2025-01-03\n\nOrphan text.\n")
        .expect("write");
    let out = paperscope(&["parse", file.to_str().expect("utf-8"), "--format", "arxiv-feed"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("feed.txt:6: skipped: entry has no `arXiv:` line"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("detected"));
}

#[test]
fn unrecognisable_and_unreadable_input_fail_with_one_line() {
    let dir = scratch("bad");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "hello\n").expect("write");
    let out = paperscope(&["parse", notes.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "paperscope: notes.txt: not a listing format I know; known formats are arxiv-feed, hf-search, author-profile, hf-daily, json, arxiv-list, arxiv-search, bibtex, ris (pass one with --format)\n"
    );
    let out = paperscope(&["parse", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("paperscope: no/such/file.txt: cannot read:"), "{}", stderr(&out));
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [b'a', 0xff, b'b']).expect("write");
    let out = paperscope(&["parse", binary.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not UTF-8 text (invalid byte at offset 1)"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(paperscope(&["parse", "x", "--format", "pdf"]).status.code(), Some(2));
    assert_eq!(paperscope(&["parse", "x", "--captured", "May 28"]).status.code(), Some(2));
    assert_eq!(paperscope(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(paperscope(&["build"]).status.code(), Some(2));
}

#[test]
fn build_writes_the_same_corpus_every_time_and_summarises() {
    let dir = scratch("build");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    let out = paperscope(&["build", "corpus/manifest.toml", "-o", a.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("291 records -> 288 papers (3 merged as duplicates), 10 untitled"), "{summary}");
    assert!(summary.contains("002_54862f56381ff4b5.txt     author-profile   117 records"), "{summary}");
    let out = paperscope(&["build", "-o", b.to_str().expect("utf-8")]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
}

#[test]
fn build_writes_the_search_index_and_search_uses_it_or_says_why_not() {
    let dir = scratch("index");
    let corpus = dir.join("corpus.json");
    let c = corpus.to_str().expect("utf-8");
    let out = paperscope(&["build", "-o", c]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("corpus.index (the search index over its 288 papers"));
    let index = dir.join("corpus.index");
    // Hosted gzip-compressed (hosts rarely compress binary types), as the manifest says.
    let manifest = std::fs::read_to_string(dir.join("corpus.parts.json")).expect("the manifest");
    assert!(manifest.contains("\"encoding\": \"gzip\""), "{manifest}");
    let packed = std::fs::read(&index).expect("the index file is written");
    let file = unpack(&packed);
    // The map beside them, readable for this corpus.
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(stdout.contains("corpus.map (the map: "), "{stdout}");
    let corpus_json = std::fs::read_to_string(&corpus).expect("the corpus");
    let papers = paperscope_corpus::Corpus::from_json(&corpus_json).expect("a corpus").papers;
    let map_file = unpack(&std::fs::read(dir.join("corpus.map")).expect("the map"));
    let map = paperscope_map::MapFile::read(&map_file, papers.len(), papers.iter().map(|p| &p.id));
    assert_eq!(map.map(|m| m.positions.len()), Ok(288));
    let search = |query: &str| {
        let out = paperscope(&["search", c, query, "--limit", "50"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let object = value.as_object_mut().expect("an object");
        object.remove("load_ms");
        object.remove("search_ms");
        let source = object.remove("index_source").expect("index_source");
        (value, source, stderr(&out))
    };
    let (with_file, source, quiet) = search("language models");
    assert_eq!((source.as_str(), quiet.as_str()), (Some("file"), ""));
    // A damaged file is refused with a note, and the corpus is indexed instead: same answer. The manifest's
    // checksum finds it...
    let mut damaged = packed.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    std::fs::write(&index, &damaged).expect("write");
    let (rebuilt, source, note) = search("language models");
    assert_eq!((&rebuilt, source.as_str()), (&with_file, Some("built")));
    assert!(note.contains("corpus.index: damaged (its checksum is "), "{note}");
    assert!(note.contains("; indexing the corpus instead"), "{note}");
    // ...and without a manifest (a folder made by hand), the index file's own.
    std::fs::remove_file(dir.join("corpus.parts.json")).expect("remove");
    let mut damaged = file.clone();
    damaged[middle] ^= 1;
    std::fs::write(&index, &damaged).expect("write");
    let (rebuilt, source, note) = search("language models");
    assert_eq!((&rebuilt, source.as_str()), (&with_file, Some("built")));
    assert!(
        note.contains("corpus.index: damaged (its checksum does not match); indexing the corpus instead"),
        "{note}"
    );
    // Without the file, the same.
    std::fs::remove_file(&index).expect("remove");
    assert_eq!(search("language models"), (with_file.clone(), "built".into(), String::new()));
    // Search keeps the corpus as its papers' lines, reading those it shows; a corpus laid out otherwise (here
    // pretty-printed) is read whole: the same answer.
    let value: serde_json::Value = serde_json::from_str(&corpus_json).expect("JSON");
    std::fs::write(&corpus, serde_json::to_string_pretty(&value).expect("JSON")).expect("write");
    assert_eq!(search("language models"), (with_file, "built".into(), String::new()));
}

#[test]
fn the_library_is_the_pages_and_the_command_line_says_so() {
    // Refused before any corpus is read: this file need not exist.
    let corpus = root().join("corpus/corpus.json");
    let c = corpus.to_str().expect("utf-8");
    for query in ["is:saved", "diffusion -tag:theory", "note:lemma OR bandit"] {
        let out = paperscope(&["search", c, query]);
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(stderr(&out).contains("ask your library, which is kept in the page"), "{query}: {}", stderr(&out));
    }
    let out = paperscope(&["search", c, "diffusion", "--filter", "tag=theory"]);
    assert!(stderr(&out).contains("lists, tags and read marks are kept in the page"), "{}", stderr(&out));
}

/// Runs `paperscope build` on a manifest with these contents and returns its exit code and stderr.
fn build_with_manifest(dir: &Path, contents: &str) -> (Option<i32>, String) {
    let manifest = dir.join("manifest.toml");
    std::fs::write(&manifest, contents).expect("write");
    let out = dir.join("o.json");
    let run = paperscope(&["build", manifest.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
    (run.status.code(), stderr(&run))
}

#[test]
fn a_bad_manifest_says_where() {
    let dir = scratch("manifest");
    let cases = [
        ("[[input]]\nfile = \"x.txt\"\nformat = \"pdf\"\n", "manifest.toml: input 1 (x.txt): unknown format \"pdf\""),
        ("[[input]]\nfile = \"missing.txt\"\n", "missing.txt: cannot read"),
        ("[[input]]\nfile = 3\n", "manifest.toml:2: "),
        (
            "[[input]]\nfile = \"x.txt\"\ncaptured = \"May 28\"\n",
            "capture date \"May 28\" is not a date in the form YYYY-MM-DD",
        ),
    ];
    for (contents, expected) in cases {
        let (code, err) = build_with_manifest(&dir, contents);
        assert_eq!(code, Some(1), "{contents}");
        assert!(err.contains(expected), "{contents}: {err}");
    }
}

#[test]
fn search_exports_every_result_in_three_formats() {
    let dir = scratch("export");
    let corpus = dir.join("corpus.json");
    let out = paperscope(&["build", "-o", corpus.to_str().expect("utf-8")]);
    assert!(out.status.success());
    let c = corpus.to_str().expect("utf-8");
    let summary: serde_json::Value =
        serde_json::from_slice(&paperscope(&["search", c, "transformer", "--limit", "5"]).stdout).expect("JSON");
    let total = summary["total"].as_u64().expect("total") as usize;
    assert!(total > 5);
    let json = paperscope(&["search", c, "transformer", "--format", "json"]);
    let papers: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("JSON array");
    assert_eq!(papers.len(), total);
    assert_eq!(papers[0]["id"], summary["hits"][0]["id"]);
    let csv = String::from_utf8(paperscope(&["search", c, "transformer", "--format", "csv"]).stdout).expect("utf-8");
    assert!(csv.starts_with("id,title,untitled,authors,"));
    let bib = String::from_utf8(paperscope(&["search", c, "transformer", "--format", "bibtex"]).stdout).expect("utf-8");
    assert_eq!(bib.matches("\n@").count() + usize::from(bib.starts_with('@')), total);
    assert_eq!(paperscope(&["search", c, "x", "--format", "pdf"]).status.code(), Some(2));
}

#[test]
fn build_writes_parts_no_larger_than_asked_and_search_reads_them_as_the_whole() {
    let (whole_dir, split_dir) = (scratch("whole"), scratch("parts"));
    let whole = whole_dir.join("corpus.json");
    let split = split_dir.join("corpus.json");
    let (w, s) = (whole.to_str().expect("utf-8"), split.to_str().expect("utf-8"));
    assert!(paperscope(&["build", "-o", w]).status.success());
    let out = paperscope(&["build", "-o", s, "--part-size", "64KiB"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(stdout.contains("built corpus.1.json .. corpus."), "{stdout}");
    assert!(stdout.contains("corpus.parts.json (lists "), "{stdout}");
    // No whole file, every file within the size, each part named by the manifest.
    // (The seed corpus's feeds go in a folder of their own.)
    let names: Vec<String> = std::fs::read_dir(&split_dir)
        .expect("list")
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.contains(&"corpus.json".to_string()) && !names.contains(&"corpus.index".to_string()));
    for name in &names {
        assert!(std::fs::metadata(split_dir.join(name)).expect("file").len() <= 64 * 1024, "{name}");
    }
    let manifest = std::fs::read_to_string(split_dir.join("corpus.parts.json")).expect("manifest");
    let parts = paperscope_corpus::parts::Parts::from_json(&manifest).expect("a manifest");
    assert_eq!(parts.files().count() + 1, names.len());
    assert!(parts.corpus.len() > 2 && parts.index.parts.len() > 1 && parts.map.parts.len() > 1);
    // Each corpus part is also written zstd-compressed (what the page downloads): the page's decoder unpacks
    // each into exactly its part, in a third or less of its bytes.
    let packed = parts.packed.as_ref().expect("a split corpus is packed");
    assert_eq!(packed.parts.len(), parts.corpus.len());
    for (plain, zst) in parts.corpus.iter().zip(&packed.parts) {
        assert_eq!(zst.file, format!("{}.zst", plain.file));
        let bytes = std::fs::read(split_dir.join(&zst.file)).expect("packed part");
        zst.check(&bytes).expect("as listed");
        let unpacking = paperscope_corpus::unpack::Unpacking::new(&packed.encoding, bytes.as_slice(), plain);
        let unpacked = unpacking.and_then(|u| u.to_end()).expect("unpacks");
        assert_eq!(unpacked, std::fs::read(split_dir.join(&plain.file)).expect("part"));
        assert!(zst.bytes * 3 < plain.bytes, "{} of {}", zst.bytes, plain.bytes);
    }
    // The first part's papers come with an index of their own (gzip), which the page opens instead of
    // indexing them: the very index those papers alone build.
    assert_eq!(parts.first_index.encoding.as_deref(), Some("gzip"));
    let first = std::fs::read_to_string(split_dir.join(&parts.corpus[0].file)).expect("first part");
    let first_papers = paperscope_corpus::Corpus::from_json(&first).expect("a corpus document").papers;
    let mut packed_index = Vec::new();
    for part in &parts.first_index.parts {
        let bytes = std::fs::read(split_dir.join(&part.file)).expect("first part's index");
        part.check(&bytes).expect("as listed");
        packed_index.extend(bytes);
    }
    let mut first_index = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(packed_index.as_slice()), &mut first_index)
        .expect("gzip");
    assert_eq!(Some(first_index.len() as u64), parts.first_index.unpacked);
    assert!(first_index == paperscope_search::Index::build(first_papers).to_file(), "the first part's own index");
    // Search answers the same from the parts (named by the corpus or by the manifest) as from the whole.
    let answer = |corpus: &str, args: &[&str]| {
        let out = paperscope(&[&["search", corpus][..], args].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let object = value.as_object_mut().expect("an object");
        object.remove("load_ms");
        object.remove("search_ms");
        value
    };
    let manifest_path = split_dir.join("corpus.parts.json");
    for args in [
        &["language models"][..],
        &["bandit", "--mode", "meaning"],
        &["", "--region", "1"],
        &["graph", "--sort", "newest"],
    ] {
        let expected = answer(w, args);
        assert_eq!(answer(s, args), expected, "{args:?}");
        assert_eq!(answer(manifest_path.to_str().expect("utf-8"), args), expected, "{args:?}");
    }
    // A damaged part is named with its path; the command fails.
    let second = split_dir.join(&parts.corpus[1].file);
    let mut bytes = std::fs::read(&second).expect("part");
    bytes.pop();
    std::fs::write(&second, &bytes).expect("write");
    let out = paperscope(&["search", s, "learning"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{}: {} bytes arrived, the manifest says", second.display(), bytes.len())),
        "{}",
        stderr(&out)
    );
    // Built again whole into the same folder: the parts are gone, the manifest lists the whole files.
    assert!(paperscope(&["build", "-o", s]).status.success());
    let mut names: Vec<String> = std::fs::read_dir(&split_dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["corpus.index", "corpus.json", "corpus.map", "corpus.parts.json", "feeds"]);
    assert_eq!(answer(s, &["language models"]), answer(w, &["language models"]));
    // A part size too small to be useful is a usage error.
    let out = paperscope(&["build", "-o", s, "--part-size", "1KiB"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--part-size \"1KiB\" is smaller than the smallest part size, 64KiB"),
        "{}",
        stderr(&out)
    );
}

/// The seed corpus's build manifest, copied into `dir` (its inputs named by absolute path).
fn seed_manifest(dir: &Path) -> PathBuf {
    let seeds = root().join("corpus/seeds/");
    let text = std::fs::read_to_string(root().join("corpus/manifest.toml")).expect("manifest");
    let manifest = dir.join("manifest.toml");
    std::fs::write(&manifest, text.replace("\"seeds/", &format!("\"{}", seeds.display()))).expect("write");
    manifest
}

#[test]
fn build_writes_an_atom_feed_per_saved_search_that_a_parser_reads() {
    let dir = scratch("feeds");
    let manifest = seed_manifest(&dir);
    std::fs::write(
        dir.join("feeds.toml"),
        "site = \"https://example.org/papers\"\n\n[[feed]]\nname = \"bandits\"\ntitle = \"Bandits & regret\"\n\
         view = \"?q=bandit&sort=title\"\nlimit = 5\n\n[[feed]]\nname = \"all\"\ntitle = \"Everything\"\nview = \"\"\n",
    )
    .expect("write");
    let out = dir.join("data/corpus.json");
    let run = paperscope(&["build", manifest.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The manifest lists them for the page.
    let parts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("data/corpus.parts.json")).expect("manifest")).expect("json");
    let names: Vec<&str> =
        parts["feeds"].as_array().expect("feeds").iter().map(|f| f["name"].as_str().unwrap_or("")).collect();
    assert_eq!(names, ["bandits", "all"]);
    for (name, query, limit) in [("bandits", "bandit", 5), ("all", "", 50)] {
        let xml = std::fs::read_to_string(dir.join(format!("data/feeds/{name}.xml"))).expect("feed written");
        assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "{xml}");
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).expect("a parser reads it as Atom");
        // RFC 4287's required elements: the feed's id, title, updated and an author (for entries without one);
        // each entry's id, title, updated and (no content) an alternate link; ids unique.
        assert!(feed.id().starts_with("urn:paperscope:feed:") && !feed.title().is_empty());
        assert!(!feed.authors().is_empty());
        assert!(feed
            .links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == format!("https://example.org/papers/data/feeds/{name}.xml")));
        assert!(feed
            .links()
            .iter()
            .any(|l| l.rel() == "alternate" && l.href().starts_with("https://example.org/papers/")));
        let ids: std::collections::HashSet<&str> = feed.entries().iter().map(|e| e.id()).collect();
        assert_eq!(ids.len(), feed.entries().len());
        for entry in feed.entries() {
            assert!(!entry.title().is_empty() && entry.links().iter().any(|l| l.rel() == "alternate"), "{entry:?}");
            assert!(entry.updated() <= feed.updated());
        }
        // The newest papers of the view, as `search --sort newest` finds them (the view's own sort is not used).
        let cli = paperscope(&[
            "search",
            out.to_str().expect("utf-8"),
            query,
            "--sort",
            "newest",
            "--limit",
            &limit.to_string(),
        ]);
        let cli: serde_json::Value = serde_json::from_slice(&cli.stdout).expect("search json");
        let expected: Vec<String> = cli["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| format!("urn:paperscope:paper:{}", h["id"].as_str().unwrap_or("").replace('/', "%2F")))
            .collect();
        let got: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
        assert_eq!(got, expected, "{name}");
        assert_eq!(got.len(), limit.min(cli["total"].as_u64().unwrap_or(0) as usize));
    }
    assert!(std::fs::read_to_string(dir.join("data/feeds/bandits.xml"))
        .expect("feed")
        .contains("Bandits &amp; regret"));
    // A feed no longer listed is removed by the next build; a bad feeds file says where and what.
    std::fs::write(dir.join("feeds.toml"), "[[feed]]\nname = \"all\"\ntitle = \"All\"\nview = \"\"\n").expect("write");
    let run = paperscope(&["build", manifest.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!dir.join("data/feeds/bandits.xml").exists() && dir.join("data/feeds/all.xml").exists());
    for (contents, expected) in [
        ("[[feed]]\nname = \"Bad Name\"\ntitle = \"x\"\nview = \"\"\n", "feed 1 (\"Bad Name\"): a name is 1-64 of a-z"),
        (
            "[[feed]]\nname = \"mine\"\ntitle = \"x\"\nview = \"tag=toread\"\n",
            "lists, tags and read marks live in a person's browser",
        ),
        ("[[feed]]\nname = \"x\"\ntitle = \"x\"\nview = \"\"\nlimit = 0\n", "limit 0 is not between 1 and 500"),
        ("[[feed]]\nname = \"x\"\ntitle = 3\n", "feeds.toml:3: "),
        ("site = \"example.org\"\n", "site \"example.org\" is not an http(s) address"),
    ] {
        std::fs::write(dir.join("feeds.toml"), contents).expect("write");
        let run = paperscope(&["build", manifest.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
        assert_eq!(run.status.code(), Some(1), "{contents}");
        assert!(stderr(&run).contains(expected), "{contents}: {}", stderr(&run));
    }
}
