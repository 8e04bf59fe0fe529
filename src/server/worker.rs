//! The lint worker: one thread that lints document versions off the main loop, latest first.
//!
//! Edits arriving while a lint runs are coalesced: when the worker takes its next job, it
//! drains the queue and keeps only the newest version of each document, so a burst of
//! keystrokes costs one lint, and the first edit after a pause is linted at once (no timer
//! delays it). A newer version also cancels the lint of an older one mid-parse.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{Receiver, Sender};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::configs::{CannotLint, Configs, Resolved};
use super::convert::{self, Encoding, Text};
use crate::diagnostic::Diagnostic;
use crate::language::FileKind;
use crate::line_index::LineIndex;
use crate::lint::FilePath;
use crate::rules::{Rule, Severity};

/// A document version to lint.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Set when a newer version replaces this one.
    pub cancelled: Arc<AtomicBool>,
}

pub enum ToWorker {
    Lint(Job),
    /// The document was closed: forget its tree.
    Closed(Uri),
    /// A config file changed: forget resolved settings before the jobs that follow.
    ConfigChanged,
}

/// The diagnostics of one document version, or why it could not be linted.
pub struct Linted {
    pub uri: Uri,
    pub version: i32,
    pub outcome: Result<Vec<lsp_types::Diagnostic>, CannotLint>,
}

pub fn spawn(
    configs: Arc<Mutex<Configs>>,
    encoding: Encoding,
    max_file_size: u64,
) -> (Sender<ToWorker>, Receiver<Linted>) {
    let (to_worker, jobs) = crossbeam_channel::unbounded::<ToWorker>();
    let (results, from_worker) = crossbeam_channel::unbounded::<Linted>();
    std::thread::Builder::new()
        .name("orlint-lint".into())
        .spawn(move || {
            // The last tree of each open document, to reparse its next version from.
            let mut trees: HashMap<String, crate::parse::Previous> = HashMap::new();
            while let Ok(first) = jobs.recv() {
                // Everything queued meanwhile, newest version per document.
                let mut batch: Vec<ToWorker> = vec![first];
                batch.extend(jobs.try_iter());
                for message in coalesce(batch) {
                    match message {
                        ToWorker::ConfigChanged => lock(&configs).clear(),
                        ToWorker::Closed(uri) => {
                            trees.remove(uri.as_str());
                        }
                        ToWorker::Lint(job) => {
                            if job.cancelled.load(Ordering::Relaxed) {
                                continue;
                            }
                            let previous = trees.remove(job.uri.as_str());
                            // A panic is caught per document: the server keeps serving.
                            let (outcome, tree) =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    crate::parse::reparsing(Arc::clone(&job.text), previous, || {
                                        lint(&job, &configs, encoding, max_file_size)
                                    })
                                }))
                                .unwrap_or_else(|_| {
                                    let problem = CannotLint {
                                        path: None,
                                        position: None,
                                        message: format!(
                                            "internal error while linting {}; please report it",
                                            job.path.display()
                                        ),
                                    };
                                    (Err(problem), None)
                                });
                            if let Some(tree) = tree {
                                trees.insert(job.uri.as_str().to_string(), tree);
                            }
                            if job.cancelled.load(Ordering::Relaxed) {
                                continue;
                            }
                            let linted = Linted {
                                uri: job.uri,
                                version: job.version,
                                outcome,
                            };
                            if results.send(linted).is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        })
        .expect("the lint thread starts");
    (to_worker, from_worker)
}

/// Keeps the last job of each document (in the order of their last arrival) and every
/// config change, in order.
fn coalesce(batch: Vec<ToWorker>) -> Vec<ToWorker> {
    let mut kept: Vec<ToWorker> = Vec::with_capacity(batch.len());
    for message in batch {
        if let ToWorker::Lint(job) = &message {
            kept.retain(|k| !matches!(k, ToWorker::Lint(old) if old.uri == job.uri));
        }
        kept.push(message);
    }
    kept
}

pub fn lock(configs: &Mutex<Configs>) -> std::sync::MutexGuard<'_, Configs> {
    // A panic while holding the lock leaves the cache as it was: still usable.
    configs
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Lints one version as `orlint check --stdin-filename` would, and converts the result.
fn lint(
    job: &Job,
    configs: &Mutex<Configs>,
    encoding: Encoding,
    max_file_size: u64,
) -> Result<Vec<lsp_types::Diagnostic>, CannotLint> {
    let resolved = lock(configs).for_path(&job.path)?;
    if resolved.settings.is_excluded(&job.path, false) {
        return Ok(Vec::new());
    }
    let mut outcome = crate::parse::cancellable(Arc::clone(&job.cancelled), || {
        check_document(&job.path, &job.text, &resolved, max_file_size, None)
    });
    if let Some((path, baseline)) = &resolved.baseline {
        crate::baseline::apply(path, baseline, &mut outcome.files);
    }
    let index = LineIndex::new(&job.text);
    let text = Text {
        text: &job.text,
        index: &index,
    };
    let mut out: Vec<lsp_types::Diagnostic> = outcome
        .files
        .iter()
        .flat_map(|file| file.visible())
        .map(|d| to_lsp(d, &text, job, encoding, &resolved.settings.fixable))
        .collect();
    // What could not be analysed is said where the user looks, as the CLI says it on stderr.
    let shown = format!("{}: ", job.path.to_string_lossy());
    for problem in &outcome.problems {
        let message = problem.message();
        let message = message.strip_prefix(&shown).unwrap_or(&message);
        out.push(lsp_types::Diagnostic {
            range: lsp_types::Range::default(),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some("orlint".into()),
            message: crate::secrets::redact_keys_in(message).into_owned(),
            ..lsp_types::Diagnostic::default()
        });
    }
    Ok(out)
}

fn to_lsp(
    d: &Diagnostic,
    text: &Text<'_>,
    job: &Job,
    encoding: Encoding,
    fixable: &[&str],
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|related| {
            let location = &related.location;
            let range = if location.file == job.path {
                text.range(&location.range, encoding)
            } else {
                let other = crate::discover::read_text(&location.file).ok()?;
                let index = LineIndex::new(&other);
                Text {
                    text: &other,
                    index: &index,
                }
                .range(&location.range, encoding)
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(convert::uri_of(&location.file)?, range),
                message: crate::secrets::redact_keys_in(&related.message).into_owned(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: text.range(&d.range, encoding),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code().to_string())),
        code_description: docs_uri(d.rule).map(|href| CodeDescription { href }),
        source: Some("orlint".into()),
        message: crate::secrets::redact_keys_in(&d.message).into_owned(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        // The fix travels with the diagnostic, so a code action needs no second lint.
        data: d
            .fix
            .as_ref()
            .filter(|_| fixable.contains(&d.code()))
            .and_then(|fix| serde_json::to_value(FixData::of(fix, text, encoding)).ok()),
    }
}

/// A diagnostic's fix as the language server sends it in `Diagnostic.data`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp_types::TextEdit>,
}

impl FixData {
    fn of(fix: &crate::diagnostic::Fix, text: &Text<'_>, encoding: Encoding) -> FixData {
        FixData {
            title: fix.title.clone(),
            safe: fix.applicability == crate::diagnostic::Applicability::Safe,
            edits: fix
                .edits
                .iter()
                .map(|edit| lsp_types::TextEdit {
                    range: text.range(&edit.range, encoding),
                    new_text: edit.content.clone(),
                })
                .collect(),
        }
    }
}

/// The document with every safe fix applied (`source.fixAll.orlint`), as `--fix` would fix
/// it; `None` when nothing changes.
pub fn fix_all(
    path: &std::path::Path,
    text: &str,
    configs: &Mutex<Configs>,
    max_file_size: u64,
) -> Option<String> {
    let resolved = lock(configs).for_path(path).ok()?;
    if resolved.settings.is_excluded(path, false) {
        return None;
    }
    let fixing = crate::check::Fixing {
        policy: crate::fix::FixPolicy {
            unsafe_fixes: false,
            fixable: resolved.settings.fixable.clone(),
        },
        write: false,
    };
    let outcome = check_document(path, text, &resolved, max_file_size, Some(&fixing));
    let report = outcome.files.into_iter().next()?;
    report.original.as_ref()?;
    Some(report.text.to_string())
}

/// Checks a document's text as `--stdin-filename` would check it at its path.
fn check_document(
    path: &std::path::Path,
    text: &str,
    resolved: &Resolved,
    max_file_size: u64,
    fixing: Option<&crate::check::Fixing>,
) -> crate::check::CheckOutcome {
    let file = FilePath {
        // Absolute: the server has no working directory of its own that paths could be
        // shown relative to, and baselines resolve shown paths.
        shown: path.to_string_lossy().into(),
        absolute: path.to_path_buf(),
    };
    crate::check::check_buffer(
        file,
        FileKind::for_explicit_path(path),
        text.to_string(),
        &resolved.settings,
        max_file_size,
        &resolved.root,
        fixing,
    )
}

/// Where a rule's documentation is published (`docs/rules/<CODE>.md`, generated from the
/// rule's doc comment and kept in sync by a test).
pub fn docs_uri(rule: &Rule) -> Option<Uri> {
    format!(
        "{}/blob/main/docs/rules/{}.md",
        env!("CARGO_PKG_REPOSITORY"),
        rule.code
    )
    .parse()
    .ok()
}
