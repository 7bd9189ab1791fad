//! `paperscope`: the command-line shell over the corpus crate.
//!
//! ```text
//! paperscope parse FILE [--format F] [--captured YYYY-MM-DD]
//! paperscope build [MANIFEST] -o FILE        (also writes FILE's search index and map: corpus.index, corpus.map)
//! paperscope search CORPUS QUERY [--filter FACET=VALUE]... [--sort S] [--limit N] [--page N]
//! ```
//! Exit status: 0 on success, 1 when an input is unreadable or unrecognisable, 2 on a usage error.

mod feeds;
mod hosted;
mod manifest;
mod search;

use std::path::Path;
use std::process::ExitCode;

use paperscope_corpus::{build_corpus, parse, BuildInput, Date, Diagnostic, Format, ParseError, ParseOptions};

/// The usage text, ending with the formats the parser knows.
fn usage() -> String {
    format!("{USAGE}\nformats: auto (default), {}", Format::known_names())
}

const USAGE: &str = "\
usage: paperscope parse FILE [--format F] [--captured YYYY-MM-DD]
       paperscope build [MANIFEST] -o FILE [--part-size SIZE]
       paperscope split CORPUS -o FILE [--part-size SIZE]
       paperscope search CORPUS QUERY [--filter FACET=VALUE]... [--sort S] [--limit N] [--page N] [--prefix]
                         [--format json|csv|bibtex|ris] [--mode words|meaning|hybrid] [--area X0,Y0,X1,Y1]
                         [--region N]

  parse   print the records of one listing as a JSON array (corpus schema), diagnostics on stderr
  build   build the merged corpus from the inputs a manifest lists (default corpus/manifest.toml), and
          its search index and map beside it (-o corpus.json writes corpus.index and corpus.map too),
          and corpus.parts.json, the manifest the page reads first; a file larger than --part-size
          (default 20MiB, under every common static host's limit) is written in numbered parts instead
          (corpus.1.json, corpus.1.index, ...); search reads either
  split   write a built corpus (with its index and map) again in parts of another size, without
          building it again, e.g. for a host with a smaller file limit
  search  search a corpus; prints JSON with the total, the hits and the facet counts
          facets: year (2024 or 2023..2025), venue, status, topic, source, author, organization, category
          sorts: relevance (default), newest, oldest, upvotes, title
          --prefix matches the last word as a prefix, as the search box does while you type
          --format exports every result (not one page) as JSON in the corpus schema, CSV, BibTeX or RIS
          --mode meaning finds the papers nearest to the query on the corpus's map (corpus.map beside it),
          hybrid fuses that ranking with the words'; --area and --region keep the papers in a part of
          the map, as the page's map filters do
";

/// A failure the user can act on, printed as one line.
pub struct Failure {
    message: String,
    usage: bool,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), usage: true }
    }

    pub fn input(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), usage: false }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<paperscope_search::Unreadable> for Failure {
    fn from(unreadable: paperscope_search::Unreadable) -> Failure {
        Failure::input(unreadable.to_string())
    }
}

/// Writes a command's output. A reader that stops early (`paperscope search ... | head`) is not an error:
/// the rest is dropped quietly instead of panicking on the broken pipe.
pub fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("parse") => cmd_parse(&args[1..]),
        Some("build") => cmd_build(&args[1..]),
        Some("split") => cmd_split(&args[1..]),
        Some("search") => search::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{}", usage());
            Ok(())
        }
        Some(other) => Err(Failure::usage(format!("unknown command {other:?}"))),
        None => Err(Failure::usage("no command given")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.usage => {
            eprintln!("paperscope: {}\n\n{}", f.message, usage());
            ExitCode::from(2)
        }
        Err(f) => {
            eprintln!("paperscope: {}", f.message);
            ExitCode::FAILURE
        }
    }
}

/// Positional arguments and `--flag value` pairs.
type Args<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Splits arguments into positionals and `--flag value` pairs.
pub fn split_args<'a>(args: &'a [String], flags: &[&'static str]) -> Result<Args<'a>, Failure> {
    let mut positional = Vec::new();
    let mut options = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(flag) = flags.iter().find(|f| **f == arg) {
            let value = it.next().ok_or_else(|| Failure::usage(format!("{flag} needs a value")))?;
            options.push((*flag, value.as_str()));
        } else if arg.starts_with('-') && arg.len() > 1 {
            return Err(Failure::usage(format!("unknown option {arg:?}")));
        } else {
            positional.push(arg.as_str());
        }
    }
    Ok((positional, options))
}

pub fn parse_format(value: &str) -> Result<Option<Format>, String> {
    match value {
        "auto" => Ok(None),
        name => Format::from_name(name)
            .map(Some)
            .ok_or_else(|| format!("unknown format {name:?}; known formats are auto, {}", Format::known_names())),
    }
}

pub fn parse_date(value: &str) -> Result<Date, String> {
    Date::parse_iso(value).ok_or_else(|| format!("capture date {value:?} is not a date in the form YYYY-MM-DD"))
}

pub fn read(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::input(format!("{}: cannot read: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure::input(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A listing that cannot be parsed, with what to do about text in no known format.
fn parse_failure(e: ParseError, hint: &str) -> Failure {
    match e {
        ParseError::UnknownFormat { .. } => Failure::input(format!("{e} ({hint})")),
        ParseError::Empty { .. } => Failure::input(e.to_string()),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn cmd_parse(args: &[String]) -> Result<(), Failure> {
    let (positional, options) = split_args(args, &["--format", "--captured"])?;
    let [file] = positional.as_slice() else {
        return Err(Failure::usage("parse takes exactly one FILE"));
    };
    let path = Path::new(file);
    let mut opts = ParseOptions::new(file_name(path));
    for (flag, value) in options {
        match flag {
            "--format" => opts.format = parse_format(value).map_err(Failure::usage)?,
            _ => opts.captured = Some(parse_date(value).map_err(Failure::usage)?),
        }
    }
    let text = read(path)?;
    let parsed = parse(&text, &opts).map_err(|e| parse_failure(e, "pass one with --format"))?;
    if parsed.detected {
        eprintln!("{}: detected format {}", opts.file, parsed.format);
    }
    print_diagnostics(&parsed.diagnostics);
    eprintln!("{}: {} records, {} diagnostics", opts.file, parsed.papers.len(), parsed.diagnostics.len());
    let json = serde_json::to_string_pretty(&parsed.papers).map_err(|e| Failure::input(e.to_string()))?;
    emit(&format!("{json}\n"));
    Ok(())
}

/// `-o FILE` (or `--output FILE`), which `command` needs.
fn output<'a>(options: &[(&str, &'a str)], command: &str) -> Result<&'a str, Failure> {
    options
        .iter()
        .find(|(flag, _)| *flag == "-o" || *flag == "--output")
        .map(|(_, file)| *file)
        .ok_or_else(|| Failure::usage(format!("{command} needs -o FILE")))
}

/// `--part-size`, or the default.
fn part_size(options: &[(&str, &str)]) -> Result<usize, Failure> {
    match options.iter().find(|(flag, _)| *flag == "--part-size") {
        Some((_, size)) => {
            paperscope_corpus::parts::parse_size(size).map_err(|e| Failure::usage(format!("--part-size {e}")))
        }
        None => Ok(paperscope_corpus::parts::DEFAULT_PART_SIZE),
    }
}

fn cmd_split(args: &[String]) -> Result<(), Failure> {
    let (positional, options) = split_args(args, &["-o", "--output", "--part-size"])?;
    let [corpus] = positional.as_slice() else {
        return Err(Failure::usage("split takes one CORPUS (corpus.json, or its corpus.parts.json)"));
    };
    let output = output(&options, "split")?;
    let part_size = part_size(&options)?;
    let site = hosted::Site::open(corpus)?;
    let whole = site.corpus()?;
    let index = site
        .index()
        .unwrap_or_else(|why| {
            eprintln!("note: {why}; indexing the corpus");
            None
        })
        .unwrap_or_else(|| paperscope_search::Index::build(whole.papers.clone()).to_file());
    let map = site.map().unwrap_or_else(|why| {
        eprintln!("note: {why}; the parts will have no map");
        None
    });
    // The feeds an earlier build wrote stay where they are, listed again.
    let written = hosted::write(output, &whole, &index, map.as_deref(), part_size, site.feeds())?;
    print_written(&written);
    Ok(())
}

/// What `build` and `split` wrote, one line for the manifest.
fn print_written(written: &hosted::Written) {
    let parts = &written.parts;
    println!(
        "built {} (lists {} files, the page downloads {} bytes, the largest file {} bytes)",
        written.manifest,
        parts.files().count(),
        parts.total_bytes(true, true),
        parts.files().map(|p| p.bytes).max().unwrap_or(0)
    );
}

fn cmd_build(args: &[String]) -> Result<(), Failure> {
    let (positional, options) = split_args(args, &["-o", "--output", "--part-size"])?;
    let manifest_path = match positional.as_slice() {
        [] => Path::new("corpus/manifest.toml"),
        [one] => Path::new(one),
        _ => return Err(Failure::usage("build takes at most one MANIFEST")),
    };
    let output = output(&options, "build")?;
    let part_size = part_size(&options)?;
    let manifest = manifest::Manifest::load(manifest_path).map_err(Failure::input)?;
    let texts: Vec<String> = manifest.inputs.iter().map(|i| read(&i.path)).collect::<Result<_, _>>()?;
    let inputs: Vec<BuildInput<'_>> = manifest
        .inputs
        .iter()
        .zip(&texts)
        .map(|(i, text)| BuildInput {
            file: file_name(&i.path),
            text,
            format: i.format,
            captured: i.captured,
            label: i.label.clone(),
        })
        .collect();
    let built = build_corpus(&inputs).map_err(|e| parse_failure(e, "give the input a format in the manifest"))?;
    // The search index goes beside the corpus, so the explorer loads it instead of indexing every paper.
    let paper_count = built.corpus.papers.len();
    let engine = paperscope_search::Index::build(built.corpus.papers.clone());
    let index = engine.to_file();
    // The map (issue 13): the papers' places, regions and semantic vectors, for the map view and search by
    // meaning.
    let map = paperscope_map::MapFile::build(&built.corpus.papers);
    let map_bytes = map.to_bytes();
    // Atom feeds of the saved searches feeds.toml (beside the manifest) names.
    let feeds = feeds::Feeds::beside(manifest_path).map_err(Failure::input)?;
    let feed_links = match &feeds {
        Some(feeds) => feeds::write(&engine, feeds, Path::new(output)).map_err(Failure::input)?,
        None => Vec::new(),
    };
    drop(engine);
    for feed in &feed_links {
        println!("built {} (the feed {:?}, of the view ?{})", feed.file(), feed.title, feed.view);
    }
    let written = hosted::write(output, &built.corpus, &index, Some(&map_bytes), part_size, feed_links)?;

    print_diagnostics(&built.diagnostics);
    let c = &built.corpus.counts;
    let names = |parts: &[paperscope_corpus::parts::Part]| {
        let names: Vec<&str> = parts.iter().map(|p| p.file.as_str()).collect();
        match names.as_slice() {
            [one] => one.to_string(),
            [first, .., last] => format!("{first} .. {last} ({} parts)", names.len()),
            [] => String::new(),
        }
    };
    let parts = &written.parts;
    println!("built {} (the corpus: {paper_count} papers)", names(&parts.corpus));
    println!(
        "built {} (the search index over its {paper_count} papers, {} bytes)",
        names(&parts.index.parts),
        index.len()
    );
    println!(
        "built {} (the map: {} regions for the whole map, {} dimensions of meaning over {} terms, {} bytes)",
        names(&parts.map.parts),
        map.levels.first().map_or(0, |l| l.centres.len()),
        map.space.projection.dims,
        map.space.terms.len(),
        map_bytes.len()
    );
    print_written(&written);
    for input in &built.corpus.inputs {
        println!(
            "  {:<28} {:<15} {:>5} records  {:>3} diagnostics",
            input.file, input.format, input.records, input.diagnostics
        );
    }
    println!(
        "  {} records -> {} papers ({} merged as duplicates), {} untitled, {} with an arXiv id, {} with a topic, {} diagnostics",
        c.records, c.papers, c.merged, c.untitled, c.with_arxiv_id, c.with_topic, c.diagnostics
    );
    Ok(())
}
