//! Bytes held where they were downloaded or streamed: a list of pieces read in order, without copying them
//! into one buffer first.

use std::io::Read;

use js_sys::Uint8Array;

/// Bytes held as a list of pieces, read in order: in JavaScript memory as they were downloaded, or already
/// in the page's own (a file kept on this device, streamed in). A clone shares the pieces and reads from
/// where the original stood.
#[derive(Clone)]
pub struct JsChunks {
    chunks: Vec<Piece>,
    chunk: usize,
    pos: u32,
}

#[derive(Clone)]
enum Piece {
    Js(Uint8Array),
    Here(std::rc::Rc<Vec<u8>>),
}

impl Piece {
    fn len(&self) -> u32 {
        match self {
            Piece::Js(js) => js.length(),
            Piece::Here(bytes) => bytes.len() as u32,
        }
    }

    /// Bytes `from..` of the piece into `out`, which they fill.
    fn copy(&self, from: u32, out: &mut [u8]) {
        let (from, to) = (from as usize, from as usize + out.len());
        match self {
            Piece::Js(js) => js.subarray(from as u32, to as u32).copy_to(out),
            Piece::Here(bytes) => out.copy_from_slice(&bytes[from..to]),
        }
    }

    /// The piece in JavaScript memory (copied there when it is not).
    fn js(&self) -> Uint8Array {
        match self {
            Piece::Js(js) => js.clone(),
            Piece::Here(bytes) => Uint8Array::from(bytes.as_slice()),
        }
    }
}

impl JsChunks {
    pub fn new(chunks: Vec<Uint8Array>) -> JsChunks {
        JsChunks::of(chunks.into_iter().map(Piece::Js).collect())
    }

    fn of(chunks: Vec<Piece>) -> JsChunks {
        JsChunks { chunks, chunk: 0, pos: 0 }
    }

    pub fn empty() -> JsChunks {
        JsChunks::new(Vec::new())
    }

    /// Bytes already in WebAssembly memory (kept there, not copied; [`JsChunks::into_vec`] gives them back).
    pub fn here(bytes: Vec<u8>) -> JsChunks {
        JsChunks::of(vec![Piece::Here(std::rc::Rc::new(bytes))])
    }

    /// The pieces of one file, in order, as one.
    pub fn join(pieces: Vec<JsChunks>) -> JsChunks {
        JsChunks::of(pieces.into_iter().flat_map(|p| p.chunks).collect())
    }

    /// Bytes from WebAssembly memory (copied out).
    pub fn from_bytes(bytes: &[u8]) -> JsChunks {
        JsChunks::new(vec![Uint8Array::from(bytes)])
    }

    /// The bytes as one blob (copied by the browser).
    pub fn blob(&self) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
        let pieces: js_sys::Array = self.chunks.iter().map(Piece::js).collect();
        web_sys::Blob::new_with_u8_array_sequence(&pieces)
    }

    /// The bytes as a stream (for the browser's own decompression).
    pub fn stream(&self) -> Result<web_sys::ReadableStream, wasm_bindgen::JsValue> {
        Ok(self.blob()?.stream())
    }

    /// How many bytes there are.
    pub fn byte_len(&self) -> u64 {
        self.chunks.iter().map(|c| u64::from(c.len())).sum()
    }

    /// All the bytes, copied into WebAssembly memory.
    pub fn to_vec(&self) -> Vec<u8> {
        match self.chunks.as_slice() {
            // Copied straight into new memory (the pieces' way below fills it with zeros first: 25 ms for
            // the 42 MB index file at 100,000 papers).
            [Piece::Js(one)] => return one.to_vec(),
            [Piece::Here(one)] => return one.to_vec(),
            _ => {}
        }
        let mut bytes = vec![0; self.byte_len() as usize];
        let mut at = 0;
        for chunk in &self.chunks {
            let n = chunk.len() as usize;
            chunk.copy(0, &mut bytes[at..at + n]);
            at += n;
        }
        bytes
    }

    /// All the bytes in WebAssembly memory: those already there are not copied when nothing else shares them.
    pub fn into_vec(mut self) -> Vec<u8> {
        if let [Piece::Here(_)] = self.chunks.as_slice() {
            if let Some(Piece::Here(one)) = self.chunks.pop() {
                return std::rc::Rc::try_unwrap(one).unwrap_or_else(|shared| shared.to_vec());
            }
        }
        self.to_vec()
    }
}

impl Read for JsChunks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(chunk) = self.chunks.get(self.chunk) {
            let end = (self.pos + buf.len() as u32).min(chunk.len());
            if self.pos < end {
                let n = (end - self.pos) as usize;
                chunk.copy(self.pos, &mut buf[..n]);
                self.pos = end;
                return Ok(n);
            }
            self.chunk += 1;
            self.pos = 0;
        }
        Ok(0)
    }
}
