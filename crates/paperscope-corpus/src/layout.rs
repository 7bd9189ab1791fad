//! The layout [`Corpus::to_json`] writes: a first line holding everything but the papers and ending in
//! `"papers":[`, then one paper a line (each but the last followed by a comma), then `]}`. A document laid
//! out so is read a line (a paper) at a time, several times faster than a JSON reader taking a byte at a
//! time (in WebAssembly 0.4 s instead of 1.7 s for 185 MB), or split into its papers' lines without reading
//! any ([`PaperLines`]), so the explorer can keep the text and read a paper when it is asked for. Any other
//! layout is read as plain JSON.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use serde::Deserialize;

use crate::schema::{check_start, Corpus, CorpusError, Paper};

impl Corpus {
    /// Reads a corpus document from a reader, a buffer at a time, so the whole text never needs to be in
    /// memory. The same errors as [`Corpus::from_json`], with real line numbers.
    pub fn from_reader<R: Read>(reader: R) -> Result<Corpus, CorpusError> {
        let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
        let unreadable = |e: std::io::Error| malformed(1, 1, format!("could not be read: {e}"));
        check_start(reader.fill_buf().map_err(unreadable)?)?;
        let mut first = Vec::new();
        reader.read_until(b'\n', &mut first).map_err(unreadable)?;
        match header(&first) {
            Some(corpus) => read_lines(reader, corpus?),
            None => Corpus::checked(serde_json::from_reader(std::io::Cursor::new(first).chain(reader))),
        }
    }
}

/// Reads the papers of a document in the line layout into `corpus`, after its first line.
fn read_lines(mut reader: impl BufRead, mut corpus: Corpus) -> Result<Corpus, CorpusError> {
    let (mut line, mut number, mut more) = (Vec::new(), 1, true);
    loop {
        line.clear();
        number += 1;
        let n =
            reader.read_until(b'\n', &mut line).map_err(|e| malformed(number, 1, format!("could not be read: {e}")))?;
        if n == 0 {
            return Err(malformed(number, 1, "the document ends before its list of papers is closed".into()));
        }
        match row(&line, more, number)? {
            Row::End => {
                let mut rest = Vec::new();
                reader.read_to_end(&mut rest).map_err(|e| malformed(number, 3, format!("could not be read: {e}")))?;
                after_end(more && !corpus.papers.is_empty(), number, &rest)?;
                corpus.papers.shrink_to_fit();
                return Ok(corpus);
            }
            Row::Paper { text, comma } => {
                corpus.papers.push(read_paper(text, number)?);
                more = comma;
            }
        }
    }
}

/// A corpus document in the line layout, split into its papers' lines, none of them read: the document's
/// text is kept whole and a paper is read ([`PaperLines::read`]) when it is asked for. Splitting checks what
/// reading a line at a time checks, but reads no paper: a paper's own mistakes (not JSON, not UTF-8, a field
/// of the wrong type) show when it is read.
pub struct PaperLines {
    /// Everything but the papers.
    pub corpus: Corpus,
    text: Vec<u8>,
    /// Each paper's line: where it starts and ends in `text` (without its comma and line end). Paper `i`
    /// is on line `i + 2` of the document.
    lines: Vec<(u32, u32)>,
}

impl PaperLines {
    /// Splits a corpus document into its papers' lines. `Ok(Err(text))`, the text given back, when the
    /// document is not in the line layout, to be read as plain JSON.
    pub fn split(text: String) -> Result<Result<PaperLines, Vec<u8>>, CorpusError> {
        let mut splitting = Splitting::new(text.len());
        splitting.pending = text.into_bytes();
        splitting.scan()?;
        splitting.finish()
    }

    /// How many papers the document holds.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Paper `i`'s line (its JSON, as bytes), empty when there is no such paper.
    fn bytes(&self, i: usize) -> &[u8] {
        self.lines.get(i).map_or(&[], |&(start, end)| &self.text[start as usize..end as usize])
    }

    /// Reads paper `i` (an error says its line and column in the document).
    pub fn read(&self, i: usize) -> Result<Paper, CorpusError> {
        read_paper(self.bytes(i), i + 2)
    }

    /// Paper `i`'s id, read alone (its line starts with it as [`Corpus::to_json`] writes it; otherwise the
    /// line is looked through for it). Empty when the line is not a paper with an id.
    pub fn id(&self, i: usize) -> Cow<'_, str> {
        let line = self.bytes(i);
        if let Some(rest) = line.strip_prefix(b"{\"id\":\"") {
            if let Some(end) = memchr::memchr2(b'"', b'\\', rest).filter(|&end| rest[end] == b'"') {
                return std::str::from_utf8(&rest[..end]).map_or(Cow::Borrowed(""), Cow::Borrowed);
            }
        }
        #[derive(Deserialize)]
        struct Id<'a> {
            #[serde(borrow, default)]
            id: Cow<'a, str>,
        }
        serde_json::from_slice::<Id>(line).map(|id| id.id).unwrap_or_default()
    }

    /// Paper `i`'s title and abstract, read alone (borrowed from the text unless they hold escapes); `None`
    /// when the line is not a paper.
    pub fn title_and_abstract(&self, i: usize) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
        #[derive(Deserialize)]
        struct Text<'a> {
            #[serde(borrow, default)]
            title: Cow<'a, str>,
            #[serde(borrow, default, rename = "abstract")]
            abstract_text: Cow<'a, str>,
        }
        let text: Text = serde_json::from_slice(self.bytes(i)).ok()?;
        Some((text.title, text.abstract_text))
    }
}

/// A corpus document being split into [`PaperLines`] as its bytes come ([`Splitting::push`]), so a page
/// can copy a download into its memory a piece at a time, each line looked at once.
pub struct Splitting {
    /// Bytes not yet looked at, from the start of a line; the whole document when it is laid out otherwise.
    pending: Vec<u8>,
    /// The papers' lines, kept (see [`compact`]), and the room to make for them once the header says the
    /// document is laid out a paper a line.
    text: Vec<u8>,
    room: usize,
    lines: Vec<(u32, u32)>,
    /// The header, once its line has come; `None` inside for another layout (read as plain JSON).
    header: Option<Option<Corpus>>,
    /// The last line looked at (1-based), whether a paper may come next, whether `]}` has come.
    number: usize,
    more: bool,
    ended: bool,
}

impl Splitting {
    /// Room for a document of `bytes` bytes (made once it shows the line layout).
    pub fn new(bytes: usize) -> Splitting {
        Splitting {
            pending: Vec::new(),
            text: Vec::new(),
            room: bytes,
            lines: Vec::new(),
            header: None,
            number: 0,
            more: true,
            ended: false,
        }
    }

    /// The document's next bytes. Once the header has been read, the lines they complete are looked at where
    /// they are, and only an unfinished last line is kept for the next bytes (a copy of the document less).
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), CorpusError> {
        if self.header.is_none() || self.ended || self.header == Some(None) {
            self.pending.extend_from_slice(bytes);
            return self.scan();
        }
        let mut rest = bytes;
        if !self.pending.is_empty() {
            let Some(end) = memchr::memchr(b'\n', rest).map(|i| i + 1) else {
                self.pending.extend_from_slice(rest);
                return Ok(());
            };
            self.pending.extend_from_slice(&rest[..end]);
            rest = &rest[end..];
            let line = std::mem::take(&mut self.pending);
            self.line(&line)?;
            self.pending = line;
            self.pending.clear();
        }
        while !self.ended {
            let Some(end) = memchr::memchr(b'\n', rest).map(|i| i + 1) else { break };
            self.line(&rest[..end])?;
            rest = &rest[end..];
        }
        self.pending.extend_from_slice(rest);
        Ok(())
    }

    /// Looks at every complete line of `pending` not yet looked at, and forgets them (the header's line, and
    /// the bytes after the end of the list).
    fn scan(&mut self) -> Result<(), CorpusError> {
        let mut at = 0;
        let pending = std::mem::take(&mut self.pending);
        while !self.ended && self.header != Some(None) {
            let Some(end) = memchr::memchr(b'\n', &pending[at..]).map(|i| at + i + 1) else { break };
            if self.header.is_none() {
                check_start(&pending)?;
            }
            self.line(&pending[at..end])?;
            at = end;
        }
        self.pending = pending;
        if self.header != Some(None) {
            self.pending.drain(..at);
        }
        Ok(())
    }

    /// Looks at the document's next line (its line end included, or the text's end).
    fn line(&mut self, line: &[u8]) -> Result<(), CorpusError> {
        self.number += 1;
        if self.header.is_none() {
            self.header = Some(header(line).transpose()?);
            if matches!(self.header, Some(Some(_))) {
                self.text.reserve_exact(self.room);
            }
            return Ok(());
        }
        match row(line, self.more, self.number)? {
            Row::End => self.ended = true,
            Row::Paper { text, comma } => {
                let from = self.text.len();
                compact(text, &mut self.text);
                let (Ok(from), Ok(to)) = (u32::try_from(from), u32::try_from(self.text.len())) else {
                    return Err(malformed(
                        self.number,
                        1,
                        "the document is over 4 GiB: split it (paperscope split)".into(),
                    ));
                };
                self.lines.push((from, to));
                self.more = comma;
            }
        }
        Ok(())
    }

    /// The document split, once all its bytes have come; `Ok(Err(text))` when it is not in the line layout.
    pub fn finish(mut self) -> Result<Result<PaperLines, Vec<u8>>, CorpusError> {
        if !self.ended && self.header != Some(None) && !self.pending.is_empty() {
            if self.header.is_none() {
                check_start(&self.pending)?;
            }
            let last = std::mem::take(&mut self.pending);
            self.line(&last)?;
            if self.header == Some(None) {
                self.pending = last;
            }
        }
        let corpus = match self.header {
            None => {
                check_start(&self.pending)?;
                return Ok(Err(self.pending));
            }
            Some(None) => return Ok(Err(self.pending)),
            Some(Some(corpus)) => corpus,
        };
        if !self.ended {
            return Err(malformed(self.number + 1, 1, "the document ends before its list of papers is closed".into()));
        }
        after_end(self.more && !self.lines.is_empty(), self.number, &self.pending)?;
        self.text.shrink_to_fit();
        self.lines.shrink_to_fit();
        Ok(Ok(PaperLines { corpus, text: self.text, lines: self.lines }))
    }
}

/// Appends a paper's line to `out` without the fields that hold their default value as [`Corpus::to_json`]
/// writes them (`,"venue":null`, `,"topics":[]`: ~200 bytes of a paper's ~1,850), which a paper read back
/// takes anyway. A `,"` in the line is always a field's start or a string's end (a quote inside a string is
/// escaped), so only fields are left out.
fn compact(line: &[u8], out: &mut Vec<u8>) {
    let mut copied = 0;
    for colon in memchr::memchr_iter(b':', line) {
        // A value `null`, `false` or `[]` after a quoted name (a colon just after an unescaped quote ends a
        // field's name)...
        let value = &line[colon + 1..];
        let len = match value.first() {
            Some(b'n') if value.starts_with(b"null") => 4,
            Some(b'f') if value.starts_with(b"false") => 5,
            Some(b'[') if value.starts_with(b"[]") => 2,
            _ => continue,
        };
        if colon < 2 || line[colon - 1] != b'"' || !matches!(value.get(len), Some(b',' | b'}')) {
            continue;
        }
        // ... of a field of ours that holds it by default, which a comma put there.
        let Some(open) = memchr::memrchr(b'"', &line[..colon - 1]) else { continue };
        let default = match &line[open + 1..colon - 1] {
            b"untitled" | b"abstract_truncated" => len == 5,
            b"arxiv_id" | b"published" | b"updated" | b"year" | b"author_count" | b"organization" | b"upvotes"
            | b"comment" | b"pages" | b"figures" | b"venue" | b"venue_status" => len == 4,
            b"authors" | b"code_urls" | b"topics" | b"categories" | b"sources" => len == 2,
            _ => false,
        };
        if default && open > copied && line[open - 1] == b',' {
            out.extend_from_slice(&line[copied..open - 1]);
            copied = colon + 1 + len;
        }
    }
    out.extend_from_slice(&line[copied..]);
}

/// The header of a document in the line layout, read from its first line (`{..., "papers":[`); `None`
/// when the document is laid out otherwise (or its first line is not such a header).
fn header(first: &[u8]) -> Option<Result<Corpus, CorpusError>> {
    let head = trim_line_end(first);
    if !head.ends_with(b"\"papers\":[") {
        return None;
    }
    let mut header = head.to_vec();
    header.extend_from_slice(b"]}");
    let corpus = serde_json::from_slice::<Corpus>(&header).ok()?;
    Some(Corpus::checked(Ok(corpus)))
}

/// A line after the header: a paper's JSON (and whether a comma followed it), or the end of the list.
enum Row<'a> {
    Paper { text: &'a [u8], comma: bool },
    End,
}

/// What line `number` is, `more` saying whether a paper may come (the line before ended in a comma).
fn row(line: &[u8], more: bool, number: usize) -> Result<Row<'_>, CorpusError> {
    let text = trim_line_end(line);
    if text == b"]}" {
        return Ok(Row::End);
    }
    if !more {
        return Err(malformed(number, 1, "expected `]}` after the last paper (the line before has no comma)".into()));
    }
    Ok(match text.strip_suffix(b",") {
        Some(text) => Row::Paper { text, comma: true },
        None => Row::Paper { text, comma: false },
    })
}

/// After `]}` on line `number`: the last paper must not have been followed by a comma (`comma`), and only
/// white space may follow (`rest`, from the next line).
fn after_end(comma: bool, number: usize, rest: &[u8]) -> Result<(), CorpusError> {
    if comma {
        return Err(malformed(number - 1, 1, "the last paper is followed by a comma".into()));
    }
    if let Some(extra) = rest.iter().position(|b| !b.is_ascii_whitespace()) {
        let (line, column) = position_in(rest, extra);
        return Err(malformed(number + 1 + line, column, "trailing characters".into()));
    }
    Ok(())
}

/// Reads the paper on line `number`.
fn read_paper(text: &[u8], number: usize) -> Result<Paper, CorpusError> {
    serde_json::from_slice(text).map_err(|e| {
        malformed(number, e.column().max(1), e.to_string().split(" at line ").next().unwrap_or_default().into())
    })
}

fn malformed(line: usize, column: usize, message: String) -> CorpusError {
    CorpusError::Malformed { line, column, message }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let end = line.iter().rposition(|b| !b" \t\r\n".contains(b)).map_or(0, |i| i + 1);
    &line[..end]
}

/// The 0-based line and 1-based column of byte `at` in `bytes`.
fn position_in(bytes: &[u8], at: usize) -> (usize, usize) {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, at - start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CORPUS_VERSION;

    fn corpus(papers: Vec<Paper>) -> Corpus {
        Corpus { version: CORPUS_VERSION, inputs: Vec::new(), counts: Default::default(), papers }
    }

    fn split(text: &str) -> Result<PaperLines, CorpusError> {
        PaperLines::split(String::from(text)).map(|split| split.unwrap_or_else(|_| panic!("not in lines: {text}")))
    }

    /// The same, the text given a few bytes at a time.
    fn split_in_pieces(text: &str, piece: usize) -> Result<Result<PaperLines, Vec<u8>>, CorpusError> {
        let mut splitting = Splitting::new(text.len());
        for bytes in text.as_bytes().chunks(piece) {
            splitting.push(bytes)?;
        }
        splitting.finish()
    }

    #[test]
    fn split_lines_read_as_the_line_reader_reads() {
        let mut papers: Vec<Paper> = (0..4)
            .map(|i| Paper {
                id: if i == 1 { "a\"quoted\" id".into() } else { format!("p{i}") },
                title: format!("Line\nbreak {i}, ]}} \u{e9}"),
                abstract_text: format!("Abstract {i}"),
                authors: vec![format!("Author {i}")],
                ..Paper::default()
            })
            .collect();
        // Fields left at their default are left out of the text kept; these are not, and look like them.
        papers[2] = Paper {
            id: "p2".into(),
            title: "Ends in a comma,".into(),
            untitled: true,
            abstract_text: "Quoted: ,\"venue\":null, and ,\"topics\":[] in the text,".into(),
            venue: Some("null".into()),
            topics: vec!["Vision".into()],
            year: Some(2025),
            upvotes: Some(0),
            ..Paper::default()
        };
        papers[3] = Paper { id: "p3".into(), ..Paper::default() };
        let whole = corpus(papers.clone());
        let text = whole.to_json().expect("serialises");
        for text in [text.clone(), text.replace('\n', "\r\n"), text.trim_end().to_string()] {
            let lines = split(&text).expect("splits");
            assert!(
                lines.text.len() < text.len() * 3 / 4,
                "defaults left out: {}",
                String::from_utf8_lossy(&lines.text)
            );
            let pieces = split_in_pieces(&text, 5).expect("splits").expect("in lines");
            assert_eq!((pieces.text, pieces.lines), (lines.text.clone(), lines.lines.clone()));
            assert_eq!(lines.corpus, corpus(Vec::new()));
            assert_eq!(lines.len(), 4);
            let read: Vec<Paper> = (0..lines.len()).map(|i| lines.read(i).expect("reads")).collect();
            assert_eq!(read, Corpus::from_reader(text.as_bytes()).expect("reads").papers);
            for (i, paper) in papers.iter().enumerate() {
                assert_eq!(lines.id(i), paper.id, "escaped or not");
                let (title, abstract_text) = lines.title_and_abstract(i).expect("a paper");
                assert_eq!(
                    (title.as_ref(), abstract_text.as_ref()),
                    (paper.title.as_str(), paper.abstract_text.as_str())
                );
            }
            assert_eq!(lines.id(9), "", "no such paper");
        }
        let empty = corpus(Vec::new()).to_json().expect("serialises");
        assert!(split(&empty).expect("splits").is_empty());
        // Another layout is given back whole, for a JSON reader.
        let one_line = serde_json::to_string(&whole).expect("serialises");
        assert_eq!(PaperLines::split(one_line.clone()).expect("a corpus").err(), Some(one_line.clone().into_bytes()));
        assert_eq!(split_in_pieces(&one_line, 7).expect("a corpus").err(), Some(one_line.into_bytes()));
    }

    #[test]
    fn an_id_written_elsewhere_in_the_line_is_found() {
        let empty = corpus(Vec::new()).to_json().expect("serialises");
        let text = empty.replace("\n]}", "\n{\"title\":\"T\",\"id\":\"x\\u0041\"},\n{\"id\":\"ok\"}\n]}");
        let lines = split(&text).expect("splits");
        assert_eq!((lines.id(0).as_ref(), lines.id(1).as_ref()), ("xA", "ok"));
    }

    #[test]
    fn splitting_finds_the_line_readers_errors_and_reading_a_paper_its_own() {
        let good = corpus(vec![Paper { id: "a".into(), ..Paper::default() }]).to_json().expect("serialises");
        let bad_paper = good.replace("\"id\":\"a\"", "\"id\":7");
        let lines = split(&bad_paper).expect("the layout is sound");
        let from_reader = Corpus::from_reader(bad_paper.as_bytes()).unwrap_err();
        assert_eq!(lines.read(0).unwrap_err(), from_reader);
        assert!(from_reader.to_string().contains("line 2"), "{from_reader}");
        assert_eq!(lines.id(0), "", "an id that is not text");
        for broken in [
            good.replace("\n]}", ",\n]}"),
            good.replace("]}\n", "]}\nmore\n"),
            good.replace("\n]}\n", "\n"),
            good.replace("\n]}", "\n{\"id\":\"b\"}\n]}"),
            good.replace("\n]}\n", ""),
            "<html>".to_string(),
            String::new(),
        ] {
            let reader = Corpus::from_reader(broken.as_bytes()).unwrap_err();
            let split = PaperLines::split(broken.clone()).err().unwrap_or_else(|| panic!("not refused: {broken:?}"));
            assert_eq!(split, reader, "{broken:?}");
            let pieces = split_in_pieces(&broken, 3).err().unwrap_or_else(|| panic!("not refused: {broken:?}"));
            assert_eq!(pieces, reader, "{broken:?} in pieces");
        }
        // A document with white space before it is read as plain JSON.
        let spaced = format!("\n{good}");
        assert!(PaperLines::split(spaced.clone()).expect("a corpus").is_err());
        assert_eq!(Corpus::from_reader(spaced.as_bytes()).expect("reads").papers.len(), 1);
    }

    proptest::proptest! {
        /// Whatever the papers hold (text that looks like a field left out, empty or absent values), their
        /// kept lines read back as the line reader reads them.
        #[test]
        fn kept_lines_read_back_as_written(
            fields in proptest::collection::vec(
                (r#"[a-z,":\\\[\]{} ]{0,12}"#, proptest::option::of(r#"[a-z,":nul]{0,8}"#), proptest::option::of(0u16..3000), proptest::bool::ANY),
                1..6,
            )
        ) {
            let papers: Vec<Paper> = fields
                .into_iter()
                .enumerate()
                .map(|(i, (text, venue, year, flag))| Paper {
                    id: format!("{text}{i}"),
                    title: text.clone(),
                    untitled: flag,
                    abstract_text: format!(",\"{text}\":null,"),
                    venue,
                    year,
                    topics: if flag { vec![text] } else { Vec::new() },
                    ..Paper::default()
                })
                .collect();
            let text = corpus(papers.clone()).to_json().expect("serialises");
            let lines = split(&text).expect("splits");
            for (i, paper) in papers.iter().enumerate() {
                proptest::prop_assert_eq!(&lines.read(i).expect("reads"), paper);
                proptest::prop_assert_eq!(lines.id(i), paper.id.as_str());
            }
        }
    }
}
