//! The page's side of the import worker (src/bin/import_worker.rs): starting it with the imports, its
//! messages while it runs, and the engine it hands back.

use paperscope_search::Index;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{as_array, today, Import, Report};
use crate::engine::MapState;

/// The explorer's engine with imports added, built off the page's thread, and the reports.
pub struct Applied {
    pub index: Index,
    pub reports: Vec<Report>,
    /// Papers in the corpus before the imports.
    pub base: usize,
    /// The map of the papers with the imports.
    pub map: MapState,
}

/// The import worker's start (public/import_worker_loader.js, which loads what Trunk builds from
/// src/bin/import_worker.rs, named without a hash), relative to the page.
const WORKER_URL: &str = "import_worker_loader.js";

/// An import under way in its worker, as the page holds it: it can be cancelled.
pub struct Job {
    worker: web_sys::Worker,
    messages: futures::channel::mpsc::UnboundedSender<js_sys::Array>,
}

impl Job {
    /// Stops the worker where it is: nothing it was doing reaches the page, and [`Running::finish`] ends
    /// with an error.
    pub fn cancel(&self) {
        self.worker.terminate();
        self.messages.close_channel();
    }
}

/// The page's side of a running import: the worker's messages, until it is done.
pub struct Running {
    worker: web_sys::Worker,
    messages: futures::channel::mpsc::UnboundedReceiver<js_sys::Array>,
    job: js_sys::Array,
    map_url: String,
    /// The worker's listeners live as long as the page waits for it.
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

/// Starts a worker that adds `imports` to the corpus's papers, so the page stays responsive however large
/// they are: the worker fetches the corpus again (from the browser's cache), parses and merges the imports,
/// indexes the result, and hands back the papers (a corpus document) and the index file, which the page
/// opens in a fraction of the time building would take. `manifest`: the text of the site's manifest the page
/// read, so the worker reads the same data (never a rebuild the page has not offered yet).
pub fn start(corpus_url: &str, manifest: Option<&str>, imports: &[Import]) -> Result<(Job, Running), String> {
    let failed = |e: JsValue| format!("the import could not run: {}", crate::kept::describe(&e));
    let worker = web_sys::Worker::new(WORKER_URL).map_err(failed)?;
    let (sender, messages) = futures::channel::mpsc::unbounded::<js_sys::Array>();
    let on_message = {
        let sender = sender.clone();
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |m: web_sys::MessageEvent| {
            let _ = sender.unbounded_send(as_array(&m.data()));
        })
    };
    let on_error = {
        let sender = sender.clone();
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            let message = if e.message().is_empty() {
                "the import worker stopped (out of memory, or it could not start)".to_string()
            } else {
                e.message()
            };
            let _ = sender.unbounded_send(js_sys::Array::of2(&"error".into(), &message.into()));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let list: js_sys::Array = imports.iter().map(Import::to_js).collect();
    let today = today().map(|d| d.to_string()).unwrap_or_default();
    let job = js_sys::Array::of4(
        &corpus_url.into(),
        &list,
        &today.as_str().into(),
        &manifest.map_or(JsValue::NULL, JsValue::from),
    );
    Ok((
        Job { worker: worker.clone(), messages: sender },
        Running {
            worker,
            messages,
            job,
            map_url: paperscope_map::map_file_name(corpus_url),
            _on_message: on_message,
            _on_error: on_error,
        },
    ))
}

impl Running {
    /// Follows the worker to the end, telling `progress` each step, and opens what it built.
    pub async fn finish(mut self, progress: impl Fn(String)) -> Result<Applied, String> {
        use futures::StreamExt;
        let outcome = loop {
            let Some(message) = self.messages.next().await else { break Err("the import was cancelled".to_string()) };
            match message.get(0).as_string().as_deref() {
                Some("ready") => {
                    if let Err(e) = self.worker.post_message(&self.job) {
                        break Err(format!("the import could not start: {e:?}"));
                    }
                }
                Some("progress") => progress(message.get(1).as_string().unwrap_or_default()),
                Some("done") => {
                    let reports: Vec<Report> =
                        match serde_json::from_str(&message.get(1).as_string().unwrap_or_default()) {
                            Ok(reports) => reports,
                            Err(e) => break Err(e.to_string()),
                        };
                    let base = message.get(2).as_f64().unwrap_or(0.0) as usize;
                    let corpus = vec![crate::load::CorpusPart::whole(
                        "the merged corpus",
                        crate::chunks::JsChunks::new(vec![js_sys::Uint8Array::new(&message.get(3))]),
                    )];
                    let index = crate::chunks::JsChunks::new(vec![js_sys::Uint8Array::new(&message.get(4))]);
                    let map_bytes = message.get(5).dyn_into::<js_sys::Uint8Array>().ok();
                    let map_note = message.get(6).as_string();
                    progress("Opening the papers…".into());
                    crate::load::yield_to_page().await;
                    let opened = crate::load::open(corpus, Some(index), crate::load::yield_to_page).await;
                    break opened.map(|opened| {
                        let map = match (map_bytes, map_note) {
                            (Some(bytes), _) => {
                                let bytes = crate::chunks::JsChunks::new(vec![bytes]);
                                crate::load::read_map(Some(&bytes), &self.map_url, &opened.index)
                            }
                            (None, note) => {
                                MapState::Absent(note.unwrap_or_else(|| crate::load::no_map(&self.map_url)))
                            }
                        };
                        Applied { index: opened.index, reports, base, map }
                    });
                }
                _ => break Err(message.get(1).as_string().unwrap_or_else(|| "the import failed".into())),
            }
        };
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        outcome
    }
}
