//! Helpers shared by the integration tests.
//!
//! No key-shaped string is committed anywhere in this repository (secret scanners and push
//! protection would flag it): fixtures write placeholders, and keys are assembled here.

#![allow(dead_code)]

use std::path::Path;

pub const KEY_PREFIX: &str = "sk-or-v1-";

/// How many literal keys of another format fixtures can use.
const LITERAL_KEYS: u64 = 8;

/// 64 lowercase hex characters derived from `seed` (splitmix64), stable across runs so
/// snapshots that show a redacted key do not change.
pub fn hex64(seed: u64) -> String {
    let mut state = seed;
    let mut out = String::with_capacity(64);
    while out.len() < 64 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.push_str(&format!("{z:016x}"));
    }
    out.truncate(64);
    out
}

/// A whole test key.
pub fn key(seed: u64) -> String {
    format!("{KEY_PREFIX}{}", hex64(seed))
}

/// A literal key of another format than OpenRouter's (40 characters, mixed case), as some
/// code hardcodes for a client pointed at OpenRouter.
pub fn literal_key(seed: u64) -> String {
    hex64(100 + seed)[..40]
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 3 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// Replaces fixture placeholders with test keys:
/// `{{KEY}}`/`{{KEY2}}` a whole key, `{{HEX}}` its 64 hex characters, `{{HEX1}}`/`{{HEX2}}`
/// the first and second half of them, `{{HEX63}}` one character short, `{{HEXUPPER}}` the hex
/// in uppercase; `{{LITKEY}}`, `{{LITKEY2}}`… literal keys of another format.
pub fn expand(text: &str) -> String {
    let hex = hex64(1);
    let mut text = text.to_string();
    for seed in (1..=LITERAL_KEYS).rev() {
        let name = if seed == 1 {
            "{{LITKEY}}".to_string()
        } else {
            format!("{{{{LITKEY{seed}}}}}")
        };
        text = text.replace(&name, &literal_key(seed));
    }
    text.replace("{{KEY}}", &key(1))
        .replace("{{KEY2}}", &key(2))
        .replace("{{HEX}}", &hex)
        .replace("{{HEX1}}", &hex[..32])
        .replace("{{HEX2}}", &hex[32..])
        .replace("{{HEX63}}", &hex[..63])
        .replace("{{HEXUPPER}}", &hex.to_uppercase())
}

/// The hex characters a redacted key must never show: everything but the first and last four.
pub fn hidden_hex(seed: u64) -> String {
    hex64(seed)[4..60].to_string()
}

/// Asserts that `output` shows no key material from the test keys: no whole key, and no run
/// of eight characters from the hidden middle of any key's hex.
pub fn assert_no_key_material(output: &str) {
    // The oracle is the test keys' own bytes, never the linter's pattern.
    for seed in [1, 2, 3] {
        let key = key(seed);
        assert!(
            !output.contains(&key),
            "test key {seed} leaked whole into the output"
        );
        assert!(
            !output.contains(&key[..20]),
            "the first 20 characters of test key {seed} leaked into the output"
        );
    }
    for seed in 1..=LITERAL_KEYS {
        let hidden = &literal_key(seed)[4..36];
        for window in 0..=hidden.len() - 8 {
            let piece = &hidden[window..window + 8];
            assert!(
                !output.contains(piece),
                "literal key material `{piece}` (literal key {seed}) leaked into the output"
            );
        }
    }
    for seed in [1, 2, 3] {
        let hidden = hidden_hex(seed);
        for window in 0..=hidden.len() - 8 {
            let piece = &hidden[window..window + 8];
            assert!(
                !output.contains(piece),
                "key material `{piece}` (key {seed}) leaked into the output"
            );
        }
    }
}

/// Every file under `dir`, sorted, depth first.
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Copies a directory tree, expanding placeholders in every file.
pub fn copy_expanded(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_expanded(&entry.path(), &target);
        } else {
            let bytes = std::fs::read(entry.path()).unwrap();
            match String::from_utf8(bytes) {
                Ok(text) => std::fs::write(&target, expand(&text)).unwrap(),
                Err(e) => std::fs::write(&target, e.into_bytes()).unwrap(),
            }
        }
    }
}

/// orlint run in `dir` as `nobody` when the tests run as root (file permissions do not
/// apply to root), and directly otherwise.
pub fn as_unprivileged_user(dir: &Path) -> assert_cmd::Command {
    let binary = assert_cmd::cargo::cargo_bin("orlint");
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut cmd = if is_root {
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary);
        cmd
    } else {
        assert_cmd::Command::new(binary)
    };
    cmd.current_dir(dir);
    cmd
}
