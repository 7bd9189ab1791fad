//! The "Add papers" control and panel: paste text or choose/drop files, in a format chosen or detected;
//! progress with a way to cancel; what each import held, with its problems (the first hundred shown, all
//! downloadable); and a way to remove every import, added or failed.

use leptos::prelude::*;
use paperscope_corpus::Format;

use super::text::download;
use crate::import::{Import, Report};
use crate::importer::{use_importer, Importer, MAX_ADD_BYTES};

/// Problems listed per import; the rest are counted and can be downloaded.
const PROBLEMS_SHOWN: usize = 100;

fn megabytes(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let importer = use_importer();
    let open = RwSignal::new(false);
    // Files that were not read (too big, unreadable), said apart from the imports' own reports.
    let unread = RwSignal::new(None::<String>);
    let format = RwSignal::new(None::<Format>);
    let text = NodeRef::<leptos::html::Textarea>::new();
    // A paste on its way in (its name and text): the box empties once it is kept, and keeps the text if it
    // fails (its reason is listed with the failed imports).
    let pending_paste = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        // Both lists are read on every run, so the effect follows them even while no paste is pending.
        let name = pending_paste.with_value(|p| p.as_ref().map(|(n, _)| n.clone())).unwrap_or_default();
        let kept = importer.is_kept(&name) && !name.is_empty();
        let failed = importer.failed.with(|f| f.iter().any(|(n, _)| *n == name)) && !name.is_empty();
        if kept {
            if let (Some(area), Some((_, pasted))) = (text.get_untracked(), pending_paste.get_value()) {
                if area.value() == pasted {
                    area.set_value("");
                }
            }
        }
        if kept || failed {
            pending_paste.set_value(None);
        }
    });
    let files = NodeRef::<leptos::html::Input>::new();
    // The files of a list, taken out now: the list empties when its input is cleared.
    let files_of = |list: Option<web_sys::FileList>| -> Vec<web_sys::File> {
        list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
    };
    let read_files = move |list: Vec<web_sys::File>, pasted: Vec<Import>| {
        let chosen = format.get_untracked();
        leptos::task::spawn_local(async move {
            let mut budget = MAX_ADD_BYTES as f64 - pasted.iter().map(|p| p.len() as f64).sum::<f64>();
            let mut new = pasted;
            let mut refused = Vec::new();
            for file in list {
                let size = file.size();
                if size > budget {
                    refused.push(format!(
                        "{} ({}) was not read: one “Add” reads at most {} in all (build bigger corpora with `paperscope build`).",
                        file.name(),
                        megabytes(size),
                        megabytes(MAX_ADD_BYTES as f64)
                    ));
                    continue;
                }
                budget -= size;
                importer.working.set(Some(format!("Reading {}…", file.name())));
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(value) => match wasm_bindgen::JsCast::dyn_into(value) {
                        Ok(text) => new.push(Import { name: file.name(), text, format: chosen }),
                        Err(_) => refused.push(format!("{} could not be read as text.", file.name())),
                    },
                    Err(_) => refused.push(format!("{} could not be read.", file.name())),
                }
            }
            if new.is_empty() {
                importer.working.set(None);
            }
            // The importer reports its own progress (reading, merging, indexing) as it goes.
            importer.add(new);
            unread.set((!refused.is_empty()).then(|| refused.join(" ")));
        });
    };
    let submit = move |_| {
        let mut pasted = Vec::new();
        if let Some(area) = text.get_untracked() {
            let value = area.value();
            if value.len() > MAX_ADD_BYTES {
                unread.set(Some(format!(
                    "The pasted text ({}) was not read: one “Add” reads at most {}.",
                    megabytes(value.len() as f64),
                    megabytes(MAX_ADD_BYTES as f64)
                )));
            } else if !value.trim().is_empty() {
                // The text stays in the box until it is added: a paste that cannot be read is not lost.
                let name = format!("pasted-{}.txt", importer.pasted() + 1);
                pending_paste.set_value(Some((name.clone(), value.clone())));
                pasted.push(Import { name, text: value.as_str().into(), format: format.get_untracked() });
            }
        }
        let chosen = files
            .get_untracked()
            .map(|input| {
                let list = files_of(input.files());
                input.set_value("");
                list
            })
            .unwrap_or_default();
        read_files(chosen, pasted);
    };
    view! {
        <div class="import-bar">
            <button class="more" data-testid="import-open" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "Add papers"
            </button>
        </div>
        <Show when=move || open.get()>
            <section
                class="import"
                aria-label="Add papers"
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    read_files(files_of(ev.data_transfer().and_then(|d| d.files())), Vec::new());
                }
            >
                <p>
                    "Paste a listing (arXiv feed, Hugging Face search or daily papers, an author profile) or JSON / JSON Lines "
                    "metadata, or choose or drop files. They are read here, in your browser, and kept on this device only."
                </p>
                <textarea data-testid="import-text" node_ref=text rows="6" aria-label="Listing text to add"></textarea>
                <div class="import-actions">
                    <input type="file" multiple accept=".txt,.json,.jsonl,.bib,.ris,text/plain,application/json,application/x-bibtex,application/x-research-info-systems" data-testid="import-file" node_ref=files aria-label="Files to add" />
                    <FormatMenu format />
                    <button class="more" data-testid="import-submit" on:click=submit>"Add"</button>
                </div>
                <div data-testid="import-report" role="status">
                    <Working importer />
                    {move || unread.get().map(|u| view! { <p class="notice" data-testid="import-unread">{u}</p> })}
                    {move || importer.notice.get().map(|n| view! { <p class="notice" data-testid="import-notice">{n}</p> })}
                    {move || importer.totals.get().map(|t| view! { <p data-testid="import-totals">{t}</p> })}
                    {move || {
                        importer.stored.get().then(|| {
                            let said = if importer.keeps_any() { "Kept on this device." } else { "Nothing added is kept on this device." };
                            view! { <p class="stored" data-testid="import-stored">{said}</p> }
                        })
                    }}
                    {move || importer.failed.get().into_iter().map(|(name, reason)| view! { <Failed name reason /> }).collect_view()}
                    {move || importer.reports.get().into_iter().map(|report| view! { <ImportReport report /> }).collect_view()}
                </div>
            </section>
        </Show>
    }
}

/// The format the next "Add" is read as: detected, or one chosen.
#[component]
fn FormatMenu(format: RwSignal<Option<Format>>) -> impl IntoView {
    view! {
        <label class="import-format">
            "Format "
            <select
                data-testid="import-format"
                on:change=move |ev| format.set(Format::from_name(&event_target_value(&ev)))
            >
                <option value="auto" selected=move || format.get().is_none()>"Detect automatically"</option>
                {Format::ALL
                    .into_iter()
                    .map(|f| view! { <option value=f.name() selected=move || format.get() == Some(f)>{f.title()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// What the worker is doing, with a way to stop it.
#[component]
fn Working(importer: Importer) -> impl IntoView {
    move || {
        importer.working.get().map(|step| {
            view! {
                <p data-testid="import-working">
                    {step}
                    " "
                    <button class="link" data-testid="import-cancel" on:click=move |_| importer.cancel()>"Cancel"</button>
                </p>
            }
        })
    }
}

fn remove_button(importer: Importer, name: String) -> impl IntoView {
    let data_name = name.clone();
    view! {
        <button class="link" data-testid="import-remove" data-name=data_name on:click=move |_| importer.remove(&name)>
            "Remove"
        </button>
    }
}

/// An import that could not be added, and why.
#[component]
fn Failed(name: String, reason: String) -> impl IntoView {
    let importer = use_importer();
    view! {
        <div class="import-item failed" data-name=name.clone() data-testid="import-failed">
            <p class="notice">{format!("{name} could not be added: {reason}")} " " {remove_button(importer, name.clone())}</p>
        </div>
    }
}

/// What one import held: its format, papers, and problems (the first hundred, and all as a download).
#[component]
fn ImportReport(report: Report) -> impl IntoView {
    let importer = use_importer();
    let summary = match &report.format {
        Ok(format) => {
            format!("{}: {} · {} papers read · {} problems", report.name, format, report.records, report.problems.len())
        }
        Err(e) => e.clone(),
    };
    let more = report.problems.len().saturating_sub(PROBLEMS_SHOWN);
    let all = report.problems.join("\n");
    let file = format!("{}-problems.txt", report.name);
    view! {
        <div class="import-item" data-name=report.name.clone()>
            <p>{summary} " " {remove_button(importer, report.name.clone())}</p>
            <ul class="problems">
                {report.problems.iter().take(PROBLEMS_SHOWN).map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
            </ul>
            {(more > 0).then(|| view! {
                <p class="problems-more">
                    {format!("and {more} more. ")}
                    <button class="link" data-testid="import-problems-download" on:click=move |_| download(&file, "text/plain", &all)>
                        {format!("Download all {} problems", report.problems.len())}
                    </button>
                </p>
            })}
        </div>
    }
}
