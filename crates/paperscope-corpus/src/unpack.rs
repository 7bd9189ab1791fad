//! Unpacking a corpus document the build compressed ([`crate::parts::Packed`]: one zstd frame), a step at a
//! time so the page can paint between steps, into exactly the document the manifest lists: never more bytes
//! than it says (a small file from a stranger could otherwise unpack into gigabytes), and its checksum at
//! the end. Pure Rust (ruzstd), so the page's WebAssembly and the native tests run the same decoder.

use std::io::Read;

use ruzstd::decoding::{FrameDecoder, StreamingDecoder};

use crate::parts::{Checksum, Part, ZSTD};

/// Bytes unpacked a step: about 10 ms of work in the page.
pub const STEP: usize = 1 << 20;

/// The largest zstd window accepted. The build's level uses 8 MiB; a frame asking for more would have the
/// decoder reserve it up front.
const MAX_WINDOW: u64 = 32 << 20;

/// A packed document being unpacked.
pub struct Unpacking<R: Read> {
    decoder: StreamingDecoder<R, FrameDecoder>,
    plain: Part,
    checksum: Checksum,
    buffer: Vec<u8>,
    done: bool,
}

impl<R: Read> Unpacking<R> {
    /// Starts unpacking `packed` (in `encoding`) into the document `plain` describes.
    pub fn new(encoding: &str, packed: R, plain: &Part) -> Result<Unpacking<R>, String> {
        if encoding != ZSTD {
            return Err(format!("cannot be unpacked: unknown encoding {encoding:?}"));
        }
        let decoder = StreamingDecoder::new_with_max_window_size(packed, MAX_WINDOW)
            .map_err(|e| format!("cannot be unpacked: {e}"))?;
        Ok(Unpacking { decoder, plain: plain.clone(), checksum: Checksum::default(), buffer: Vec::new(), done: false })
    }

    /// The next piece of the document (at most [`STEP`] bytes); `None` once it is whole and matches the
    /// manifest.
    pub fn next_piece(&mut self) -> Result<Option<&[u8]>, String> {
        if self.done {
            return Ok(None);
        }
        self.buffer.resize(STEP, 0);
        let mut filled = 0;
        while filled < STEP {
            match self.decoder.read(&mut self.buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => return Err(format!("cannot be unpacked: {e}")),
            }
        }
        if self.checksum.bytes() + filled as u64 > self.plain.bytes {
            return Err(format!("unpacks to more than the {} bytes the manifest says", self.plain.bytes));
        }
        if filled == 0 {
            self.done = true;
            let (bytes, xxh3) = self.checksum.finish();
            self.plain.check_hashed(bytes, &xxh3).map_err(|e| format!("unpacks into another document: {e}"))?;
            return Ok(None);
        }
        self.checksum.update(&self.buffer[..filled]);
        Ok(Some(&self.buffer[..filled]))
    }

    /// The whole document at once (the tests read packed parts with it).
    pub fn to_end(mut self) -> Result<Vec<u8>, String> {
        let mut whole = Vec::new();
        while let Some(piece) = self.next_piece()? {
            whole.extend_from_slice(piece);
        }
        Ok(whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruzstd::encoding::{compress_to_vec, CompressionLevel};

    fn document(n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| format!("{{\"id\":\"p{i}\",\"title\":\"Paper {}\"}}\n", i * 7919 % 1000))
            .collect::<String>()
            .into()
    }

    #[test]
    fn a_packed_document_unpacks_in_steps_into_the_listed_one() {
        let plain = document(120_000);
        assert!(plain.len() > 3 * STEP, "{}", plain.len());
        let listed = Part::new("corpus.2.json".into(), &plain, Some(120_000));
        let packed = compress_to_vec(plain.as_slice(), CompressionLevel::Fastest);
        let mut unpacking = Unpacking::new(ZSTD, packed.as_slice(), &listed).unwrap();
        let mut steps = Vec::new();
        while let Some(piece) = unpacking.next_piece().unwrap() {
            steps.push(piece.to_vec());
        }
        assert!(steps.len() >= 4 && steps.iter().all(|s| s.len() <= STEP), "{}", steps.len());
        assert_eq!(steps.concat(), plain);
        assert_eq!(unpacking.next_piece(), Ok(None));
    }

    #[test]
    fn what_does_not_unpack_into_the_listed_document_says_why() {
        let plain = document(50_000);
        let packed = compress_to_vec(plain.as_slice(), CompressionLevel::Fastest);
        let listed = Part::new("corpus.2.json".into(), &plain, None);
        // Another document of the same size, or a shorter one, or a longer one (a bomb stops at the size).
        let mut other = plain.clone();
        other[10] ^= 1;
        let e = Unpacking::new(ZSTD, packed.as_slice(), &Part::new("x".into(), &other, None)).unwrap().to_end();
        assert!(e.unwrap_err().starts_with("unpacks into another document: damaged"));
        let longer = Part::new("x".into(), &[plain.as_slice(), b" "].concat(), None);
        let e = Unpacking::new(ZSTD, packed.as_slice(), &longer).unwrap().to_end().unwrap_err();
        assert!(e.starts_with("unpacks into another document: "), "{e}");
        let shorter = Part::new("x".into(), &plain[..plain.len() - 1], None);
        let e = Unpacking::new(ZSTD, packed.as_slice(), &shorter).unwrap().to_end().unwrap_err();
        assert!(e.contains(&format!("more than the {} bytes", plain.len() - 1)), "{e}");
        // Not zstd, cut short, or another encoding.
        let e = Unpacking::new(ZSTD, plain.as_slice(), &listed).map(|_| ()).unwrap_err();
        assert!(e.starts_with("cannot be unpacked"), "{e}");
        let cut = &packed[..packed.len() / 2];
        assert!(Unpacking::new(ZSTD, cut, &listed).unwrap().to_end().unwrap_err().starts_with("cannot be unpacked"));
        assert!(Unpacking::new("br", packed.as_slice(), &listed).map(|_| ()).unwrap_err().contains("\"br\""));
        assert_eq!(Unpacking::new(ZSTD, packed.as_slice(), &listed).unwrap().to_end().unwrap(), plain);
    }
}
