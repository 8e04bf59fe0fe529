//! `partialFingerprints.primaryLocationLineHash`, computed the way GitHub's upload action
//! (github/codeql-action, `src/fingerprints.ts`) computes it when a SARIF file lacks one.
//!
//! Emitting the same value ourselves means alerts keep their identity whether the SARIF is
//! uploaded by the action or through the REST API, and survive unrelated edits above them.
//!
//! The algorithm: a rolling hash over the next 100 characters (UTF-16 code units) starting at
//! each line's first character, ignoring spaces and tabs, with `\r\n` and `\r` read as `\n`,
//! an end-of-file marker (65535) and zero padding at the end. The value is the 64-bit hash in
//! hex, then `:` and how many earlier lines had the same hash plus one.

use std::collections::HashMap;

const BLOCK_SIZE: usize = 100;
const MOD: u64 = 37;
const EOF: u64 = 65535;
const TAB: u64 = b'\t' as u64;
const SPACE: u64 = b' ' as u64;
const LF: u64 = b'\n' as u64;
const CR: u64 = b'\r' as u64;

/// The fingerprint of every line of `text`; index 0 is line 1.
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut hasher = RollingHasher::new();
    for unit in text.encode_utf16() {
        hasher.process(u64::from(unit));
    }
    hasher.process(EOF);
    hasher.flush();
    hasher.hashes
}

struct RollingHasher {
    window: [u64; BLOCK_SIZE],
    /// The line that starts at each window slot, if one does.
    line_numbers: [Option<usize>; BLOCK_SIZE],
    hash: u64,
    /// 37^BLOCK_SIZE, to drop the character leaving the window. Arithmetic wraps at 64 bits,
    /// which matches the two's-complement `Long` the action uses.
    first_mod: u64,
    index: usize,
    line_number: usize,
    line_start: bool,
    prev_cr: bool,
    counts: HashMap<u64, usize>,
    hashes: Vec<String>,
}

impl RollingHasher {
    fn new() -> Self {
        RollingHasher {
            window: [0; BLOCK_SIZE],
            line_numbers: [None; BLOCK_SIZE],
            hash: 0,
            first_mod: (0..BLOCK_SIZE).fold(1u64, |acc, _| acc.wrapping_mul(MOD)),
            index: 0,
            line_number: 0,
            line_start: true,
            prev_cr: false,
            counts: HashMap::new(),
            hashes: Vec::new(),
        }
    }

    fn process(&mut self, unit: u64) {
        if unit == SPACE || unit == TAB || (self.prev_cr && unit == LF) {
            self.prev_cr = false;
            return;
        }
        let unit = if unit == CR {
            self.prev_cr = true;
            LF
        } else {
            self.prev_cr = false;
            unit
        };
        if self.line_numbers[self.index].is_some() {
            self.emit();
        }
        if self.line_start {
            self.line_start = false;
            self.line_number += 1;
            self.line_numbers[self.index] = Some(self.line_number);
        }
        if unit == LF {
            self.line_start = true;
        }
        self.update(unit);
    }

    fn flush(&mut self) {
        for _ in 0..BLOCK_SIZE {
            if self.line_numbers[self.index].is_some() {
                self.emit();
            }
            self.update(0);
        }
    }

    fn update(&mut self, unit: u64) {
        let leaving = self.window[self.index];
        self.window[self.index] = unit;
        self.hash = MOD
            .wrapping_mul(self.hash)
            .wrapping_add(unit)
            .wrapping_sub(self.first_mod.wrapping_mul(leaving));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }

    fn emit(&mut self) {
        let count = self.counts.entry(self.hash).or_insert(0);
        *count += 1;
        // Lines are emitted in order, so the line number is the vector's next index.
        debug_assert_eq!(self.line_numbers[self.index], Some(self.hashes.len() + 1));
        self.hashes.push(format!("{:x}:{}", self.hash, count));
        self.line_numbers[self.index] = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values are the published test vectors of github/codeql-action's
    /// `src/fingerprints.test.ts`.
    #[test]
    fn matches_the_upload_actions_test_vectors() {
        assert_eq!(line_hashes(""), ["c129715d7a2bc9a3:1"]);
        assert_eq!(
            line_hashes(" a\nb\n  \t\tc\n d"),
            [
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1"
            ]
        );
        let expected_with_trailing_newline = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        for text in [
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        ] {
            assert_eq!(
                line_hashes(text),
                expected_with_trailing_newline,
                "{text:?}"
            );
        }
        assert_eq!(
            line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            [
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1"
            ]
        );
        let repeated = line_hashes(&"Lorem ipsum dolor sit amet.\n".repeat(10));
        assert_eq!(
            repeated,
            [
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1"
            ]
        );
    }
}
