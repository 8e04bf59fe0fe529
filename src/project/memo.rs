//! Answers remembered for the whole run and shared by every linting thread. Most lookups find
//! an answer already there, so readers share the lock and only a new answer takes it alone.

use foldhash::HashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::RwLock;

pub struct Memo<K, V> {
    map: RwLock<HashMap<K, V>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            map: RwLock::new(HashMap::default()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.map.read().ok()?.get(key).cloned()
    }

    pub fn insert(&self, key: K, value: V) {
        if let Ok(mut map) = self.map.write() {
            map.insert(key, value);
        }
    }

    /// The remembered answer, or `make`'s (remembered). Two threads may both compute an
    /// answer for a new key: the first one stored wins, and both are the same.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(known) = self.get(&key) {
            return known;
        }
        let value = make();
        match self.map.write() {
            Ok(mut map) => map.entry(key).or_insert(value).clone(),
            Err(_) => value,
        }
    }
}
