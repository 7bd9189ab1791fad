// Starts the import worker (src/bin/import_worker.rs): wasm-bindgen's script for workers defines
// `wasm_bindgen`, which is handed its WebAssembly as one object (the form wasm-bindgen asks for; the bare
// path Trunk's own loader passes is deprecated and says so in the console on every import).
importScripts('./import_worker.js');
wasm_bindgen({ module_or_path: './import_worker_bg.wasm' });
