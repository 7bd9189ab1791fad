//! The index file: everything in an index but the papers (terms, posting lists, length
//! norms, facet columns, sort orders, lookups), written by `paperscope build` next to the corpus so the
//! explorer loads it instead of tokenising every paper again (as Pagefind ships a prebuilt index). Only
//! hash maps are rebuilt on load, from the hashes stored.
//!
//! Layout, integers LEB128 unless said otherwise (`LE`: fixed width, little-endian):
//!
//! ```text
//! magic "PSINDEX\0" | engine fingerprint (u64 LE) | papers n | ids hash (u64 LE)
//! terms: text bytes, count, each term's length | surfaces: the same, then each surface's term id
//! compound terms: count, then their term ids in the order of their text
//! posting lists: the count of postings in all, then per term its count, document gaps, packed frequencies
//! length norms: n x 6 f32 LE | TF-IDF norms: n f32 LE
//! sort keys: 4 x n u32 LE | sort orders: 4 x n u32 LE
//! title keys: count, then (hash u64 LE, count, documents) | ids: count, then (hash u64 LE, document)
//! facets: per facet, its values (as terms), the count and value ids, n + 1 offset gaps; years: n
//! numbers: upvotes n, pages n (each the count + 1, 0 for none), `has:` flags n
//! checksum of everything above (u64 LE)
//! ```
//!
//! The engine fingerprint covers the format and everything that decides what is indexed (tokeniser,
//! stemmer, stopwords, frequency packing), so a file written by another version of the engine is refused
//! rather than misread; the ids hash ties the file to one corpus. A refused or damaged file is an error
//! saying which, never a panic: every count, id and offset is checked before it is used.

use std::fmt;

use std::borrow::Cow;

use crate::facets::{Column, Facets};
use crate::hash::{hash_bytes, hash_str, HashList};
use crate::index::{push_varint, AllPostings, Derived, Index, Numbers, Packed, Strings, Text, FIELDS, TF_BITS};
use crate::papers::{Papers, Unreadable};
use crate::tokenize::{each_raw, Tokenizer, STOPWORDS};

const MAGIC: &[u8; 8] = b"PSINDEX\0";

/// The index file that goes with a corpus file: `corpus.json` -> `corpus.index`.
pub fn index_file_name(corpus: &str) -> String {
    format!("{}.index", corpus.strip_suffix(".json").unwrap_or(corpus))
}

/// Bump when the layout changes.
const FORMAT: u32 = 6;

/// Text whose tokens (surface, stem, compound) go into the engine fingerprint.
const PROBE: &str = "Transformers' in-context learning of GPT-4, pass@K and Q-learning: 2511.14710v2 \
    Ünïcödé naïve résumé; the studies studied 2SLS models' optimisation.";

/// Why an index file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexFileError {
    /// The bytes do not start like an index file.
    NotAnIndex,
    /// Written by an engine that tokenises or lays out differently.
    OtherEngine,
    /// Written for another corpus: how many papers it was built over, and how many there are.
    OtherCorpus { file_papers: usize, papers: usize },
    /// The file ends before `offset` could be read.
    Truncated { offset: usize },
    /// A value at `offset` is impossible (out of range, out of order, not UTF-8).
    Corrupt { offset: usize, what: &'static str },
    /// The checksum does not match: the file was damaged after it was written.
    Checksum,
}

impl fmt::Display for IndexFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexFileError::NotAnIndex => write!(f, "not a Paperscope index file"),
            IndexFileError::OtherEngine => {
                write!(f, "written by a different version of Paperscope's search engine; rebuild it")
            }
            IndexFileError::OtherCorpus { file_papers, papers } if file_papers != papers => {
                write!(f, "built for a corpus of {file_papers} papers, not this one of {papers}; rebuild it")
            }
            IndexFileError::OtherCorpus { .. } => {
                write!(f, "built for another corpus (the paper ids differ); rebuild it")
            }
            IndexFileError::Truncated { offset } => write!(f, "cut short at byte {offset}"),
            IndexFileError::Corrupt { offset, what } => write!(f, "damaged at byte {offset}: {what}"),
            IndexFileError::Checksum => write!(f, "damaged (its checksum does not match)"),
        }
    }
}

impl std::error::Error for IndexFileError {}

/// The engine fingerprint as the hosted data's manifest names it (hex), so a page can tell before
/// downloading whether it could use an index file.
pub fn engine_fingerprint_hex() -> String {
    format!("{:016x}", engine_fingerprint())
}

/// A fingerprint of everything that decides the index's contents, so files from another engine are refused.
fn engine_fingerprint() -> u64 {
    let tokenizer = Tokenizer::default();
    let mut probe = format!("{FORMAT}|{TF_BITS:?}|{STOPWORDS:?}|");
    let mut buf = String::new();
    each_raw(PROBE, &mut buf, |surface, start, end, compound| {
        let term = if compound { surface.to_string() } else { tokenizer.stem(surface) };
        probe.push_str(&format!("{surface}>{term}@{start}-{end}{}|", u8::from(compound)));
    });
    hash_str(&probe)
}

/// Ties an index file to one corpus: a hash of the paper ids in order.
fn ids_hash<'a>(ids: impl Iterator<Item = Cow<'a, str>>) -> u64 {
    let mut all = String::new();
    for id in ids {
        all.push_str(&id);
        all.push('\0');
    }
    hash_str(&all)
}

/// A decoded index file, not yet joined to its papers (see [`Index::with_file`]). Reading it before the
/// papers lets its bytes be freed before the papers are allocated.
pub struct IndexFile {
    papers: usize,
    ids_hash: u64,
    /// The index's parts, waiting for their papers.
    text: Text,
    derived: Derived,
}

impl IndexFile {
    /// Decodes and checks an index file.
    pub fn read(bytes: &[u8]) -> Result<IndexFile, IndexFileError> {
        let mut reading = IndexFile::reading(bytes)?;
        while reading.step(usize::MAX)? {}
        reading.finish()
    }

    /// Starts decoding an index file a step at a time (the page decodes one of 42 MB at 100,000 papers
    /// between keystrokes): its header, checksum and vocabulary now, its postings by [`IndexFileReading::step`],
    /// the rest by [`IndexFileReading::finish`].
    pub fn reading(bytes: &[u8]) -> Result<IndexFileReading<'_>, IndexFileError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(IndexFileError::NotAnIndex);
        }
        let mut r = Reader { bytes, pos: MAGIC.len() };
        if r.u64()? != engine_fingerprint() {
            return Err(IndexFileError::OtherEngine);
        }
        let body_end = bytes.len().checked_sub(8).filter(|&e| e >= r.pos).ok_or(r.truncated())?;
        let mut tail = Reader { bytes, pos: body_end };
        if tail.u64()? != hash_bytes(&bytes[..body_end]) {
            return Err(IndexFileError::Checksum);
        }
        r.bytes = &bytes[..body_end];
        let n = r.varint()? as usize;
        let ids_hash = r.u64()?;
        let terms = r.strings()?;
        let surfaces = r.strings()?;
        let surface_terms = r.list(surfaces.len(), |r| r.below(terms.len(), "surface's term id out of range"))?;
        let count = r.varint()? as usize;
        let compounds = r.list(count, |r| r.below(terms.len(), "compound term id out of range"))?;
        if !compounds.windows(2).all(|w| terms.get(w[0] as usize) < terms.get(w[1] as usize)) {
            return Err(r.corrupt("compound terms out of order"));
        }
        let total = r.varint()? as usize;
        // A posting takes at least two bytes (its gap and its frequency): a count beyond that is a lie.
        if total > (r.bytes.len() - r.pos) / 2 {
            return Err(r.truncated());
        }
        let postings = AllPostings::with_capacity(terms.len(), total);
        Ok(IndexFileReading { r, n, ids_hash, terms, surfaces, surface_terms, compounds, total, postings })
    }
}

/// An index file being decoded (see [`IndexFile::reading`]).
pub struct IndexFileReading<'a> {
    r: Reader<'a>,
    n: usize,
    ids_hash: u64,
    terms: Strings,
    surfaces: Strings,
    surface_terms: Vec<u32>,
    compounds: Vec<u32>,
    /// The postings the file says it has, and those read so far.
    total: usize,
    postings: AllPostings,
}

impl IndexFileReading<'_> {
    /// Reads the postings of the next terms, at least one term's and about `postings` of them (a term's are
    /// read whole); `false` once every term's are read.
    pub fn step(&mut self, postings: usize) -> Result<bool, IndexFileError> {
        let (r, all, papers, total) = (&mut self.r, &mut self.postings, self.n, self.total);
        let until = all.len().saturating_add(postings);
        while all.terms() < self.terms.len() {
            let n = r.varint()? as usize;
            if n > total - all.len() {
                return Err(r.corrupt("more postings than the file says it has"));
            }
            let docs = |r: &mut Reader, docs: &mut Vec<u32>| {
                // Gaps add up to the next document: the last, the largest, is checked against the count.
                let mut next = 0u64;
                r.varints(n, docs, |gap| {
                    let doc = next + u64::from(gap);
                    next = doc + 1;
                    doc as u32
                })?;
                if next > papers as u64 {
                    return Err(r.corrupt("document number out of range"));
                }
                Ok(())
            };
            let tfs = |r: &mut Reader, tfs: &mut Vec<Packed>| {
                let mut wide = false;
                r.varints(n, tfs, |tf| {
                    wide |= tf > u32::from(Packed::MAX);
                    tf as Packed
                })?;
                if wide {
                    return Err(r.corrupt("term frequency out of range"));
                }
                Ok(())
            };
            all.read_term(r, docs, tfs)?;
            if all.len() >= until {
                break;
            }
        }
        Ok(all.terms() < self.terms.len())
    }

    /// The rest of the file, once the postings are read: the documents' norms, sort keys and facets.
    pub fn finish(self) -> Result<IndexFile, IndexFileError> {
        let IndexFileReading { mut r, n, ids_hash, terms, surfaces, surface_terms, compounds, total, postings } = self;
        if postings.terms() < terms.len() {
            return Err(r.corrupt("the postings are not all read"));
        }
        if postings.len() != total {
            return Err(r.corrupt("fewer postings than the file says it has"));
        }
        let length_norm = r.fixed(n, |b: &[u8; 4 * FIELDS]| {
            let mut norm = [0f32; FIELDS];
            for (x, b) in norm.iter_mut().zip(b.chunks_exact(4)) {
                *x = f32::from_bits(le_u32(b));
            }
            norm
        })?;
        let tfidf_norm = r.fixed(n, |b: &[u8; 4]| f32::from_bits(le_u32(b)))?;
        let mut sort_keys: [Vec<u32>; 4] = Default::default();
        for keys in &mut sort_keys {
            *keys = r.fixed(n, |b: &[u8; 4]| le_u32(b))?;
        }
        let mut sort_orders: [Vec<u32>; 4] = Default::default();
        for order in &mut sort_orders {
            *order = r.fixed(n, |b: &[u8; 4]| le_u32(b))?;
            if order.iter().any(|&doc| doc as usize >= n) {
                return Err(r.corrupt("document number out of range"));
            }
        }
        let mut title_keys = Vec::with_capacity(n);
        let count = r.varint()? as usize;
        for _ in 0..count {
            let hash = r.u64()?;
            let docs = r.varint()? as usize;
            for doc in r.list(docs, |r| r.below(n, "document number out of range"))? {
                title_keys.push((hash, doc));
            }
        }
        let count = r.varint()? as usize;
        let by_id = r.list(count, |r| Ok((r.u64()?, r.below(n, "document number out of range")?)))?;
        let (title_keys, by_id) = (HashList::new(title_keys), HashList::new(by_id));
        let mut columns = Vec::with_capacity(crate::FacetKey::STORED.len());
        for &key in crate::FacetKey::STORED {
            let strings = r.strings()?;
            let values: Vec<String> = (0..strings.len()).map(|i| strings.get(i).to_string()).collect();
            drop(strings);
            let count = r.varint()? as usize;
            let doc_values = r.list(count, |r| r.below(values.len(), "facet value id out of range"))?;
            let offsets = r.offsets(n, doc_values.len(), "facet offsets do not span the values")?;
            columns.push(Column::from_parts(key, values, offsets, doc_values));
        }
        let years = r.list(n, |r| u16::try_from(r.varint()?).map_err(|_| r.corrupt("year out of range")))?;
        let count = |r: &mut Reader| Ok(r.varint()?.wrapping_sub(1));
        let (upvotes, pages) = (r.list(n, count)?, r.list(n, count)?);
        let flags = r.list(n, |r| Ok(r.below(16, "flags out of range")? as u8))?;
        if r.pos != r.bytes.len() {
            return Err(r.corrupt("bytes left over after the numbers"));
        }
        let text = Text { terms, postings, surfaces, surface_terms, compounds, length_norm };
        let facets = Facets { columns, years };
        let numbers = Numbers { upvotes, pages, flags };
        let derived = Derived { title_keys, by_id, facets, sort_keys, sort_orders, tfidf_norm, numbers };
        Ok(IndexFile { papers: n, ids_hash, text, derived })
    }
}

impl Index {
    /// The index file for this index's corpus (see the module documentation). Deterministic: the same
    /// corpus gives the same bytes.
    pub fn to_file(&self) -> Vec<u8> {
        let n = self.papers.len();
        let mut w = Vec::new();
        w.extend_from_slice(MAGIC);
        w.extend_from_slice(&engine_fingerprint().to_le_bytes());
        push_varint(&mut w, n as u32);
        w.extend_from_slice(&ids_hash(self.papers.ids()).to_le_bytes());
        write_strings(&mut w, &self.text.terms);
        write_strings(&mut w, &self.text.surfaces);
        self.text.surface_terms.iter().for_each(|&t| push_varint(&mut w, t));
        push_varint(&mut w, self.text.compounds.len() as u32);
        self.text.compounds.iter().for_each(|&t| push_varint(&mut w, t));
        push_varint(&mut w, self.text.postings.len() as u32);
        for p in self.text.postings.iter() {
            push_varint(&mut w, p.docs.len() as u32);
            let mut last = None;
            for &doc in p.docs {
                push_varint(&mut w, last.map_or(doc, |l: u32| doc - l - 1));
                last = Some(doc);
            }
            p.tfs.iter().for_each(|&tf| push_varint(&mut w, u32::from(tf)));
        }
        let put_u32 = |w: &mut Vec<u8>, x: u32| w.extend_from_slice(&x.to_le_bytes());
        self.text.length_norm.iter().flatten().for_each(|x| put_u32(&mut w, x.to_bits()));
        self.derived.tfidf_norm.iter().for_each(|x| put_u32(&mut w, x.to_bits()));
        self.derived.sort_keys.iter().chain(&self.derived.sort_orders).flatten().for_each(|&x| put_u32(&mut w, x));
        let keys = &self.derived.title_keys;
        let mut titles: Vec<(u64, &[u32])> = Vec::new();
        for (hash, _) in keys.iter() {
            if titles.last().is_none_or(|&(last, _)| last != hash) {
                titles.push((hash, keys.get(hash)));
            }
        }
        titles.sort_unstable_by_key(|&(hash, docs)| (docs.first().copied(), hash));
        push_varint(&mut w, titles.len() as u32);
        for (hash, docs) in titles {
            w.extend_from_slice(&hash.to_le_bytes());
            push_varint(&mut w, docs.len() as u32);
            docs.iter().for_each(|&d| push_varint(&mut w, d));
        }
        let mut ids: Vec<(u32, u64)> = self.derived.by_id.iter().map(|(hash, doc)| (doc, hash)).collect();
        ids.sort_unstable();
        push_varint(&mut w, ids.len() as u32);
        for (doc, hash) in ids {
            w.extend_from_slice(&hash.to_le_bytes());
            push_varint(&mut w, doc);
        }
        for column in &self.derived.facets.columns {
            let (values, offsets, doc_values) = column.parts();
            write_strings(&mut w, &Strings::from_iter(values.iter().map(String::as_str)));
            push_varint(&mut w, doc_values.len() as u32);
            doc_values.iter().for_each(|&v| push_varint(&mut w, v));
            write_offsets(&mut w, &offsets);
        }
        self.derived.facets.years.iter().for_each(|&y| push_varint(&mut w, u32::from(y)));
        let numbers = &self.derived.numbers;
        numbers.upvotes.iter().chain(&numbers.pages).for_each(|&x| push_varint(&mut w, x.wrapping_add(1)));
        numbers.flags.iter().for_each(|&x| push_varint(&mut w, u32::from(x)));
        let checksum = hash_bytes(&w);
        w.extend_from_slice(&checksum.to_le_bytes());
        w
    }

    /// The index over `papers` from their index file, without tokenising them (or reading them) again. When
    /// the file was built for other papers, the error comes back with the papers, so the caller can
    /// [`Index::build`].
    pub fn with_file(papers: Papers, file: IndexFile) -> Result<Index, (IndexFileError, Papers)> {
        match file.fits(papers.len(), papers.ids()) {
            Ok(()) => Ok(Index::new(papers, file.text, file.derived)),
            Err(e) => Err((e, papers)),
        }
    }
}

impl IndexFile {
    /// Whether this file was written for `n` papers with these ids.
    fn fits<'a>(&self, n: usize, ids: impl Iterator<Item = Cow<'a, str>>) -> Result<(), IndexFileError> {
        if self.papers != n || self.ids_hash != ids_hash(ids) {
            return Err(IndexFileError::OtherCorpus { file_papers: self.papers, papers: n });
        }
        Ok(())
    }
}

/// What became of an index file when an index was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileUse {
    /// The index came from the file.
    Used,
    /// There was no file: the index was built.
    Absent,
    /// The file could not be used (why): the index was built.
    Refused(IndexFileError),
}

impl Index {
    /// The index over the papers `read_papers` returns: from `file` (an index file's bytes) when it is given
    /// and usable, else built. The file is decoded, and its bytes dropped, before the papers are read, so
    /// the two are never in memory together.
    pub fn open<E: From<Unreadable>>(
        file: Option<Vec<u8>>,
        read_papers: impl FnOnce() -> Result<Papers, E>,
    ) -> Result<(Index, FileUse), E> {
        let decoded = file.map(|bytes| IndexFile::read(&bytes));
        let papers = read_papers()?;
        Ok(Index::from_decoded(decoded, papers)?)
    }

    /// The index over `papers` from their decoded index file (`None`: there was none), or built when the
    /// file is missing or unusable (then papers kept as text are read, and one that cannot be is the error).
    /// [`Index::open`] in steps, for callers that pause between them.
    pub fn from_decoded(
        decoded: Option<Result<IndexFile, IndexFileError>>,
        papers: Papers,
    ) -> Result<(Index, FileUse), Unreadable> {
        let build = |papers: Papers, file_use| Ok((Index::build(papers.into_read()?), file_use));
        match decoded {
            None => build(papers, FileUse::Absent),
            Some(Err(e)) => build(papers, FileUse::Refused(e)),
            Some(Ok(file)) => match Index::with_file(papers, file) {
                Ok(index) => Ok((index, FileUse::Used)),
                Err((e, papers)) => build(papers, FileUse::Refused(e)),
            },
        }
    }
}

/// Ascending offsets starting at 0, as gaps.
fn write_offsets(w: &mut Vec<u8>, offsets: &[u32]) {
    let mut last = 0;
    for &offset in offsets {
        push_varint(w, offset - last);
        last = offset;
    }
}

fn write_strings(w: &mut Vec<u8>, strings: &Strings) {
    push_varint(w, strings.text.len() as u32);
    w.extend_from_slice(strings.text.as_bytes());
    push_varint(w, strings.ends.len() as u32);
    let mut last = 0;
    for &end in &strings.ends {
        push_varint(w, end - last);
        last = end;
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

type Result<T, E = IndexFileError> = std::result::Result<T, E>;

/// The little-endian number in `b`'s first four bytes (`b` holds at least four).
fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl<'a> Reader<'a> {
    fn truncated(&self) -> IndexFileError {
        IndexFileError::Truncated { offset: self.pos }
    }

    fn corrupt(&self, what: &'static str) -> IndexFileError {
        IndexFileError::Corrupt { offset: self.pos, what }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(self.truncated())?;
        let taken = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(taken)
    }

    fn take_counted(&mut self) -> Result<&'a [u8]> {
        let n = self.varint()? as usize;
        self.take(n)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(le_u32(self.take(4)?))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from(self.u32()?) | u64::from(self.u32()?) << 32)
    }

    /// An LEB128 number. Most in the file (document gaps, frequencies, lengths) take one byte: read at once.
    #[inline]
    fn varint(&mut self) -> Result<u32> {
        match self.bytes.get(self.pos) {
            Some(&b) if b < 0x80 => {
                self.pos += 1;
                Ok(u32::from(b))
            }
            _ => self.long_varint(),
        }
    }

    /// The next `n` LEB128 numbers, each through `item` onto `out`. Most document gaps and frequencies take
    /// one byte: those are found eight bytes at a time (no byte of a word with its high bit set) and read
    /// without a branch each, as are two-byte numbers within a word.
    #[inline]
    fn varints<T>(&mut self, n: usize, out: &mut Vec<T>, mut item: impl FnMut(u32) -> T) -> Result<()> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut left = n;
        while left > 0 {
            let word = self.bytes.get(self.pos..self.pos + 8).and_then(|b| <[u8; 8]>::try_from(b).ok());
            let Some(word) = word.map(u64::from_le_bytes) else {
                out.push(item(self.varint()?));
                left -= 1;
                continue;
            };
            // The one-byte numbers at the word's start (its low bytes), up to eight.
            let short = ((word & HIGH).trailing_zeros() / 8) as usize;
            let take = short.min(left);
            out.extend((0..take).map(|i| item(((word >> (8 * i)) & 0x7f) as u32)));
            self.pos += take;
            left -= take;
            if left > 0 && short < 8 {
                // A two-byte number (a gap under 16,384; a frequency in the later fields) is in the word too.
                let (low, high) = (word >> (8 * short), word >> (8 * short) >> 8);
                if short < 7 && high & 0x80 == 0 {
                    out.push(item((low & 0x7f) as u32 | ((high & 0x7f) as u32) << 7));
                    self.pos += 2;
                } else {
                    out.push(item(self.long_varint()?));
                }
                left -= 1;
            }
        }
        Ok(())
    }

    fn long_varint(&mut self) -> Result<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let &b = self.bytes.get(self.pos).ok_or(self.truncated())?;
            self.pos += 1;
            let bits = u32::from(b & 0x7f);
            if shift == 28 && bits > 0x0f {
                return Err(self.corrupt("number too large"));
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.corrupt("number too long"))
    }

    /// `n` items of `N` bytes each, read by `item`.
    fn fixed<const N: usize, T>(&mut self, n: usize, item: impl Fn(&[u8; N]) -> T) -> Result<Vec<T>> {
        let bytes = n.checked_mul(N).ok_or(self.truncated())?;
        let taken = self.take(bytes)?;
        // Collected at its exact size (the columns are kept as they are).
        Ok(taken.as_chunks::<N>().0.iter().map(item).collect())
    }

    fn below(&mut self, limit: usize, what: &'static str) -> Result<u32> {
        let v = self.varint()?;
        if (v as usize) < limit {
            Ok(v)
        } else {
            Err(self.corrupt(what))
        }
    }

    /// `n` items read by `item`. Every item takes at least a byte, so a damaged count cannot make this
    /// reserve more than the file's size.
    fn list<T>(&mut self, n: usize, mut item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        if n > self.bytes.len() - self.pos {
            return Err(self.truncated());
        }
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(item(self)?);
        }
        Ok(items)
    }

    /// `n + 1` ascending offsets from 0 to `end`.
    fn offsets(&mut self, n: usize, end: usize, what: &'static str) -> Result<Vec<u32>> {
        let mut offset = 0u32;
        let offsets = self.list(n + 1, |r| {
            offset = offset.checked_add(r.varint()?).filter(|&o| o as usize <= end).ok_or(r.corrupt(what))?;
            Ok(offset)
        })?;
        if offsets.first() != Some(&0) || offsets.last().map(|&o| o as usize) != Some(end) {
            return Err(self.corrupt(what));
        }
        Ok(offsets)
    }

    fn strings(&mut self) -> Result<Strings> {
        let text =
            std::str::from_utf8(self.take_counted()?).map_err(|_| self.corrupt("text is not UTF-8"))?.to_string();
        let count = self.varint()? as usize;
        let mut end = 0u32;
        let ends = self.list(count, |r| {
            end = end.checked_add(r.varint()?).ok_or(r.corrupt("string end out of range"))?;
            if !text.is_char_boundary(end as usize) || end as usize > text.len() {
                return Err(r.corrupt("string end out of range"));
            }
            Ok(end)
        })?;
        Ok(Strings { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of every LEB128 length, as runs of one-byte numbers broken by longer ones at every place in
    /// an eight-byte word, read as one list: the same numbers, the reader just past them.
    #[test]
    fn numbers_read_a_word_at_a_time_are_the_numbers_written() {
        let mut numbers: Vec<u32> = Vec::new();
        for run in 0..10u32 {
            numbers.extend((0..run).map(|i| i * 13 % 128));
            numbers.push([128, 300, 16_383, 16_384, 2_097_152, u32::MAX][run as usize % 6]);
        }
        for lead in 0..9 {
            for n in 0..=numbers.len() {
                let mut bytes = vec![0x7f; lead];
                numbers[..n].iter().for_each(|&x| push_varint(&mut bytes, x));
                let end = bytes.len();
                bytes.extend_from_slice(&[0xff; 3]);
                let mut r = Reader { bytes: &bytes, pos: lead };
                let mut read = Vec::new();
                r.varints(n, &mut read, |x| x).expect("the numbers read");
                assert_eq!(read, numbers[..n], "{n} numbers after {lead} bytes");
                assert_eq!(r.pos, end);
            }
        }
    }

    #[test]
    fn a_number_too_long_or_cut_short_is_an_error() {
        let too_long = [0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00, 0x00];
        let mut r = Reader { bytes: &too_long, pos: 0 };
        let err = r.varints(3, &mut Vec::new(), |x| x).expect_err("six bytes are too many");
        assert!(matches!(err, IndexFileError::Corrupt { .. }), "{err}");
        let too_large = [0x80, 0x80, 0x80, 0x80, 0x10, 0, 0, 0, 0];
        let err = Reader { bytes: &too_large, pos: 0 }.varints(1, &mut Vec::new(), |x| x).expect_err("over 32 bits");
        assert!(matches!(err, IndexFileError::Corrupt { .. }), "{err}");
        let cut = [0x05, 0x80];
        let err = Reader { bytes: &cut, pos: 0 }.varints(2, &mut Vec::new(), |x| x).expect_err("cut short");
        assert!(matches!(err, IndexFileError::Truncated { .. }), "{err}");
    }
}
