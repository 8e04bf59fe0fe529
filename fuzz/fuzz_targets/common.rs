//! Shared by the lint targets: lint bytes as a file of some kind, render every output format,
//! and check the promises that must hold whatever the input: no panic, and no key that is in
//! the input ever appears whole in the output.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use orlint::config::{Overrides, Settings};
use orlint::language::FileKind;
use orlint::lint::FilePath;
use orlint::report::{self, Format, PrettyOptions, Report};

const ROOT: &str = "/nonexistent-orlint-fuzz";

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    Settings::resolve(None, &Overrides::default(), Path::new(ROOT)).expect("default settings")
});

pub fn lint_as(name: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let kind = FileKind::from_path(Path::new(name)).expect("a known kind");
    let file = FilePath {
        shown: Arc::from(name),
        absolute: PathBuf::from(ROOT).join(name),
    };
    let outcome =
        orlint::check::check_stdin(file.clone(), kind, text.clone(), &SETTINGS, 10 << 20, None);
    no_internal_error(&outcome);
    // Every fix, unsafe ones too: applying them must never panic, and the fixed text must
    // never hold a key the input did not (a fix writes no key).
    let fixing = orlint::check::Fixing {
        policy: orlint::fix::FixPolicy {
            unsafe_fixes: true,
            fixable: SETTINGS.fixable.clone(),
        },
        write: false,
    };
    let fixed = orlint::check::check_stdin(
        file,
        kind,
        text.clone(),
        &SETTINGS,
        10 << 20,
        Some(&fixing),
    );
    no_internal_error(&fixed);
    for file in fixed.files.iter().filter(|f| f.original.is_some()) {
        let keys_after = orlint::secrets::find_keys(&file.text, &[]).len();
        let keys_before = orlint::secrets::find_keys(&text, &[]).len();
        assert!(keys_after <= keys_before, "a fix added a key");
    }
    for file in &outcome.files {
        for diagnostic in &file.diagnostics {
            let range = diagnostic.range.clone();
            assert!(range.start <= range.end && range.end <= file.text.len());
            assert!(
                file.text.is_char_boundary(range.start) && file.text.is_char_boundary(range.end)
            );
        }
    }
    // Only the rules that fired: SARIF serialises each rule's whole documentation, which
    // depends on nothing in the input and was most of the time spent per input.
    let mut fired: Vec<&'static orlint::rules::Rule> = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.rule))
        .collect();
    fired.sort_by_key(|r| r.code);
    fired.dedup_by_key(|r| r.code);
    let report = Report::of(&outcome, &fired);
    let keys: Vec<&str> = orlint::secrets::find_keys(&text, &[])
        .iter()
        .map(|k| &text[k.anchor.clone()])
        .collect();
    for format in [
        Format::Pretty,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ] {
        let mut out = Vec::new();
        let options = PrettyOptions {
            color: true,
            width: 100,
        };
        report::render(format, &report, options, &mut out).expect("rendering to memory");
        let out = String::from_utf8_lossy(&out);
        for key in &keys {
            assert!(
                !out.contains(key),
                "a key from the input appears whole in {format:?}"
            );
        }
    }
}

fn no_internal_error(outcome: &orlint::check::CheckOutcome) {
    for problem in &outcome.problems {
        let message = problem.message();
        assert!(!message.contains("internal error"), "{message}");
    }
}
