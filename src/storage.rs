//! What the page keeps between visits, in the browser's IndexedDB (which holds far more than local storage's
//! few megabytes), through `indexed_db_futures` (transactions that roll back unless committed, records read
//! and written with serde through `serde-wasm-bindgen`). Nothing leaves the browser.
//!
//! The schema is versioned by the database's version: 1 had the `imports` store (one record, every import);
//! 2 adds `library` (one record per fact, see [`crate::library::Fact`]). Opening an older database upgrades
//! it in place and keeps what it held.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use crate::import::{as_array, Import};
use crate::library::{Changes, Fact, Library};

const DB: &str = "paperscope";
const VERSION: u32 = 2;
const IMPORTS: &str = "imports";
const LIBRARY: &str = "library";
/// The imports' one record: the list of `[name, text, format]` triples.
const IMPORTS_KEY: &str = "all";

/// Why the browser's storage did not do what was asked, as a sentence.
fn failed(e: impl std::fmt::Display) -> String {
    let e = e.to_string();
    if e.contains("Quota") || e.contains("quota") {
        "the browser's storage for this site is full".into()
    } else if e.contains("aborted") {
        // The browser aborts a transaction that would pass the site's quota (and says why only to the
        // transaction's own error, which the wrapper does not pass on).
        "the browser's storage refused it, most likely because it is full".into()
    } else {
        format!("the browser's storage failed ({e})")
    }
}

/// Opens the database, creating or upgrading its stores; an error when the browser offers no storage (some
/// private windows) or refuses it.
async fn open() -> Result<Database, String> {
    if leptos::prelude::window().indexed_db().ok().flatten().is_none() {
        return Err("this browser offers no storage to this page".into());
    }
    Database::open(DB)
        .with_version(VERSION)
        .with_on_upgrade_needed(|_, db| {
            let names: Vec<String> = db.object_store_names().collect();
            for store in [IMPORTS, LIBRARY] {
                if !names.iter().any(|n| n == store) {
                    db.create_object_store(store).build()?;
                }
            }
            Ok(())
        })
        .await
        .map_err(failed)
}

/// Opens the database, does `work` with it and closes it: a connection left open would hold up another tab
/// whose newer page upgrades the database, and each one opened would stay open.
async fn with_db<T>(work: impl AsyncFnOnce(&Database) -> Result<T, String>) -> Result<T, String> {
    let db = open().await?;
    let done = work(&db).await;
    db.close();
    done
}

/// The imports saved by an earlier visit.
pub async fn saved() -> Vec<Import> {
    let read = with_db(async |db| {
        let tx = db.transaction(IMPORTS).build().map_err(failed)?;
        let store = tx.object_store(IMPORTS).map_err(failed)?;
        let value: Option<JsValue> = store.get(IMPORTS_KEY).primitive().map_err(failed)?.await.map_err(failed)?;
        Ok(value.unwrap_or(JsValue::UNDEFINED))
    });
    let value = read.await.unwrap_or(JsValue::UNDEFINED);
    // The first release kept one JSON string of `{name, text}` objects: still read.
    if let Some(json) = value.as_string() {
        #[derive(serde::Deserialize)]
        struct Saved {
            name: String,
            text: String,
        }
        let saved: Vec<Saved> = serde_json::from_str(&json).unwrap_or_default();
        return saved
            .into_iter()
            .map(|s| Import { name: s.name, text: s.text.as_str().into(), format: None })
            .collect();
    }
    // Nothing saved yet reads as an empty list.
    as_array(&value).iter().filter_map(|pair| Import::from_js(&pair)).collect()
}

/// Saves the imports for later visits; a failure is reported, not fatal (they stay for this visit).
pub async fn save(imports: Vec<Import>) -> Result<(), String> {
    let list: js_sys::Array = imports.iter().map(Import::to_js).collect();
    with_db(async |db| {
        let tx = db.transaction(IMPORTS).with_mode(TransactionMode::Readwrite).build().map_err(failed)?;
        let store = tx.object_store(IMPORTS).map_err(failed)?;
        store.put(JsValue::from(list)).with_key(IMPORTS_KEY).primitive().map_err(failed)?;
        tx.commit()
            .await
            .map_err(|e| format!("{}: these papers stay until you reload, but will not be kept", failed(e)))
    })
    .await
}

/// The stored library, and how many records could not be read (skipped, the rest kept).
pub async fn library() -> Result<(Library, usize), String> {
    let records = with_db(async |db| {
        let tx = db.transaction(LIBRARY).build().map_err(failed)?;
        let store = tx.object_store(LIBRARY).map_err(failed)?;
        let records = store.get_all::<Fact>().serde().map_err(failed)?.await.map_err(failed)?;
        Ok(records.collect::<Vec<_>>())
    })
    .await?;
    let (mut facts, mut unreadable) = (Vec::new(), 0);
    for record in records {
        match record {
            Ok(fact) => facts.push(fact),
            Err(e) => {
                unreadable += 1;
                web_sys::console::warn_1(&format!("Paperscope: a library record could not be read: {e}").into());
            }
        }
    }
    Ok((Library::from_facts(facts), unreadable))
}

/// Writes a change to the library as one transaction: all of it, or (on any failure, a full disk among
/// them) none of it.
pub async fn write(changes: &Changes) -> Result<(), String> {
    with_db(async |db| {
        let tx = db.transaction(LIBRARY).with_mode(TransactionMode::Readwrite).build().map_err(failed)?;
        let store = tx.object_store(LIBRARY).map_err(failed)?;
        for key in &changes.delete {
            store.delete(key.as_str()).primitive().map_err(failed)?;
        }
        for fact in &changes.put {
            store.put(fact).with_key(fact.key()).serde().map_err(failed)?;
        }
        tx.commit().await.map_err(failed)
    })
    .await
}
