//! `paperscope search`: the engine without a browser.

use std::time::Instant;

use paperscope_corpus::export::ExportFormat;
use std::sync::Arc;

use paperscope_search::url::Area;
use paperscope_search::{FacetKey, FileUse, Filter, Index, QueryError, Request, SearchMode, Sort};
use serde_json::{json, Value};

use crate::{emit, split_args, Failure};

pub fn run(args: &[String]) -> Result<(), Failure> {
    let typing = args.iter().any(|a| a == "--prefix");
    let args: Vec<String> = args.iter().filter(|a| *a != "--prefix").cloned().collect();
    let (positional, options) =
        split_args(&args, &["--filter", "--sort", "--limit", "--page", "--format", "--mode", "--area", "--region"])?;
    let mut export = None;
    let (mut area, mut region) = (None, None);
    let [corpus_path, query] = positional.as_slice() else {
        return Err(Failure::usage("search takes a CORPUS file and a QUERY (quote it)"));
    };
    let mut request = Request::new(*query);
    request.typing = typing;
    for (flag, value) in options {
        match flag {
            "--filter" => {
                let (key, v) = value
                    .split_once('=')
                    .ok_or_else(|| Failure::usage(format!("--filter {value:?} is not FACET=VALUE")))?;
                let key = FacetKey::from_name(key).filter(|k| !k.is_library()).ok_or_else(|| {
                    let names: Vec<&str> = FacetKey::STORED.iter().map(|k| k.name()).collect();
                    let library = if FacetKey::from_name(key).is_some() {
                        " (lists, tags and read marks are kept in the page, not here)"
                    } else {
                        ""
                    };
                    Failure::usage(format!("unknown facet {key:?}{library}; facets are {}", names.join(", ")))
                })?;
                let filter = Filter::parse(key, v).ok_or_else(|| {
                    Failure::usage(if key == FacetKey::Year {
                        format!("--filter {value:?}: a year is 2024, or a range 2023..2025 (first year first)")
                    } else {
                        format!("--filter {value:?} gives no value")
                    })
                })?;
                request.filters.push(filter);
            }
            "--sort" => request.sort = one_of("sort", value, Sort::from_name(value), Sort::ALL.map(Sort::name))?,
            "--format" => {
                let names = ExportFormat::ALL.map(ExportFormat::name);
                export = Some(one_of("format", value, ExportFormat::from_name(value), names)?)
            }
            "--mode" => {
                let names = SearchMode::ALL.map(SearchMode::name);
                request.mode = one_of("mode", value, SearchMode::from_name(value), names)?
            }
            "--area" => {
                area = Some(Area::parse(value).ok_or_else(|| {
                    Failure::usage(format!("--area {value:?} is not X0,Y0,X1,Y1 (map coordinates from 0 to 1)"))
                })?)
            }
            "--region" => {
                region = Some(value.parse().map_err(|_| Failure::usage(format!("--region {value:?} is not a number")))?)
            }
            "--limit" => {
                request.per_page =
                    value.parse().map_err(|_| Failure::usage(format!("--limit {value:?} is not a number")))?
            }
            _ => {
                request.page = value.parse().map_err(|_| Failure::usage(format!("--page {value:?} is not a number")))?
            }
        }
    }
    // Checked strictly before the corpus is opened; the library lives in the browser, not here.
    let parsed =
        paperscope_search::query::parse_strict(&request.query).map_err(|e| Failure::input(query_error(query, &e)))?;
    if parsed.reads_library() {
        return Err(Failure::usage(
            "is:, tag:, list: and note: ask your library, which is kept in the page (in your browser), not here",
        ));
    }
    let site = crate::hosted::Site::open(corpus_path)?;
    let started = Instant::now();
    let index_file = site.index().unwrap_or_else(|e| {
        eprintln!("note: {e}; indexing the corpus instead");
        None
    });
    let (index, file_use) = Index::open(index_file, || site.papers())?;
    if let FileUse::Refused(e) = &file_use {
        eprintln!("note: {}: {e}; indexing the corpus instead", site.index_name());
    }
    let built = started.elapsed();
    if request.mode != SearchMode::Words || area.is_some() || region.is_some() {
        let atlas = open_map(&site, &index)?;
        request.within = atlas.within(area, region).map(Arc::new);
        let tokenizer = paperscope_search::tokenize::Tokenizer::default();
        request.meaning = atlas.meaning(&tokenizer, &request.query, request.mode).map(Arc::new);
    }
    if let Some(format) = export {
        // An export holds the whole view: every result, in order, in the chosen format (no page of hits or
        // highlights needed).
        let text = format.render(index.result_docs(&request).into_iter().map(|d| &index.papers()[d as usize]));
        emit(&text);
        return Ok(());
    }
    let started = Instant::now();
    let response = index.search_strict(&request).map_err(|e| Failure::input(query_error(query, &e)))?;
    let took = started.elapsed();
    let hits: Vec<Value> = response
        .hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id,
                "title": h.title,
                "score": (h.score * 1000.0).round() / 1000.0,
                "highlights": { "title": h.title_highlights, "snippet": h.snippet_highlights },
                "snippet": h.snippet,
            })
        })
        .collect();
    let facets: serde_json::Map<String, Value> =
        response.facets.iter().map(|f| (f.key.name().to_string(), json!(f.values))).collect();
    let out = json!({
        "query": query,
        "total": response.total,
        "page": response.page,
        "pages": response.pages,
        "load_ms": built.as_secs_f64() * 1000.0,
        "index_source": if file_use == FileUse::Used { "file" } else { "built" },
        "search_ms": took.as_secs_f64() * 1000.0,
        "hits": hits,
        "facets": facets,
    });
    emit(&format!("{}\n", serde_json::to_string_pretty(&out).map_err(|e| Failure::input(e.to_string()))?));
    Ok(())
}

/// A value that must be one of a few names, or a usage error naming them all.
fn one_of<T, const N: usize>(what: &str, value: &str, found: Option<T>, names: [&str; N]) -> Result<T, Failure> {
    found.ok_or_else(|| Failure::usage(format!("unknown {what} {value:?}; {what}s are {}", names.join(", "))))
}

/// The map beside a corpus, for the searches that need one, its papers' vectors folded from the index.
fn open_map(site: &crate::hosted::Site, index: &Index) -> Result<paperscope_map::Atlas, Failure> {
    let map_path = site.map_name();
    let needs = "searching by meaning or by the map needs the map `paperscope build` writes";
    let bytes = site
        .map()
        .map_err(|e| Failure::input(format!("{e} ({needs})")))?
        .ok_or_else(|| Failure::input(format!("{map_path}: there is none ({needs})")))?;
    let map = paperscope_map::MapFile::read(&bytes, index.len(), index.papers().ids())
        .map_err(|e| Failure::input(format!("{map_path}: {e}")))?;
    Ok(paperscope_map::Atlas::folded(map, index))
}

/// `query error at 4..12: ...` with the query and a caret line under the span.
fn query_error(query: &str, e: &QueryError) -> String {
    let pad = query[..e.start.min(query.len())].chars().count();
    let width = query.get(e.start..e.end).map_or(1, |s| s.chars().count().max(1));
    format!("query error: {}\n  {query}\n  {}{}", e.message, " ".repeat(pad), "^".repeat(width))
}
