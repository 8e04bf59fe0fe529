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
pub const SHOWN_HEX: usize = 4;

/// OpenRouter's documented format: the prefix and exactly 64 lowercase hex characters.
/// Unlike trufflehog's `\b…\b`, nothing is required of the neighbours: real text puts keys
/// after string escapes (`"key:\nsk-or-v1-…"`, `%3D`), underscores, digits, accented
/// letters or CJK text, before `_old`, or two back to back, and a key there has leaked just
/// the same. Only a 65th hex character rejects a match (see [`whole_keys`]); uppercase hex
/// never matches.
static KEY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"sk-or-v1-[0-9a-f]{64}").expect("key regex is valid"));

/// The whole keys in `text`: matches not followed by another hex character (a longer hex
/// run is a hash or an id that happens to follow the prefix, not a key).
fn whole_keys(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    KEY_RE.find_iter(text).filter(move |m| {
        !text.as_bytes()[m.end()..]
            .first()
            .is_some_and(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    })
}

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
    let mut found: Vec<FoundKey> = whole_keys(text)
        .map(|m| FoundKey {
            anchor: m.range(),
            parts: vec![SecretPart::of_key(m.start(), m.end(), 0)],
            redacted: redact_key(m.as_str()),
        })
        .collect();
    for concatenation in concatenations {
        found.extend(keys_in_concatenation(text, concatenation));
    }
    // `"sk-or-v1-\<newline>3f9a…"`: a backslash before a line break continues a string (and
    // a line) in Python and JavaScript, so the key is the text with them taken out.
    if text.contains("sk-or-") && (text.contains("\\\n") || text.contains("\\\r\n")) {
        found.extend(keys_in_concatenation(text, &continued_lines(text)));
    }
    found.sort_by_key(|k| (k.anchor.start, k.anchor.end));
    found.dedup_by(|a, b| a.anchor == b.anchor);
    for key in &found {
        remember_parts(text, &key.parts);
    }
    found
}

/// Remembers the text of key material for the output redaction step ([`crate::redact`]):
/// wherever else it turns up in this run (a copy in a comment, a path), it is masked.
pub fn remember_parts(text: &str, parts: &[SecretPart]) {
    for part in parts {
        let Some(secret) = text.get(part.range()) else {
            continue;
        };
        let len = secret.chars().count();
        let shown_tail_from = part.key_len.saturating_sub(part.shown_tail);
        let head = part.shown_head.saturating_sub(part.key_offset).min(len);
        let tail =
            (part.key_offset + len).saturating_sub(shown_tail_from.max(part.key_offset + head));
        crate::redact::remember(secret, head, tail.min(len - head));
        // The hex characters of a whole key, wherever they are written without the prefix.
        if part.key_offset == 0 && secret.starts_with(KEY_PREFIX) && len == KEY_LEN {
            crate::redact::remember(&secret[KEY_PREFIX.len()..], SHOWN_HEX, SHOWN_HEX);
        }
    }
}

/// The text as pieces between backslash-newline continuations.
fn continued_lines(text: &str) -> Concatenation {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find('\\') {
        let at = from + i;
        let rest = &text[at + 1..];
        let skip = if rest.starts_with("\r\n") {
            3
        } else if rest.starts_with('\n') {
            2
        } else {
            from = at + 1;
            continue;
        };
        pieces.push(start..at);
        start = at + skip;
        from = start;
    }
    pieces.push(start..text.len());
    Concatenation { pieces }
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
    for m in whole_keys(&joined) {
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

/// The secret parts of `text[range]` that the output redaction step would mask
/// (key-shaped text, literals the run knows are keys), beside those a file's analysis found:
/// renderers mask them where they lay text out.
pub fn parts_in(text: &str, range: Range<usize>) -> Vec<SecretPart> {
    let Some(window) = text.get(range.clone()) else {
        return Vec::new();
    };
    crate::redact::sensitive_ranges(window)
        .into_iter()
        .map(|(r, head, tail)| SecretPart {
            start: range.start + r.start,
            end: range.start + r.end,
            key_offset: 0,
            shown_head: head,
            shown_tail: tail,
            key_len: window[r].chars().count(),
        })
        .collect()
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

/// Redacts key material in an arbitrary string (messages, panic payloads): the output
/// redaction step of [`crate::redact`].
pub fn redact_keys_in(text: &str) -> Cow<'_, str> {
    crate::redact::text(text)
}

/// The whole keys in `text` (a string the program builds at run time).
pub fn whole_keys_in(text: &str) -> Vec<String> {
    whole_keys(text).map(|m| m.as_str().to_string()).collect()
}

/// True when `text` holds a whole key.
pub fn contains_key(text: &str) -> bool {
    whole_keys(text).next().is_some()
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
        // Whatever the neighbours, a key is a key.
        for (before, after) in [
            ("x", ""),
            ("_", "_old"),
            ("\\n", ""),
            ("\\x20", ""),
            ("%3D", "%20"),
            ("9", "z"),
            ("é", "漢"),
            ("e\u{301}", ""),
            ("鍵は", "です"),
        ] {
            let found = find_keys(&format!("{before}{k}{after}"), &[]);
            assert_eq!(found.len(), 1, "{before}…{after}");
        }
        assert_eq!(find_keys(&format!("{k}{k}"), &[]).len(), 2, "back to back");
        // trufflehog's negative: a short mixed-case string after the prefix.
        assert!(find_keys("sk-or-v1-a2CyB4dE5fG6h7", &[]).is_empty());
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
