//! The fix harness.
//!
//! Every file under `testdata/fixes/<CODE>/` is fixed as `orlint check --fix --unsafe-fixes`
//! would (nothing is written); the fixed text is snapshot-tested, must lint without `<CODE>`
//! findings, and must not change when fixed again. Files named `no_fix*` hold findings that
//! have no fix: they must come out byte-identical.

mod common;

use std::path::Path;
use std::sync::Arc;

use orlint::check::Fixing;
use orlint::config::{self, Overrides, Settings};
use orlint::fix::FixPolicy;
use orlint::language::FileKind;

/// The text after fixing `text` as `path`, and how many fixes were applied.
fn fixed(path: &Path, text: &str, settings: &Settings) -> (String, usize, Vec<String>) {
    let fixing = Fixing {
        policy: FixPolicy {
            unsafe_fixes: true,
            fixable: settings.fixable.clone(),
        },
        write: false,
    };
    let file = orlint::lint::FilePath {
        shown: Arc::from(path.file_name().unwrap().to_string_lossy().as_ref()),
        absolute: path.to_path_buf(),
    };
    let kind = FileKind::from_path(path).unwrap();
    let outcome = orlint::check::check_stdin(
        file,
        kind,
        text.to_string(),
        settings,
        10 << 20,
        Some(&fixing),
    );
    let problems = outcome.problems.iter().map(|p| p.message()).collect();
    match outcome.files.first() {
        Some(report) if report.original.is_some() => {
            (report.text.to_string(), report.fixed, problems)
        }
        _ => (text.to_string(), 0, problems),
    }
}

/// The codes of the unsuppressed findings in `text`.
fn codes(path: &Path, text: &str, settings: &Settings) -> Vec<String> {
    let file = orlint::lint::FilePath {
        shown: Arc::from("fixture"),
        absolute: path.to_path_buf(),
    };
    let kind = FileKind::from_path(path).unwrap();
    let outcome =
        orlint::check::check_stdin(file, kind, text.to_string(), settings, 10 << 20, None);
    outcome
        .files
        .iter()
        .flat_map(|f| f.visible().map(|d| d.code().to_string()))
        .collect()
}

#[test]
fn fixes_remove_their_findings_and_settle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/fixes");
    let files: Vec<_> = common::files_under(&root)
        .into_iter()
        .filter(|p| p.file_name().unwrap() != "orlint.toml")
        .collect();
    assert!(files.len() >= 10, "fix fixtures are missing: {files:?}");
    for path in files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let code = relative.split('/').next().unwrap().to_string();
        let text = common::expand(&std::fs::read_to_string(&path).unwrap());
        // The nearest `orlint.toml` configures the fixture.
        let dir = path.parent().unwrap();
        let config = dir
            .ancestors()
            .map(|d| d.join("orlint.toml"))
            .find(|p| p.is_file())
            .map(|p| config::load(&p).unwrap());
        let settings = Settings::resolve(config.as_ref(), &Overrides::default(), dir).unwrap();
        assert!(
            codes(&path, &text, &settings).contains(&code),
            "{relative}: the input has no {code} finding to fix"
        );
        let (output, applied, problems) = fixed(&path, &text, &settings);
        assert!(problems.is_empty(), "{relative}: {problems:?}");
        if relative.contains("/no_fix") {
            assert_eq!(output, text, "{relative}: has no fix, yet changed");
            continue;
        }
        assert!(applied > 0, "{relative}: nothing was fixed");
        let left = codes(&path, &output, &settings);
        assert!(
            !left.contains(&code),
            "{relative}: {code} is still reported after fixing:\n{output}"
        );
        let (again, reapplied, _) = fixed(&path, &output, &settings);
        assert_eq!(
            (again.as_str(), reapplied),
            (output.as_str(), 0),
            "{relative}: not idempotent"
        );
        insta::with_settings!({ snapshot_suffix => relative.replace('/', "__") }, {
            insta::assert_snapshot!("fixed", output);
        });
    }
}
