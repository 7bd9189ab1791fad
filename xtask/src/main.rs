//! Developer commands for Paperscope, run as `cargo xtask <command>` (see `.cargo/config.toml`).
//!
//! - `setup`: installs what the build and tests need and is missing (skips what is present).
//! - `corpus`: builds `public/data/corpus.json` from `corpus/manifest.toml`.
//! - `dist`: setup, corpus, and the release build of the site into `dist/`.
//! - `serve [--port N]`: `dist`, then serves `dist/` on http://127.0.0.1:8080.
//! - `test`: setup, then every check: format, lints, native tests, the release build, browser tests.
//! - `bench [hostile | keystroke]`: the search engine's benchmark at 1,000, 10,000 and 100,000 papers (release build);
//!   in Chromium beside the JavaScript libraries, a large import, keystroke to paint on the built site, and
//!   hostile input; with `hostile`, only the hostile-input benchmark (time and peak memory at three sizes
//!   per attack); with `keystroke`, only keystroke to paint (on the corpora an earlier run wrote).
//! - `fuzz [CASES]`: the fuzzing properties for CASES cases each (default 200,000), optimised with
//!   overflow checks.
//!
//! Every external tool is pinned: Trunk and wasm-bindgen by version, wasm-opt and playwright-core by
//! `tools/package-lock.json`. Trunk runs offline, so a build never downloads anything.

mod bench;
mod csp;
mod fuzz;
mod serve;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str =
    "usage: cargo xtask <setup | corpus | dist | serve [--port N] | test | bench [hostile | keystroke] | fuzz [CASES]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("corpus") => build_corpus(),
        Some("dist") => dist(),
        Some("serve") => serve::run(&args[1..]),
        Some("test") => test::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, found from this crate's manifest directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// PATH with the project's node tools (wasm-opt) and cargo's bin directory in front.
pub fn tool_path() -> String {
    let root = project_root();
    let mut parts = vec![root.join("tools/node_modules/.bin").display().to_string()];
    if let Some(home) =
        std::env::var_os("CARGO_HOME").or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo").into()))
    {
        parts.push(Path::new(&home).join("bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// Runs a command in the project root with the tool PATH, echoing it; fails with its status.
pub fn cmd(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(project_root())
        .env("PATH", tool_path())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).env("PATH", tool_path()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub const CORPUS_OUT: &str = "public/data/corpus.json";

/// The build manifest the site's corpus is made from: `PAPERSCOPE_MANIFEST` when set (the publishing
/// workflow's fetched inputs), else the seed corpus's.
pub fn build_corpus() -> Result<(), String> {
    let manifest = std::env::var("PAPERSCOPE_MANIFEST").unwrap_or_else(|_| "corpus/manifest.toml".into());
    cmd("cargo", &["run", "--quiet", "-p", "paperscope-cli", "--", "build", &manifest, "-o", CORPUS_OUT])
}

/// The build tools, then the release build of the site into dist/.
pub fn dist() -> Result<(), String> {
    setup::build_tools()?;
    build_site()
}

/// The corpus and the release build of the site into dist/, then its sizes.
pub fn build_site() -> Result<(), String> {
    build_corpus()?;
    cmd("trunk", &["build", "--release", "--offline"])?;
    csp::apply(&project_root().join("dist"))?;
    report_sizes()
}

/// Prints the size of the wasm and JS in dist/, raw and gzipped.
fn report_sizes() -> Result<(), String> {
    let dist = project_root().join("dist");
    let entries = std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|x| x.to_str()), Some("wasm" | "js" | "css")))
        .collect();
    files.sort();
    for path in files {
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz =
            Command::new("gzip").args(["-9", "-c"]).arg(&path).output().map(|o| o.stdout.len() as u64).unwrap_or(0);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("size: {name:<48} {:>8.1} KiB  ({:.1} KiB gzip)", raw as f64 / 1024.0, gz as f64 / 1024.0);
    }
    Ok(())
}
