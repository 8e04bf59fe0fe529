//! The rule fixture harness.
//!
//! Every file under `testdata/rules/` marks the diagnostics it expects on their anchor line
//! (`# expect: OR001`, `// expect: OR001, OR003`); files that cannot hold comments list them
//! in a sidecar `<file>.expect` (`<line> <CODE>` per line). The harness lints each file and
//! checks the exact multiset of (line, code): nothing missing, nothing extra. An optional
//! `orlint.toml` in a fixture's directory (or the nearest one above it) configures it.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use orlint::config::{self, Overrides, Settings};
use orlint::language::FileKind;
use orlint::line_index::LineIndex;
use regex::Regex;

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    common::files_under(dir)
        .into_iter()
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            !name.ends_with(".expect") && name != "orlint.toml"
        })
        .collect()
}

fn expected(text: &str, sidecar: &Path) -> Vec<(usize, String)> {
    let marker = Regex::new(r"\bexpect:\s*(OR\d{3}(?:\s*,\s*OR\d{3})*)").unwrap();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(caps) = marker.captures(line) {
            for code in caps[1].split(',') {
                out.push((i + 1, code.trim().to_string()));
            }
        }
    }
    if let Ok(listed) = std::fs::read_to_string(sidecar) {
        for line in listed
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (number, code) = line.trim().split_once(' ').expect("`<line> <CODE>`");
            out.push((
                number.parse().expect("a line number"),
                code.trim().to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn rule_fixtures_report_exactly_what_they_expect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let files = fixture_files(&root);
    assert!(files.len() >= 10, "fixtures are missing: {files:?}");

    let mut failures = Vec::new();
    let mut expected_codes = BTreeSet::new();
    for path in &files {
        let raw = std::fs::read(path).unwrap();
        let text = common::expand(&String::from_utf8_lossy(&raw));
        let dir = path.parent().unwrap();
        // The nearest `orlint.toml` between the fixture and testdata/rules configures it.
        let config = dir
            .ancestors()
            .take_while(|d| d.starts_with(&root))
            .map(|d| d.join("orlint.toml"))
            .find(|p| p.is_file())
            .map(|p| config::load(&p).unwrap());
        let settings = Settings::resolve(config.as_ref(), &Overrides::default(), dir).unwrap();
        let shown: Arc<str> =
            Arc::from(path.strip_prefix(&root).unwrap().to_string_lossy().as_ref());
        let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);

        let file = orlint::lint::FilePath {
            shown: shown.clone(),
            absolute: path.clone(),
        };
        let project = orlint::check::project_for(&settings, &root, 10 << 20);
        let outcome = orlint::lint::lint(&file, kind, &text, &settings, &project);
        let index = LineIndex::new(&text);
        let mut actual: Vec<(usize, String)> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.suppression.is_none())
            .map(|d| {
                (
                    index.position(&text, d.range.start).line,
                    d.code().to_string(),
                )
            })
            .collect();
        actual.sort();
        let sidecar = PathBuf::from(format!("{}.expect", path.display()));
        let want = expected(&text, &sidecar);
        expected_codes.extend(want.iter().map(|(_, c)| c.clone()));
        if actual != want {
            let missing: Vec<_> = want.iter().filter(|w| !actual.contains(w)).collect();
            let extra: Vec<_> = actual.iter().filter(|a| !want.contains(a)).collect();
            failures.push(format!(
                "{shown}:\n  missing {missing:?}\n  extra   {extra:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );

    for rule in orlint::rules::ALL_RULES {
        assert!(
            expected_codes.contains(rule.code),
            "no fixture expects {} ({})",
            rule.code,
            rule.name
        );
    }
}
