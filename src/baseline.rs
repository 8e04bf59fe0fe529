//! Baselines for existing codebases: record today's findings, report only new ones.
//!
//! An entry keys on the rule, the path (relative to the baseline file) and a fingerprint of
//! the finding's own source text and the line around it, so unrelated edits (lines added
//! above, code moved) do not bring entries back. The fingerprint is a SHA-256 hash of that
//! text with key material masked: a baselined key is never written to the file, and never
//! hashed either.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::lint::FileReport;
use crate::paths;

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `/`-separated, relative to the baseline file's directory.
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// For reviewers; redacted like every message. Not used for matching.
    pub message: String,
}

/// Collapses whitespace so re-indenting or reformatting a line does not change its print.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of each visible diagnostic of a file, with its index in
/// `file.diagnostics`. Identical findings in one file (same rule, text and line) are told apart
/// by their occurrence number.
fn fingerprints(file: &FileReport) -> Vec<(usize, String)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    file.diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.suppression.is_none())
        .map(|(index, diagnostic)| {
            let text = &file.text;
            let range = diagnostic.range.clone();
            let first = file.index.line_of(range.start);
            let last = file
                .index
                .line_of(range.end.saturating_sub(1).max(range.start));
            let context =
                file.index.line_range(text, first).start..file.index.line_range(text, last).end;
            let mut hasher = Sha256::new();
            hasher.update(diagnostic.code().as_bytes());
            hasher.update([0]);
            // Key material is masked first: a baseline never hashes a key.
            let masked = |range| {
                let masked = crate::secrets::masked(text, range, &file.secrets);
                crate::redact::key_shaped(&masked).into_owned()
            };
            hasher.update(normalized(&masked(range)).as_bytes());
            hasher.update([0]);
            hasher.update(normalized(&masked(context)).as_bytes());
            let base: String = hasher
                .finalize()
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect();
            let occurrence = seen.entry(base.clone()).or_insert(0);
            *occurrence += 1;
            (index, format!("{base}:{occurrence}"))
        })
        .collect()
}

/// The path an entry records, redacted as everything orlint writes is (a key in a file
/// name is masked in the baseline too, and matched masked).
fn relative_path(shown: &str, baseline_dir: &Path) -> String {
    let path = paths::display(&paths::absolute(Path::new(shown)), baseline_dir);
    crate::redact::text(&path).into_owned()
}

fn baseline_dir(path: &Path) -> PathBuf {
    paths::absolute(path)
        .parent()
        .map_or_else(paths::cwd, Path::to_path_buf)
}

/// Writes every visible finding to `path`; returns how many.
pub fn write(path: &Path, files: &[FileReport]) -> Result<usize, String> {
    let dir = baseline_dir(path);
    let mut findings: Vec<Entry> = files
        .iter()
        .flat_map(|file| {
            let shown = relative_path(&file.path, &dir);
            fingerprints(file)
                .into_iter()
                .map(move |(index, fingerprint)| Entry {
                    path: shown.clone(),
                    code: file.diagnostics[index].code().to_string(),
                    fingerprint,
                    message: file.diagnostics[index].message.clone(),
                })
        })
        .collect();
    findings.sort();
    let count = findings.len();
    let json = serde_json::to_string_pretty(&Baseline {
        version: VERSION,
        findings,
    })
    .map_err(|e| format!("cannot serialise the baseline: {e}"))?;
    crate::redact::write_file(path, (json + "\n").as_bytes()).map_err(|e| {
        format!(
            "cannot write {}: {}",
            path.display(),
            crate::discover::io_reason(&e)
        )
    })?;
    Ok(count)
}

/// Reads a baseline file.
pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = crate::discover::read_text(path)
        .map_err(|reason| format!("cannot read baseline {}: {reason}", path.display()))?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not an orlint baseline: {e}", path.display()))?;
    if baseline.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported (expected {VERSION})",
            path.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Removes the findings the baseline at `path` records (each entry absorbs one finding);
/// returns how many were removed.
pub fn apply(path: &Path, baseline: &Baseline, files: &mut Vec<FileReport>) -> usize {
    let dir = baseline_dir(path);
    let mut remaining: HashMap<(String, String, String), usize> = HashMap::new();
    for entry in &baseline.findings {
        *remaining
            .entry((
                entry.path.clone(),
                entry.code.clone(),
                entry.fingerprint.clone(),
            ))
            .or_insert(0) += 1;
    }
    let mut removed = 0;
    for file in files.iter_mut() {
        let shown = relative_path(&file.path, &dir);
        let known: Vec<usize> = fingerprints(file)
            .into_iter()
            .filter_map(|(index, fingerprint)| {
                let key = (
                    shown.clone(),
                    file.diagnostics[index].code().to_string(),
                    fingerprint,
                );
                let left = remaining.get_mut(&key)?;
                if *left == 0 {
                    return None;
                }
                *left -= 1;
                Some(index)
            })
            .collect();
        removed += known.len();
        let mut index = 0;
        file.diagnostics.retain(|_| {
            let keep = !known.contains(&index);
            index += 1;
            keep
        });
    }
    files.retain(|f| !f.diagnostics.is_empty());
    removed
}
