//! Installs the build and test tools that are missing, and checks the ones that are present.
//! Each step says what it found; nothing is installed twice.

use crate::{cmd, output, project_root};

pub const TRUNK_VERSION: &str = "0.21.14";

pub fn run() -> Result<(), String> {
    build_tools()?;
    chromium()
}

/// What building the site needs (no browser): the wasm target, Trunk, the wasm-bindgen CLI and wasm-opt.
pub fn build_tools() -> Result<(), String> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    node_tools()
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        eprintln!("setup: wasm32-unknown-unknown target present");
        return Ok(());
    }
    cmd("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

fn trunk() -> Result<(), String> {
    let version = output("trunk", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        eprintln!("setup: trunk {TRUNK_VERSION} present");
        return Ok(());
    }
    cmd("cargo", &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result<(), String> {
    let locked = locked_wasm_bindgen()?;
    let trunk_toml =
        std::fs::read_to_string(project_root().join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{locked}\"")) {
        return Err(format!("Trunk.toml [tools] wasm_bindgen must equal the version in Cargo.lock ({locked})"));
    }
    let version = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(locked.as_str()) {
        eprintln!("setup: wasm-bindgen {locked} present");
        return Ok(());
    }
    // `--locked` fails here: one of the CLI's locked dependencies is not in the registry.
    cmd("cargo", &["install", "--force", &format!("wasm-bindgen-cli@{locked}")])
}

fn node_tools() -> Result<(), String> {
    let tools = project_root().join("tools");
    let ready = ["binaryen", "playwright-core"]
        .iter()
        .all(|p| tools.join("node_modules").join(p).join("package.json").exists());
    if ready {
        eprintln!("setup: node tools (wasm-opt, playwright-core) present");
        return Ok(());
    }
    cmd("npm", &["ci", "--prefix", "tools", "--no-audit", "--no-fund"])
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn chromium() -> Result<(), String> {
    if std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists() {
        eprintln!("setup: chromium and chromedriver present");
        return Ok(());
    }
    let fix = "install Debian's chromium and chromium-driver as root";
    cmd("apt-get", &["update"]).map_err(|e| format!("{e}; {fix}"))?;
    cmd("apt-get", &["install", "-y", "chromium", "chromium-driver"]).map_err(|e| format!("{e}; {fix}"))
}
