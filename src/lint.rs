//! Linting one file's text: prefilter → parse → extract → rules → suppress.

use std::sync::Arc;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::extract;
use crate::facts::Facts;
use crate::language::{FileKind, Language};
use crate::line_index::LineIndex;
use crate::notebook;
use crate::rules::RuleContext;
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

/// Lints `text` as a file of `kind` shown as `path`.
pub fn lint(path: &Arc<str>, kind: FileKind, text: &str, settings: &Settings) -> LintOutcome {
    if !settings.prefilter.matches(text.as_bytes()) {
        return LintOutcome::default();
    }
    let mut outcome = match kind {
        FileKind::Code(language) => lint_unit(path, Some(language), text, settings),
        FileKind::Text => lint_unit(path, None, text, settings),
        FileKind::Notebook => lint_notebook(path, text, settings),
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
    path: &Arc<str>,
    language: Option<Language>,
    text: &str,
    settings: &Settings,
) -> LintOutcome {
    let facts = match language {
        Some(language) => extract::extract(language, text),
        None => Facts::default(),
    };
    let kind = language.map_or(FileKind::Text, FileKind::Code);
    let ctx = RuleContext {
        path,
        kind,
        text,
        facts: &facts,
    };
    let mut diagnostics = Vec::new();
    for rule in &settings.rules {
        (rule.check)(&ctx, &mut diagnostics);
    }
    if diagnostics.is_empty() {
        return LintOutcome::default();
    }
    let index = LineIndex::new(text);
    let directives = match language {
        Some(_) => suppress::directives_from_comments(text, &index, &facts.comments),
        None => suppress::directives_from_hash_comments(text),
    };
    suppress::apply(&mut diagnostics, &directives, &index);
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

/// Code cells are linted as Python and mapped back to the notebook's bytes; the rest of the
/// file (outputs, markdown, metadata) is scanned as text, because a key printed in an output
/// cell has leaked just the same.
fn lint_notebook(path: &Arc<str>, text: &str, settings: &Settings) -> LintOutcome {
    let parsed = match notebook::parse(text) {
        Ok(parsed) => parsed,
        Err(reason) => {
            let mut outcome = lint_unit(path, None, text, settings);
            outcome
                .warnings
                .push(format!("{path}: {reason}; scanned as text"));
            return outcome;
        }
    };
    let cells = parsed.python_cells.unwrap_or_default();
    let mut outcome = lint_unit(path, None, text, settings);
    let in_cell_source = |offset: usize| {
        cells
            .iter()
            .any(|c| c.json_ranges.iter().any(|r| r.contains(&offset)))
    };
    outcome
        .diagnostics
        .retain(|d| !in_cell_source(d.range.start));
    outcome.secrets.retain(|s| !in_cell_source(s.start));
    for cell in &cells {
        if !settings.prefilter.matches(cell.text.as_bytes()) {
            continue;
        }
        let cell_outcome = lint_unit(path, Some(Language::Python), &cell.text, settings);
        for mut diagnostic in cell_outcome.diagnostics {
            diagnostic.range = cell.map.range_to_file(diagnostic.range);
            outcome.diagnostics.push(diagnostic);
        }
        for part in cell_outcome.secrets {
            let range = cell.map.range_to_file(part.range());
            outcome.secrets.push(SecretPart {
                start: range.start,
                end: range.end,
                key_offset: part.key_offset,
            });
        }
    }
    outcome
}
