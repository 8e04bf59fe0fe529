//! Renderers over [`Diagnostic`](crate::diagnostic::Diagnostic): one module per `--format`.
//!
//! Every renderer receives the same [`Report`]; none of them sees a syntax tree. Suppressed
//! diagnostics are left out of every format.

use std::io::{self, Write};
use std::time::Duration;

use crate::lint::FileReport;
use crate::rules::Rule;

mod concise;
pub mod fingerprint;
mod github;
mod json;
mod pretty;
pub(crate) use pretty::plural;
pub(crate) mod sarif;
mod snippet;

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphical reports with source snippets, and a summary line.
    Pretty,
    /// `path:line:col: CODE message`, one per line.
    Concise,
    /// A JSON array of diagnostics.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// What a run produced, ready to render.
pub struct Report<'a> {
    /// Files with diagnostics, sorted by path.
    pub files: &'a [FileReport],
    /// The enabled rules, in code order (SARIF lists every one).
    pub rules: &'a [&'static Rule],
    /// Enabled rules that did not run because their policy is not configured, with why.
    pub inactive: &'a [(&'static Rule, &'static str)],
    pub checked: usize,
    /// How long the run took, shown on a terminal only: a report written to a file or a
    /// pipe is the same bytes from one run to the next.
    pub elapsed: Option<Duration>,
    /// Include suppressed diagnostics (`--show-suppressed`), marked as such.
    pub show_suppressed: bool,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
    /// Files not read or not fully analysed, and other problems (already on stderr; SARIF
    /// and JSON carry them too).
    pub problems: &'a [crate::discover::Problem],
    /// Which fixes `--fix` would apply (for "fixable" counts), and how many this run applied.
    pub fixes: crate::fix::FixPolicy,
    pub fixed: usize,
}

/// Terminal settings for `pretty`.
#[derive(Debug, Clone, Copy)]
pub struct PrettyOptions {
    pub color: bool,
    pub width: usize,
}

impl<'a> Report<'a> {
    /// A report of `outcome`'s files and problems, suppressed findings shown, no timing: what
    /// the fuzz targets and the redaction property render.
    pub fn of(outcome: &'a crate::check::CheckOutcome, rules: &'a [&'static Rule]) -> Self {
        Report {
            files: &outcome.files,
            rules,
            inactive: &[],
            checked: outcome.checked,
            elapsed: None,
            show_suppressed: true,
            baselined: 0,
            problems: &outcome.problems,
            fixes: crate::fix::FixPolicy::default(),
            fixed: 0,
        }
    }

    /// " (fix available)" / " (unsafe fix available)" for a diagnostic whose fix the run's
    /// `fixable` selection allows; empty otherwise.
    pub fn fix_marker(&self, diagnostic: &crate::diagnostic::Diagnostic) -> String {
        match &diagnostic.fix {
            Some(fix) if self.fixes.allows(diagnostic.rule) && diagnostic.suppression.is_none() => {
                format!(" ({})", crate::fix::availability(Some(fix)))
            }
            _ => String::new(),
        }
    }

    /// Shown findings `--fix` would fix, and those only `--unsafe-fixes` would.
    pub fn fixable_counts(&self) -> (usize, usize) {
        let mut counts = (0, 0);
        for file in self.files {
            for diagnostic in file.visible() {
                let Some(fix) = &diagnostic.fix else { continue };
                if !self.fixes.allows(diagnostic.rule) {
                    continue;
                }
                match fix.applicability {
                    crate::diagnostic::Applicability::Safe => counts.0 += 1,
                    crate::diagnostic::Applicability::Unsafe if self.fixes.unsafe_fixes => {
                        counts.0 += 1
                    }
                    crate::diagnostic::Applicability::Unsafe => counts.1 += 1,
                }
            }
        }
        counts
    }

    /// Unsuppressed diagnostics: what the exit code and the summary count.
    pub fn visible_count(&self) -> usize {
        self.files.iter().map(|f| f.visible().count()).sum()
    }

    /// The diagnostics of `file` this report shows.
    pub fn shown<'f>(
        &self,
        file: &'f FileReport,
    ) -> impl Iterator<Item = &'f crate::diagnostic::Diagnostic> {
        let all = self.show_suppressed;
        file.diagnostics
            .iter()
            .filter(move |d| all || d.suppression.is_none())
    }
}

/// Renders `report` in `format` to `out`, through the redaction step ([`crate::redact`]):
/// whatever a renderer formats, no key reaches `out`.
pub fn render(
    format: Format,
    report: &Report<'_>,
    pretty: PrettyOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = crate::redact::Redacting::new(out);
    match format {
        Format::Pretty => pretty::render(report, pretty, &mut out),
        Format::Concise => concise::render(report, &mut out),
        Format::Json => json::render(report, &mut out),
        Format::Sarif => sarif::render(report, &mut out),
        Format::Github => github::render(report, &mut out),
    }?;
    out.flush()
}
