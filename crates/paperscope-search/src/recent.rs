//! The last few answers to something costly, by what was asked: the engine keeps the last phrases it
//! checked ([`crate::phrase`]) and the page its last answers ([`crate::Answers`]) in one of these.

use std::collections::VecDeque;

/// At most `capacity` values by key, the latest asked or put first; putting one more forgets the one asked
/// for longest ago.
pub(crate) struct Recent<K, V> {
    kept: VecDeque<(K, V)>,
    capacity: usize,
}

impl<K: PartialEq, V> Recent<K, V> {
    pub(crate) fn new(capacity: usize) -> Recent<K, V> {
        Recent { kept: VecDeque::with_capacity(capacity + 1), capacity }
    }

    /// The value kept for `key`, which becomes the latest.
    pub(crate) fn get(&mut self, key: &K) -> Option<&V> {
        let at = self.kept.iter().position(|(k, _)| k == key)?;
        let entry = self.kept.remove(at)?;
        self.kept.push_front(entry);
        self.kept.front().map(|(_, v)| v)
    }

    /// Keeps `value` for `key` as the latest.
    pub(crate) fn put(&mut self, key: K, value: V) {
        self.kept.push_front((key, value));
        self.kept.truncate(self.capacity);
    }

    pub(crate) fn clear(&mut self) {
        self.kept.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_asked_for_longest_ago_goes_first() {
        let mut recent = Recent::new(2);
        recent.put("a", 1);
        recent.put("b", 2);
        assert_eq!(recent.get(&"a"), Some(&1), "now the latest");
        recent.put("c", 3);
        assert_eq!(recent.get(&"b"), None, "asked for longest ago");
        assert_eq!(recent.get(&"a"), Some(&1));
        assert_eq!(recent.get(&"c"), Some(&3));
        recent.clear();
        assert_eq!(recent.get(&"c"), None);
    }
}
