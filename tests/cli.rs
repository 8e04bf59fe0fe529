//! The command line as users meet it: exit codes, formats, config, stdin, bad input.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn orlint() -> Command {
    let mut cmd = Command::cargo_bin("orlint").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("FORCE_COLOR");
    cmd
}

/// A temporary project; files are written with placeholders expanded.
struct Project {
    dir: TempDir,
}

impl Project {
    fn new() -> Project {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, common::expand(text)).unwrap();
        path
    }

    fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    fn check(&self) -> Command {
        let mut cmd = orlint();
        cmd.current_dir(self.path()).arg("check");
        cmd
    }
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn exit_codes_follow_findings() {
    let project = Project::new();
    project.write(
        "clean.py",
        "import os\nKEY = os.environ['OPENROUTER_API_KEY']\n",
    );
    project
        .check()
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found"));

    project.write("leak.py", "KEY = '{{KEY}}'\n");
    project.check().assert().code(1);
    project.check().arg("--exit-zero").assert().code(0);
    project
        .check()
        .arg("--ignore")
        .arg("OR001")
        .assert()
        .code(0);
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let project = Project::new();
    project.write("src/app.py", "import os\n\nKEY = '{{KEY}}'\n");
    project.write("web/a.ts", "// {{KEY2}}\n");
    let out = stdout_of(project.check().args(["--format", "concise"]));
    let redacted1 = format!(
        "sk-or-v1-{}…{}",
        &common::hex64(1)[..4],
        &common::hex64(1)[60..]
    );
    let redacted2 = format!(
        "sk-or-v1-{}…{}",
        &common::hex64(2)[..4],
        &common::hex64(2)[60..]
    );
    assert_eq!(
        out,
        format!(
            "src/app.py:3:8: OR001 Hardcoded OpenRouter API key `{redacted1}` (unsafe fix available)\n\
             web/a.ts:1:4: OR001 Hardcoded OpenRouter API key `{redacted2}`\n"
        )
    );
}

#[test]
fn output_file_receives_the_report() {
    let project = Project::new();
    project.write("leak.py", "KEY = '{{KEY}}'\n");
    project
        .check()
        .args(["--format", "json", "-o", "report.json"])
        .assert()
        .code(1)
        .stdout("");
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(project.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report[0]["code"], "OR001");
    assert_eq!(report[0]["line"], 1);
    assert_eq!(report[0]["column"], 8);

    project
        .check()
        .args(["-o", "missing-dir/report.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: cannot write missing-dir/report.txt",
        ));
}

#[test]
fn stdin_is_linted_as_the_named_file() {
    let project = Project::new();
    project.write("orlint.toml", "[lint]\nexclude = [\"generated/\"]\n");
    let buffer = common::expand("const key = '{{KEY}}';\n");
    project
        .check()
        .args(["--format", "concise", "--stdin-filename", "src/app.ts", "-"])
        .write_stdin(buffer.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("src/app.ts:1:14: OR001 "));

    // Without `-`, --stdin-filename alone also reads stdin.
    project
        .check()
        .args(["--format", "json", "--stdin-filename", "src/app.ts"])
        .write_stdin(buffer.clone())
        .assert()
        .code(1);

    // The path decides exclusion, as with ruff's --force-exclude.
    project
        .check()
        .args([
            "--format",
            "concise",
            "--stdin-filename",
            "generated/app.ts",
            "-",
        ])
        .write_stdin(buffer.clone())
        .assert()
        .code(0)
        .stdout("");

    // And the config is the one found from the path, even when run from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    orlint()
        .current_dir(elsewhere.path())
        .args(["check", "--format", "concise", "--stdin-filename"])
        .arg(project.path().join("generated/app.ts"))
        .write_stdin(buffer.clone())
        .assert()
        .code(0);

    // `-` without a filename cannot know the language.
    project
        .check()
        .arg("-")
        .write_stdin(buffer)
        .assert()
        .code(2);
}

#[test]
fn config_errors_are_one_line_with_file_and_line() {
    let cases = [
        (
            "[lint]\nselec = [\"OR001\"]\n",
            "orlint.toml:2:1: unknown field `selec`",
        ),
        (
            "[lint]\nselect = [\"OR001\", \"OR999\"]\n",
            "orlint.toml:2:20: unknown rule code `OR999`",
        ),
        (
            "[lint]\nselect = \"OR001\"\n",
            "orlint.toml:2:10: invalid type",
        ),
        (
            "[lint]\nexclude = [\"a[\"]\n",
            "orlint.toml:2:12: invalid exclude glob `a[`",
        ),
        ("[lint\n", "orlint.toml:1:"),
        ("[nope]\n", "orlint.toml:1:2: unknown field `nope`"),
        (
            "[policy]\nwraper = []\n",
            "orlint.toml:2:1: unknown field `wraper`",
        ),
        (
            "[policy]\nwrappers = [\"*audit*\", \"a[\"]\n",
            "orlint.toml:2:24: invalid wrappers glob `a[`",
        ),
        (
            "[policy]\nwrapper-paths = \"src/llm\"\n",
            "orlint.toml:2:17: invalid type",
        ),
        (
            "[policy]\nwrapper-paths = [\"[x\"]\n",
            "orlint.toml:2:18: invalid wrapper-paths glob `[x`",
        ),
    ];
    for (config, want) in cases {
        let project = Project::new();
        project.write("orlint.toml", config);
        project.write("a.py", "x = 1\n");
        let output = project.check().output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(want), "{config:?}: {stderr}");
    }
}

#[test]
fn config_discovery_and_overrides() {
    let project = Project::new();
    project.write(
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.orlint.lint]\nignore = [\"OR001\"]\n",
    );
    project.write("pkg/leak.py", "KEY = '{{KEY}}'\n");
    // Found from a subdirectory upward.
    orlint()
        .current_dir(project.path().join("pkg"))
        .arg("check")
        .assert()
        .code(0);
    // The command line overrides the config's selection.
    project.check().args(["--select", "OR001"]).assert().code(1);
    project.check().arg("--isolated").assert().code(1);
    project.write("strict.toml", "[lint]\nselect = [\"ALL\"]\n");
    project
        .check()
        .args(["--config", "strict.toml"])
        .assert()
        .code(1);
    project
        .check()
        .args(["--config", "missing.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.toml: cannot read config file",
        ));
    project
        .check()
        .args(["--select", "OR999"])
        .assert()
        .code(2)
        .stderr("error: unknown rule code `OR999` (see `orlint rules`)\n");
}

#[test]
fn discovery_respects_gitignore_excludes_and_explicit_paths() {
    let project = Project::new();
    project.write(".gitignore", "ignored/\n");
    project.write("ignored/leak.py", "KEY = '{{KEY}}'\n");
    project.write("vendor/leak.py", "KEY = '{{KEY}}'\n");
    project.write("src/ok.py", "x = 1\n");
    project.write(".git/config", "{{KEY}}\n");
    project.write("node/leak.rs", "{{KEY}}\n");

    let concise = |cmd: &mut Command| stdout_of(cmd.args(["--format", "concise"]));
    // Every text file is scanned for keys, whatever its extension.
    assert_eq!(
        concise(project.check().args(["--exclude", "vendor"])),
        "node/leak.rs:1:1: OR001 Hardcoded OpenRouter API key `sk-or-v1-910a…c90b`\n"
    );
    let all = concise(&mut project.check());
    assert!(
        all.contains("vendor/leak.py") && !all.contains("ignored/"),
        "{all}"
    );
    let unignored = concise(project.check().arg("--no-respect-gitignore"));
    assert!(unignored.contains("ignored/leak.py"), "{unignored}");
    assert!(!unignored.contains(".git/"), "{unignored}");
    // Named explicitly, a git-ignored file is linted, and an unknown extension is scanned.
    let explicit = concise(project.check().args(["ignored/leak.py", "node/leak.rs"]));
    assert!(
        explicit.contains("ignored/leak.py") && explicit.contains("node/leak.rs"),
        "{explicit}"
    );
    // Config excludes still apply to explicit files (pre-commit passes every staged file).
    project.write("orlint.toml", "[lint]\nexclude = [\"vendor/\"]\n");
    assert_eq!(concise(project.check().arg("vendor/leak.py")), "");
}

#[test]
fn missing_paths_exit_2_after_linting_the_rest() {
    let project = Project::new();
    project.write("leak.py", "KEY = '{{KEY}}'\n");
    project
        .check()
        .args(["--format", "concise", "nope.py", "leak.py"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("leak.py:1:8: OR001"))
        .stderr("error: nope.py: No such file or directory\n");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_correct_columns() {
    let project = Project::new();
    let mut bytes = b"x = '\xff\xfe'; KEY = '".to_vec();
    bytes.extend(common::key(1).as_bytes());
    bytes.extend(b"'\n");
    project.write_bytes("bad.py", &bytes);
    // Each invalid byte is one character, so the key starts at column 18.
    project
        .check()
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("bad.py:1:18: OR001"));
}

#[test]
fn binary_and_oversized_files_are_skipped_with_reasons() {
    let project = Project::new();
    let mut binary = b"\x00\x01\x02".to_vec();
    binary.extend(common::key(1).as_bytes());
    project.write_bytes("blob.json", &binary);
    // A binary data file found by walking: skipped quietly, as ripgrep does.
    project.check().assert().code(0).stderr("");
    // Named explicitly: skipped with a warning.
    project
        .check()
        .arg("blob.json")
        .assert()
        .code(0)
        .stderr("warning: blob.json: skipped: binary content (a NUL byte at offset 0)\n");
    // Binary content in a source file is worth a line even when walked: a request could be
    // in it, and orlint did not look.
    project.write_bytes("blob.py", &binary);
    project
        .check()
        .assert()
        .code(0)
        .stderr("warning: blob.py: skipped: binary content (a NUL byte at offset 0)\n");
    std::fs::remove_file(project.path().join("blob.py")).unwrap();

    project.write(
        "big.py",
        &format!("KEY = '{{{{KEY}}}}'\n{}", "# padding\n".repeat(200)),
    );
    project
        .check()
        .args(["--max-file-size", "1KiB", "big.py"])
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains("big.py: skipped:")
                .and(predicate::str::contains("--max-file-size")),
        );
    project
        .check()
        .args(["--max-file-size", "1MiB", "big.py"])
        .assert()
        .code(1);
    project
        .check()
        .args(["--max-file-size", "lots"])
        .assert()
        .code(2);
}

#[test]
fn symlinks_are_never_followed() {
    let project = Project::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("leak.py"),
        common::expand("KEY = '{{KEY}}'\n"),
    )
    .unwrap();
    project.write("src/ok.py", "x = 1\n");
    std::os::unix::fs::symlink(outside.path(), project.path().join("src/outside")).unwrap();
    std::os::unix::fs::symlink(project.path(), project.path().join("src/loop")).unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent/target.py",
        project.path().join("src/dangling.py"),
    )
    .unwrap();
    project.check().assert().code(0).stderr("");
    project
        .check()
        .arg("src/dangling.py")
        .assert()
        .code(2)
        .stderr("error: src/dangling.py: broken symbolic link\n");
}

#[test]
fn unreadable_files_warn_when_walked_and_fail_when_named() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    project.write("leak.py", "KEY = '{{KEY}}'\n");
    let secret = project.write("secret.py", "x = 1\n");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(project.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(
        project.path().join("leak.py"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();

    // root reads anything, so drop privileges to a user the permissions apply to.
    let mut walked = as_unprivileged_user(project.path(), &["check", "--format", "concise"]);
    walked
        .assert()
        .code(1)
        .stdout(predicate::str::contains("leak.py:1:8: OR001"))
        .stderr("warning: secret.py: cannot read: Permission denied\n");
    // An unreadable directory is one warning, and the rest of the tree is still linted.
    let locked = project.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("inner.py"), "x = 1\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let mut walked = as_unprivileged_user(project.path(), &["check", "--format", "concise"]);
    let output = walked.output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert_eq!(
        stderr,
        "warning: locked: cannot read: Permission denied\nwarning: secret.py: cannot read: Permission denied\n"
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    fs::remove_dir_all(&locked).unwrap();
    let mut named = as_unprivileged_user(
        project.path(),
        &["check", "--format", "concise", "secret.py", "leak.py"],
    );
    named
        .assert()
        .code(2)
        .stdout(predicate::str::contains("leak.py:1:8: OR001"))
        .stderr("error: secret.py: cannot read: Permission denied\n");
}

/// Runs orlint as `nobody` when the tests run as root (where file permissions do not apply),
/// and directly otherwise.
fn as_unprivileged_user(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = common::as_unprivileged_user(dir);
    cmd.args(args);
    cmd
}

#[test]
fn syntax_errors_and_minified_files_still_report() {
    let project = Project::new();
    project.write("broken.py", "def broken(:\n    KEY = '{{KEY}}'\n");
    let minified = format!(
        "{}var k=\"{{{{KEY}}}}\";{}\n",
        "var a=1;".repeat(20_000),
        "function f(){return 2}".repeat(5_000)
    );
    project.write("bundle.min.js", &minified);
    let out = stdout_of(project.check().args(["--format", "concise"]));
    assert!(out.contains("broken.py:2:12: OR001"), "{out}");
    assert!(out.contains("bundle.min.js:1:160008: OR001"), "{out}");
    // The pretty snippet shows a window of the minified line, not all of it.
    let pretty = stdout_of(project.check().args(["--color", "never", "bundle.min.js"]));
    assert!(pretty.lines().all(|l| l.chars().count() < 400), "{pretty}");
    assert!(pretty.contains("[bundle.min.js:1:160008]"), "{pretty}");
    common::assert_no_key_material(&pretty);
}

#[test]
fn notebooks_point_at_the_ipynb_line_and_column() {
    let project = Project::new();
    let notebook = r#"{
 "cells": [
  {
   "cell_type": "code",
   "source": [
    "import os\n",
    "KEY = \"{{KEY}}\"\n"
   ]
  }
 ],
 "metadata": {"kernelspec": {"language": "python"}}
}
"#;
    project.write("analysis.ipynb", notebook);
    project
        .check()
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("analysis.ipynb:7:14: OR001"));
}

#[test]
fn suppressions_from_the_command_line() {
    let project = Project::new();
    project.write(
        "a.py",
        "KEY = '{{KEY}}'  # orlint: ignore[OR001] -- fixture\n# orlint: ignore\nB = '{{KEY2}}'\n",
    );
    project.check().assert().code(0);
    project.write("b.py", "C = '{{KEY}}'  # orlint: ignore[OR002]\n");
    project
        .check()
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("b.py:1:6: OR001"));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let project = Project::new();
    project.write("a.py", "KEY = '{{KEY}}'\n");
    let colored = stdout_of(project.check().args(["--color", "always"]));
    assert!(colored.contains('\x1b'));
    let plain = stdout_of(
        project
            .check()
            .args(["--color", "auto"])
            .env("FORCE_COLOR", "1")
            .env("NO_COLOR", "1"),
    );
    assert!(!plain.contains('\x1b'));
    let forced = stdout_of(project.check().env("FORCE_COLOR", "1"));
    assert!(forced.contains('\x1b'));
    let never = stdout_of(project.check().args(["--color", "never"]));
    assert!(!never.contains('\x1b'));
}

#[test]
fn rules_and_explain() {
    orlint().arg("rules").assert().code(0).stdout(
        predicate::str::contains("OR001  hardcoded-key").and(predicate::str::contains("error")),
    );
    let json: serde_json::Value = serde_json::from_slice(
        &orlint()
            .args(["rules", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(json[0]["code"], "OR001");
    assert_eq!(json[0]["severity"], "error");
    orlint().args(["explain", "OR001"]).assert().code(0).stdout(
        predicate::str::contains("## What it does").and(predicate::str::contains("## How to fix")),
    );
    orlint().args(["explain", "hardcoded-key"]).assert().code(0);
    orlint().args(["explain", "OR999"]).assert().code(2);
    orlint().args(["check", "--format", "xml"]).assert().code(2);
}

#[test]
fn init_writes_a_config_check_accepts() {
    let project = Project::new();
    orlint()
        .current_dir(project.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Wrote orlint.toml"));
    let written = fs::read_to_string(project.path().join("orlint.toml")).unwrap();
    assert_eq!(written, orlint::init::TEMPLATE);
    for key in [
        "select",
        "ignore",
        "exclude",
        "wrappers",
        "wrapper-paths",
        "regulated",
        "approved-providers",
        "allowed-models",
        "[[policy.zone]]",
        "restricted/PHI",
    ] {
        assert!(written.contains(key), "the template explains `{key}`");
    }
    project.write("app.py", "x = 1\n");
    project.check().assert().code(0).stderr("");
    // Refuses to overwrite, unless forced.
    fs::write(project.path().join("orlint.toml"), "[lint]\n").unwrap();
    orlint()
        .current_dir(project.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr("error: orlint.toml already exists; use --force to overwrite it\n");
    assert_eq!(
        fs::read_to_string(project.path().join("orlint.toml")).unwrap(),
        "[lint]\n"
    );
    orlint()
        .current_dir(project.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(project.path().join("orlint.toml")).unwrap(),
        orlint::init::TEMPLATE
    );
}

#[test]
fn inactive_policy_rules_are_named_once() {
    let project = Project::new();
    project.write("a.py", "x = 1\n");
    let out = stdout_of(project.check().args(["--color", "never"]));
    assert!(
        out.ends_with(
            "OR004, OR009 inactive: no regulated paths configured; OR006 inactive: no approved providers configured; \
             OR007 inactive: no allowed models configured — see orlint init\n"
        ),
        "{out}"
    );
    project.write(
        "orlint.toml",
        "[policy]\nregulated = [\"billing/**\"]\napproved-providers = [\"anthropic\"]\nallowed-models = [\"anthropic/*\"]\n",
    );
    let out = stdout_of(project.check().args(["--color", "never"]));
    assert!(!out.contains("inactive"), "{out}");
    // Ignored rules are not inactive, just not selected.
    project.write(
        "orlint.toml",
        "[lint]\nignore = [\"OR004\", \"OR006\", \"OR007\", \"OR009\"]\n",
    );
    let out = stdout_of(project.check().args(["--color", "never"]));
    assert!(!out.contains("inactive"), "{out}");
}

#[test]
fn rules_show_what_the_config_activates() {
    let project = Project::new();
    let rules = |cmd: &mut Command| -> serde_json::Value {
        serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap()
    };
    let status = |json: &serde_json::Value, code: &str| {
        let rule = json
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone();
        (
            rule["status"].as_str().unwrap().to_string(),
            rule["reason"].clone(),
        )
    };
    let mut cmd = orlint();
    cmd.current_dir(project.path())
        .args(["rules", "--format", "json"]);
    let json = rules(&mut cmd);
    assert_eq!(status(&json, "OR001").0, "active");
    assert_eq!(
        status(&json, "OR004"),
        (
            "inactive".to_string(),
            "no regulated paths configured".into()
        )
    );
    project.write(
        "orlint.toml",
        "[lint]\nignore = [\"OR003\"]\n[policy]\nregulated = [\"x/**\"]\n",
    );
    let json = rules(&mut cmd);
    assert_eq!(status(&json, "OR004").0, "active");
    assert_eq!(status(&json, "OR009").0, "active");
    assert_eq!(status(&json, "OR003").0, "disabled");
    assert_eq!(status(&json, "OR006").0, "inactive");
    let text = stdout_of(orlint().current_dir(project.path()).arg("rules"));
    assert!(
        text.contains("inactive (no approved providers configured)"),
        "{text}"
    );
    let isolated = stdout_of(
        orlint()
            .current_dir(project.path())
            .args(["rules", "--isolated"]),
    );
    assert!(
        isolated.contains("OR004  free-model-regulated       error    inactive"),
        "{isolated}"
    );
}

#[test]
fn baselines_hide_known_findings_and_survive_edits() {
    let project = Project::new();
    project.write(
        "app.py",
        "import os\n\nKEY = '{{KEY}}'\nOTHER = '{{KEY}}'\n",
    );
    project.write("web/a.ts", "const k = '{{KEY2}}';\n");
    project
        .check()
        .args(["--write-baseline", ".orlint-baseline.json"])
        .assert()
        .code(0)
        .stdout("Wrote 3 findings to .orlint-baseline.json\n");
    let baseline = fs::read_to_string(project.path().join(".orlint-baseline.json")).unwrap();
    common::assert_no_key_material(&baseline);
    let json: serde_json::Value = serde_json::from_str(&baseline).unwrap();
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["app.py", "app.py", "web/a.ts"], "sorted");
    // Writing again gives the same bytes.
    project
        .check()
        .args(["--write-baseline", ".orlint-baseline.json"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(project.path().join(".orlint-baseline.json")).unwrap(),
        baseline
    );

    project
        .check()
        .args(["--baseline", ".orlint-baseline.json"])
        .assert()
        .code(0);
    // Unrelated edits above the findings do not bring them back.
    project.write(
        "app.py",
        "\"\"\"Docs.\"\"\"\nimport os\nimport sys\n\nKEY = '{{KEY}}'\nOTHER = '{{KEY}}'\n",
    );
    project
        .check()
        .args(["--baseline", ".orlint-baseline.json"])
        .assert()
        .code(0);
    // A new finding is reported, alone.
    project.write(
        "app.py",
        "import os\n\nKEY = '{{KEY}}'\nOTHER = '{{KEY}}'\nTHIRD = '{{KEY}}'\n",
    );
    project
        .check()
        .args(["--baseline", ".orlint-baseline.json", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::function(|out: &str| {
            out.lines().count() == 1 && out.starts_with("app.py:")
        }));
    // From config, relative to the config file, and from another directory.
    project.write(
        "orlint.toml",
        "[lint]\nbaseline = \".orlint-baseline.json\"\n",
    );
    project.write(
        "app.py",
        "import os\n\nKEY = '{{KEY}}'\nOTHER = '{{KEY}}'\n",
    );
    orlint()
        .current_dir(project.path().join("web"))
        .args(["check", ".."])
        .assert()
        .code(0);
    // A broken baseline is a one-line error.
    project.write("bad.json", "{\"findings\": 3}");
    project
        .check()
        .args(["--baseline", "bad.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: bad.json: not an orlint baseline",
        ));
    project
        .check()
        .args(["--baseline", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: cannot read baseline missing.json",
        ));
}

#[test]
fn generated_code_with_extreme_nesting_is_linted_without_crashing() {
    let project = Project::new();
    // A 20,000-term `+` chain and 5,000 nested brackets: a stack overflow or a quadratic
    // query here would take the whole run down (no catch_unwind can stop either).
    let chain = vec!["\"a\""; 20_000].join(" +\n");
    project.write(
        "generated.py",
        &format!("URL = \"https://openrouter.ai/api/v1\"\nx = ({chain})\ny = {}{}\nKEY = '{{{{KEY}}}}'\n", "[".repeat(5_000), "]".repeat(5_000)),
    );
    let js_chain = vec!["v"; 20_000].join(" +\n");
    project.write(
        "bundle.js",
        &format!("const u = \"https://openrouter.ai/api/v1\";\nconst x = {js_chain};\n"),
    );
    project
        .check()
        .args(["--format", "concise"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("generated.py:20003:8: OR001"));
}

#[test]
fn a_file_from_stdin_gets_the_findings_of_the_whole_project_run() {
    // An editor lints the buffer of one file of a project; pre-commit names a few files. Each
    // sees the same findings for that file as a run over the whole tree, related locations
    // in other files included.
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/helpers");
    let parse = |out: String| -> Vec<serde_json::Value> { serde_json::from_str(&out).unwrap() };
    let whole = parse(stdout_of(orlint().current_dir(&project).args([
        "check",
        "--format",
        "json",
        "--exit-zero",
        ".",
    ])));
    for file in [
        "routes/composed.ts",
        "routes/direct.ts",
        "lib/openrouter.ts",
    ] {
        let text = fs::read_to_string(project.join(file)).unwrap();
        let from_stdin = parse(stdout_of(
            orlint()
                .current_dir(&project)
                .args([
                    "check",
                    "--format",
                    "json",
                    "--exit-zero",
                    "--stdin-filename",
                    file,
                ])
                .write_stdin(text),
        ));
        let named = parse(stdout_of(orlint().current_dir(&project).args([
            "check",
            "--format",
            "json",
            "--exit-zero",
            file,
        ])));
        let in_whole: Vec<serde_json::Value> = whole
            .iter()
            .filter(|d| d["path"] == file)
            .cloned()
            .collect();
        assert!(!in_whole.is_empty(), "{file} has findings");
        assert_eq!(from_stdin, in_whole, "{file} from stdin");
        assert_eq!(named, in_whole, "{file} named alone");
    }
    let composed: Vec<&serde_json::Value> = whole
        .iter()
        .filter(|d| d["path"] == "routes/composed.ts")
        .collect();
    assert_eq!(composed[0]["related"][0]["path"], "lib/http.ts");
    assert_eq!(
        composed[0]["related"][0]["message"],
        "the request is made here by `fetchFromOpenRouter` (through `fetchTextWithTimeout`)"
    );
}

#[test]
fn a_model_catalogue_dump_is_data_and_a_config_next_to_it_is_configuration() {
    let project = Project::new();
    project.write(
        "orlint.toml",
        "[lint]\nselect = [\"OR004\"]\n[policy]\nregulated = [\"**\"]\n",
    );
    project.write(
        "config.json",
        "{\n  \"base_url\": \"https://openrouter.ai/api/v1\",\n  \"model\": \"meta-llama/llama-3.3-70b-instruct:free\"\n}\n",
    );
    // A catalogue larger than 256 KiB, whose entries even carry a `model` key: data, not
    // configuration, so not one finding.
    let entry = r#"{"model": "qwen/qwen3-coder:free", "name": "Qwen3 Coder (free)", "context_length": 262144}"#;
    let entries = vec![entry; 3000].join(",\n");
    assert!(entries.len() > 256 * 1024);
    project.write(
        "catalogue.json",
        &format!("{{\"data\": [\n{entries}\n]}}\n"),
    );
    let output = stdout_of(project.check().args([".", "--format", "concise"]));
    assert_eq!(
        output,
        "config.json:3:13: OR004 `meta-llama/llama-3.3-70b-instruct:free` is a free model, in a path that handles regulated data\n"
    );
}

#[test]
fn a_model_id_from_another_file_is_reported_once_and_at_the_request_when_linted_alone() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/model_constants");
    let lines = |args: &[&str]| -> Vec<String> {
        stdout_of(
            orlint()
                .current_dir(&project)
                .args(["check", "--format", "concise", "--select", "OR004"])
                .args(args),
        )
        .lines()
        .map(|l| l.split(": OR004").next().unwrap().to_string())
        .collect()
    };
    // The whole project: DEFAULT_MODEL where it is written, CHEAP at the request using it.
    assert_eq!(
        lines(&["app"]),
        ["app/service.py:16:49", "app/settings.py:2:17"]
    );
    // A pre-commit run of the request's file alone: both requests, as settings.py is not linted.
    assert_eq!(
        lines(&["app/service.py"]),
        ["app/service.py:11:49", "app/service.py:16:49"]
    );
    let json = stdout_of(orlint().current_dir(&project).args([
        "check",
        "app/service.py",
        "--format",
        "json",
        "--select",
        "OR004",
    ]));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let related = &json[0]["related"][0];
    assert_eq!(related["message"], "the model id is written here");
    assert_eq!(related["path"], "app/settings.py");
}

#[test]
fn fingerprints_never_take_key_material_as_input() {
    // Two literal keys that agree on what redaction shows (first and last four characters)
    // and differ in everything it hides: baseline and SARIF fingerprints must not tell them
    // apart, or they would be hashes of the hidden part.
    let first = common::literal_key(1);
    let second = format!(
        "{}{}{}",
        &first[..4],
        &common::literal_key(2)[4..36],
        &first[36..]
    );
    let source = |key: &str| {
        format!(
            "from openai import OpenAI\n\nclient = OpenAI(base_url='https://openrouter.ai/api/v1', api_key='{key}')\n"
        )
    };
    let project = Project::new();
    project.write("gateway.py", &source(&first));
    project
        .check()
        .args(["--write-baseline", ".orlint-baseline.json"])
        .assert()
        .code(0)
        .stdout("Wrote 1 finding to .orlint-baseline.json\n");
    let baseline = fs::read_to_string(project.path().join(".orlint-baseline.json")).unwrap();
    common::assert_no_key_material(&baseline);
    let sarif_of = || {
        let out = stdout_of(project.check().args(["--format", "sarif"]));
        let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
        sarif["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    let before = sarif_of();
    assert!(before.is_object(), "a fingerprinted result");

    project.write("gateway.py", &source(&second));
    project
        .check()
        .args(["--baseline", ".orlint-baseline.json"])
        .assert()
        .code(0);
    assert_eq!(sarif_of(), before);
}

#[test]
fn pathological_code_is_analysed_around_and_reported() {
    let request = "\nfrom openai import OpenAI\nclient = OpenAI(base_url='https://openrouter.ai/api/v1')\ndef summarise(t):\n    return client.chat.completions.create(model='openai/gpt-4o', messages=[])\n";
    let project = Project::new();
    // A 10,000-operand expression on one line, 50,000 nested brackets over as many lines, and
    // a plain file: the request after each is still found, and each partial file is named.
    let chain = format!("x = {}\n{request}", vec!["1"; 10_000].join(" + "));
    project.write("chain.py", &chain);
    let nested = format!(
        "x = {}{}{request}",
        "[\n".repeat(50_000),
        "]\n".repeat(50_000)
    );
    project.write("nested.py", &nested);
    project.write("plain.py", request);
    let output = project
        .check()
        .args(["--format", "concise", "--select", "OR003"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for file in ["chain.py:6:12", "nested.py:100005:12", "plain.py:5:12"] {
        assert!(
            stdout.contains(&format!("{file}: OR003")),
            "{file}: {stdout}"
        );
    }
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: chain.py: not fully analysed: 1 line over 10000 characters (generated or minified code) was only scanned for keys\n\
         warning: nested.py: not fully analysed: code nested deeper than 200 levels is not analysed\n"
    );
    // `--strict` (or `[lint] strict`) makes a partial analysis fail the run.
    project
        .check()
        .args(["--format", "concise", "--strict"])
        .assert()
        .code(2);
    project.write("orlint.toml", "[lint]\nstrict = true\n");
    project.check().assert().code(2);
    std::fs::remove_file(project.path().join("orlint.toml")).unwrap();
    // SARIF carries them as tool notifications with the file, JSON as `warning` entries.
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout_of(project.check().args(["--format", "sarif"]))).unwrap();
    let notifications = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notifications.as_array().unwrap().len(),
        2,
        "{notifications}"
    );
    assert_eq!(notifications[0]["level"], "warning");
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "chain.py"
    );
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(project.check().args(["--format", "json"]))).unwrap();
    let warnings: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "warning")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(warnings, ["chain.py", "nested.py"]);
    // GitHub annotations name them too.
    let github = stdout_of(project.check().args(["--format", "github"]));
    assert!(
        github.contains("::warning file=chain.py,title=orlint::chain.py: not fully analysed"),
        "{github}"
    );
}

/// The bad-input table: every row is linted in one run, next to a canary file, and each gets
/// its expected line on stderr (or none, when there is nothing to say), while every file that
/// can hold a request still reports it.
#[cfg(unix)]
#[test]
fn bad_inputs_are_reported_and_never_stop_the_run() {
    use std::os::unix::ffi::OsStrExt;
    let request = "from openai import OpenAI\nclient = OpenAI(base_url='https://openrouter.ai/api/v1')\nr = client.chat.completions.create(model='openai/gpt-4o', messages=[])\n";
    let project = Project::new();
    let write = |name: &str, bytes: &[u8]| project.write_bytes(name, bytes);
    write("canary.py", request.as_bytes());
    write("bom.py", &[b"\xEF\xBB\xBF", request.as_bytes()].concat());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(request.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write("utf16.py", &utf16);
    write("nul.py", &[b"x = '\x00'\n", request.as_bytes()].concat());
    write(
        "binary.py",
        &(0..=255u8).cycle().take(10_000).collect::<Vec<_>>(),
    );
    write("crlf.py", request.replace('\n', "\r\n").as_bytes());
    write("cr.py", request.replace('\n', "\r").as_bytes());
    write("empty.py", b"");
    write(
        "oversized.py",
        format!("# {}\n{request}", "x".repeat(6 << 20)).as_bytes(),
    );
    let bundle = format!(
        "{}fetch('https://openrouter.ai/api/v1/chat/completions',{{method:'POST',body:JSON.stringify({{model:'a/b'}})}});\n",
        "var a=1;".repeat(600_000)
    );
    write("bundle.js", bundle.as_bytes());
    write(
        "syntax_first.py",
        format!("def broken(:\n    pass\n{request}").as_bytes(),
    );
    write("sp ace é.py", request.as_bytes());
    write(
        "broken.ipynb",
        b"{\"cells\": [ \"https://openrouter.ai/api/v1\"",
    );
    // Cell sources that are not strings are not code: the file is still scanned as text.
    write(
        "cells.ipynb",
        b"{\"cells\": [{\"cell_type\": \"code\", \"source\": [1, \"openrouter.ai\"]}], \"metadata\": {}}",
    );
    let dir = project.path();
    std::os::unix::fs::symlink("loop_b.py", dir.join("loop_a.py")).unwrap();
    std::os::unix::fs::symlink("loop_a.py", dir.join("loop_b.py")).unwrap();
    std::os::unix::fs::symlink("missing.py", dir.join("dangling.py")).unwrap();
    let fifo = dir.join("x.py");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let odd_name = std::ffi::OsStr::from_bytes(b"odd-\xFF-name.py");
    fs::write(dir.join(odd_name), request).unwrap();

    let output = project
        .check()
        .args([
            "--format",
            "concise",
            "--select",
            "OR003",
            "--max-file-size",
            "5MiB",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let found: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(": OR003").next().unwrap())
        .collect();
    assert_eq!(
        found,
        [
            "bom.py:3:5",
            "canary.py:3:5",
            "cr.py:3:5",
            "crlf.py:3:5",
            "odd-\u{FFFD}-name.py:3:5",
            "sp ace é.py:3:5",
            "syntax_first.py:5:5",
            "utf16.py:3:5",
        ],
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = [
        "warning: binary.py: skipped: binary content (a NUL byte at offset 0)",
        "warning: broken.ipynb: not a valid notebook: Unterminated array; scanned as text",
        "warning: bundle.js: not fully analysed: 1 line over 10000 characters",
        "warning: nul.py: skipped: binary content (a NUL byte at offset 5)",
        "warning: oversized.py: skipped: 6291613 bytes is over the 5242880 byte limit (--max-file-size)",
        // Met while walking, a FIFO is never opened, and said.
        "warning: x.py: skipped: not a regular file",
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, expected) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(expected),
            "{line:?} does not start with {expected:?}"
        );
    }
    // Named on the command line, the FIFO is still never opened.
    project
        .check()
        .args([
            "--format",
            "concise",
            "--select",
            "OR003",
            "x.py",
            "canary.py",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("canary.py:3:5: OR003"))
        .stderr("warning: x.py: skipped: not a regular file\n");
}

/// A request whose routing is out of the evaluator's reach is not judged, and says so; the
/// same request within reach is judged (here: pinned, so nothing to report).
#[test]
fn routing_beyond_the_evaluation_limits_is_reported() {
    let chain = |hops: usize| {
        let mut lines = vec![
            "from openai import OpenAI".to_string(),
            "client = OpenAI(base_url='https://openrouter.ai/api/v1')".to_string(),
            "p0 = {'order': ['openai'], 'allow_fallbacks': False}".to_string(),
        ];
        lines.extend((1..=hops).map(|i| format!("p{i} = p{}", i - 1)));
        lines.push(format!(
            "def audited():\n    return client.chat.completions.create(model='openai/gpt-4o', messages=[], extra_body={{'provider': p{hops}}})\n"
        ));
        lines.join("\n")
    };
    let project = Project::new();
    project.write("deep.py", &chain(60));
    project.write("shallow.py", &chain(5));
    project
        .check()
        .args(["--format", "concise"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(
            "warning: deep.py: not fully analysed: the routing of 1 request could not be worked out within the evaluation limits: no routing rule judged it\n",
        );
}

/// A project with one safe fix (a stale suppression), one unsafe fix (fallbacks left on),
/// a finding without a fix, and a file with nothing to fix.
fn fixable_project() -> Project {
    let project = Project::new();
    project.write(
        "orlint.toml",
        "[lint]\nselect = [\"OR002\", \"OR003\", \"OR100\"]\n",
    );
    project.write(
        "app.py",
        "from openai import OpenAI\n\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\nclient.chat.completions.create(\n    model=\"m\",\n    messages=[],\n    extra_body={\"provider\": {\"order\": [\"anthropic\"]}},\n)\nclient.chat.completions.create(model=\"m\", messages=[])\nTIMEOUT = 30  # orlint: ignore[OR003]\n",
    );
    project.write(
        "clean.py",
        "from openai import OpenAI\n\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\nclient.chat.completions.create(model=\"m\", messages=[])  # orlint: ignore[OR003] -- internal\n",
    );
    project
}

#[test]
fn diff_shows_what_fix_would_change_and_writes_nothing() {
    let project = fixable_project();
    let before = fs::read_to_string(project.path().join("app.py")).unwrap();
    let output = project.check().arg("--diff").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "Would fix 1 problem (1 more fix available with `--unsafe-fixes`).\n"
    );
    insta::assert_snapshot!("diff_safe", String::from_utf8(output.stdout).unwrap());
    let output = project
        .check()
        .args(["--diff", "--unsafe-fixes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("diff_unsafe", String::from_utf8(output.stdout).unwrap());
    assert_eq!(
        fs::read_to_string(project.path().join("app.py")).unwrap(),
        before
    );
    // Nothing to fix: no diff, exit 0.
    project
        .check()
        .args(["--diff", "clean.py"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("No fixes would be applied.\n");
}

#[test]
fn fix_applies_safe_fixes_and_leaves_other_files_untouched() {
    let project = fixable_project();
    let clean = project.path().join("clean.py");
    let modified = fs::metadata(&clean).unwrap().modified().unwrap();
    let clean_before = fs::read(&clean).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let output = project
        .check()
        .args(["--fix", "--format", "concise"])
        .output()
        .unwrap();
    // The unsafe fix and the finding without a fix remain.
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "app.py:7:30: OR002 `order` without `allow_fallbacks: false` only sets preference: OpenRouter falls back to any other provider (unsafe fix available)\napp.py:9:1: OR003 OpenRouter request without routing preferences: OpenRouter picks the provider per request\n"
    );
    let app = fs::read_to_string(project.path().join("app.py")).unwrap();
    assert!(app.ends_with("messages=[])\nTIMEOUT = 30\n"), "{app}");
    assert_eq!(fs::read(&clean).unwrap(), clean_before);
    assert_eq!(fs::metadata(&clean).unwrap().modified().unwrap(), modified);

    // Pretty output says what was fixed and what else could be.
    let output = project
        .check()
        .args(["--fix", "--unsafe-fixes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Fixed 1 problem.\nFound 1 problem"),
        "{stdout}"
    );
    let app = fs::read_to_string(project.path().join("app.py")).unwrap();
    assert!(
        app.contains("{\"order\": [\"anthropic\"], \"allow_fallbacks\": False}"),
        "{app}"
    );
    assert_eq!(fs::read(&clean).unwrap(), clean_before);
    assert_eq!(fs::metadata(&clean).unwrap().modified().unwrap(), modified);
}

#[test]
fn fix_only_stdin_and_unfixable_rules() {
    let project = fixable_project();
    // `unfixable` keeps OR100's fix from being applied, and from being advertised.
    project.write(
        "orlint.toml",
        "[lint]\nselect = [\"OR002\", \"OR003\", \"OR100\"]\nunfixable = [\"OR100\"]\n",
    );
    let output = project.check().arg("--format=concise").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("reports nothing\n"), "{stdout}");
    project
        .check()
        .arg("--fix-only")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    assert!(
        fs::read_to_string(project.path().join("app.py"))
            .unwrap()
            .contains("# orlint: ignore[OR003]")
    );
    // Unknown codes in the lists are config errors.
    project.write("orlint.toml", "[lint]\nfixable = [\"OR999\"]\n");
    project
        .check()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule code `OR999`"));

    // From stdin, the fixed code is the output; the report goes to stderr.
    project.write(
        "orlint.toml",
        "[lint]\nselect = [\"OR002\", \"OR003\", \"OR100\"]\n",
    );
    let input = fs::read_to_string(project.path().join("app.py")).unwrap();
    let output = project
        .check()
        .args([
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "--stdin-filename",
            "app.py",
        ])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        input
            .replace(
                "[\"anthropic\"]}}",
                "[\"anthropic\"], \"allow_fallbacks\": False}}"
            )
            .replace("  # orlint: ignore[OR003]", "")
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("app.py:9:1: OR003 "), "{stderr}");
    assert_eq!(
        fs::read_to_string(project.path().join("app.py")).unwrap(),
        input
    );
}

#[test]
fn version_names_the_commit() {
    let stdout = stdout_of(orlint().arg("--version"));
    let prefix = format!("orlint {} (", env!("CARGO_PKG_VERSION"));
    let commit = stdout
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("unexpected --version output: {stdout:?}"));
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit:?}"
    );
}

/// orlint skips what git ignores, with git's own precedence: nested `.gitignore` files, negated
/// patterns, directory-only and anchored patterns, `.git/info/exclude`, and a `.gitignore`
/// above the directory linted. git itself is the oracle (`git ls-files --others
/// --exclude-standard` lists the files it does not ignore).
#[test]
fn ignore_files_are_read_with_gits_precedence() {
    let project = Project::new();
    let git = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(args)
            .current_dir(project.path())
            .output()
            .expect("git is installed");
        assert!(output.status.success(), "git {args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    git(&["init", "--quiet"]);
    project.write(
        ".gitignore",
        "*.log.txt\n/build/\ntemp*\n!temp_keep.txt\ndocs/**/draft.txt\n",
    );
    project.write(
        "sub/.gitignore",
        "!important.log.txt\nlocal.txt\n/anchored.txt\n",
    );
    project.write("sub/deeper/.gitignore", "*\n!*.txt\n!.gitignore\n");
    project.write(".git/info/exclude", "excluded.txt\n");
    let files = [
        "a.txt",
        "debug.log.txt",
        "build/out.txt",
        "src/build/kept.txt",
        "temp1.txt",
        "temp_keep.txt",
        "docs/x/y/draft.txt",
        "docs/final.txt",
        "sub/important.log.txt",
        "sub/other.log.txt",
        "sub/local.txt",
        "sub/anchored.txt",
        "sub/inner/anchored.txt",
        "sub/deeper/kept.txt",
        "sub/deeper/dropped.md",
        "excluded.txt",
        "sub/excluded.txt",
    ];
    for file in files {
        project.write(file, "{{KEY}}\n");
    }
    let mut by_git: Vec<String> = git(&["ls-files", "--others", "--exclude-standard"])
        .lines()
        .filter(|f| !f.ends_with(".gitignore"))
        .map(str::to_string)
        .collect();
    by_git.sort();
    let output = stdout_of(
        project
            .check()
            .args(["--format", "concise", "--select", "OR001"]),
    );
    let mut by_orlint: Vec<String> = output
        .lines()
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    by_orlint.sort();
    by_orlint.dedup();
    assert_eq!(by_orlint, by_git);
    // Linted from a subdirectory, the `.gitignore` above it still applies.
    let output = stdout_of(
        project
            .check()
            .current_dir(project.path().join("sub"))
            .args(["--format", "concise", "--select", "OR001", "."]),
    );
    assert!(!output.contains("other.log.txt"), "{output}");
    assert!(output.contains("important.log.txt"), "{output}");
}
