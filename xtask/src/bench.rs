//! `cargo xtask bench`: the search engine's benchmark, natively and in Chromium beside the JavaScript
//! libraries (MiniSearch, FlexSearch, Orama, ItemsJS).
//!
//! 1. `paperscope-bench` (release) builds the corpora of 1,000, 10,000 and 100,000 papers, prints the native
//!    figures and writes the corpora to target/bench/;
//! 2. the engine is compiled to WebAssembly with the app's profile (`wasm-release`) and bound for the web;
//! 3. the project root is served on 127.0.0.1 and `tools/bench/run.mjs` runs every engine in Chromium;
//! 4. the site is built and `tools/bench/import.mjs` adds 20 MB of JSON Lines through its "Add papers" panel;
//! 5. `tools/bench/keystroke.mjs` types queries into the built site serving the seed corpus and the corpora
//!    of step 1 (with their index files), and prints keystroke to paint beside the engine's own time.
//!    `tools/bench/anatomy.mjs` then says where a keystroke's time goes (the handler, each rendering phase,
//!    the DOM calls), and `tools/bench/perkey.mjs` what each key cost beside the DOM calls it made and a blank
//!    page's floor. `cargo xtask bench keystroke` runs this step alone (on corpora an earlier run wrote);
//!    then the same with the map shown, and `tools/bench/map.mjs` (reading the map, frames while panning, memory);
//! 6. `tools/bench/load.mjs` opens the 100,000-paper site over an emulated network (50 Mbit/s, 40 ms a
//!    request) from a static server that compresses like GitHub Pages: its data whole (a folder made by hand,
//!    as every build wrote it before issue 14) and as `paperscope split` writes it (in parts, binary files
//!    packed); first results, complete, bytes, the largest file, a second visit and an offline reload.
//!    `cargo xtask bench load` runs this step alone;
//! 7. `paperscope-hostile` (release) prints the hostile-input table: every attack class at three sizes
//!    four times apart, with time and peak heap. `cargo xtask bench hostile` runs this step alone.

use std::path::Path;

use crate::{build_site, cmd, project_root, serve, setup};

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("hostile") => return hostile(),
        Some("keystroke") => {
            setup::run()?;
            build_site()?;
            return keystroke();
        }
        Some("load") => {
            setup::run()?;
            build_site()?;
            return load();
        }
        Some(other) => return Err(format!("unknown benchmark {other:?}: bench [hostile | keystroke | load]")),
        None => {}
    }
    setup::run()?;
    cmd("cargo", &["run", "--release", "--quiet", "-p", "paperscope-bench"])?;
    cmd(
        "cargo",
        &[
            "build",
            "--quiet",
            "--profile",
            "wasm-release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "paperscope-bench-web",
        ],
    )?;
    cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--out-dir",
            "target/bench/web",
            "target/wasm32-unknown-unknown/wasm-release/paperscope_bench_web.wasm",
        ],
    )?;
    let base = serve::spawn(project_root(), "/")?;
    std::env::set_var("PAPERSCOPE_BENCH_URL", &base);
    std::env::set_var("CHROMIUM", setup::CHROMIUM);
    cmd("node", &["tools/bench/run.mjs"])?;
    // 4. The large import through the built explorer.
    build_site()?;
    let site = serve::spawn(project_root().join("dist"), "/")?;
    std::env::set_var("PAPERSCOPE_URL", &site);
    cmd("node", &["tools/bench/import.mjs"])?;
    keystroke()?;
    load()?;
    hostile()
}

/// Keystroke to paint on the built site (dist/), with the seed corpus and each benchmark corpus in
/// target/bench/ served as its data: one copy of the site per size under target/bench/sites/ (hard links
/// where the file system allows them, so 100,000 papers cost no copy).
fn keystroke() -> Result<(), String> {
    let root = project_root();
    let (dist, bench) = (root.join("dist"), root.join("target/bench"));
    let sites = bench.join("sites");
    let mut pairs = vec![format!("288 seed papers={}", serve::spawn(dist.clone(), "/")?)];
    let server = serve::spawn(sites.clone(), "/")?;
    for n in ["1000", "10000", "100000"] {
        if whole_site(n)?.is_some() {
            pairs.push(format!("{n} papers={server}{n}/"));
        }
    }
    std::env::set_var("PAPERSCOPE_KEYSTROKE_SITES", pairs.join(","));
    std::env::set_var("CHROMIUM", setup::CHROMIUM);
    cmd("node", &["tools/bench/keystroke.mjs"])?;
    // Where those milliseconds go: the input handler, each rendering phase, the DOM calls.
    cmd("node", &["tools/bench/anatomy.mjs"])?;
    // What each keystroke costs in proportion to: its DOM calls, beside a blank page's floor.
    cmd("node", &["tools/bench/perkey.mjs"])?;
    // The same keystrokes lighting the map, then the map's own figures (reading it, panning, memory).
    std::env::set_var("PAPERSCOPE_KEYSTROKE_VIEW", "map");
    cmd("node", &["tools/bench/keystroke.mjs"])?;
    cmd("node", &["tools/bench/map.mjs"])
}

/// The built site (dist/) with the benchmark corpus of `n` papers as its data, whole and without a manifest
/// (as a folder made by hand): target/bench/sites/N. `None` when `cargo xtask bench` has not written it.
fn whole_site(n: &str) -> Result<Option<std::path::PathBuf>, String> {
    let root = project_root();
    let (dist, bench) = (root.join("dist"), root.join("target/bench"));
    let corpus = bench.join(format!("corpus-{n}.json"));
    if !corpus.is_file() {
        eprintln!("benchmark site: {} is missing (`cargo xtask bench` writes it); size skipped", corpus.display());
        return Ok(None);
    }
    let site = bench.join("sites").join(n);
    let _ = std::fs::remove_dir_all(&site);
    link_tree(&dist, &site)?;
    let data = site.join("data");
    std::fs::remove_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    for ext in ["json", "index", "map"] {
        let from = bench.join(format!("corpus-{n}.{ext}"));
        if from.is_file() {
            link(&from, &data.join(format!("corpus.{ext}")))?;
        }
    }
    Ok(Some(site))
}

/// Step 6: opening the 100,000-paper site over an emulated network, whole and in parts.
fn load() -> Result<(), String> {
    let Some(whole) = whole_site("100000")? else { return Ok(()) };
    let root = project_root();
    let parts = root.join("target/bench/sites-parts/100000");
    let _ = std::fs::remove_dir_all(&parts);
    link_tree(&root.join("dist"), &parts)?;
    let data = parts.join("data");
    std::fs::remove_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let (from, to) = (whole.join("data/corpus.json"), data.join("corpus.json"));
    let (from, to) = (from.display().to_string(), to.display().to_string());
    cmd("cargo", &["run", "--release", "--quiet", "-p", "paperscope-cli", "--", "split", &from, "-o", &to])?;
    std::env::set_var(
        "PAPERSCOPE_LOAD_SITES",
        format!("whole (no manifest)={},in parts={}", whole.display(), parts.display()),
    );
    std::env::set_var("CHROMIUM", setup::CHROMIUM);
    cmd("node", &["tools/bench/load.mjs"])
}

/// Mirrors the directory `from` at `to` with hard links (copies where links fail).
fn link_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?.flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            link_tree(&source, &target)?;
        } else {
            link(&source, &target)?;
        }
    }
    Ok(())
}

fn link(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::hard_link(from, to)
        .or_else(|_| std::fs::copy(from, to).map(|_| ()))
        .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

/// The hostile-input benchmark (bench/src/hostile.rs).
fn hostile() -> Result<(), String> {
    cmd("cargo", &["run", "--release", "--quiet", "-p", "paperscope-bench", "--bin", "paperscope-hostile"])
}
