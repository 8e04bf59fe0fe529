//! OpenRouter keys: finding them (whole or split across literals) and redacting them.
//!
//! Redaction is not a rule's business alone: every renderer that shows source text masks the
//! secret ranges found here, so a key never reaches the terminal, JSON or SARIF whole, even when
//! the rule that found it is disabled or suppressed.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::facts::Concatenation;

pub const KEY_PREFIX: &str = "sk-or-v1-";
const HEX_LEN: usize = 64;
pub const KEY_LEN: usize = KEY_PREFIX.len() + HEX_LEN;
/// Redaction shows the prefix plus this many hex characters at each end.
const SHOWN_HEX: usize = 4;

/// OpenRouter's documented format: the prefix and exactly 64 lowercase hex characters
/// (the same pattern trufflehog and Kingfisher use). The trailing `\b` rejects a 65th
/// hex or word character; uppercase hex never matches.
static KEY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bsk-or-v1-[0-9a-f]{64}\b").expect("key regex is valid"));

/// A key found in a unit of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundKey {
    /// Where a diagnostic points: from the key's first character to its last, in source bytes.
    pub anchor: Range<usize>,
    /// The source ranges holding key characters (one for a literal key, several when the key
    /// is split across literals).
    pub parts: Vec<SecretPart>,
    /// `sk-or-v1-` plus the first and last four hex characters.
    pub redacted: String,
}

/// A source range holding characters of a key, starting at `key_offset` within the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretPart {
    pub start: usize,
    pub end: usize,
    pub key_offset: usize,
    /// Characters of the whole key shown at its start and end; the rest is masked.
    pub shown_head: usize,
    pub shown_tail: usize,
    /// The whole key's length in characters.
    pub key_len: usize,
}

impl SecretPart {
    /// A part of an `sk-or-v1-` key: the prefix and four hex characters show at the start,
    /// four at the end.
    pub fn of_key(start: usize, end: usize, key_offset: usize) -> SecretPart {
        SecretPart {
            start,
            end,
            key_offset,
            shown_head: KEY_PREFIX.len() + SHOWN_HEX,
            shown_tail: SHOWN_HEX,
            key_len: KEY_LEN,
        }
    }

    /// A literal key of another format, written whole at `range` (ASCII, `len` characters):
    /// its first and last four characters show.
    pub fn literal(range: Range<usize>, len: usize) -> SecretPart {
        SecretPart {
            start: range.start,
            end: range.end,
            key_offset: 0,
            shown_head: SHOWN_HEX,
            shown_tail: SHOWN_HEX,
            key_len: len,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The same part moved to `range` (a notebook cell mapped back to the file).
    pub fn moved(&self, range: Range<usize>) -> SecretPart {
        SecretPart {
            start: range.start,
            end: range.end,
            ..*self
        }
    }
}

/// Finds every key in `text`: whole keys anywhere (literals, comments, prose), and keys whose
/// characters are spread over the pieces of a literal concatenation.
pub fn find_keys(text: &str, concatenations: &[Concatenation]) -> Vec<FoundKey> {
    let mut found: Vec<FoundKey> = KEY_RE
        .find_iter(text)
        .map(|m| FoundKey {
            anchor: m.range(),
            parts: vec![SecretPart::of_key(m.start(), m.end(), 0)],
            redacted: redact_key(m.as_str()),
        })
        .collect();
    for concatenation in concatenations {
        found.extend(keys_in_concatenation(text, concatenation));
    }
    found.sort_by_key(|k| (k.anchor.start, k.anchor.end));
    found.dedup_by(|a, b| a.anchor == b.anchor);
    found
}

fn keys_in_concatenation(text: &str, concatenation: &Concatenation) -> Vec<FoundKey> {
    // The value the program sees at run time, with each piece's start in it.
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(concatenation.pieces.len());
    for piece in &concatenation.pieces {
        starts.push(joined.len());
        joined.push_str(&text[piece.clone()]);
    }
    if !joined.contains(KEY_PREFIX) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for m in KEY_RE.find_iter(&joined) {
        let mut parts = Vec::new();
        for (piece, &joined_start) in concatenation.pieces.iter().zip(&starts) {
            let joined_end = joined_start + piece.len();
            let start = m.start().max(joined_start);
            let end = m.end().min(joined_end);
            if start < end {
                parts.push(SecretPart::of_key(
                    piece.start + (start - joined_start),
                    piece.start + (end - joined_start),
                    start - m.start(),
                ));
            }
        }
        // A key inside a single piece is a plain literal key, found by the text scan.
        if parts.len() < 2 {
            continue;
        }
        found.push(FoundKey {
            anchor: parts[0].start..parts[parts.len() - 1].end,
            parts,
            redacted: redact_key(m.as_str()),
        });
    }
    found
}

/// `sk-or-v1-3f9a…c21e`. Only for strings already known to be keys.
pub fn redact_key(key: &str) -> String {
    debug_assert_eq!(key.len(), KEY_LEN);
    let hex = &key[KEY_PREFIX.len()..];
    format!(
        "{KEY_PREFIX}{}…{}",
        &hex[..SHOWN_HEX],
        &hex[hex.len() - SHOWN_HEX..]
    )
}

/// The text to show in place of `part_text`, the characters of `part` from `key_offset` on:
/// characters outside the shown head and tail become `…` (one per hidden run), so a key split
/// over literals is masked piece by piece.
pub fn mask_part(part_text: &str, part: &SecretPart, key_offset: usize) -> String {
    let shown_tail_from = part.key_len.saturating_sub(part.shown_tail);
    let mut out = String::with_capacity(part_text.len());
    let mut hiding = false;
    for (i, ch) in part_text.chars().enumerate() {
        let index = key_offset + i;
        if index < part.shown_head || index >= shown_tail_from {
            out.push(ch);
            hiding = false;
        } else if !hiding {
            out.push('…');
            hiding = true;
        }
    }
    out
}

/// `text[range]` with every secret part in it masked: what fingerprints hash, so a hash never
/// takes a key as input.
pub fn masked(text: &str, range: Range<usize>, parts: &[SecretPart]) -> String {
    let mut inside: Vec<&SecretPart> = parts
        .iter()
        .filter(|p| p.start < range.end && p.end > range.start)
        .collect();
    inside.sort_by_key(|p| p.start);
    let mut out = String::with_capacity(range.len());
    let mut cursor = range.start;
    for part in inside {
        let start = part.start.max(cursor);
        let end = part.end.min(range.end);
        if start >= end {
            continue;
        }
        out.push_str(text.get(cursor..start).unwrap_or(""));
        let offset = part.key_offset + (start - part.start);
        out.push_str(&mask_part(text.get(start..end).unwrap_or(""), part, offset));
        cursor = end;
    }
    out.push_str(text.get(cursor..range.end).unwrap_or(""));
    out
}

/// `text` (a string taken from the file, such as a suppression's reason) with every secret
/// part of the file that it contains masked, and any whole `sk-or-v1-` key redacted.
pub fn mask_in(text: &str, file: &str, parts: &[SecretPart]) -> String {
    let mut out = redact_keys_in(text).into_owned();
    for part in parts {
        let Some(secret) = file.get(part.range()) else {
            continue;
        };
        if secret.len() >= 8 && out.contains(secret) {
            out = out.replace(secret, &mask_part(secret, part, part.key_offset));
        }
    }
    out
}

/// Redacts any whole key in an arbitrary string (messages, panic payloads): a last line of
/// defence for text that was never meant to hold a key.
pub fn redact_keys_in(text: &str) -> Cow<'_, str> {
    KEY_RE.replace_all(text, |caps: &regex::Captures<'_>| redact_key(&caps[0]))
}

/// True when `text` holds a whole key (used by tests and the output guard).
pub fn contains_key(text: &str) -> bool {
    KEY_RE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test keys are assembled at run time: no key-shaped literal is committed.
    fn key(hex_seed: &str) -> String {
        let hex: String = hex_seed.chars().cycle().take(HEX_LEN).collect();
        format!("{}{}", KEY_PREFIX, hex)
    }

    #[test]
    fn whole_keys_match_only_in_the_documented_format() {
        let k = key("3f9ac21e");
        assert_eq!(find_keys(&format!("x = \"{k}\""), &[]).len(), 1);
        let too_short = &k[..KEY_LEN - 1];
        assert!(find_keys(too_short, &[]).is_empty());
        assert!(find_keys(&format!("{k}0"), &[]).is_empty(), "65 hex chars");
        assert!(find_keys(&k.to_uppercase(), &[]).is_empty());
        let upper_hex = format!("{KEY_PREFIX}{}", "ABCDEF01".repeat(8));
        assert!(find_keys(&upper_hex, &[]).is_empty());
        assert!(find_keys("sk-or-v1-...", &[]).is_empty());
        assert!(find_keys("sk-or-v1-your-key-here", &[]).is_empty());
        assert!(
            find_keys(&format!("x{k}"), &[]).is_empty(),
            "word boundary before"
        );
    }

    #[test]
    fn redaction_keeps_prefix_and_four_hex_each_end() {
        let k = format!("{KEY_PREFIX}3f9a{}c21e", "0".repeat(HEX_LEN - 8));
        assert_eq!(redact_key(&k), "sk-or-v1-3f9a…c21e");
        let part = SecretPart::of_key(0, k.len(), 0);
        assert_eq!(mask_part(&k, &part, 0), "sk-or-v1-3f9a…c21e");
        assert_eq!(mask_part(&k[..20], &part, 0), "sk-or-v1-3f9a…");
        assert_eq!(mask_part(&k[20..], &part, 20), "…c21e");
        // A literal key of another format shows four characters at each end.
        let literal = ["q7Lm", "Zp3R", "tY8v", "Kd2W", "nB5x"].concat();
        let text = format!("key = \"{literal}\"");
        let part = SecretPart::literal(7..7 + literal.len(), literal.len());
        assert_eq!(masked(&text, 0..text.len(), &[part]), "key = \"q7Lm…nB5x\"");
        assert_eq!(
            redact_keys_in(&format!("a {k} b")),
            "a sk-or-v1-3f9a…c21e b"
        );
    }

    #[test]
    fn split_keys_are_found_across_pieces() {
        let k = key("0123456789abcdef");
        // "sk-or-v1-" "0123…"  as two literal pieces
        let text = format!("\"{}\" \"{}\"", KEY_PREFIX, &k[KEY_PREFIX.len()..]);
        let first = 1..1 + KEY_PREFIX.len();
        let second_start = first.end + 3;
        let second = second_start..second_start + HEX_LEN;
        let concat = Concatenation {
            pieces: vec![first.clone(), second.clone()],
        };
        let found = find_keys(&text, &[concat]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].anchor, first.start..second.end);
        assert_eq!(found[0].parts.len(), 2);
        assert_eq!(found[0].parts[1].key_offset, KEY_PREFIX.len());
        assert_eq!(found[0].redacted, redact_key(&k));
    }
}
