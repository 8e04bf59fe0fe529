//! Linting one file's text: prefilter → parse → extract → rules → suppress.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::extract;
use crate::facts::Facts;
use crate::language::{FileKind, Language};
use crate::line_index::LineIndex;
use crate::notebook;
use crate::rules::{RuleContext, unused_suppression};
use crate::secrets::{self, SecretPart};
use crate::suppress;

/// The findings of one file, with what rendering them needs.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: Arc<str>,
    /// The file's text (lossily decoded), kept only for files with diagnostics.
    pub text: Arc<str>,
    pub index: LineIndex,
    /// Where key material sits, so snippets can mask it.
    pub secrets: Vec<SecretPart>,
    /// Sorted by position, suppressed ones included.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn visible(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.suppression.is_none())
    }
}

/// The result of linting one file's text.
#[derive(Debug, Default)]
pub struct LintOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub secrets: Vec<SecretPart>,
    /// Problems worth a warning that did not stop linting (e.g. a malformed notebook).
    pub warnings: Vec<String>,
}

/// Where a file is: the path shown in reports and the absolute path policies match.
#[derive(Debug, Clone)]
pub struct FilePath {
    pub shown: Arc<str>,
    pub absolute: PathBuf,
}

/// Lints `text` as a file of `kind`.
pub fn lint(file: &FilePath, kind: FileKind, text: &str, settings: &Settings) -> LintOutcome {
    if !settings.prefilter.matches(text.as_bytes()) {
        return LintOutcome::default();
    }
    let mut outcome = match kind {
        FileKind::Code(language) => lint_unit(file, Some(language), text, settings),
        FileKind::Text => lint_unit(file, None, text, settings),
        FileKind::Notebook => lint_notebook(file, text, settings),
    };
    outcome.diagnostics.sort_by(|a, b| {
        (a.range.start, a.code(), a.range.end).cmp(&(b.range.start, b.code(), b.range.end))
    });
    outcome
        .diagnostics
        .dedup_by(|a, b| a.code() == b.code() && a.range == b.range);
    outcome
}

/// One unit of code (a file, or a notebook cell) in its own coordinates. `language` is `None`
/// for text files, which are scanned but never parsed.
fn lint_unit(
    file: &FilePath,
    language: Option<Language>,
    text: &str,
    settings: &Settings,
) -> LintOutcome {
    let language = language.filter(|_| !looks_minified(text));
    let policy = settings.policy.for_file(&file.absolute);
    let facts = match language {
        Some(language) => {
            let wants = extract::Wants {
                sites: settings.rules.iter().any(|r| r.needs_sites) && mentions_openrouter(text),
                // Only OR004 reads them, and only in regulated files.
                model_literals: policy.regulated
                    && settings.rules.iter().any(|r| r.needs_model_literals),
            };
            extract::extract(language, text, wants)
        }
        None => Facts::default(),
    };
    let kind = language.map_or(FileKind::Text, FileKind::Code);
    let ctx = RuleContext {
        path: &file.shown,
        absolute_path: &file.absolute,
        kind,
        text,
        facts: &facts,
        settings,
        policy,
    };
    let mut diagnostics = Vec::new();
    for rule in &settings.rules {
        (rule.check)(&ctx, &mut diagnostics);
    }
    let hygiene = settings
        .rules
        .iter()
        .any(|r| r.code == unused_suppression::UNUSED_SUPPRESSION.code);
    if diagnostics.is_empty() && !(hygiene && text.contains("orlint:")) {
        return LintOutcome::default();
    }
    let index = LineIndex::new(text);
    let directives = match language {
        Some(_) => suppress::directives_from_comments(text, &index, &facts.comments),
        None => suppress::directives_from_hash_comments(text),
    };
    let used = suppress::apply(&mut diagnostics, &directives, &index);
    if hygiene {
        unused_suppression::check_directives(&ctx, &directives, &used, &mut diagnostics);
    }
    if diagnostics.is_empty() {
        return LintOutcome::default();
    }
    let secrets = secrets::find_keys(text, &facts.concatenations)
        .into_iter()
        .flat_map(|k| k.parts)
        .collect();
    LintOutcome {
        diagnostics,
        secrets,
        warnings: Vec::new(),
    }
}

/// Whether `text` holds any OpenRouter evidence the request model recognises.
fn mentions_openrouter(text: &str) -> bool {
    static EVIDENCE: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .build(crate::model::EVIDENCE_TOKENS)
            .expect("plain strings")
    });
    EVIDENCE.is_match(text)
}

/// Minified or bundled code: long lines on average. Such files are generated, not reviewed,
/// and cost the parser far more than they are worth; they are still scanned for keys (a key
/// in a browser bundle has leaked), but not parsed.
fn looks_minified(text: &str) -> bool {
    const MIN_SIZE: usize = 32 * 1024;
    const MAX_AVERAGE_LINE: usize = 500;
    text.len() >= MIN_SIZE
        && text.len() / (memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1) > MAX_AVERAGE_LINE
}

/// The code cells are linted as one Python unit and mapped back to the notebook's bytes; the
/// rest of the file (outputs, markdown, metadata) is scanned as text, because a key printed in
/// an output cell has leaked just the same.
fn lint_notebook(file: &FilePath, text: &str, settings: &Settings) -> LintOutcome {
    let parsed = match notebook::parse(text) {
        Ok(parsed) => parsed,
        Err(reason) => {
            let mut outcome = lint_unit(file, None, text, settings);
            outcome
                .warnings
                .push(format!("{}: {reason}; scanned as text", file.shown));
            return outcome;
        }
    };
    let mut outcome = lint_unit(file, None, text, settings);
    let Some(code) = parsed.python else {
        return outcome;
    };
    let in_code = |offset: usize| code.json_ranges.iter().any(|r| r.contains(&offset));
    outcome.diagnostics.retain(|d| !in_code(d.range.start));
    outcome.secrets.retain(|s| !in_code(s.start));
    if settings.prefilter.matches(code.text.as_bytes()) {
        let code_outcome = lint_unit(file, Some(Language::Python), &code.text, settings);
        for mut diagnostic in code_outcome.diagnostics {
            diagnostic.range = code.map.range_to_file(diagnostic.range);
            outcome.diagnostics.push(diagnostic);
        }
        for part in code_outcome.secrets {
            let range = code.map.range_to_file(part.range());
            outcome.secrets.push(SecretPart {
                start: range.start,
                end: range.end,
                key_offset: part.key_offset,
            });
        }
    }
    outcome
}
