//! The hostile-input benchmark: each kind of input an attacker (or an unlucky copy and paste) can hand
//! Paperscope, at three sizes four times apart, with the time and the peak heap each takes. Linear work shows
//! as a time ratio near 4 from one size to the next; a quadratic path would show 16. Each time is the
//! fastest of three runs. Run with
//! `cargo xtask bench hostile` (release build). It prints figures; it asserts nothing.
//!
//! `PAPERSCOPE_HOSTILE_ONLY=<part of a name>` runs the matching cases; `PAPERSCOPE_HOSTILE_SCALE=N`
//! multiplies every size by N; `PAPERSCOPE_HOSTILE_FACTORS=1` runs only the smallest size (for profiling).

mod alloc;

use std::time::Instant;

use paperscope_corpus::{bibtex, build_corpus, merge_and_finish, parse, text, BuildInput, Paper, ParseOptions};
use paperscope_search::url::ViewState;
use paperscope_search::{Index, Request};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// Runs per size, the fastest counting.
const RUNS: usize = 3;

/// The work to time, and the input's size in bytes.
type Work = (Box<dyn FnOnce()>, usize);

/// One kind of input: its name, what it is, the size unit, and a run over `n` units.
struct Case {
    name: &'static str,
    what: &'static str,
    /// Units at the smallest size.
    base: usize,
    /// Makes the input for `n` units (untimed) and returns the work to time, and the input's size in bytes.
    make: fn(usize) -> Work,
}

fn json_records(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"title\": \"Paper number {i} on robust learning\", \"abstract\": \"We study problem {i}. It matters. We give an algorithm with guarantees and experiments on many benchmarks.\", \"authors\": [\"A. Author\", \"B. Writer\"], \"categories\": [\"cs.LG\"]}}"
            )
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// Times `run` over an input of `bytes`.
fn work<T>(bytes: usize, run: impl FnOnce() -> T + 'static) -> Work {
    (
        Box::new(move || {
            std::hint::black_box(run());
        }),
        bytes,
    )
}

fn parse_text(name: &'static str, text: String) -> Work {
    let len = text.len();
    (
        Box::new(move || {
            let parsed = parse(&text, &ParseOptions::new(name));
            std::hint::black_box(parsed.map(|p| (p.papers.len(), p.diagnostics.len())).ok());
        }),
        len,
    )
}

fn normalize_text(text: String) -> Work {
    let len = text.len();
    work(len, move || text::normalize(&text))
}

fn paper(title: String, abstract_text: String) -> Paper {
    Paper { title, abstract_text, ..Paper::default() }
}

/// Merging records, sized by their text.
fn merging(records: Vec<Paper>) -> Work {
    let len = records
        .iter()
        .map(|p| p.title.len() + p.abstract_text.len() + p.authors.iter().map(String::len).sum::<usize>())
        .sum();
    work(len, move || merge_and_finish(records))
}

fn search(papers: Vec<Paper>, request: Request, bytes: usize) -> Work {
    let index = Index::build(papers);
    work(bytes, move || index.search(&request))
}

const CASES: &[Case] = &[
    Case {
        name: "json-array",
        what: "a JSON array of paper records (a conference list)",
        base: 5_000,
        make: |n| parse_text("list.json", format!("[\n{}\n]", json_records(n))),
    },
    Case {
        name: "json-lines",
        what: "the same records as JSON Lines",
        base: 5_000,
        make: |n| parse_text("list.jsonl", json_records(n).replace(",\n", "\n")),
    },
    Case {
        name: "latex-nested-braces",
        what: "a title of n `{` then n `}`",
        base: 62_500,
        make: |n| normalize_text(format!("{}x{}", "{".repeat(n), "}".repeat(n))),
    },
    Case {
        name: "latex-nested-emph",
        what: "n nested `\\emph{`",
        base: 10_000,
        make: |n| normalize_text(format!("{}x{}", "\\emph{".repeat(n), "}".repeat(n))),
    },
    Case {
        name: "latex-nested-scripts",
        what: "n nested `x^{` in math",
        base: 10_000,
        make: |n| normalize_text(format!("${}y{}$", "x^{ab".repeat(n), "}".repeat(n))),
    },
    Case {
        name: "latex-unclosed-braces",
        what: "n `{` never closed",
        base: 62_500,
        make: |n| normalize_text("{a".repeat(n)),
    },
    Case {
        name: "url-closing-brackets",
        what: "a URL followed by n `)`",
        base: 62_500,
        make: |n| {
            let text = format!("see https://example.org/a{}", ")".repeat(n));
            let len = text.len();
            work(len, move || text::urls(&text))
        },
    },
    Case {
        name: "urls-repeated",
        what: "n copies of one http:// URL (no https://)",
        base: 16_000,
        make: |n| {
            let text = "http://example.org/x ".repeat(n);
            let len = text.len();
            work(len, move || (text::urls(&text), text::normalize(&text)))
        },
    },
    Case {
        name: "arxiv-feed-blank-lines",
        what: "an arXiv feed entry with n blank lines before its Created line",
        base: 62_500,
        make: |n| {
            parse_text(
                "feed.txt",
                format!("We study a problem.\n\narXiv:2501.00001\n{}Created: 2025-01-02\n", "\n".repeat(n)),
            )
        },
    },
    Case {
        name: "hf-daily-dots",
        what: "n `·` lines with nothing around them",
        base: 62_500,
        make: |n| parse_text("daily.txt", "Daily Papers\n·\n".repeat(n)),
    },
    Case {
        name: "profile-thumbnails",
        what: "an author profile of n entries",
        base: 4_000,
        make: |n| {
            let entries: String = (0..n)
                .map(|i| format!("Thumbnail for Paper {i}\n\nPaper {i}\n\nWe study thing {i}. It is hard...\n\n"))
                .collect();
            parse_text("profile.txt", format!("Jason D. Lee\n\n117 papers on arXiv\n\nPapers on arXiv\n\n{entries}"))
        },
    },
    Case {
        name: "non-papers",
        what: "n lines of JSON that is not JSON (one diagnostic each)",
        base: 62_500,
        make: |n| parse_text("junk.jsonl", "{not json\n".repeat(n)),
    },
    Case {
        name: "slug-collisions",
        what: "n untitled-alike papers whose ids collide (-2, -3, ...)",
        base: 5_000,
        make: |n| {
            let common = "A very long common title prefix that fills the whole slug of sixty chars";
            let records: Vec<Paper> =
                (0..n).map(|i| paper(format!("{common} variant {i}"), format!("Abstract {i}."))).collect();
            merging(records)
        },
    },
    Case {
        name: "shared-abstract",
        what: "n records with different titles and one abstract",
        base: 5_000,
        make: |n| {
            let abstract_text = "We study a problem that many papers study, and show it is hard in general. ".repeat(3);
            let records: Vec<Paper> =
                (0..n).map(|i| paper(format!("Title number {i} of many"), abstract_text.clone())).collect();
            merging(records)
        },
    },
    Case {
        name: "truncated-abstracts",
        what: "n/2 records with one abstract cut short, n/2 whose full abstracts it starts",
        base: 5_000,
        make: |n| {
            let start = "We study a problem that many papers study, and show that it is hard in general";
            let records: Vec<Paper> = (0..n)
                .map(|i| {
                    let cut = i % 2 == 0;
                    let text =
                        if cut { format!("{start} and...") } else { format!("{start} and then solve case {i}.") };
                    Paper { abstract_truncated: cut, ..paper(format!("Distinct title number {i}"), text) }
                })
                .collect();
            merging(records)
        },
    },
    Case {
        name: "merge-authors",
        what: "two records of one paper with n authors each",
        base: 25_000,
        make: |n| {
            let record = |offset: usize| Paper {
                arxiv_id: Some("2501.00001".into()),
                authors: (0..n).map(|i| format!("Author {}", i + offset)).collect(),
                ..paper("One paper".into(), "Its abstract.".into())
            };
            let records = vec![record(0), record(n / 2)];
            merging(records)
        },
    },
    Case {
        name: "build-huge-fields",
        what: "a JSON record with an n-character title and n authors (cut at the field limits)",
        base: 62_500,
        make: |n| {
            let authors: Vec<String> = (0..n / 10).map(|i| format!("\"Au {i}\"")).collect();
            let text = format!(
                "{{\"title\": \"{}\", \"abstract\": \"x\", \"authors\": [{}]}}\n",
                "long-".repeat(n / 5),
                authors.join(",")
            );
            work(text.len(), move || {
                let input =
                    BuildInput { file: "big.jsonl".into(), text: &text, format: None, captured: None, label: None };
                build_corpus(&[input]).map(|b| b.corpus.papers.len()).ok()
            })
        },
    },
    Case {
        name: "highlight-hyphenated-title",
        what: "searching `foo` in one paper titled `foo-foo-...` (n parts)",
        base: 25_000,
        make: |n| {
            let title = "foo-".repeat(n);
            let bytes = title.len();
            search(vec![paper(title, "foo bar".into())], Request::new("foo"), bytes)
        },
    },
    Case {
        name: "snippet-many-matches",
        what: "searching `foo` in one abstract of n `foo` words",
        base: 25_000,
        make: |n| {
            let text = "foo ".repeat(n);
            let bytes = text.len();
            search(vec![paper("A title".into(), text)], Request::new("foo"), bytes)
        },
    },
    Case {
        name: "link-facet-values",
        what: "a shared link with n facet values (parsed, then searched)",
        base: 25_000,
        make: |n| {
            let link: Vec<String> = (0..n).map(|i| format!("author=Author%20{i}")).collect();
            let link = link.join("&");
            let len = link.len();
            let papers: Vec<Paper> = (0..1000)
                .map(|i| Paper { authors: vec![format!("Author {i}")], ..paper(format!("P {i}"), "x".into()) })
                .collect();
            let index = Index::build(papers);
            work(len, move || index.search(&ViewState::parse(&link).request(20)))
        },
    },
    Case {
        name: "query-or-negations",
        what: "a query of n `a OR -b` alternatives over 10,000 papers",
        base: 2_500,
        make: |n| {
            let query: String = (0..n).map(|i| format!("w{i} OR -v{i} ")).collect();
            let papers: Vec<Paper> =
                (0..10_000).map(|i| paper(format!("Paper w{} v{}", i % 500, i % 300), "text".into())).collect();
            let bytes = query.len();
            search(papers, Request::new(query), bytes)
        },
    },
    Case {
        name: "bibtex-key-collisions",
        what: "exporting n papers that share one BibTeX key",
        base: 5_000,
        make: |n| {
            let papers: Vec<Paper> = (0..n)
                .map(|_| Paper { year: Some(2024), authors: vec!["Lee".into()], ..paper("Scaling".into(), "".into()) })
                .collect();
            let len = n * 20;
            work(len, move || bibtex::entries(&papers))
        },
    },
];

fn main() {
    let only = std::env::var("PAPERSCOPE_HOSTILE_ONLY").unwrap_or_default();
    let scale: usize = std::env::var("PAPERSCOPE_HOSTILE_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let factors: Vec<usize> = match std::env::var("PAPERSCOPE_HOSTILE_FACTORS") {
        Ok(list) => list.split(',').filter_map(|f| f.trim().parse().ok()).collect(),
        Err(_) => vec![1, 4, 16],
    };
    println!("| input | 1x: size, time, peak heap | 4x | 16x | time 4x/1x | time 16x/4x |");
    println!("|---|---|---|---|---:|---:|");
    for case in CASES.iter().filter(|c| c.name.contains(&only)) {
        let mut cells = Vec::new();
        let mut times = Vec::new();
        for &factor in factors.iter() {
            let n = case.base * factor * scale;
            // The fastest of up to three runs (one when a run takes over two seconds): this machine's other
            // work only ever adds time.
            let (mut took, mut peak, mut bytes) = (f64::MAX, 0, 0);
            for _ in 0..RUNS {
                let (work, len) = (case.make)(n);
                let before = alloc::current();
                alloc::reset_peak();
                let started = Instant::now();
                work();
                let t = started.elapsed().as_secs_f64();
                (took, peak, bytes) = (took.min(t), alloc::peak().saturating_sub(before), len);
                if t > 2.0 {
                    break;
                }
            }
            times.push(took);
            cells.push(format!("{} · {} · {}", size(bytes), duration(took), size(peak)));
        }
        let ratios: Vec<String> = times.windows(2).map(|t| format!("{:.1}", t[1] / t[0].max(1e-9))).collect();
        println!("| {} ({}) | {} | {} |", case.name, case.what, cells.join(" | "), ratios.join(" | "));
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}

fn duration(secs: f64) -> String {
    if secs >= 1.0 {
        format!("{secs:.2} s")
    } else {
        format!("{:.1} ms", secs * 1000.0)
    }
}
