//! A fast, deterministic hasher for the index's maps. The standard SipHash resists collision attacks, which
//! an index of the user's own papers does not need; this multiply-rotate hash (the one rustc uses, "FxHash")
//! is several times faster on short keys.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The 64-bit hash of a string, for maps that keep hashes instead of the strings themselves (and check the
/// string on a hit).
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// The 64-bit hash of bytes (also the index file's checksum).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Values by the [`hash_str`] of their keys, as (hash, value) pairs sorted: a lookup is a binary search.
/// Twelve bytes an entry, against 17-24 in a hash map (its spare room and control bytes): at 100,000
/// papers the term, id and title lookups hold ~450,000 entries. A hash may have several values (two keys
/// with one hash, or one key with several values): the caller checks each against its key.
#[derive(Debug, Default)]
pub struct HashList {
    hashes: Vec<u64>,
    values: Vec<u32>,
}

impl HashList {
    pub fn new(mut pairs: Vec<(u64, u32)>) -> HashList {
        pairs.sort_unstable();
        pairs.dedup();
        let (hashes, values) = pairs.into_iter().unzip();
        HashList { hashes, values }
    }

    /// The values of keys with this hash, in ascending order.
    pub fn get(&self, hash: u64) -> &[u32] {
        let start = self.hashes.partition_point(|&h| h < hash);
        let end = start + self.hashes[start..].partition_point(|&h| h == hash);
        &self.values[start..end]
    }

    /// Every (hash, value) pair, by hash then value.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.hashes.iter().copied().zip(self.values.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_list_finds_every_value_of_a_hash_and_nothing_else() {
        let list = HashList::new(vec![(7, 3), (2, 9), (7, 1), (9, 4), (7, 3)]);
        assert_eq!(list.get(7), &[1, 3]);
        assert_eq!(list.get(2), &[9]);
        assert_eq!(list.get(9), &[4]);
        assert!(list.get(5).is_empty() && list.get(0).is_empty() && list.get(u64::MAX).is_empty());
        assert_eq!(list.iter().collect::<Vec<_>>(), vec![(2, 9), (7, 1), (7, 3), (9, 4)]);
    }
}
