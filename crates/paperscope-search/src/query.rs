//! The query language.
//!
//! ```text
//! query      := item*                        items are ANDed
//! item       := alt ("OR" alt)*              alternatives, any of which may match
//! alt        := "-"? (phrase | qualified | word)
//! phrase     := '"' text '"'                 words in this order
//! qualified  := field ":" (phrase | value)
//! field      := title | abstract | author | venue | topic | id | arxiv
//!             | year | upvotes | pages       value: 2024, 2023..2025, >5, >=5, <20, <=20, ..2020, 2020..
//!             | has                          value: code | arxiv | venue | abstract
//!             | is                           value: saved | read | unread   (the library's)
//!             | tag | list | note            value: a tag, a list's name, words of a note
//! ```
//! A bare arXiv id (`2511.14710`) is an `id:` item. The last bare word is also matched as a prefix when the
//! caller says the user is still typing.
//!
//! [`parse`] is lenient, for a search box: it never fails, returns what it understood and lists what it
//! skipped (an unclosed quote runs to the end, a lone `-` or a dangling `OR` is dropped, `year:abc` is
//! ignored). [`parse_strict`] is for the command line: the first problem is an error with its span.

use serde::Serialize;

/// A text field a word can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Title,
    Abstract,
    Author,
    Venue,
    Topic,
}

/// A numeric field with ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumField {
    Year,
    Upvotes,
    Pages,
}

/// What `has:` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Has {
    Code,
    Arxiv,
    Venue,
    Abstract,
}

/// A condition on what the person keeps about a paper (`is:saved`, `tag:theory`, `list:"Reading list"`,
/// `note:word`), answered by the library that comes with the request ([`crate::LibraryIndex`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// In any list.
    Saved,
    Read,
    Unread,
    /// A tag, case, accents and punctuation aside.
    Tag(String),
    /// A list, by its name (case, accents and punctuation aside).
    List(String),
    /// Words of a note, each also as the start of a word (`note:hypoth` finds "hypothesis").
    Note(String),
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// Words (all of them), or with `phrase` the words in this order; optionally in one field.
    Text {
        text: String,
        field: Option<TextField>,
        phrase: bool,
        prefix: bool,
    },
    /// Any of these.
    Or(Vec<Clause>),
    /// A number within bounds (inclusive).
    Range {
        field: NumField,
        min: Option<i64>,
        max: Option<i64>,
    },
    Has(Has),
    /// A paper id (`arxiv:2511.14710`, a slug) or a bare arXiv id.
    Id(String),
    Not(Box<Clause>),
    /// A library condition, answered by the library that comes with the request.
    Mark(Mark),
    /// The documents a library condition matched (ascending): the engine puts these in place of
    /// [`Clause::Mark`] before it evaluates a query; [`parse`] never writes one.
    Docs(Vec<u32>),
}

/// A parsed query: its clauses, all of which must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Whether a clause asks the library (`is:saved`, `tag:`, `list:`, `note:`), negated or in an OR.
    pub fn reads_library(&self) -> bool {
        fn asks(clause: &Clause) -> bool {
            match clause {
                Clause::Mark(_) => true,
                Clause::Or(alts) => alts.iter().any(asks),
                Clause::Not(inner) => asks(inner),
                _ => false,
            }
        }
        self.clauses.iter().any(asks)
    }
}

/// A problem in a query, with the byte span it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at {}..{}: {}", self.start, self.end, self.message)
    }
}

/// Parses strictly: the first problem is an error.
pub fn parse_strict(input: &str) -> Result<Query, QueryError> {
    let (query, mut errors) = parse(input, false);
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(errors.remove(0))
    }
}

/// A lexed piece of the query: its text (quotes removed for phrases), span and kind.
#[derive(Debug)]
struct Piece<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    negated: bool,
    /// `Some(field)` for `field:value`.
    field: Option<&'a str>,
    quoted: bool,
    /// A phrase whose closing quote is missing: it runs to the end of the query.
    unclosed: bool,
}

/// The longest query read, in bytes (as Algolia caps a query at 512): a pasted abstract still fits, a
/// megabyte of `a OR -b` does not make every keystroke evaluate a hundred thousand clauses.
pub const MAX_QUERY_BYTES: usize = 1_000;

/// Parses leniently. `typing` marks the last bare word as a prefix. A query longer than
/// [`MAX_QUERY_BYTES`] is read up to there, and says so.
pub fn parse(input: &str, typing: bool) -> (Query, Vec<QueryError>) {
    let mut errors = Vec::new();
    let input = if input.len() > MAX_QUERY_BYTES {
        let mut cut = MAX_QUERY_BYTES;
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        errors.push(err(
            cut,
            input.len(),
            format!("the query is {} bytes long; only its first {MAX_QUERY_BYTES} are read", input.len()),
        ));
        &input[..cut]
    } else {
        input
    };
    let mut pieces = lex(input, &mut errors);
    let ends_in_space = input.ends_with(char::is_whitespace);
    if typing {
        // A phrase or a field still being typed is not a mistake yet: an unclosed quote is read as its words
        // (the last one a prefix, below) until it is closed.
        if let Some(last) = pieces.last_mut().filter(|p| p.unclosed) {
            errors.retain(|e| !e.message.starts_with("unclosed quote"));
            last.quoted = false;
        }
    }
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    // The word being typed: the last piece, bare or a text field's value (`author:le`), not a phrase.
    let last_bare = pieces.iter().rposition(|p| {
        let text_field = p.field.is_none_or(|f| TEXT_FIELDS.contains(&f.to_ascii_lowercase().as_str()));
        !p.quoted && text_field && p.text != "OR"
    });
    for (i, piece) in pieces.iter().enumerate() {
        if piece.text == "OR" && !piece.quoted && piece.field.is_none() && !piece.negated {
            if clauses.is_empty() || pending_or || i + 1 == pieces.len() {
                errors.push(err(piece.start, piece.end, "OR needs a term on each side"));
            } else {
                pending_or = true;
            }
            continue;
        }
        let prefix = typing && !ends_in_space && Some(i) == last_bare && piece.end == input.len();
        let Some(mut clause) = clause(piece, prefix, &mut errors) else {
            continue;
        };
        if piece.negated {
            clause = Clause::Not(Box::new(clause));
        }
        if pending_or {
            pending_or = false;
            match clauses.pop() {
                Some(Clause::Or(mut alts)) => {
                    alts.push(clause);
                    clauses.push(Clause::Or(alts));
                }
                Some(prev) => clauses.push(Clause::Or(vec![prev, clause])),
                None => clauses.push(clause),
            }
        } else {
            clauses.push(clause);
        }
    }
    (Query { clauses }, errors)
}

fn err(start: usize, end: usize, message: impl Into<String>) -> QueryError {
    QueryError { start, end, message: message.into() }
}

/// The fields whose value is text (matched by words, and as a prefix while typing).
const TEXT_FIELDS: &[&str] = &["title", "abstract", "author", "authors", "venue", "topic", "topics"];

/// The fields, as a note lists them.
const FIELD_LIST: &str =
    "title:, abstract:, author:, venue:, topic:, id:, year:, upvotes:, pages:, has:, is:, tag:, list: and note:";

/// The field names a qualifier may use.
pub const FIELDS: &[&str] = &[
    "title", "abstract", "author", "authors", "venue", "topic", "topics", "id", "arxiv", "year", "upvotes", "pages",
    "has", "is", "tag", "tags", "list", "note", "notes",
];

fn lex<'a>(input: &'a str, errors: &mut Vec<QueryError>) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < input.len() {
        let c = input[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let negated = c == '-';
        if negated {
            i += 1;
            if i >= input.len() || input[i..].starts_with(char::is_whitespace) {
                errors.push(err(start, i, "a lone `-` excludes nothing"));
                continue;
            }
        }
        // field:value, where the field is one of FIELDS followed by a colon. Any other `word:` is text, as
        // in a pasted title (`Computer Science: Scalable ...`).
        let field_len = input[i..].bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let mut field = None;
        if field_len > 0
            && bytes.get(i + field_len) == Some(&b':')
            && FIELDS.contains(&input[i..i + field_len].to_ascii_lowercase().as_str())
        {
            field = Some(&input[i..i + field_len]);
            i += field_len + 1;
        } else if field_len > 0
            && bytes.get(i + field_len) == Some(&b':')
            && bytes.get(i + field_len + 1).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'/')
        {
            // `foo:bar` looks like a field but is none (`Title: words` with a space, or a URL, does not).
            let word = &input[i..i + field_len];
            errors.push(err(
                start,
                start + field_len + 1,
                format!("{word}: is not a field, so it was read as words; the fields are {}", FIELD_LIST),
            ));
        }
        if input[i..].starts_with('"') {
            let open = i;
            i += 1;
            let close = input[i..].find('"').map(|k| i + k);
            let end = close.unwrap_or(input.len());
            if close.is_none() {
                errors.push(err(open, input.len(), "unclosed quote: the phrase runs to the end"));
            }
            pieces.push(Piece {
                text: &input[i..end],
                start,
                end: (end + 1).min(input.len()),
                negated,
                field,
                quoted: true,
                unclosed: close.is_none(),
            });
            i = (end + 1).min(input.len());
            continue;
        }
        let word_start = i;
        while i < input.len() {
            let c = input[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c == '"' {
                break;
            }
            i += c.len_utf8();
        }
        pieces.push(Piece {
            text: &input[word_start..i],
            start,
            end: i,
            negated,
            field,
            quoted: false,
            unclosed: false,
        });
    }
    pieces
}

fn clause(piece: &Piece<'_>, prefix: bool, errors: &mut Vec<QueryError>) -> Option<Clause> {
    let (start, end) = (piece.start, piece.end);
    let value = piece.text.trim();
    // Text with no letter or digit (`((((`, `--`) has no word to match: it is no clause, so the query
    // reads as if it were not there (and keeps the empty query's order).
    let text = |field| {
        value.chars().any(char::is_alphanumeric).then(|| Clause::Text {
            text: value.to_string(),
            field,
            phrase: piece.quoted,
            prefix,
        })
    };
    let Some(field) = piece.field else {
        if value.is_empty() {
            if piece.quoted {
                errors.push(err(start, end, "empty phrase"));
            }
            return None;
        }
        if !piece.quoted && paperscope_corpus::arxiv_id(value).is_some() {
            return Some(Clause::Id(value.to_string()));
        }
        return text(None);
    };
    if value.is_empty() {
        errors.push(err(start, end, format!("`{field}:` needs a value, as in {field}:{}", example(field))));
        return None;
    }
    match field.to_ascii_lowercase().as_str() {
        "title" => text(Some(TextField::Title)),
        "abstract" => text(Some(TextField::Abstract)),
        "author" | "authors" => text(Some(TextField::Author)),
        "venue" => text(Some(TextField::Venue)),
        "topic" | "topics" => text(Some(TextField::Topic)),
        "id" | "arxiv" => Some(Clause::Id(value.to_string())),
        "year" => range(NumField::Year, value, start, end, errors),
        "upvotes" => range(NumField::Upvotes, value, start, end, errors),
        "pages" => range(NumField::Pages, value, start, end, errors),
        "has" => match value.to_ascii_lowercase().as_str() {
            "code" => Some(Clause::Has(Has::Code)),
            "arxiv" => Some(Clause::Has(Has::Arxiv)),
            "venue" => Some(Clause::Has(Has::Venue)),
            "abstract" => Some(Clause::Has(Has::Abstract)),
            _ => {
                errors.push(err(
                    start,
                    end,
                    format!("has:{value} is unknown; use has:code, has:arxiv, has:venue or has:abstract"),
                ));
                None
            }
        },
        // The lexer only makes qualifiers of FIELDS.
        "is" => match value.to_ascii_lowercase().as_str() {
            "saved" => Some(Clause::Mark(Mark::Saved)),
            "read" => Some(Clause::Mark(Mark::Read)),
            "unread" => Some(Clause::Mark(Mark::Unread)),
            _ => {
                errors.push(err(start, end, format!("is:{value} is unknown; use is:saved, is:read or is:unread")));
                None
            }
        },
        "tag" | "tags" => Some(Clause::Mark(Mark::Tag(value.to_string()))),
        "list" => Some(Clause::Mark(Mark::List(value.to_string()))),
        "note" | "notes" => value.chars().any(char::is_alphanumeric).then(|| Clause::Mark(Mark::Note(value.into()))),
        _ => text(None),
    }
}

fn example(field: &str) -> &'static str {
    match field {
        "year" => "2023..2025",
        "upvotes" => ">5",
        "pages" => "<20",
        "has" => "code",
        "id" | "arxiv" => "2511.14710",
        "is" => "saved",
        "list" => "\"Reading list\"",
        _ => "transformer",
    }
}

/// `2024`, `2023..2025`, `2020..`, `..2020`, `>5`, `>=5`, `<20`, `<=20`, `=3`.
fn range(field: NumField, value: &str, start: usize, end: usize, errors: &mut Vec<QueryError>) -> Option<Clause> {
    let num = |s: &str| s.trim().parse::<i64>().ok();
    let bounds = if let Some((lo, hi)) = value.split_once("..") {
        let lo = if lo.is_empty() { Some(None) } else { num(lo).map(Some) };
        let hi = if hi.is_empty() { Some(None) } else { num(hi).map(Some) };
        match (lo, hi) {
            (Some(lo), Some(hi)) if lo.is_some() || hi.is_some() => Some((lo, hi)),
            _ => None,
        }
    } else if let Some(v) = value.strip_prefix(">=") {
        num(v).map(|n| (Some(n), None))
    } else if let Some(v) = value.strip_prefix("<=") {
        num(v).map(|n| (None, Some(n)))
    } else if let Some(v) = value.strip_prefix('>') {
        // `>9223372036854775807` asks for more than any number: saturating keeps it asking for nothing.
        num(v).map(|n| (Some(n.saturating_add(1)), None))
    } else if let Some(v) = value.strip_prefix('<') {
        num(v).map(|n| (None, Some(n.saturating_sub(1))))
    } else {
        num(value.trim_start_matches('=')).map(|n| (Some(n), Some(n)))
    };
    match bounds {
        Some((min, max)) => Some(Clause::Range { field, min, max }),
        None => {
            let name = match field {
                NumField::Year => "year",
                NumField::Upvotes => "upvotes",
                NumField::Pages => "pages",
            };
            errors.push(err(
                start,
                end,
                format!("{name}:{value} is not a number or range (try {name}:2024, {name}:2023..2025, {name}:>5)"),
            ));
            None
        }
    }
}
