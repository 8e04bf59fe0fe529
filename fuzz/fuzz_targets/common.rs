//! Shared by the lint targets: lint bytes as a file of some kind, render every output format,
//! and check the promises that must hold whatever the input: no panic, and no key ever
//! appears in any output.
//!
//! The oracle does not share code with orlint. A key generated for this process is planted in
//! every input, next to neighbours the input chooses (string escapes, word characters, URL
//! encoding, CJK text, a second key), and every output is searched for its exact bytes: the
//! whole key, its first 20 characters, its 64 hex characters and any 12 characters of what
//! redaction hides. Keys the input holds by itself are found by a scanner written here.

use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use orlint::config::{Overrides, Settings};
use orlint::language::FileKind;
use orlint::lint::FilePath;
use orlint::report::{self, Format, PrettyOptions, Report};

const ROOT: &str = "/nonexistent-orlint-fuzz";

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    Settings::resolve(None, &Overrides::default(), Path::new(ROOT)).expect("default settings")
});

/// A key for this process: random, never written anywhere (`ORLINT_FUZZ_KEY_SEED` makes it
/// the same on every run, to reproduce a failure).
static KEY: LazyLock<String> = LazyLock::new(|| {
    if let Some(seed) = std::env::var("ORLINT_FUZZ_KEY_SEED").ok().and_then(|s| s.parse::<u64>().ok()) {
        let hex: String = (0..8u64)
            .map(|i| format!("{:016x}", seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(i).wrapping_mul(0xBF58_476D_1CE4_E5B9)))
            .collect::<String>()[..64]
            .to_string();
        return format!("sk-or-v1-{hex}");
    }
    let state = std::collections::hash_map::RandomState::new();
    let mut hex = String::new();
    for counter in 0u64.. {
        if hex.len() >= 64 {
            break;
        }
        let mut hasher = state.build_hasher();
        hasher.write_u64(counter);
        hex.push_str(&format!("{:016x}", hasher.finish()));
    }
    hex.truncate(64);
    format!("sk-or-v1-{hex}")
});

/// What may stand before and after the planted key.
const NEIGHBOURS: &[(&str, &str)] = &[
    ("", ""),
    ("\\n", ""),
    ("Bearer\\t", ""),
    ("\\x20", ""),
    ("\\u0020", ""),
    ("%3D", "%20"),
    ("_", "_old"),
    ("0", ""),
    ("é", ""),
    ("e\u{301}", ""),
    ("鍵は", "です"),
    ("key=", "\n"),
];

/// The input with the planted key in it: at a position and with neighbours the input's first
/// bytes choose, possibly twice (back to back), possibly split in two literals. Also returns
/// the input as it was, without the key.
fn planted(data: &[u8]) -> (String, String) {
    let (choice, rest) = match data {
        [a, b, c, rest @ ..] => ([*a, *b, *c], rest),
        _ => ([0, 0, 0], data),
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let key = KEY.as_str();
    let (before, after) = NEIGHBOURS[usize::from(choice[0]) % NEIGHBOURS.len()];
    let planted = match choice[1] % 4 {
        0 => format!("{before}{key}{after}"),
        1 => format!("{before}{key}{key}{after}"),
        2 => format!("\"sk-or-v1-\" \"{}\"", &key[9..]),
        _ => format!("PREFIX = \"sk-or-v1-\"\nK = PREFIX + \"{}\"\n", &key[9..]),
    };
    let mut at = usize::from(choice[2]) * text.len() / 256;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    (format!("{}{planted}{}", &text[..at], &text[at..]), text)
}

/// Keys the text holds, found without orlint: `sk-or-v1-` and 64 lowercase hex characters.
fn keys_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("sk-or-v1-") {
        let start = from + i;
        let hex = &bytes[start + 9..];
        let run = hex
            .iter()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        if run >= 64 {
            out.push(text[start..start + 73].to_string());
        }
        from = start + 9;
    }
    out
}

/// Everything of `key` no output may hold.
fn forbidden(key: &str) -> Vec<String> {
    let hex = &key[9..];
    let mut out = vec![key.to_string(), key[..20].to_string(), hex.to_string()];
    let hidden = &hex[4..60];
    for start in 0..=hidden.len() - 12 {
        out.push(hidden[start..start + 12].to_string());
    }
    out
}

pub fn lint_as(name: &str, data: &[u8]) {
    let (text, unplanted) = planted(data);
    let kind = FileKind::from_path(Path::new(name)).expect("a known kind");
    let file = FilePath {
        shown: Arc::from(name),
        absolute: PathBuf::from(ROOT).join(name),
    };
    let outcome =
        orlint::check::check_stdin(file.clone(), kind, text.clone(), &SETTINGS, 10 << 20, None);
    no_internal_error(&outcome);
    // Every fix, unsafe ones too: applying them must never panic, and the fixed text must
    // never hold a key the input did not (a fix writes no key).
    let fixing = orlint::check::Fixing {
        policy: orlint::fix::FixPolicy {
            unsafe_fixes: true,
            fixable: SETTINGS.fixable.clone(),
        },
        write: false,
    };
    let fixed = orlint::check::check_stdin(
        file,
        kind,
        text.clone(),
        &SETTINGS,
        10 << 20,
        Some(&fixing),
    );
    no_internal_error(&fixed);
    let keys_before = keys_in(&text);
    for file in fixed.files.iter().filter(|f| f.original.is_some()) {
        let added = keys_in(&file.text)
            .into_iter()
            .filter(|k| !keys_before.contains(k))
            .count();
        assert_eq!(added, 0, "a fix added a key");
        for diagnostic in &file.diagnostics {
            for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
                assert!(!edit.content.contains("sk-or-v1-"), "a fix edit carries a key");
            }
        }
    }
    for file in &outcome.files {
        for diagnostic in &file.diagnostics {
            let range = diagnostic.range.clone();
            assert!(range.start <= range.end && range.end <= file.text.len());
            assert!(
                file.text.is_char_boundary(range.start) && file.text.is_char_boundary(range.end)
            );
        }
    }
    // Only the rules that fired: SARIF serialises each rule's whole documentation, which
    // depends on nothing in the input and was most of the time spent per input.
    let mut fired: Vec<&'static orlint::rules::Rule> = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.rule))
        .collect();
    fired.sort_by_key(|r| r.code);
    fired.dedup_by_key(|r| r.code);
    let report = Report::of(&outcome, &fired);
    let mut secrets: Vec<String> = keys_before;
    secrets.push(KEY.clone());
    // libFuzzer learns the bytes the oracle compares against and writes them into inputs:
    // a run of the key's hex characters the input holds by itself, outside any key, is the
    // input's own text (anything key-shaped stays forbidden: it must be masked wherever it is).
    let forbidden: Vec<String> = secrets
        .iter()
        .flat_map(|k| forbidden(k))
        .filter(|piece| piece.starts_with("sk-or-v1-") || !unplanted.contains(piece.as_str()))
        .collect();
    for format in [
        Format::Pretty,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ] {
        let mut out = Vec::new();
        let options = PrettyOptions {
            color: true,
            width: 100,
        };
        report::render(format, &report, options, &mut out).expect("rendering to memory");
        let out = String::from_utf8_lossy(&out);
        for piece in &forbidden {
            assert!(
                !out.contains(piece.as_str()),
                "key material ({} characters) appears in {format:?}",
                piece.len()
            );
        }
    }
    for problem in &outcome.problems {
        let message = problem.to_string();
        let shown = orlint::redact::text(&message);
        for piece in &forbidden {
            assert!(!shown.contains(piece.as_str()), "key material in a warning");
        }
    }
}

fn no_internal_error(outcome: &orlint::check::CheckOutcome) {
    for problem in &outcome.problems {
        let message = problem.message();
        assert!(!message.contains("internal error"), "{message}");
    }
}
