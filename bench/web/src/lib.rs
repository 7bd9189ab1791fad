//! The search engine as the benchmark page drives it in Chromium: build an index from corpus JSON, run
//! requests. Each search does what the app does (matching, every facet count, the top 20 with highlights)
//! and hands back only the total and the first hit, so the time measured is the engine's.

use paperscope_corpus::Corpus;
use paperscope_search::{FacetKey, Index, Request, Sort};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    index: Index,
    /// Milliseconds spent reading the corpus JSON, and building the index from its papers.
    parse_ms: f64,
    index_ms: f64,
}

/// One benchmark query, as in `tools/bench/queries.json`: shared by the native benchmark and this module, so
/// both run exactly the same requests.
#[derive(Deserialize, Clone)]
pub struct BenchQuery {
    pub q: String,
    #[serde(default)]
    pub filters: Vec<(String, String)>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub typing: bool,
}

impl BenchQuery {
    pub fn request(&self) -> Request {
        let mut r = Request::new(self.q.clone());
        r.typing = self.typing;
        r.sort = self.sort.as_deref().and_then(Sort::from_name).unwrap_or_default();
        r.filters = self.filters.iter().filter_map(|(k, v)| Some((FacetKey::from_name(k)?, v.clone()))).collect();
        r
    }
}

impl Engine {
    fn index(corpus: Corpus, t0: f64) -> Engine {
        let t1 = js_sys::Date::now();
        let index = Index::build(corpus.papers);
        Engine { index, parse_ms: t1 - t0, index_ms: js_sys::Date::now() - t1 }
    }
}

#[wasm_bindgen]
impl Engine {
    /// Parses a corpus document held in JavaScript memory, reading it a megabyte at a time, so the text is
    /// never copied whole into WebAssembly memory (which only grows), and indexes its papers.
    pub fn from_bytes(bytes: js_sys::Uint8Array) -> Result<Engine, JsError> {
        let t0 = js_sys::Date::now();
        let reader = std::io::BufReader::with_capacity(1 << 20, JsBytes { bytes, pos: 0 });
        let corpus: Corpus = serde_json::from_reader(reader).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine::index(corpus, t0))
    }

    /// `[parse ms, index build ms]` of the construction.
    pub fn timings(&self) -> Vec<f64> {
        vec![self.parse_ms, self.index_ms]
    }

    /// Runs one query (JSON, as in queries.json) and returns `[total, first hit id]` as JSON.
    pub fn search(&self, query_json: &str) -> Result<String, JsError> {
        let q: BenchQuery = serde_json::from_str(query_json).map_err(|e| JsError::new(&e.to_string()))?;
        let response = self.index.search(&q.request());
        let first = response.hits.first().map(|h| h.id.clone()).unwrap_or_default();
        Ok(serde_json::json!([response.total, first]).to_string())
    }

    /// Bytes of WebAssembly linear memory in use by the page's module (papers and index included).
    pub fn memory_bytes() -> f64 {
        #[cfg(target_arch = "wasm32")]
        {
            (core::arch::wasm32::memory_size(0) * 65536) as f64
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            0.0
        }
    }
}

/// Reads a JavaScript byte array piece by piece.
struct JsBytes {
    bytes: js_sys::Uint8Array,
    pos: u32,
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = (self.pos + buf.len() as u32).min(self.bytes.length());
        let n = (end - self.pos) as usize;
        self.bytes.subarray(self.pos, end).copy_to(&mut buf[..n]);
        self.pos = end;
        Ok(n)
    }
}
