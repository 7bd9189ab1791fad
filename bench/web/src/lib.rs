//! The search engine as the benchmark page drives it in Chromium: build an index from corpus JSON, run
//! requests. Each search does what the app does (matching, every facet count, the top 20 with highlights)
//! and hands back only the total and the first hit, so the time measured is the engine's.

use paperscope_app::chunks::JsChunks;
use paperscope_search::{FacetKey, FileUse, Filter, Index, Request, Sort};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    index: Index,
    /// Milliseconds spent reading the papers out of the corpus JSON, and getting the index (decoding the
    /// index file, or building it).
    parse_ms: f64,
    index_ms: f64,
    /// Whether the index came from its file.
    from_file: bool,
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
        r.filters = self.filters.iter().filter_map(|(k, v)| Filter::parse(FacetKey::from_name(k)?, v)).collect();
        r
    }
}

#[wasm_bindgen]
impl Engine {
    /// Opens the engine as the explorer does (`paperscope_app::load::open`): the corpus document and the
    /// index file (when given) stay in JavaScript memory until read. No pauses between the steps, so the
    /// timings are the work alone.
    pub async fn open(corpus: js_sys::Uint8Array, index_file: Option<js_sys::Uint8Array>) -> Result<Engine, JsError> {
        let files = (
            vec![paperscope_app::load::CorpusPart::whole("corpus.json", JsChunks::new(vec![corpus]))],
            index_file.map(|f| JsChunks::new(vec![f])),
        );
        let opened = paperscope_app::load::open(files.0, files.1, || async {}).await.map_err(|e| JsError::new(&e))?;
        Ok(Engine {
            from_file: opened.file_use == FileUse::Used,
            parse_ms: opened.read_ms,
            index_ms: opened.index_ms,
            index: opened.index,
        })
    }

    /// Whether the index came from the index file (rather than being built in the page).
    pub fn from_file(&self) -> bool {
        self.from_file
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
