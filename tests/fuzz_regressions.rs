//! Every input under `fuzz/regressions/<target>/` (crashes the fuzz targets found, and odd
//! inputs kept on purpose) goes through the binary as the target feeds it: as a source file of
//! the target's language through `--stdin-filename`, or as a config file. Each must lint (exit
//! 0 or 1) or, for a config, fail with a one-line error (exit 2); never panic.

mod common;

use std::path::Path;

use assert_cmd::Command;

/// The file name each target lints its input as.
fn name_for(target: &str) -> Option<&'static str> {
    Some(match target {
        "lint_python" | "suppressions" => "app.py",
        "lint_typescript" => "app.ts",
        "lint_tsx" => "App.tsx",
        "lint_javascript" => "app.js",
        "notebook" => "analysis.ipynb",
        "config" => "orlint.toml",
        _ => return None,
    })
}

#[test]
fn fuzz_regression_inputs_never_crash_orlint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for path in common::files_under(&root) {
        let target = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let name = name_for(target).unwrap_or_else(|| panic!("unknown target {target}"));
        let input = std::fs::read(&path).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let output = if name == "orlint.toml" {
            std::fs::write(dir.path().join(name), &input).unwrap();
            std::fs::write(dir.path().join("app.py"), "x = 1\n").unwrap();
            Command::cargo_bin("orlint")
                .unwrap()
                .current_dir(dir.path())
                .arg("check")
                .output()
                .unwrap()
        } else {
            Command::cargo_bin("orlint")
                .unwrap()
                .current_dir(dir.path())
                .args(["check", "--format", "json", "--stdin-filename", name])
                .write_stdin(input)
                .output()
                .unwrap()
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("internal error") && !stderr.contains("panicked"),
            "{}: {stderr}",
            path.display()
        );
        let code = output.status.code();
        if name == "orlint.toml" {
            assert!(
                code == Some(0) || code == Some(2),
                "{}: {code:?}",
                path.display()
            );
            if code == Some(2) {
                assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", path.display());
            }
        } else {
            assert!(
                code == Some(0) || code == Some(1),
                "{}: {code:?} {stderr}",
                path.display()
            );
            serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap();
        }
        seen += 1;
    }
    assert!(
        seen >= 7,
        "regression inputs are missing under {}",
        root.display()
    );
}
