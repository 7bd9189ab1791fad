//! `cargo xtask bench`: the search engine's benchmark, natively and in Chromium beside the JavaScript
//! libraries (MiniSearch, FlexSearch, Orama, ItemsJS).
//!
//! 1. `paperscope-bench` (release) builds the corpora of 1,000, 10,000 and 100,000 papers, prints the native
//!    figures and writes the corpora to target/bench/;
//! 2. the engine is compiled to WebAssembly with the app's profile (`wasm-release`) and bound for the web;
//! 3. the project root is served on 127.0.0.1 and `tools/bench/run.mjs` runs every engine in Chromium;
//! 4. the site is built and `tools/bench/import.mjs` adds 20 MB of JSON Lines through its "Add papers" panel;
//! 5. `paperscope-hostile` (release) prints the hostile-input table: every attack class at three sizes
//!    four times apart, with time and peak heap. `cargo xtask bench hostile` runs this step alone.

use crate::{build_site, cmd, project_root, serve, setup};

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("hostile") {
        return hostile();
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
    hostile()
}

/// The hostile-input benchmark (bench/src/hostile.rs).
fn hostile() -> Result<(), String> {
    cmd("cargo", &["run", "--release", "--quiet", "-p", "paperscope-bench", "--bin", "paperscope-hostile"])
}
