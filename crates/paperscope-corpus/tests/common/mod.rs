//! Helpers shared by the integration tests.
#![allow(dead_code)]

use paperscope_corpus::{parse, BuildInput, Date, Format, ParseOptions, Parsed};

pub fn parse_as(text: &str, format: Format) -> Parsed {
    parse(text, &ParseOptions::new("test.txt").format(format)).expect("parses")
}

pub fn parse_captured(text: &str, format: Format, captured: &str) -> Parsed {
    let date = Date::parse_iso(captured).expect("a date");
    parse(text, &ParseOptions::new("test.txt").format(format).captured(date)).expect("parses")
}

pub fn titles(parsed: &Parsed) -> Vec<&str> {
    parsed.papers.iter().map(|p| p.title.as_str()).collect()
}

/// The diagnostics as `line: severity: message` strings, for exact assertions.
pub fn diagnostics(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .map(|d| {
            let kind = d.severity.word();
            format!("{}: {kind}: {}", d.line, d.message)
        })
        .collect()
}

pub const SEED_000: &str = include_str!("../../../../corpus/seeds/000_9052d9d6ac201a62.txt");
pub const SEED_001: &str = include_str!("../../../../corpus/seeds/001_07f903aec76c83cb.txt");
pub const SEED_002: &str = include_str!("../../../../corpus/seeds/002_54862f56381ff4b5.txt");
pub const SEED_003: &str = include_str!("../../../../corpus/seeds/003_b3ec9fb090b6f345.txt");

/// The four seed pages as the seed manifest builds them.
pub fn seeds() -> Vec<BuildInput<'static>> {
    let input = |file: &str, text, format, captured: Option<&str>| BuildInput {
        file: file.to_string(),
        text,
        format: Some(format),
        captured: captured.and_then(Date::parse_iso),
        label: None,
    };
    vec![
        input("000_9052d9d6ac201a62.txt", SEED_000, Format::ArxivFeed, None),
        input("001_07f903aec76c83cb.txt", SEED_001, Format::HfSearch, None),
        input("002_54862f56381ff4b5.txt", SEED_002, Format::AuthorProfile, None),
        input("003_b3ec9fb090b6f345.txt", SEED_003, Format::HfDaily, Some("2026-05-28")),
    ]
}
