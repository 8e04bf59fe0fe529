//! A JSON array of diagnostics: 1-based lines and 1-based columns in Unicode code points,
//! `end_*` pointing just past the last character, sorted by path, line, column and code.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
    /// Only with `--show-suppressed`: whether an inline comment suppressed it, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression_reason: Option<&'a str>,
    /// Other places that explain the finding (the request a helper call makes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    /// The fix, when orlint has one (whether or not `[lint] fixable` lets `--fix` apply it).
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    message: &'a str,
    /// Whether `[lint] fixable` / `unfixable` let `--fix` apply it.
    fixable: bool,
    edits: Vec<JsonEdit<'a>>,
}

/// One replacement: byte offsets, and 1-based lines and columns (Unicode code points) as the
/// diagnostics give them.
#[derive(Serialize)]
struct JsonEdit<'a> {
    content: &'a str,
    start_byte: usize,
    end_byte: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut warnings: Vec<(String, String)> = Vec::new();
    let mut items = Vec::new();
    for file in report.files {
        for diagnostic in report.shown(file) {
            let start = file.index.position(&file.text, diagnostic.range.start);
            let end = file.index.position(&file.text, diagnostic.range.end);
            items.push(JsonDiagnostic {
                code: diagnostic.code(),
                name: diagnostic.name(),
                severity: diagnostic.severity().as_str(),
                path: &file.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                message: &diagnostic.message,
                help: &diagnostic.help,
                suppressed: report
                    .show_suppressed
                    .then_some(diagnostic.suppression.is_some()),
                suppression_reason: diagnostic
                    .suppression
                    .as_ref()
                    .and_then(|s| s.reason.as_deref()),
                related: diagnostic
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        path: &r.location.path,
                        line: r.location.start.line,
                        column: r.location.start.column,
                        end_line: r.location.end.line,
                        end_column: r.location.end.column,
                        message: &r.message,
                    })
                    .collect(),
                fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                    applicability: fix.applicability.as_str(),
                    message: &fix.title,
                    fixable: report.fixes.allows(diagnostic.rule),
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| {
                            let start = file.index.position(&file.text, edit.range.start);
                            let end = file.index.position(&file.text, edit.range.end);
                            JsonEdit {
                                content: &edit.content,
                                start_byte: edit.range.start,
                                end_byte: edit.range.end,
                                line: start.line,
                                column: start.column,
                                end_line: end.line,
                                end_column: end.column,
                            }
                        })
                        .collect(),
                }),
            });
        }
    }
    // Files not fully analysed (and files that could not be read) are entries too, shaped like
    // a finding at the start of the file with the code `warning`, so that consumers that read
    // every entry (editors, scripts) show them and never crash on them.
    for problem in report.problems.iter().filter(|p| !p.is_error()) {
        warnings.push((problem.path().unwrap_or("").to_string(), problem.message()));
    }
    for (path, message) in &warnings {
        items.push(JsonDiagnostic {
            code: "warning",
            name: "not-fully-analysed",
            severity: "warning",
            path,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            message,
            help: "Part of this file was not analysed; see the message. `--strict` makes this exit 2.",
            suppressed: None,
            suppression_reason: None,
            related: Vec::new(),
            fix: None,
        });
    }
    items.sort_by(|a, b| {
        (a.path, a.line, a.column, a.code).cmp(&(b.path, b.line, b.column, b.code))
    });
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}
