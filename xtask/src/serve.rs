//! A small static file server for `dist/`, on 127.0.0.1 only. It can mount the site under a sub-path
//! (`/some/dir/`), which is how the tests prove the build works when hosted anywhere.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::project_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let port: u16 = match args {
        [] => 8080,
        [flag, value] if flag == "--port" => value.parse().map_err(|_| format!("--port {value:?} is not a port"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    crate::dist()?;
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("Paperscope is served at http://127.0.0.1:{port}/ (Ctrl-C stops it)");
    serve_forever(listener, project_root().join("dist"), "/".into());
    Ok(())
}

/// Serves `root` at `prefix` (which starts and ends with `/`) until the process ends.
pub fn serve_forever(listener: TcpListener, root: PathBuf, prefix: String) {
    for stream in listener.incoming().flatten() {
        let (root, prefix) = (root.clone(), prefix.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &root, &prefix);
        });
    }
}

/// Starts a server on a free port in a background thread and returns its base URL.
pub fn spawn(root: PathBuf, prefix: &str) -> Result<String, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let prefix = prefix.to_string();
    let base = format!("http://127.0.0.1:{port}{prefix}");
    std::thread::spawn(move || serve_forever(listener, root, prefix));
    Ok(base)
}

fn handle(stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, "405 Method Not Allowed", "text/plain", b"method not allowed", method == "HEAD");
    }
    if format!("{path}/") == prefix {
        let location = format!("Location: {prefix}\r\n");
        let head =
            format!("HTTP/1.1 301 Moved Permanently\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n");
        return out.write_all(head.as_bytes());
    }
    let Some(relative) = path.strip_prefix(prefix) else {
        return respond(&mut out, "404 Not Found", "text/plain", b"not found", method == "HEAD");
    };
    let Some(file) = resolve(root, &percent_decode(relative)) else {
        return respond(&mut out, "404 Not Found", "text/plain", b"not found", method == "HEAD");
    };
    match std::fs::read(&file) {
        Ok(body) => respond(&mut out, "200 OK", content_type(&file), &body, method == "HEAD"),
        Err(_) => respond(&mut out, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
    }
}

/// Maps a URL path below the prefix to a file under `root`, refusing anything that climbs out of it.
fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if relative.is_empty() || relative.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8], head_only: bool) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}
