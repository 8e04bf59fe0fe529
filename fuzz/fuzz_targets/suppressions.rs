#![no_main]
//! Suppression comments: any bytes as the comments of a Python file and as a `#`-commented text
//! file, applied to findings on every line.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = orlint::suppress::directives_from_hash_comments(&text);
    // Through the whole pipeline: a key on every line gives a finding to suppress (keys are
    // assembled here, never written whole in the repository).
    let key = format!("sk-or-v1-{}", "0123456789abcdef".repeat(4));
    let mut file = String::new();
    for line in text.lines() {
        file.push_str(&format!("K = \"{key}\"  {line}\n"));
    }
    common::lint_as("suppressed.py", file.as_bytes());
    common::lint_as(".env", file.as_bytes());
});
