//! The three promises, attacked the way an attacker or an unlucky repository would: no key is
//! ever printed, nothing in a tree can hang or stop a run, no fix breaks a file. Each test
//! names the item of the review that broke them (issue 21).
//!
//! The oracle never shares code with orlint: keys are random bytes generated here, for this
//! run, and every output is searched for those exact bytes (the whole key, its first 20
//! characters, its 64 hex characters, and any 12 characters of what redaction hides), not
//! with the linter's own pattern.

mod common;

use std::collections::hash_map::RandomState;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(30);

/// `len` random lowercase hex characters, fresh for every call.
fn random_hex(len: usize) -> String {
    let state = RandomState::new();
    let mut out = String::new();
    let mut counter = 0u64;
    while out.len() < len {
        let mut hasher = state.build_hasher();
        hasher.write_u64(counter);
        counter += 1;
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out.truncate(len);
    out
}

/// A fresh OpenRouter key.
fn new_key() -> String {
    format!("sk-or-v1-{}", random_hex(64))
}

/// A fresh literal key of another format: 40 characters, mixed case.
fn new_literal_key() -> String {
    random_hex(40)
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 3 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .map(|c| if c == '0' { 'Q' } else { c })
        .collect()
}

/// What must never appear in any output for `secret`: the whole secret, its first 20
/// characters, for an OpenRouter key its 64 hex characters, and any 12 characters of the part
/// redaction hides (all but four characters at each end, after the prefix).
fn forbidden(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_string(), secret[..20].to_string()];
    let hidden = match secret.strip_prefix("sk-or-v1-") {
        Some(hex) => {
            out.push(hex.to_string());
            &hex[4..hex.len() - 4]
        }
        None => &secret[4..secret.len() - 4],
    };
    for start in 0..=hidden.len().saturating_sub(12) {
        out.push(hidden[start..start + 12].to_string());
    }
    out
}

/// Fails when `output` holds anything of `secrets` that redaction hides.
#[track_caller]
fn assert_clean(output: &[u8], secrets: &[&str], what: &str) {
    let text = String::from_utf8_lossy(output);
    for secret in secrets {
        for piece in forbidden(secret) {
            assert!(
                !text.contains(&piece),
                "{what}: key material leaked ({} characters of it)",
                piece.len()
            );
        }
    }
}

fn orlint() -> Command {
    let mut cmd = Command::cargo_bin("orlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .timeout(TIMEOUT);
    cmd
}

/// Every output of `orlint check ARGS` in `dir`: each format on stdout and stderr, with
/// colour, and written with `-o`.
fn every_output(dir: &Path, args: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut outputs = Vec::new();
    for format in ["pretty", "concise", "json", "sarif", "github"] {
        for color in ["never", "always"] {
            let output = orlint()
                .current_dir(dir)
                .arg("check")
                .args(args)
                .args(["--format", format, "--color", color])
                .output()
                .unwrap();
            outputs.push((format!("{format} stdout ({color})"), output.stdout));
            outputs.push((format!("{format} stderr ({color})"), output.stderr));
        }
        let written = dir.join(format!("report-{format}.out"));
        let output = orlint()
            .current_dir(dir)
            .arg("check")
            .args(args)
            .args(["--format", format, "-o"])
            .arg(&written)
            .output()
            .unwrap();
        outputs.push((format!("{format} -o stderr"), output.stderr));
        outputs.push((
            format!("{format} -o file"),
            fs::read(&written).unwrap_or_default(),
        ));
        let _ = fs::remove_file(&written);
    }
    for extra in [
        &["--diff", "--unsafe-fixes"][..],
        &["--show-suppressed"][..],
    ] {
        let output = orlint()
            .current_dir(dir)
            .arg("check")
            .args(args)
            .args(extra)
            .output()
            .unwrap();
        outputs.push((format!("{extra:?} stdout"), output.stdout));
        outputs.push((format!("{extra:?} stderr"), output.stderr));
    }
    outputs
}

#[track_caller]
fn assert_all_clean(outputs: &[(String, Vec<u8>)], secrets: &[&str]) {
    for (what, output) in outputs {
        assert_clean(output, secrets, what);
    }
}

fn concise(dir: &Path, args: &[&str]) -> String {
    let output = orlint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "concise"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// A config that gives OR003 a fix (so `--diff` shows context lines) and turns every rule on.
const CONFIG: &str = "[policy]\napproved-providers = [\"anthropic\", \"openai\"]\nregulated = [\"**\"]\nallowed-models = [\"openai/*\"]\n";

const CLIENT: &str =
    "from openai import OpenAI\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\n";
const REQUEST: &str = "client.chat.completions.create(model=\"openai/gpt-4o\", messages=[])\n";

// Item 1: a key next to a word character was neither found nor masked.

#[test]
fn item1_a_key_is_found_and_masked_whatever_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orlint.toml", CONFIG);
    let key = new_key();
    let second = new_key();
    let neighbours: Vec<(String, String)> = [
        ("key:\\n", ""),
        ("Bearer\\t", ""),
        ("\\x20", ""),
        ("\\u0020", ""),
        ("https://x.test/?k%3D", "%20"),
        ("under_", ""),
        ("2024", ""),
        ("clé", ""),
        ("e\u{301}", ""),
        ("鍵は", "です"),
        ("", "_old"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .chain([(String::new(), second.clone())])
    .collect();
    for (i, (before, after)) in neighbours.iter().enumerate() {
        // A finding on the next line, so that every snippet shows the key's line.
        let text = format!("{CLIENT}NOTE = \"{before}{key}{after}\"\n{REQUEST}");
        write(dir.path(), &format!("case{i:02}.py"), &text);
    }
    let found = concise(dir.path(), &["--select", "OR001"]);
    for (i, (before, _)) in neighbours.iter().enumerate() {
        assert!(
            found.contains(&format!("case{i:02}.py:3:")),
            "case {i} ({before:?}): key not found\n{found}"
        );
    }
    assert_eq!(
        found.matches("case11.py:3:").count(),
        2,
        "back to back: two keys"
    );
    assert_all_clean(&every_output(dir.path(), &[]), &[&key, &second]);
}

#[test]
fn item1_a_key_alone_in_prose_json_or_a_notebook_output_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key();
    write(
        dir.path(),
        "README.md",
        &format!("Use _{key}_ for the demo.\n"),
    );
    write(
        dir.path(),
        "settings.json",
        &format!("{{\"note\": \"key:\\n{key}\"}}\n"),
    );
    write(
        dir.path(),
        "run.ipynb",
        &format!(
            "{{\"cells\": [{{\"cell_type\": \"code\", \"source\": [\"print(1)\"], \"outputs\": [{{\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": [\"loaded\\n{key}\\n\"]}}]}}], \"metadata\": {{}}, \"nbformat\": 4, \"nbformat_minor\": 5}}\n"
        ),
    );
    let found = concise(dir.path(), &[]);
    for file in ["README.md:1:", "settings.json:1:", "run.ipynb:1:"] {
        assert!(found.contains(file), "{file} not reported:\n{found}");
    }
    assert_all_clean(&every_output(dir.path(), &[]), &[&key]);
}

#[test]
fn item1_keys_assembled_at_run_time_are_found_and_their_pieces_masked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orlint.toml", CONFIG);
    let key = new_key();
    let hex = &key[9..];
    let py = format!(
        "{CLIENT}PREFIX = \"sk-or-v1-\"\nHEX = \"{hex}\"\nA = \"\".join([PREFIX, HEX])\nB = \"{{}}{{}}\".format(PREFIX, HEX)\nC = \"%s%s\" % (PREFIX, HEX)\nD = PREFIX + \"{hex}\"\n{REQUEST}E = f\"{{PREFIX}}{hex}\"\nF = \"sk-or-v1-\\\n{hex}\"\n{REQUEST}"
    );
    write(dir.path(), "built.py", &py);
    let ts = format!(
        "const PREFIX = \"sk-or-v1-\";\nconst HEX = \"{hex}\";\nexport const a = [PREFIX, HEX].join(\"\");\nexport const b = PREFIX.concat(HEX);\nexport const c = `${{PREFIX}}{hex}`;\nfetch(\"https://openrouter.ai/api/v1/chat/completions\", {{ method: \"POST\", body: JSON.stringify({{ model: \"openai/gpt-4o\" }}) }});\n"
    );
    write(dir.path(), "built.ts", &ts);
    let found = concise(dir.path(), &["--select", "OR001"]);
    for line in [
        "built.py:5:",
        "built.py:6:",
        "built.py:7:",
        "built.py:8:",
        "built.py:10:",
        "built.py:11:",
        "built.ts:3:",
        "built.ts:4:",
        "built.ts:5:",
    ] {
        assert!(found.contains(line), "{line} not reported:\n{found}");
    }
    assert_all_clean(&every_output(dir.path(), &[]), &[&key]);
}

// Item 2: keys shown whole in paths, arguments, config errors, server messages, edits and
// messages that quote source text.

#[test]
fn item2_a_key_in_a_path_is_masked_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key();
    let literal = new_literal_key();
    write(
        dir.path(),
        &format!("{key}.py"),
        &format!("{CLIENT}{REQUEST}"),
    );
    write(
        dir.path(),
        &format!("{literal}/{key}/app.py"),
        &format!("{CLIENT}{REQUEST}"),
    );
    // A file that cannot be read is a warning naming its path.
    let fifo = dir.path().join(format!("{key}-fifo.py"));
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert_all_clean(&every_output(dir.path(), &[]), &[&key]);
    let baseline = dir.path().join("baseline.json");
    let written = orlint()
        .current_dir(dir.path())
        .args(["check", "--write-baseline"])
        .arg(&baseline)
        .output()
        .unwrap();
    assert_clean(&written.stdout, &[&key], "--write-baseline stdout");
    assert_clean(&written.stderr, &[&key], "--write-baseline stderr");
    assert_clean(&fs::read(&baseline).unwrap(), &[&key], "the baseline");
    // The baseline still matches the findings of the files whose names it masks.
    let after = orlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "--baseline"])
        .arg(&baseline)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&after.stdout),
        "",
        "baselined findings are hidden"
    );
    let stdin = orlint()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", &format!("{key}/x.py")])
        .write_stdin(format!("{CLIENT}{REQUEST}"))
        .output()
        .unwrap();
    assert!(!stdin.stdout.is_empty());
    assert_clean(&stdin.stdout, &[&key], "--stdin-filename stdout");
    assert_clean(&stdin.stderr, &[&key], "--stdin-filename stderr");
}

#[test]
fn item2_arguments_and_config_values_that_hold_a_key_are_masked_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key();
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), "--select".into(), key.clone()],
        vec!["check".into(), "--format".into(), key.clone()],
        vec!["check".into(), format!("missing/{key}.py")],
        vec!["check".into(), "--exclude".into(), format!("{key}[")],
        vec!["explain".into(), key.clone()],
        vec![format!("--{key}")],
        vec!["check".into(), "--baseline".into(), format!("{key}.json")],
    ];
    for args in &runs {
        let output = orlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{:?}", &args[..1]);
        assert_clean(&output.stdout, &[&key], "stdout of a usage error");
        assert_clean(&output.stderr, &[&key], "stderr of a usage error");
        assert!(!output.stderr.is_empty(), "an error is said");
    }
    let configs = [
        format!("[lint]\nselect = [\"{key}\"]\n"),
        format!("[lint]\nexclude = [\"{key}[\"]\n"),
        format!("[lint]\n{key} = 1\n"),
        format!("[lint]\nstrict = \"{key}\"\n"),
        format!("[policy]\nregulated = \"{key}\"\n"),
    ];
    for config in &configs {
        write(dir.path(), "orlint.toml", config);
        write(dir.path(), "app.py", "x = 1\n");
        let output = orlint()
            .current_dir(dir.path())
            .arg("check")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "a broken config is an error");
        assert_clean(&output.stderr, &[&key], "a config error");
        assert_clean(&output.stdout, &[&key], "a config error's stdout");
    }
    fs::remove_file(dir.path().join("orlint.toml")).unwrap();
    write(
        dir.path(),
        "baseline.json",
        &format!("{{\"version\": \"{key}\", \"findings\": []}}"),
    );
    let output = orlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_clean(&output.stderr, &[&key], "a baseline error");
}

#[test]
fn item2_messages_that_quote_source_text_are_masked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orlint.toml", CONFIG);
    let key = new_key();
    let hex = &key[9..];
    // The last log call's callee quotes 40 characters from the middle of the key (the fuzz
    // target once cut a key so): a part of a key the run knows is masked too.
    let text = format!(
        "import logging\nimport os\n{CLIENT}KEY = os.environ[\"OPENROUTER_API_KEY\"]\nlogging.getLogger(\"sk-or-v1-\" \"{hex}\").info(KEY)\nclient.chat.completions.create(model=\"{key}\", messages=[])\nx = 1  # orlint: ignore[{key}] -- because\nlogging.getLogger(\"{}\").info(KEY)\n",
        &hex[10..50]
    );
    write(dir.path(), "app.py", &text);
    let found = concise(dir.path(), &[]);
    for code in ["OR001", "OR007", "OR008", "OR100"] {
        assert!(found.contains(code), "{code} not reported:\n{found}");
    }
    assert_all_clean(&every_output(dir.path(), &[]), &[&key]);
}

#[test]
fn item2_a_fix_that_removes_a_literal_key_leaves_its_comment_copy_masked_and_the_diff_exact() {
    let dir = tempfile::tempdir().unwrap();
    let literal = new_literal_key();
    let text = format!(
        "import os\n\nfrom openai import OpenAI\n\n# the old key was {literal}\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\", api_key=\"{literal}\")\n"
    );
    let path = write(dir.path(), "app.py", &text);
    let diff = orlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "--unsafe-fixes"])
        .output()
        .unwrap();
    assert_clean(&diff.stdout, &[&literal], "--diff");
    assert_clean(&diff.stderr, &[&literal], "--diff stderr");
    let stdout = String::from_utf8_lossy(&diff.stdout);
    let changed: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(
        changed.len(),
        2,
        "only the client's line changes:\n{stdout}"
    );
    assert!(
        changed.iter().all(|l| l.contains("client = OpenAI(")),
        "{stdout}"
    );
    let fixed = orlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes"])
        .output()
        .unwrap();
    assert_clean(&fixed.stdout, &[&literal], "--fix stdout");
    assert_clean(&fixed.stderr, &[&literal], "--fix stderr");
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("api_key=os.environ[\"OPENROUTER_API_KEY\"]"),
        "{after}"
    );
    // The comment is the user's own text: the fix does not touch it (nor write a mask into it).
    assert!(after.contains(&format!("# the old key was {literal}")));
}

#[test]
fn item2_the_language_server_never_sends_key_material() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key();
    write(
        dir.path(),
        "orlint.toml",
        &format!("[lint]\nselect = [\"{key}\"]\n"),
    );
    let sub = dir.path().join("ok");
    fs::create_dir_all(&sub).unwrap();
    write(&sub, "orlint.toml", "[lint]\nselect = [\"ALL\"]\n");
    let mut server = Server::start(dir.path());
    server.initialize(dir.path());
    // A broken config quoting the key: a message and a diagnostic on the config.
    let broken = uri(&dir.path().join("app.py"));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": broken, "languageId": "python", "version": 1, "text": "x = 1\n"}}),
    );
    // A suppression whose reason repeats the key: fix-all removes the comment, and the edit
    // must not carry the key (whole lines did).
    let file = sub.join(format!("{key}.py"));
    let text = format!("{CLIENT}{REQUEST}x = 1  # orlint: ignore[OR003] -- rotated {key}\n");
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&file), "languageId": "python", "version": 1, "text": text}}),
    );
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&file)},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    assert!(actions["result"].is_array(), "{actions}");
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&file)}, "position": {"line": 4, "character": 40}}),
    );
    assert!(hover.get("result").is_some());
    server.wait_for("window/showMessage");
    server.wait_for("textDocument/publishDiagnostics");
    let output = server.stop();
    assert!(
        output.contains("window/showMessage"),
        "the config error is shown"
    );
    assert!(output.contains("publishDiagnostics"));
    assert_clean(output.as_bytes(), &[&key], "the language server's messages");
}

// Item 3: a special file in the tree hung or killed the run.

#[test]
fn item3_special_files_never_hang_or_stop_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let key = new_key();
    write(root, "canary.py", &format!("KEY = \"{key}\"\n"));
    write(root, "web/app.ts", "import { x } from \"@/lib/x\";\nx();\n");
    write(
        root,
        "ext/tsconfig.json",
        "{\"extends\": \"./base.json\"}\n",
    );
    write(root, "ext/app.ts", "import { y } from \"@/lib/y\";\ny();\n");
    write(
        root,
        "zero/tsconfig.json",
        "{\"extends\": \"./zero.json\"}\n",
    );
    write(
        root,
        "zero/app.ts",
        "import { z } from \"@/lib/z\";\nz();\n",
    );
    write(
        root,
        "orlint.toml",
        "[lint]\nbaseline = \"baseline.json\"\n",
    );
    let fifos = [
        "web/tsconfig.json",
        "js/jsconfig.json",
        "ext/base.json",
        ".gitignore",
        "sub/.ignore",
        "baseline.json",
        "sub/lib.py",
    ];
    for fifo in fifos {
        let path = root.join(fifo);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(
            StdCommand::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap()
                .success()
        );
    }
    write(
        root,
        "js/app.js",
        "const { a } = require(\"lib/a\");\na();\n",
    );
    write(root, "sub/main.py", "from lib import x\nx()\n");
    let links = [
        ("zero/zero.json", "/dev/zero"),
        ("deep/.gitignore", "/dev/zero"),
        ("deep/tsconfig.json", "/dev/urandom"),
    ];
    for (link, target) in links {
        let path = root.join(link);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, &path).unwrap();
    }
    write(root, "deep/app.ts", "import { w } from \"@/w\";\nw();\n");
    // The configured baseline is a FIFO: an error naming it, at once.
    let output = orlint()
        .current_dir(root)
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("baseline.json: not a regular file"),
        "{stderr}"
    );
    // A baseline that cannot be read hides nothing.
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("canary.py:1:"),
        "findings are still reported"
    );
    // Without it, the run completes, reports the canary, and names each special file once.
    fs::remove_file(root.join("orlint.toml")).unwrap();
    for as_user in [false, true] {
        let output = as_unprivileged_user(root, &["check", "--format", "concise"], as_user);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("canary.py:1:"), "{stdout}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for special in [
            "web/tsconfig.json",
            "js/jsconfig.json",
            "ext/base.json",
            ".gitignore",
            "sub/.ignore",
            "baseline.json",
            "sub/lib.py",
            "zero/zero.json",
            "deep/.gitignore",
            "deep/tsconfig.json",
        ] {
            let lines = stderr
                .lines()
                .filter(|l| l.starts_with(&format!("warning: {special}:")))
                .count();
            assert_eq!(lines, 1, "{special} (unprivileged: {as_user}):\n{stderr}");
        }
        assert_clean(&output.stdout, &[&key], "stdout");
    }
}

#[test]
fn item3_stdin_is_bounded_like_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let zero = fs::File::open("/dev/zero").unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("orlint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--stdin-filename",
            "app.py",
            "--max-file-size",
            "1MiB",
        ])
        .stdin(zero)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("reading /dev/zero from stdin did not stop");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        stderr,
        "error: stdin: over the 1048576 byte limit (--max-file-size)\n"
    );
}

/// Runs orlint in `dir`, as `nobody` when asked (see `common::as_unprivileged_user`), with
/// the test timeout and a home directory of its own.
fn as_unprivileged_user(dir: &Path, args: &[&str], unprivileged: bool) -> std::process::Output {
    let mut cmd = if unprivileged {
        // The temporary directories must be enterable by `nobody`.
        use std::os::unix::fs::PermissionsExt;
        for d in dir.ancestors().take_while(|d| *d != std::env::temp_dir()) {
            let _ = fs::set_permissions(d, fs::Permissions::from_mode(0o755));
        }
        common::as_unprivileged_user(dir)
    } else {
        let mut cmd = orlint();
        cmd.current_dir(dir);
        cmd
    };
    cmd.args(args)
        .env("HOME", dir)
        .timeout(TIMEOUT)
        .output()
        .unwrap()
}

// Item 4: one malformed message killed the language server.

#[test]
fn item4_the_language_server_answers_after_any_malformed_frame() {
    let dir = tempfile::tempdir().unwrap();
    let framed = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let bad_frames: Vec<(&str, String)> = vec![
        ("invalid JSON", framed("{\"jsonrpc\": \"2.0\", \"id\": 1,")),
        ("an empty batch", framed("[]")),
        (
            "a method that is a number",
            framed("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":123}"),
        ),
        (
            "a non-numeric length",
            "Content-Length: abc\r\n\r\n{}".into(),
        ),
        (
            "no length",
            "Content-Type: application/json\r\n\r\n{}".into(),
        ),
        (
            "a length too short",
            format!(
                "Content-Length: 10\r\n\r\n{}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"
            ),
        ),
        (
            "a length too long",
            format!(
                "Content-Length: 900\r\n\r\n{}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"
            ),
        ),
        ("garbage between frames", "hello there\r\n".into()),
        (
            "a length a few bytes too long",
            format!(
                "Content-Length: 36\r\n\r\n{}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"
            ),
        ),
        (
            "a length too long for a body that is not JSON",
            "Content-Length: 900\r\n\r\nnot json".into(),
        ),
        (
            "a header block without a body",
            "Content-Length: 10\r\n\r\n".into(),
        ),
        (
            "a header without its blank line",
            "Content-Length: 10\r\n".into(),
        ),
        (
            "a header block ended by LF only",
            "Content-Length: 2\n\n{}".into(),
        ),
        (
            "a huge length",
            "Content-Length: 1000000000000\r\n\r\n".into(),
        ),
        (
            "a length over the message limit",
            format!("Content-Length: {}\r\n\r\n{{}}", 1u64 << 40),
        ),
        ("a string", framed("\"just a string\"")),
        (
            "an id that is an object",
            framed("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"shutdown\"}"),
        ),
    ];
    for (what, bad) in &bad_frames {
        let mut server = Server::start(dir.path());
        server.context = what.to_string();
        server.initialize(dir.path());
        server.send_raw(bad.as_bytes());
        // A request the server does not know is still answered, with an error.
        let answer = server.request("orlint/unknown", json!({}));
        assert_eq!(answer["error"]["code"], -32601, "{what}: {answer}");
        let answer = server.request("shutdown", Value::Null);
        assert!(answer.get("result").is_some(), "{what}: {answer}");
        server.notify("exit", Value::Null);
        let code = server.wait();
        assert_eq!(code, Some(0), "{what}: the server exits only on exit");
    }
    // A request before initialize, and an initialize with invalid parameters, are answered
    // with errors, and the server still initializes.
    let mut server = Server::start(dir.path());
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let invalid = server.request("initialize", json!({"processId": "not a number"}));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    server.initialize(dir.path());
    // A pull from a client that said it takes pushed diagnostics is still answered.
    let file = uri(&dir.path().join("a.py"));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file, "languageId": "python", "version": 1, "text": "x = 1\n"}}),
    );
    let pulled = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": file}}),
    );
    assert_eq!(pulled["result"]["kind"], "full", "{pulled}");
    // After shutdown, requests are refused but answered.
    server.request("shutdown", Value::Null);
    let late = server.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait(), Some(0));
}

/// `orlint server` spoken to with raw frames (the test must be able to send what no real
/// client library would).
struct Server {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    received: std::sync::mpsc::Receiver<Value>,
    /// Every frame received, as text.
    log: String,
    next_id: i64,
    /// What the test is doing, for failures.
    context: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("orlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (sender, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 8192];
            loop {
                // One frame at a time, from what has arrived.
                while let Some(end) = find(&buffer, b"\r\n\r\n") {
                    let headers = String::from_utf8_lossy(&buffer[..end]).to_string();
                    let length: usize = headers
                        .lines()
                        .find_map(|l| l.strip_prefix("Content-Length: "))
                        .and_then(|n| n.trim().parse().ok())
                        .expect("the server frames its messages");
                    if buffer.len() < end + 4 + length {
                        break;
                    }
                    let body = buffer[end + 4..end + 4 + length].to_vec();
                    buffer.drain(..end + 4 + length);
                    let value: Value =
                        serde_json::from_slice(&body).expect("the server writes JSON");
                    if sender.send(value).is_err() {
                        return;
                    }
                }
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
            }
        });
        Server {
            child,
            stdin,
            received,
            log: String::new(),
            next_id: 0,
            context: String::new(),
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the response to it, answering the server's own requests.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive(&format!("{method} was never answered"));
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            if message.get("method").is_some() && message.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send(reply);
            }
        }
    }

    /// Reads frames until one of `method` has arrived (or had already): what the server
    /// sends for a document is published as the document is linted, which may finish after
    /// a later request is answered.
    fn wait_for(&mut self, method: &str) {
        let needle = format!("\"method\":\"{method}\"");
        while !self.log.contains(&needle) {
            self.receive(&format!("no {method} arrived"));
        }
    }

    /// The next frame, logged; `missing` says what did not come when none does in time.
    fn receive(&mut self, missing: &str) -> Value {
        let message = self
            .received
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|_| panic!("{missing} ({})", self.context));
        self.log.push_str(&message.to_string());
        self.log.push('\n');
        message
    }

    fn initialize(&mut self, dir: &Path) {
        let root = uri(dir);
        let answer = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}, "workspaceFolders": [{"uri": root, "name": "w"}]}),
        );
        assert!(answer.get("result").is_some(), "{answer}");
        self.notify("initialized", json!({}));
    }

    /// Shuts the server down and returns everything it sent.
    fn stop(mut self) -> String {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait();
        while let Ok(message) = self.received.recv_timeout(Duration::from_millis(200)) {
            self.log.push_str(&message.to_string());
            self.log.push('\n');
        }
        self.log
    }

    fn wait(&mut self) -> Option<i32> {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(started.elapsed() < TIMEOUT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

// Item 5: `--fix` wrote broken or wrong code.

/// Fixes `name` (written as `text`) with `--fix --unsafe-fixes` under `config`; the file after.
fn fixed(config: &str, name: &str, text: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orlint.toml", config);
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let output = orlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", name])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("bug in orlint"), "{stderr}");
    fs::read(&path).unwrap()
}

#[test]
fn item5_a_fix_keeps_the_byte_order_mark_line_endings_and_final_newline() {
    let key = new_key();
    let config =
        "[lint]\nselect = [\"OR001\", \"OR003\"]\n[policy]\napproved-providers = [\"openai\"]\n";
    // A BOM: `import os` goes after it, not before.
    let text = format!("\u{feff}OPENROUTER_API_KEY = \"{key}\"\n");
    let after = fixed(config, "bom.py", text.as_bytes());
    assert_eq!(
        String::from_utf8(after).unwrap(),
        "\u{feff}import os\nOPENROUTER_API_KEY = os.environ[\"OPENROUTER_API_KEY\"]\n"
    );
    // Mixed line endings: each line keeps its own, the inserted ones take their neighbour's.
    let text = format!(
        "import os\r\nfrom openai import OpenAI\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\r\nclient.chat.completions.create(\r\n    model=\"openai/gpt-4o\",\r\n    messages=[],\r\n)\nKEY = \"{key}\""
    );
    let after = String::from_utf8(fixed(config, "mixed.py", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "import os\r\nfrom openai import OpenAI\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\r\nclient.chat.completions.create(\r\n    model=\"openai/gpt-4o\",\r\n    messages=[],\r\n    extra_body={\"provider\": {\"only\": [\"openai\"]}},\r\n)\nKEY = os.environ[\"OPENROUTER_API_KEY\"]",
        "line endings and the missing final newline are kept"
    );
    // `os` already bound on a line with another import, and a docstring first.
    let text = format!("\"\"\"Doc.\"\"\"\nimport sys; import os\nOPENROUTER_API_KEY = \"{key}\"\n");
    let after = String::from_utf8(fixed(config, "bound.py", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "\"\"\"Doc.\"\"\"\nimport sys; import os\nOPENROUTER_API_KEY = os.environ[\"OPENROUTER_API_KEY\"]\n"
    );
    let text = format!("\"\"\"Doc.\"\"\"\n\nOPENROUTER_API_KEY = \"{key}\"\n");
    let after = String::from_utf8(fixed(config, "doc.py", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "\"\"\"Doc.\"\"\"\nimport os\n\nOPENROUTER_API_KEY = os.environ[\"OPENROUTER_API_KEY\"]\n"
    );
}

#[test]
fn item5_import_os_goes_after_a_shebang_comments_and_the_docstring() {
    let key = new_key();
    let config = "[lint]\nselect = [\"OR001\"]\n";
    let text = format!(
        "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"Tool.\"\"\"\nOPENROUTER_API_KEY = \"{key}\"\n"
    );
    let after = String::from_utf8(fixed(config, "tool.py", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"Tool.\"\"\"\nimport os\nOPENROUTER_API_KEY = os.environ[\"OPENROUTER_API_KEY\"]\n"
    );
    let text = format!("# licence header\n\nOPENROUTER_API_KEY = \"{key}\"\n");
    let after = String::from_utf8(fixed(config, "lib.py", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "# licence header\nimport os\n\nOPENROUTER_API_KEY = os.environ[\"OPENROUTER_API_KEY\"]\n"
    );
}

#[test]
fn item5_removing_a_suppression_keeps_the_file_as_it_ends_and_parses() {
    let config = "[lint]\nselect = [\"OR100\", \"OR003\"]\n";
    // CRLF kept on the line the comment leaves.
    let after = fixed(
        config,
        "a.py",
        b"x = 1  # orlint: ignore[OR003]\r\ny = 2\r\n",
    );
    assert_eq!(after, b"x = 1\r\ny = 2\r\n");
    // The last line, without a final line break: the file still ends without one.
    let after = fixed(config, "b.py", b"x = 1\n# orlint: ignore[OR003]");
    assert_eq!(after, b"x = 1");
    // A lone CR ends lines too.
    let after = fixed(config, "c.py", b"x = 1\r# orlint: ignore[OR003]\ry = 2\r");
    assert_eq!(after, b"x = 1\ry = 2\r");
    // After a backslash continuation the line stays: removing it would leave a bare `\`.
    let text = b"x = \"a\" \\\n    # orlint: ignore[OR003]";
    assert_eq!(fixed(config, "d.py", text), text);
}

#[test]
fn item5_a_file_that_is_not_utf8_is_not_fixed_and_the_run_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "orlint.toml",
        "[lint]\nselect = [\"OR100\", \"OR003\"]\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "x = 1  # orlint: ignore[OR003]\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let path = dir.path().join("u16.py");
    fs::write(&path, &utf16).unwrap();
    let output = orlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the finding stays; no error");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "warning: u16.py: not fixed: the file is not UTF-8; fixes are written to UTF-8 files only\n"
    );
    assert_eq!(fs::read(&path).unwrap(), utf16);
}

#[test]
fn item5_fixes_are_offered_only_where_a_careful_engineer_would_write_them() {
    let key = new_key();
    let config = "[lint]\nselect = [\"OR001\", \"OR003\"]\n[policy]\napproved-providers = [\"anthropic\", \"openai\"]\n";
    // No `only` list that cannot serve the model; no edit of a constant other calls share.
    let text = format!(
        "{CLIENT}client.chat.completions.create(model=\"minimax/minimax-m2.5\", messages=[])\nclient.chat.completions.create(model=\"meta-llama/llama-3.3-70b-instruct:free\", messages=[])\nKW = {{\"model\": \"openai/gpt-4o\", \"messages\": []}}\nEB = {{\"transforms\": []}}\nclient.chat.completions.create(**KW)\nclient.chat.completions.create(model=\"openai/gpt-4o\", messages=[], extra_body=EB)\n"
    );
    let after = fixed(config, "app.py", text.as_bytes());
    assert_eq!(String::from_utf8(after).unwrap(), text, "nothing to fix");
    // TypeScript: the key's replacement stays a `string`, `as const` goes with the literal,
    // and openai-node gets `provider` where its types allow it.
    let text = format!(
        "import OpenAI from \"openai\";\nconst OPENROUTER_API_KEY = \"{key}\" as const;\nconst client = new OpenAI({{ baseURL: \"https://openrouter.ai/api/v1\", apiKey: OPENROUTER_API_KEY }});\nexport const r = client.chat.completions.create({{ model: \"openai/gpt-4o\", messages: [] }});\n"
    );
    let after = String::from_utf8(fixed(config, "app.ts", text.as_bytes())).unwrap();
    assert_eq!(
        after,
        "import OpenAI from \"openai\";\nconst OPENROUTER_API_KEY = process.env.OPENROUTER_API_KEY!;\nconst client = new OpenAI({ baseURL: \"https://openrouter.ai/api/v1\", apiKey: OPENROUTER_API_KEY });\nexport const r = client.chat.completions.create({ model: \"openai/gpt-4o\", messages: [], ...{ provider: { only: [\"openai\"] } } });\n"
    );
}

// Item 6: silently blind.

#[test]
fn item6_a_request_after_a_syntax_error_is_still_found_or_the_loss_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "conflict.ts",
        "import OpenAI from \"openai\";\n<<<<<<< HEAD\nconst a = 1;\n=======\nconst a = 2;\n>>>>>>> topic\nconst client = new OpenAI({ baseURL: \"https://openrouter.ai/api/v1\" });\nclient.chat.completions.create({ model: \"openai/gpt-4o\", messages: [] });\n",
    );
    let garbage = [
        "->",
        "** import",
        "is from",
        "from x",
        "1 +",
        "def (",
        "print(",
        "@@@",
        "x = = 1",
        "'''",
    ];
    for (i, line) in garbage.iter().enumerate() {
        write(
            root,
            &format!("garbage{i}.py"),
            &format!("{CLIENT}\n{line}\n{REQUEST}"),
        );
        write(
            root,
            &format!("garbage{i}.ts"),
            &format!(
                "import OpenAI from \"openai\";\nconst client = new OpenAI({{ baseURL: \"https://openrouter.ai/api/v1\" }});\n{line}\nclient.chat.completions.create({{ model: \"openai/gpt-4o\", messages: [] }});\n"
            ),
        );
    }
    // A chain of eight helpers, each returning the next one's result.
    write(root, "chain.py", &helper_chain(8));
    let output = orlint()
        .current_dir(root)
        .args(["check", "--select", "OR003", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut files = vec!["conflict.ts".to_string(), "chain.py".to_string()];
    for i in 0..garbage.len() {
        files.push(format!("garbage{i}.py"));
        files.push(format!("garbage{i}.ts"));
    }
    // Every request is found past the stray line; where the parser had to leave a line out,
    // the file says which.
    for file in &files {
        assert!(
            stdout.contains(&format!("{file}:")),
            "{file}: not found\n{stdout}\n{stderr}"
        );
    }
    assert!(stdout.contains("conflict.ts:8:"), "{stdout}");
    assert!(
        stderr.contains("warning: conflict.ts: not fully analysed: merge-conflict markers (lines 2, 4, 6) were left out of the analysis"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: garbage3.py: not fully analysed: a syntax error on line 4: that line was left out of the analysis"),
        "{stderr}"
    );
    // Past the limit, the loss is said.
    write(root, "long_chain.py", &helper_chain(14));
    let output = orlint()
        .current_dir(root)
        .args([
            "check",
            "--select",
            "OR003",
            "--format",
            "concise",
            "long_chain.py",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("warning: long_chain.py: not fully analysed: ")
            && stderr.contains("request helpers nested more than 10 deep"),
        "{stderr}"
    );
    // `--strict`: a file not fully analysed fails the run.
    orlint()
        .current_dir(root)
        .args(["check", "--select", "OR003", "--strict"])
        .assert()
        .code(2);
}

/// `helpers` functions, each returning the next one's result, the last making the request,
/// and a call of the first.
fn helper_chain(helpers: usize) -> String {
    let mut chain =
        format!("{CLIENT}def f0(body):\n    return client.chat.completions.create(**body)\n");
    for i in 1..helpers {
        chain.push_str(&format!("def f{i}(body):\n    return f{}(body)\n", i - 1));
    }
    chain.push_str(&format!(
        "f{}({{\"model\": \"openai/gpt-4o\", \"messages\": []}})\n",
        helpers - 1
    ));
    chain
}

// Item 7: files never looked at for keys.

#[test]
fn item7_every_text_file_is_scanned_for_keys() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key();
    let names = [
        ".envrc",
        "secrets.env",
        "prod.env",
        ".npmrc",
        "deploy.sh",
        "Makefile",
        "main.tf",
        "prod.tfvars",
        "settings.jsonc",
        "config.json5",
        "index.html",
        "App.vue",
        "App.svelte",
        "app.PY",
        "notes",
    ];
    for name in names {
        write(dir.path(), name, &format!("x\nOPENROUTER_API_KEY={key}\n"));
    }
    // Binary content is not text, whatever its name.
    fs::write(
        dir.path().join("blob.bin"),
        [b"\0\0\0".as_slice(), key.as_bytes()].concat(),
    )
    .unwrap();
    fs::write(
        dir.path().join("data.txt"),
        [b"\0\0\0".as_slice(), key.as_bytes()].concat(),
    )
    .unwrap();
    let found = concise(dir.path(), &[]);
    for name in names {
        assert!(
            found.contains(&format!("{name}:2:")),
            "{name} not scanned:\n{found}"
        );
    }
    assert!(
        !found.contains("blob.bin") && !found.contains("data.txt"),
        "{found}"
    );
    assert_all_clean(&every_output(dir.path(), &[]), &[&key]);
}

// Item 8: output that differs between runs, and lines counted wrong.

#[test]
fn item8_the_report_is_the_same_bytes_every_run_and_lone_cr_ends_a_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cr.py",
        &format!("{CLIENT}{REQUEST}").replace('\n', "\r"),
    );
    let run = || {
        orlint()
            .current_dir(dir.path())
            .args(["check", "--color", "never"])
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert_eq!(first, run());
    let text = String::from_utf8(first).unwrap();
    assert!(text.contains("[cr.py:3:1]"), "{text}");
    assert!(
        !text.contains(" ms."),
        "no timing in a report written to a pipe"
    );
}
