//! The multi-file fixture projects under `testdata/projects/`.
//!
//! Each directory there is one project, with its own `orlint.toml` (which makes it the
//! project root). Files mark the diagnostics they expect on their anchor line, with the
//! related location a helper call points at: `// expect: OR003 -> lib/http.ts:7, OR005`.
//! The harness lints each project as a whole and checks the exact multiset of (file, line,
//! code, related); then lints every file on its own, as a pre-commit hook or an editor would,
//! and checks that it gets exactly the diagnostics the whole-project run gave that file, plus
//! the findings about a model id written in another file that the whole run reports there
//! (one literal, one finding: alone, the request's file is the only place to report it).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use orlint::config::{self, Overrides, Settings};
use orlint::diagnostic::Diagnostic;
use orlint::discover::WalkOptions;
use orlint::language::FileKind;
use regex::Regex;

/// `(file, line, code, related "file:line")`, files relative to the project.
type Expected = (String, usize, String, Option<String>);

fn projects() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn settings_for(project: &Path) -> Settings {
    let config = config::load(&project.join("orlint.toml")).unwrap();
    Settings::resolve(Some(&config), &Overrides::default(), project).unwrap()
}

/// A path as reports show it, relative to the project.
fn relative(shown: &str, project: &Path) -> String {
    let cwd = orlint::paths::absolute(&orlint::paths::cwd());
    let absolute = orlint::paths::absolute_in(Path::new(shown), &cwd);
    absolute
        .strip_prefix(project)
        .unwrap_or(&absolute)
        .to_string_lossy()
        .replace('\\', "/")
}

fn expected(project: &Path) -> Vec<Expected> {
    let marker = Regex::new(r"\bexpect:\s*(.+?)\s*(?:\*/|-->)?\s*$").unwrap();
    let item = Regex::new(r"^(OR\d{3})(?:\s*->\s*(\S+:\d+))?$").unwrap();
    let mut out = Vec::new();
    for path in common::files_under(project) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file = relative(&path.to_string_lossy(), project);
        for (i, line) in text.lines().enumerate() {
            let Some(caps) = marker.captures(line) else {
                continue;
            };
            for part in caps[1].split(',') {
                let caps = item
                    .captures(part.trim())
                    .unwrap_or_else(|| panic!("{file}:{}: bad marker `{part}`", i + 1));
                out.push((
                    file.clone(),
                    i + 1,
                    caps[1].to_string(),
                    caps.get(2).map(|m| m.as_str().to_string()),
                ));
            }
        }
    }
    out.sort();
    out
}

fn describe(diagnostic: &Diagnostic, file: &str, text: &str, project: &Path) -> Expected {
    let index = orlint::line_index::LineIndex::new(text);
    let related = diagnostic.related.first().map(|r| {
        format!(
            "{}:{}",
            relative(&r.location.path, project),
            r.location.start.line
        )
    });
    (
        file.to_string(),
        index.position(text, diagnostic.range.start).line,
        diagnostic.code().to_string(),
        related,
    )
}

#[test]
fn projects_report_exactly_what_they_expect_however_they_are_linted() {
    let projects = projects();
    assert!(
        !projects.is_empty(),
        "fixture projects are missing: {projects:?}"
    );
    let mut failures = Vec::new();
    for project in &projects {
        let project = orlint::paths::absolute(project);
        let settings = settings_for(&project);
        let whole = orlint::check::check_paths(
            std::slice::from_ref(&project),
            &settings,
            WalkOptions {
                respect_gitignore: true,
            },
            10 << 20,
            None,
        );
        assert!(
            whole.problems.is_empty(),
            "{}: {:?}",
            project.display(),
            whole.problems
        );
        let mut actual: Vec<Expected> = whole
            .files
            .iter()
            .flat_map(|report| {
                let file = relative(&report.path, &project);
                let project = &project;
                report
                    .visible()
                    .map(move |d| describe(d, &file, &report.text, project))
                    .collect::<Vec<_>>()
            })
            .collect();
        actual.sort();
        let want = expected(&project);
        if actual != want {
            let missing: Vec<_> = want.iter().filter(|w| !actual.contains(w)).collect();
            let extra: Vec<_> = actual.iter().filter(|a| !want.contains(a)).collect();
            failures.push(format!(
                "{}:\n  missing {missing:#?}\n  extra   {extra:#?}",
                project.display()
            ));
        }

        // Each file on its own, with a project of its own (nothing loaded by other files).
        for path in common::files_under(&project) {
            let Some(kind @ FileKind::Code(_)) = FileKind::from_path(&path) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let cwd = orlint::paths::absolute(&orlint::paths::cwd());
            let single = orlint::check::project_for(&settings, &cwd, 10 << 20);
            let file = orlint::lint::FilePath {
                shown: Arc::from(orlint::paths::display(&path, &cwd)),
                absolute: path.clone(),
            };
            let outcome = orlint::lint::lint(&file, kind, &text, &settings, &single);
            let shown = relative(&file.shown, &project);
            let reported_where_written = |d: &Diagnostic| {
                d.written_at.as_ref().is_some_and(|w| {
                    let file = relative(&w.path, &project);
                    actual.contains(&(file, w.start.line, d.code().to_string(), None))
                })
            };
            let mut alone: Vec<Expected> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.suppression.is_none() && !reported_where_written(d))
                .map(|d| describe(d, &shown, &text, &project))
                .collect();
            alone.sort();
            let in_whole: Vec<Expected> = actual.iter().filter(|a| a.0 == shown).cloned().collect();
            if alone != in_whole {
                failures.push(format!(
                    "{shown} linted alone differs from the whole-project run:\n  alone {alone:#?}\n  whole {in_whole:#?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
