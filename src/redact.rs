//! The one redaction step every byte leaving the process passes through.
//!
//! Renderers mask the key material they know about (the secret parts of a file) where they
//! lay text out, so that snippets stay aligned. This module is what makes the promise hold
//! whatever a renderer, a message or a path contains: every report (stdout or `-o`), every
//! line on stderr, every baseline, every language-server message and every panic message is
//! written through [`Redacting`] or [`text`], which mask
//!
//! - any key-shaped text: `sk-or-v1-` followed by five or more lowercase hex characters,
//!   whatever surrounds it (the prefix and four hex characters stay, and the last four when
//!   the run is a whole key), and any run of 64 or more lowercase hex characters, a key's
//!   body without its prefix (a config value or an argument can quote one before any file
//!   is read; a SHA-256 digest shown in a snippet loses its middle too, which costs nothing);
//! - any literal key the run has seen ([`remember`]): keys of other formats given to an
//!   OpenRouter client, values stored under key names, the hex part of every `sk-or-v1-` key
//!   and the pieces of keys split across literals, wherever they appear (a path, a quoted
//!   config value, a comment copy).
//!
//! `println!`, `eprintln!` and the standard streams are disallowed elsewhere (`clippy.toml`),
//! so nothing reaches a terminal or a file around this step.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::{LazyLock, RwLock};

use aho_corasick::AhoCorasick;
use regex::bytes::Regex;

use crate::secrets::{KEY_PREFIX, SHOWN_HEX};

/// Key-shaped text: the prefix and at least five hex characters (a whole key, a key with a
/// 65th character, a partial key such as `key[:20]`). Four hex characters are what a redacted
/// key shows, so redacting is idempotent.
static KEY_SHAPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"sk-or-v1-[0-9a-f]{5,}").expect("valid regex"));

/// A key's 64 hex characters without the prefix (or a longer hex run holding them).
static KEY_BODY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9a-f]{64,}").expect("valid regex"));

/// A literal the run knows is key material, with how many characters of it may show at its
/// start and end.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    text: String,
    head: usize,
    tail: usize,
}

#[derive(Default)]
struct Registry {
    known: Vec<Known>,
    /// The texts in `known`, to remember each once.
    seen: std::collections::HashSet<String>,
    matcher: Option<AhoCorasick>,
}

static REGISTRY: LazyLock<RwLock<Registry>> = LazyLock::new(|| RwLock::new(Registry::default()));

/// Shorter literals are masked where they are written (offsets), not by searching for their
/// text everywhere: eight characters of a key are too common to search output for.
const MIN_REMEMBERED: usize = 8;
/// Any run of this many characters of what a remembered secret hides is masked too: a
/// message that quotes source text can cut a key anywhere (a callee written over half a key).
const WINDOW: usize = 12;
/// A bound on what a long-running server remembers.
const MAX_REMEMBERED: usize = 100_000;

/// Remembers `secret` as key material for the rest of the run: from now on it is masked in
/// every output, showing `head` characters at its start and `tail` at its end.
pub fn remember(secret: &str, head: usize, tail: usize) {
    let len = secret.chars().count();
    if len < MIN_REMEMBERED || head + tail >= len {
        return;
    }
    {
        let registry = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
        if registry.seen.contains(secret) || registry.known.len() >= MAX_REMEMBERED {
            return;
        }
    }
    let mut registry = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if !registry.seen.insert(secret.to_string()) {
        return;
    }
    let entry = Known {
        text: secret.to_string(),
        head,
        tail,
    };
    // JSON escapes some characters: the escaped spelling is masked too.
    let escaped = serde_json::to_string(secret).unwrap_or_default();
    let escaped = escaped.trim_matches('"');
    if escaped != secret && escaped.chars().count() > head + tail {
        registry.known.push(Known {
            text: escaped.to_string(),
            head,
            tail,
        });
    }
    registry.known.push(entry);
    let chars: Vec<char> = secret.chars().collect();
    let hidden = &chars[head..chars.len() - tail];
    if hidden.len() > WINDOW {
        for window in hidden.windows(WINDOW) {
            let window: String = window.iter().collect();
            if registry.seen.insert(window.clone()) {
                registry.known.push(Known {
                    text: window,
                    head: 0,
                    tail: 0,
                });
            }
        }
    }
    registry.matcher = None;
}

/// `text` with every key-shaped run and every remembered secret masked.
pub fn text(text: &str) -> Cow<'_, str> {
    match bytes(text.as_bytes()) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Masks are whole characters replacing whole matches of valid UTF-8 text.
        Cow::Owned(out) => Cow::Owned(String::from_utf8_lossy(&out).into_owned()),
    }
}

/// `text` with key-shaped runs masked, and nothing else: what depends on the text alone, not
/// on what else the run has seen (fingerprints).
pub fn key_shaped(text: &str) -> Cow<'_, str> {
    let mut found = Vec::new();
    key_shaped_in(text.as_bytes(), &mut found);
    match masked_at(text.as_bytes(), found) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(out) => Cow::Owned(String::from_utf8_lossy(&out).into_owned()),
    }
}

/// Where `text` holds what [`text`] masks, as `(range, head, tail)`: the characters shown
/// at the start and end of each range. For renderers that mask while laying text out.
pub fn sensitive_ranges(text: &str) -> Vec<(std::ops::Range<usize>, usize, usize)> {
    let mut found = Vec::new();
    key_shaped_in(text.as_bytes(), &mut found);
    remembered_in(text.as_bytes(), &mut found);
    found
        .into_iter()
        .filter(|&(start, end, _, _)| text.is_char_boundary(start) && text.is_char_boundary(end))
        .map(|(start, end, head, tail)| (start..end, head, tail))
        .collect()
}

/// Whether `text` holds anything [`text`] would mask.
pub fn is_sensitive(text: &str) -> bool {
    matches!(bytes(text.as_bytes()), Cow::Owned(_))
}

/// `data` with every key-shaped run and every remembered secret masked.
pub fn bytes(data: &[u8]) -> Cow<'_, [u8]> {
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
    key_shaped_in(data, &mut found);
    remembered_in(data, &mut found);
    masked_at(data, found)
}

/// Adds the key-shaped runs of `data` to `found`.
fn key_shaped_in(data: &[u8], found: &mut Vec<(usize, usize, usize, usize)>) {
    if memchr::memmem::find(data, KEY_PREFIX.as_bytes()).is_some() {
        for m in KEY_SHAPED.find_iter(data) {
            let hex = m.len() - KEY_PREFIX.len();
            let tail = if hex >= 64 { SHOWN_HEX } else { 0 };
            found.push((m.start(), m.end(), KEY_PREFIX.len() + SHOWN_HEX, tail));
        }
    }
    if data.len() >= 64 {
        for m in KEY_BODY.find_iter(data) {
            found.push((m.start(), m.end(), SHOWN_HEX, SHOWN_HEX));
        }
    }
}

/// `data` with each `(start, end, head, tail)` range masked.
fn masked_at(data: &[u8], mut found: Vec<(usize, usize, usize, usize)>) -> Cow<'_, [u8]> {
    if found.is_empty() {
        return Cow::Borrowed(data);
    }
    // Leftmost first, the longest of those; an overlapping match widens the one before.
    found.sort_by_key(|&(start, end, _, _)| (start, std::cmp::Reverse(end)));
    let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
    for m in found {
        match merged.last_mut() {
            Some(last) if m.0 < last.1 => {
                if m.1 > last.1 {
                    last.1 = m.1;
                    last.3 = last.3.min(m.3);
                }
            }
            _ => merged.push(m),
        }
    }
    let mut out = Vec::with_capacity(data.len());
    let mut at = 0;
    for (start, end, head, tail) in merged {
        out.extend_from_slice(&data[at..start]);
        out.extend_from_slice(&mask(&data[start..end], head, tail));
        at = end;
    }
    out.extend_from_slice(&data[at..]);
    Cow::Owned(out)
}

/// Adds where `data` holds a remembered secret to `found`.
fn remembered_in(data: &[u8], found: &mut Vec<(usize, usize, usize, usize)>) {
    let search = |registry: &Registry, found: &mut Vec<(usize, usize, usize, usize)>| {
        let Some(matcher) = &registry.matcher else {
            return false;
        };
        for m in matcher.find_iter(data) {
            let known = &registry.known[m.pattern().as_usize()];
            found.push((m.start(), m.end(), known.head, known.tail));
        }
        true
    };
    {
        let registry = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
        if registry.known.is_empty() || search(&registry, found) {
            return;
        }
    }
    // Something was remembered since the matcher was last built.
    let mut registry = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if registry.matcher.is_none() {
        let patterns: Vec<&str> = registry.known.iter().map(|k| k.text.as_str()).collect();
        registry.matcher = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .ok();
    }
    search(&registry, found);
}

/// `secret` with everything but `head` characters at its start and `tail` at its end
/// replaced by one `…`.
fn mask(secret: &[u8], head: usize, tail: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(secret);
    let chars: Vec<char> = text.chars().collect();
    let head = head.min(chars.len());
    let tail = tail.min(chars.len() - head);
    let mut out: String = chars[..head].iter().collect();
    if head + tail < chars.len() {
        out.push('…');
    }
    out.extend(&chars[chars.len() - tail..]);
    out.into_bytes()
}

/// A writer that redacts what goes through it, a line at a time (no key spans a line
/// break, so none is cut in two between writes). What is left without a line break is
/// written on `flush` and on drop.
pub struct Redacting<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Redacting<W> {
    pub fn new(inner: W) -> Self {
        Redacting {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_complete_lines(&mut self) -> io::Result<()> {
        let Some(last_newline) = memchr::memrchr(b'\n', &self.pending) else {
            return Ok(());
        };
        let rest = self.pending.split_off(last_newline + 1);
        let lines = std::mem::replace(&mut self.pending, rest);
        self.inner.write_all(&bytes(&lines))
    }

    fn write_pending(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.inner.write_all(&bytes(&pending))
    }
}

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if buf.contains(&b'\n') {
            self.write_complete_lines()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Redacting<W> {
    fn drop(&mut self) {
        let _ = self.write_pending();
    }
}

/// Standard output, redacted and buffered.
#[allow(clippy::disallowed_methods)]
pub fn stdout() -> Redacting<io::BufWriter<io::StdoutLock<'static>>> {
    Redacting::new(io::BufWriter::new(io::stdout().lock()))
}

/// Standard error, redacted.
#[allow(clippy::disallowed_methods)]
pub fn stderr() -> Redacting<io::StderrLock<'static>> {
    Redacting::new(io::stderr().lock())
}

/// Whether standard output is a terminal.
#[allow(clippy::disallowed_methods)]
pub fn stdout_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stdout())
}

/// Whether standard error is a terminal.
#[allow(clippy::disallowed_methods)]
pub fn stderr_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stderr())
}

/// Writes one line to standard error, redacted. A closed stderr is not worth a panic.
pub fn eprint_line(line: &str) {
    let mut err = stderr();
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// Writes `text` to standard output, redacted; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = stdout();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `data` to the file at `path`, redacted (`-o`, baselines).
pub fn write_file(path: &std::path::Path, data: &[u8]) -> io::Result<()> {
    #[allow(clippy::disallowed_methods)]
    std::fs::write(path, bytes(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(seed: &str) -> String {
        seed.chars().cycle().take(64).collect()
    }

    #[test]
    fn key_shaped_text_is_masked_whatever_surrounds_it() {
        let key = format!("{KEY_PREFIX}{}", hex("3f9ac21e"));
        for around in [
            ("", ""),
            ("x", "y"),
            ("_", "_old"),
            ("\\n", "\\t"),
            ("%3D", "%20"),
            ("é", "漢字"),
            ("0", ""),
        ] {
            let line = format!("{}{key}{}", around.0, around.1);
            let out = text(&line);
            assert!(!out.contains(&key), "{out}");
            assert!(!out.contains(&key[..20]), "{out}");
            assert!(out.contains("sk-or-v1-3f9a…c21e"), "{out}");
        }
        // Two keys back to back, and a partial key.
        let twice = format!("{key}{key}");
        assert_eq!(text(&twice), "sk-or-v1-3f9a…c21esk-or-v1-3f9a…c21e");
        assert_eq!(text(&key[..20]), "sk-or-v1-3f9a…");
        // Redacted text stays as it is.
        assert_eq!(text("sk-or-v1-3f9a…c21e"), "sk-or-v1-3f9a…c21e");
        assert!(matches!(text("sk-or-v1-..."), Cow::Borrowed(_)));
    }

    #[test]
    fn remembered_literals_are_masked_anywhere() {
        let secret = ["Qz7", "mLp", "2Rt", "Y8v", "Kd2", "WnB"].concat();
        remember(&secret, 4, 4);
        let line = format!("path/{secret}.py: cannot read");
        assert_eq!(text(&line), "path/Qz7m…2WnB.py: cannot read");
        // A writer cut mid-line still sees the whole secret.
        let mut buffer = Vec::new();
        {
            let mut w = Redacting::new(&mut buffer);
            w.write_all(&secret.as_bytes()[..5]).unwrap();
            w.write_all(&secret.as_bytes()[5..]).unwrap();
            w.write_all(b"\nnext").unwrap();
        }
        assert_eq!(String::from_utf8(buffer).unwrap(), "Qz7m…2WnB\nnext");
    }
}
