//! The `check` pipeline over many files: read and lint each target in parallel (rayon), then
//! gather results in path order so output is deterministic.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::discover::{self, Problem, Target};
use crate::fix::{self, FixPolicy};
use crate::language::FileKind;
use crate::line_index::LineIndex;
use crate::lint::{self, FilePath, FileReport, LintOutcome};
use crate::paths;
use crate::project::Project;

/// Everything a `check` run found.
#[derive(Debug, Default)]
pub struct CheckOutcome {
    /// Files with diagnostics (suppressed ones included), sorted by path.
    pub files: Vec<FileReport>,
    /// Files read and linted (whether or not the prefilter let them through to parsing).
    pub checked: usize,
    pub problems: Vec<Problem>,
}

/// What `--fix` and `--diff` ask of a run.
#[derive(Debug, Clone)]
pub struct Fixing {
    pub policy: FixPolicy,
    /// Write fixed files (`--fix`); without it the fixed text is only reported (`--diff`).
    pub write: bool,
}

enum TargetResult {
    Linted(Option<FileReport>, Vec<Problem>),
    Skipped(Option<Problem>),
}

/// Discovers and lints in one go: walker threads hand each file over as they find it, and
/// rayon lints it while the walk continues, so reading directories and parsing overlap.
/// Results are gathered unordered; callers sort them.
pub fn check_paths(
    args: &[std::path::PathBuf],
    settings: &Settings,
    options: discover::WalkOptions,
    max_file_size: u64,
    fixing: Option<&Fixing>,
) -> CheckOutcome {
    let cwd = paths::absolute(&paths::cwd());
    let project = project_for(settings, &cwd, max_file_size);
    // Unbounded: a bounded channel kept fewer paths waiting (58 instead of 71 MB on 100,000
    // files) but made the walker threads wait, and the run 50% slower.
    let (sender, receiver) = std::sync::mpsc::channel::<Target>();
    let (walk_problems, linted) = std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            discover::discover_each(args, settings, options, &move |target| {
                // The receiver only goes away if linting panicked; nothing left to do then.
                let _ = sender.send(target);
            })
        });
        // Only what is worth reporting is kept: files with findings (their text, for
        // snippets) and problems. Memory follows the findings, not the size of the tree.
        let linted = receiver
            .into_iter()
            .par_bridge()
            .map(|target| check_target(&target, settings, &project, max_file_size, &cwd, fixing))
            .fold(CheckOutcome::default, |mut outcome, result| {
                outcome.absorb(result);
                outcome
            })
            .reduce(CheckOutcome::default, CheckOutcome::merge);
        let problems = walker.join().unwrap_or_else(|_| {
            vec![Problem::Error(
                "internal error while walking the file tree; please report it".into(),
            )]
        });
        (problems, linted)
    });
    let project_problems = project.take_problems();
    // The project's caches (every module loaded, every directory listed) can be large:
    // freeing them is work nobody waits for.
    std::thread::spawn(move || drop(project));
    let mut outcome = linted;
    outcome.problems.extend(walk_problems);
    outcome
        .problems
        .extend(project_problems.into_iter().map(Problem::Warning));
    outcome.drop_findings_reported_where_written();
    // Output must not depend on which thread finished first.
    outcome.files.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.problems.sort_by_cached_key(problem_key);
    // A file both the walk and the project met (a FIFO named `tsconfig.json`) is said once.
    outcome.problems.dedup();
    outcome
}

fn problem_key(problem: &Problem) -> String {
    problem.message()
}

impl CheckOutcome {
    /// One literal, one finding: a finding at a request about a model id written in another
    /// file is dropped when this run reports the same rule where the id is written (when
    /// that file is not linted, as in a pre-commit run of the request's file alone, the
    /// request's finding stands). Suppressed findings count: a literal suppressed where it
    /// is written is suppressed for its requests too.
    fn drop_findings_reported_where_written(&mut self) {
        let reported: std::collections::HashSet<(&str, &str, usize, usize)> = self
            .files
            .iter()
            .flat_map(|file| {
                file.diagnostics
                    .iter()
                    .map(|d| (d.code(), file.path.as_ref(), d.range.start, d.range.end))
            })
            .collect();
        let duplicate = |d: &Diagnostic| {
            d.written_at.as_ref().is_some_and(|w| {
                reported.contains(&(d.code(), w.path.as_ref(), w.range.start, w.range.end))
            })
        };
        let drops: Vec<Vec<bool>> = self
            .files
            .iter()
            .map(|file| file.diagnostics.iter().map(duplicate).collect())
            .collect();
        for (file, drops) in self.files.iter_mut().zip(drops) {
            let mut drops = drops.into_iter();
            file.diagnostics.retain(|_| !drops.next().unwrap_or(false));
        }
        self.files
            .retain(|file| !file.diagnostics.is_empty() || file.original.is_some());
    }

    fn merge(mut self, other: CheckOutcome) -> CheckOutcome {
        self.files.extend(other.files);
        self.checked += other.checked;
        self.problems.extend(other.problems);
        self
    }

    fn absorb(&mut self, result: TargetResult) {
        match result {
            TargetResult::Linted(report, problems) => {
                self.checked += 1;
                self.files.extend(report);
                self.problems.extend(problems);
            }
            TargetResult::Skipped(problem) => self.problems.extend(problem),
        }
    }
}

/// The project files are resolved in: rooted at the config file's directory when there is
/// one.
pub fn project_for(settings: &Settings, cwd: &Path, max_file_size: u64) -> Project {
    let config_dir = settings
        .config_path
        .as_ref()
        .and_then(|p| paths::absolute_in(p, cwd).parent().map(Path::to_path_buf));
    Project::new(config_dir, cwd.to_path_buf(), max_file_size)
}

fn check_target(
    target: &Target,
    settings: &Settings,
    project: &Project,
    max_file_size: u64,
    cwd: &Path,
    fixing: Option<&Fixing>,
) -> TargetResult {
    let shown = paths::display(&target.path, cwd);
    let text = match discover::read(&target.path, max_file_size) {
        Ok(Ok(text)) => text,
        Ok(Err(reason)) => {
            // Binary data files met while walking are skipped quietly, as ripgrep does;
            // everything else skipped on purpose is worth a line, since a finding could hide
            // there, including a source file that holds binary content.
            let quiet = !target.explicit
                && target.kind == FileKind::Text
                && reason.starts_with("skipped: binary");
            return TargetResult::Skipped(
                (!quiet).then(|| Problem::Warning(format!("{shown}: {reason}"))),
            );
        }
        Err(e) => {
            let message = format!("{shown}: cannot read: {}", discover::io_reason(&e));
            return TargetResult::Skipped(Some(if target.explicit {
                Problem::Error(message)
            } else {
                Problem::Warning(message)
            }));
        }
    };
    let file = FilePath {
        shown: Arc::from(shown),
        absolute: paths::absolute_in(&target.path, cwd),
    };
    check_text(file, target.kind, text, settings, project, fixing)
}

/// Lints one file's text (also used for stdin). A panic in one file is caught and reported
/// as an internal error so the other files' findings are never lost.
fn check_text(
    file: FilePath,
    kind: FileKind,
    text: String,
    settings: &Settings,
    project: &Project,
    fixing: Option<&Fixing>,
) -> TargetResult {
    let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let outcome = lint::lint(&file, kind, &text, settings, project);
        match fixing {
            Some(fixing) => fix_text(&file, kind, &text, outcome, settings, project, fixing),
            None => Fixed::unchanged(outcome, Vec::new()),
        }
    }));
    let path = file.shown;
    let Fixed {
        outcome,
        text: fixed_text,
        original_masked,
        fixed,
        dropped,
        problems: fix_problems,
    } = match linted {
        Ok(fixed) => fixed,
        Err(_) => {
            return TargetResult::Skipped(Some(Problem::Error(format!(
                "{path}: internal error while linting this file; please report it"
            ))));
        }
    };
    let mut problems: Vec<Problem> = outcome.warnings.into_iter().map(Problem::Warning).collect();
    problems.extend(fix_problems);
    if !outcome.unanalysed.is_empty() {
        let mut reasons = outcome.unanalysed;
        reasons.dedup();
        problems.push(Problem::Unanalysed {
            path: Arc::clone(&path),
            reasons,
        });
    }
    let text = fixed_text.unwrap_or(text);
    let original: Option<Arc<str>> = original_masked.map(Arc::from);
    let report =
        (!outcome.diagnostics.is_empty() || original.is_some() || dropped > 0).then(|| {
            FileReport {
                index: LineIndex::new(&text),
                text: Arc::from(text),
                path,
                secrets: outcome.secrets,
                diagnostics: outcome.diagnostics,
                fixed,
                original,
                dropped,
            }
        });
    TargetResult::Linted(report, problems)
}

/// A file's lint outcome after fixing: the fixed text when fixes changed it.
struct Fixed {
    outcome: LintOutcome,
    text: Option<String>,
    /// The text before the fixes, its key material masked (for `--diff`).
    original_masked: Option<String>,
    fixed: usize,
    /// Fixes not applied because they would have broken the file.
    dropped: usize,
    problems: Vec<Problem>,
}

impl Fixed {
    /// Nothing was fixed: the outcome is the file's as it is.
    fn unchanged(outcome: LintOutcome, problems: Vec<Problem>) -> Fixed {
        Fixed {
            outcome,
            text: None,
            original_masked: None,
            fixed: 0,
            dropped: 0,
            problems,
        }
    }
}

/// Applies the fixes the run allows, in passes, linting again after each (see [`fix`]); with
/// `fixing.write`, writes the file when it changed.
fn fix_text(
    file: &FilePath,
    kind: FileKind,
    text: &str,
    mut outcome: LintOutcome,
    settings: &Settings,
    project: &Project,
    fixing: &Fixing,
) -> Fixed {
    let mut problems = Vec::new();
    let FileKind::Code(language) = kind else {
        return Fixed::unchanged(outcome, problems);
    };
    let original_secrets = outcome.secrets.clone();
    // Parsed again only when there is something to apply: most files of a `--fix` run have
    // no fix, and must not cost a second parse.
    let mut errors_before = None;
    let mut current = text.to_string();
    let mut fixed = 0;
    let mut dropped = 0;
    for _ in 0..fix::MAX_PASSES {
        let fixes: Vec<(&'static str, Fix)> = outcome
            .diagnostics
            .iter()
            .filter(|d| fixing.policy.applies(d))
            .filter_map(|d| Some((d.code(), d.fix.clone()?)))
            .map(|(code, fix)| (code, fix::with_line_endings(fix, &current)))
            .collect();
        if fixes.is_empty() {
            break;
        }
        let all: Vec<&Fix> = fixes.iter().map(|(_, f)| f).collect();
        let (next, applied) = fix::apply_once(&current, &all);
        if applied == 0 || next == current {
            break;
        }
        let before = *errors_before.get_or_insert_with(|| fix::syntax_errors(language, text));
        let broken = if fix::syntax_errors(language, &next) > before {
            Some("would leave a syntax error")
        } else {
            fix::breaks_layout(&current, &next)
        };
        if let Some(why) = broken {
            let mut codes: Vec<&str> = fixes.iter().map(|(c, _)| *c).collect();
            codes.sort_unstable();
            codes.dedup();
            problems.push(Problem::Error(format!(
                "{}: fixing {} {why}, so those fixes were not applied; \
                 this is a bug in orlint, please report it",
                file.shown,
                codes.join(", ")
            )));
            dropped += applied;
            break;
        }
        current = next;
        fixed += applied;
        outcome = lint::lint(file, kind, &current, settings, project);
    }
    if fixed == 0 {
        return Fixed {
            dropped,
            ..Fixed::unchanged(outcome, problems)
        };
    }
    if fixing.write
        && let Err(problem) = write_fixed(&file.absolute, text, &current)
    {
        problems.push(match problem {
            Problem::Warning(why) => Problem::Warning(format!("{}: not fixed: {why}", file.shown)),
            other => Problem::Error(format!("{}: not fixed: {}", file.shown, other.message())),
        });
        let as_it_is = lint::lint(file, kind, text, settings, project);
        return Fixed::unchanged(as_it_is, problems);
    }
    Fixed {
        outcome,
        text: Some(current),
        original_masked: Some(crate::secrets::masked(
            text,
            0..text.len(),
            &original_secrets,
        )),
        fixed,
        dropped,
        problems,
    }
}

/// Writes the fixed text over the file, only if the file still holds exactly the text that
/// was linted (not changed meanwhile, and valid UTF-8 that decoding did not alter).
/// A `Problem::Warning` when the file is not UTF-8 (UTF-16, invalid bytes): it was linted as
/// decoded, but fixes are written to UTF-8 files only.
fn write_fixed(path: &Path, linted: &str, fixed: &str) -> Result<(), Problem> {
    // UTF-16 takes up to four bytes per UTF-8 byte; anything larger is not this text.
    let limit = (linted.len() as u64).saturating_mul(4).saturating_add(16);
    let on_disk = match discover::read_regular(path, limit) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(reason)) => return Err(Problem::Error(reason)),
        Err(e) => return Err(Problem::Error(discover::io_reason(&e))),
    };
    if on_disk != linted.as_bytes() {
        return Err(if std::str::from_utf8(&on_disk).is_err() {
            Problem::Warning("the file is not UTF-8; fixes are written to UTF-8 files only".into())
        } else {
            Problem::Error("the file changed while it was linted".into())
        });
    }
    std::fs::write(path, fixed).map_err(|e| Problem::Error(discover::io_reason(&e)))
}

/// Lints a buffer read from stdin as if it lived at `file`.
pub fn check_stdin(
    file: FilePath,
    kind: FileKind,
    text: String,
    settings: &Settings,
    max_file_size: u64,
    fixing: Option<&Fixing>,
) -> CheckOutcome {
    let cwd = paths::absolute(&paths::cwd());
    check_buffer(file, kind, text, settings, max_file_size, &cwd, fixing)
}

/// Lints a buffer (stdin, an editor's document) as if it lived at `file`, in the project
/// rooted at the config's directory, else at `root`.
pub fn check_buffer(
    file: FilePath,
    kind: FileKind,
    text: String,
    settings: &Settings,
    max_file_size: u64,
    root: &Path,
    fixing: Option<&Fixing>,
) -> CheckOutcome {
    let project = project_for(settings, root, max_file_size).adopting_linted();
    let mut outcome = CheckOutcome::default();
    outcome.absorb(check_text(file, kind, text, settings, &project, fixing));
    outcome
        .problems
        .extend(project.take_problems().into_iter().map(Problem::Warning));
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;
    use crate::diagnostic::{Applicability, Edit};
    use crate::language::Language;
    use crate::rules::unused_suppression::UNUSED_SUPPRESSION;

    #[test]
    fn a_fix_that_would_break_the_syntax_is_not_applied_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.py");
        let text = "x = {\"a\": 1}  # orlint: ignore\n";
        std::fs::write(&path, text).unwrap();
        let settings = Settings::resolve(None, &Overrides::default(), dir.path()).unwrap();
        let project = project_for(&settings, dir.path(), 1 << 20);
        let file = FilePath {
            shown: Arc::from("app.py"),
            absolute: path.clone(),
        };
        let shown = Arc::clone(&file.shown);
        // A (deliberately wrong) fix that deletes the closing brace.
        let broken = Diagnostic::new(&UNUSED_SUPPRESSION, &shown, 14..30, "m").with_fix(Some(
            Fix::new(Applicability::Safe, "t", vec![Edit::delete(11..12)]),
        ));
        let outcome = LintOutcome {
            diagnostics: vec![broken],
            ..LintOutcome::default()
        };
        let fixing = Fixing {
            policy: FixPolicy {
                unsafe_fixes: false,
                fixable: vec![UNUSED_SUPPRESSION.code],
            },
            write: true,
        };
        let kind = FileKind::Code(Language::Python);
        let fixed = fix_text(&file, kind, text, outcome, &settings, &project, &fixing);
        assert_eq!((fixed.text, fixed.fixed), (None, 0));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        let problems: Vec<String> = fixed.problems.iter().map(Problem::message).collect();
        assert_eq!(
            problems,
            [
                "app.py: fixing OR100 would leave a syntax error, so those fixes were not applied; this is a bug in orlint, please report it"
            ]
        );
    }
}
