//! `cargo xtask test`: every check the project has, in the order that fails fastest.

use crate::{build_site, cmd, project_root, serve, setup};

pub fn run() -> Result<(), String> {
    setup::run()?;
    cmd("cargo", &["fmt", "--all", "--check"])?;
    cmd("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cmd("cargo", &["clippy", "-p", "paperscope-app", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])?;
    // The app's pure logic (imports, the histogram's years) runs natively here too.
    cmd("cargo", &["test", "--workspace"])?;
    // The publishing workflow's fetch step (tools/fetch.py), on local files, then `paperscope build` on what
    // it fetched (the CLI `cargo test` just built).
    cmd("python3", &["-m", "unittest", "-v", "tools/test_fetch.py"])?;
    // The release build is itself a check: Trunk, wasm-bindgen and wasm-opt must all succeed offline.
    build_site()?;
    browser_tests()
}

/// Serves dist/ twice, at `/` and under a sub-path, and runs the browser tests against both in Chromium.
fn browser_tests() -> Result<(), String> {
    let dist = project_root().join("dist");
    let root_url = serve::spawn(dist.clone(), "/")?;
    let sub_url = serve::spawn(dist.clone(), "/some/dir/")?;
    std::env::set_var("PAPERSCOPE_URL", &root_url);
    std::env::set_var("PAPERSCOPE_SUBPATH_URL", &sub_url);
    std::env::set_var("PAPERSCOPE_DIST", &dist);
    std::env::set_var("CHROMIUM", setup::CHROMIUM);
    // The browser tests compare the page with the same engine run natively, through the CLI.
    std::env::set_var("PAPERSCOPE_CLI", project_root().join("target/debug/paperscope"));
    cmd("node", &["--test", "--test-concurrency=1", "tools/browser-tests/"])
}
