//! The built page's Content-Security-Policy. Trunk writes one inline module script into `dist/index.html`
//! (it loads the app's WebAssembly); this step adds a `<meta http-equiv="Content-Security-Policy">` as the
//! first element of the head, allowing that script by its SHA-256 hash and nothing else inline: no inline
//! script from the data, no `eval`, no plugins, no forms, no other origins. WebAssembly needs
//! `'wasm-unsafe-eval'`. The policy is written only into the release build (`cargo xtask dist|serve|test`),
//! so `trunk serve` during development stays free of it. Hosts that can send headers may send the same
//! policy as a header too (`dist/_headers` carries it for Netlify and Cloudflare Pages).

use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Everything but the inline scripts' hashes, which are appended to `script-src`.
const POLICY: [&str; 9] = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
];

/// The policy for a page with these inline scripts.
fn policy(inline_scripts: &[&str]) -> String {
    let hashes: Vec<String> = inline_scripts
        .iter()
        .map(|s| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s))))
        .collect();
    POLICY
        .iter()
        .map(|d| {
            if d.starts_with("script-src") && !hashes.is_empty() {
                format!("{d} {}", hashes.join(" "))
            } else {
                d.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The contents of every `<script>` without a `src` in `html`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(tag_end) = rest[open..].find('>').map(|e| open + e) else { break };
        let tag = &rest[open..tag_end];
        let Some(close) = rest[tag_end..].find("</script>").map(|c| tag_end + c) else { break };
        if !tag.contains(" src=") {
            found.push(&rest[tag_end + 1..close]);
        }
        rest = &rest[close + "</script>".len()..];
    }
    found
}

/// Writes the policy into `dist/index.html` (and `dist/_headers`).
pub fn apply(dist: &Path) -> Result<(), String> {
    let path = dist.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if html.contains("Content-Security-Policy") {
        return Ok(());
    }
    let policy = policy(&inline_scripts(&html));
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let head = html.find("<head>").ok_or_else(|| format!("{}: no <head>", path.display()))? + "<head>".len();
    let html = format!("{}\n    {meta}{}", &html[..head], &html[head..]);
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = format!("/*\n  Content-Security-Policy: {policy}\n");
    std::fs::write(dist.join("_headers"), headers).map_err(|e| format!("{}: {e}", dist.display()))?;
    println!("csp: {policy}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_hashed() {
        let html =
            "<head><script type=\"module\">go();</script><script src=\"x.js\"></script>\n<script>\n2\n</script></head>";
        assert_eq!(inline_scripts(html), ["go();", "\n2\n"]);
        // `echo -n 'go();' | openssl dgst -sha256 -binary | base64`
        let p = policy(&["go();"]);
        assert!(
            p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-bYOqbsii8BMz1hC57p5sZG4K4cMuk6QQDiwupM2aRMM='"),
            "{p}"
        );
        assert!(p.starts_with("default-src 'self'; ") && p.ends_with("form-action 'none'"), "{p}");
    }
}
