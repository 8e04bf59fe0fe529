//! The default terminal output: one miette graphical report per diagnostic, then a summary.
//!
//! One `GraphicalReportHandler`, themed explicitly (never miette's global hook or its
//! environment sniffing), so the same input renders the same bytes everywhere.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::{CONTEXT_LINES, Snippet};
use super::{PrettyOptions, Report};
use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

pub fn render(report: &Report<'_>, options: PrettyOptions, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES);
    let mut buffer = String::new();
    for file in report.files {
        for diagnostic in report.shown(file) {
            let (snippet, span) = Snippet::new(file, diagnostic);
            let related = diagnostic
                .related
                .iter()
                .map(|r| {
                    RelatedNote(format!(
                        "{}:{}:{}: {}",
                        r.location.path, r.location.start.line, r.location.start.column, r.message
                    ))
                })
                .collect();
            let pretty = PrettyDiagnostic {
                diagnostic,
                fix_marker: report.fix_marker(diagnostic),
                snippet,
                span,
                related,
            };
            buffer.clear();
            handler
                .render_report(&mut buffer, &pretty)
                .map_err(|_| io::Error::other("failed to render a diagnostic"))?;
            out.write_all(buffer.as_bytes())?;
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", summary(report))?;
    if let Some(line) = inactive_line(report.inactive) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `OR004, OR009 inactive: no regulated paths configured — see orlint init`, one line for all
/// reasons.
pub fn inactive_line(inactive: &[(&'static crate::rules::Rule, &'static str)]) -> Option<String> {
    if inactive.is_empty() {
        return None;
    }
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (rule, reason) in inactive {
        match groups.iter_mut().find(|(r, _)| r == reason) {
            Some((_, codes)) => codes.push(rule.code),
            None => groups.push((reason, vec![rule.code])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(reason, codes)| format!("{} inactive: {reason}", codes.join(", ")))
        .collect();
    Some(format!("{} — see orlint init", parts.join("; ")))
}

/// `Found 3 problems (2 errors, 1 warning) in 2 files; checked 41 files in 12 ms.`
pub fn summary(report: &Report<'_>) -> String {
    let mut errors = 0;
    let mut warnings = 0;
    let mut files = 0;
    for file in report.files {
        let mut any = false;
        for diagnostic in file.visible() {
            any = true;
            match diagnostic.severity() {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        files += usize::from(any);
    }
    let baselined = if report.baselined > 0 {
        format!(" ({} in the baseline not shown)", report.baselined)
    } else {
        String::new()
    };
    let elapsed = report
        .elapsed
        .map(|e| format!(" in {} ms", e.as_millis()))
        .unwrap_or_default();
    let checked = format!(
        "checked {}{baselined}{elapsed}.",
        plural(report.checked, "file")
    );
    let mut fixed = if report.fixed > 0 {
        format!("Fixed {}.\n", plural(report.fixed, "problem"))
    } else {
        String::new()
    };
    let dropped: usize = report.files.iter().map(|f| f.dropped).sum();
    if dropped > 0 {
        fixed.push_str(&format!(
            "Dropped {} that would have broken a file (see the errors above).\n",
            plural(dropped, "fix")
        ));
    }
    if errors + warnings == 0 {
        return format!("{fixed}No problems found; {checked}");
    }
    let mut kinds = Vec::new();
    if errors > 0 {
        kinds.push(plural(errors, "error"));
    }
    if warnings > 0 {
        kinds.push(plural(warnings, "warning"));
    }
    let (fixable, hidden) = report.fixable_counts();
    let mut fixes = String::new();
    if fixable > 0 {
        let flag = if report.fixes.unsafe_fixes {
            "--fix --unsafe-fixes"
        } else {
            "--fix"
        };
        fixes.push_str(&format!("\n{fixable} fixable with `orlint check {flag}`"));
    }
    if hidden > 0 {
        let more = if fixable > 0 { " more" } else { "" };
        fixes.push_str(&format!(
            "{}{hidden}{more} fixable with `orlint check --fix --unsafe-fixes` (unsafe: they change behaviour)",
            if fixable > 0 { "; " } else { "\n" }
        ));
    }
    format!(
        "{fixed}Found {} ({}) in {}; {checked}{fixes}",
        plural(errors + warnings, "problem"),
        kinds.join(", "),
        plural(files, "file")
    )
}

/// `1 problem`, `3 problems`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with(['s', 'x']) {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

/// A diagnostic dressed for miette.
struct PrettyDiagnostic<'a> {
    diagnostic: &'a Diagnostic,
    /// " (fix available)" or empty.
    fix_marker: String,
    snippet: Snippet,
    span: miette::SourceSpan,
    related: Vec<RelatedNote>,
}

/// A related location, shown under the diagnostic as `path:line:col: what it is` (a
/// location terminals and editors make clickable; no second snippet, so nothing from
/// another file can show a key).
#[derive(Debug)]
struct RelatedNote(String);

impl fmt::Display for RelatedNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RelatedNote {}

impl miette::Diagnostic for RelatedNote {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
}

impl fmt::Debug for PrettyDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for PrettyDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.diagnostic.suppression {
            Some(s) => write!(
                f,
                "[suppressed{}] {}",
                s.reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default(),
                self.diagnostic.message
            ),
            None => write!(f, "{}{}", self.diagnostic.message, self.fix_marker),
        }
    }
}

impl std::error::Error for PrettyDiagnostic<'_> {}

impl miette::Diagnostic for PrettyDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.diagnostic.code(),
            self.diagnostic.name()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.diagnostic.help.is_empty())
            .then(|| Box::new(&self.diagnostic.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.snippet)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = &'b dyn miette::Diagnostic>>
        })
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(self.diagnostic.label.clone(), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}
