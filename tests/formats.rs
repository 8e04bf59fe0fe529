//! Every output format: snapshots of the demo project, SARIF validity, determinism, and the
//! guarantee that no format ever shows a whole key.

mod common;

use std::path::Path;

use assert_cmd::Command;

const FORMATS: [&str; 5] = ["pretty", "concise", "json", "sarif", "github"];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let output = Command::cargo_bin("orlint")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn demo(format: &str) -> String {
    let (stdout, stderr) = run(
        manifest_dir(),
        &[
            "check",
            "testdata/demo",
            "--format",
            format,
            "--color",
            "never",
        ],
    );
    assert_eq!(stderr, "", "the demo project runs without warnings");
    stdout
}

/// Written to a pipe, the report is the same bytes every run (no timing: see
/// `output_is_deterministic`).
#[test]
fn demo_pretty() {
    insta::assert_snapshot!("demo_pretty", demo("pretty"));
}

#[test]
fn demo_concise() {
    insta::assert_snapshot!("demo_concise", demo("concise"));
}

#[test]
fn demo_json() {
    insta::assert_snapshot!("demo_json", demo("json"));
}

#[test]
fn demo_sarif() {
    // The version changes with every release; the rest of the document must not.
    let sarif = demo("sarif").replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    );
    insta::assert_snapshot!("demo_sarif", sarif);
}

#[test]
fn demo_github() {
    insta::assert_snapshot!("demo_github", demo("github"));
}

#[test]
fn output_is_deterministic() {
    for format in FORMATS {
        let first = demo(format);
        for _ in 0..3 {
            assert_eq!(first, demo(format), "{format}");
        }
    }
}

/// A tree of 2,000 files: the demo's files and the project fixtures copied over and over, in
/// nested directories, with cross-file imports, keys and findings in many of them.
fn generated_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<std::path::PathBuf> = ["testdata/demo", "testdata/projects"]
        .iter()
        .flat_map(|d| common::files_under(&manifest_dir().join(d)))
        .filter(|p| !p.ends_with("orlint.toml"))
        .collect();
    let mut written = 0;
    'fill: for copy in 0.. {
        for source in &sources {
            let relative = source.strip_prefix(manifest_dir()).unwrap();
            let target = dir.path().join(format!("copy{:03}", copy)).join(relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            let text = std::fs::read_to_string(source).unwrap_or_default();
            std::fs::write(&target, common::expand(&text)).unwrap();
            written += 1;
            if written == 2_000 {
                break 'fill;
            }
        }
    }
    dir
}

/// The same bytes whatever the thread count (walking and linting are parallel; the report is
/// sorted), on the demo and on a generated 2,000-file tree.
#[test]
fn output_is_identical_across_thread_counts() {
    let tree = generated_tree();
    for (dir, path) in [(manifest_dir(), "testdata/demo"), (tree.path(), ".")] {
        for format in FORMATS {
            let outputs: Vec<(String, String)> = ["1", "8"]
                .iter()
                .map(|threads| {
                    let output = Command::cargo_bin("orlint")
                        .unwrap()
                        .current_dir(dir)
                        .env("RAYON_NUM_THREADS", threads)
                        .args(["check", path, "--format", format, "--color", "never"])
                        .output()
                        .unwrap();
                    (
                        String::from_utf8(output.stdout).unwrap(),
                        String::from_utf8(output.stderr).unwrap(),
                    )
                })
                .collect();
            assert!(!outputs[0].0.is_empty(), "{path} {format}: no output");
            assert_eq!(outputs[0], outputs[1], "{path} {format}");
        }
    }
}

fn sarif_schema() -> serde_json::Value {
    let text =
        std::fs::read_to_string(manifest_dir().join("testdata/schemas/sarif-schema-2.1.0.json"))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A project with keys in many places, written at test time.
fn leaky_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "app.py",
            "KEY = '{{KEY}}'\nSPLIT = ('sk-or-v1-'\n         '{{HEX}}')\nTWO = '{{KEY2}}' + '{{KEY}}'\n",
        ),
        (
            "web/client.ts",
            "const k = `{{KEY}}`; // and {{KEY2}}\nconst s = 'sk-or-v1-' + \"{{HEX1}}\" + '{{HEX2}}';\n",
        ),
        (".env", "OPENROUTER_API_KEY={{KEY}}\n"),
        ("docs/setup.md", "Use {{KEY2}} to start.\n"),
        ("emoji.py", "# 😀 tricky columns\nX = '😀😀 {{KEY}}'\n"),
        // Literal keys of another format given to OpenRouter clients: masked wherever they are
        // written, also in other rules' snippets of the same line.
        (
            "gateway.py",
            "from openai import OpenAI\nURL = 'https://openrouter.ai/api/v1'\nr = OpenAI(base_url=URL, api_key='{{LITKEY}}').chat.completions.create(model='openai/gpt-4o', messages=[])\nprint('{{LITKEY}}')\n",
        ),
        // A key kept in one module and given to the client in another: the module that writes
        // it masks it too, in the context lines around its own findings.
        (
            "settings.py",
            "import requests\nOPENROUTER_KEY = '{{LITKEY3}}'\nr = requests.post('https://openrouter.ai/api/v1/chat/completions', json={'model': 'openai/gpt-4o'})\n",
        ),
        (
            "client.py",
            "from openai import OpenAI\nfrom settings import OPENROUTER_KEY\nclient = OpenAI(base_url='https://openrouter.ai/api/v1', api_key=OPENROUTER_KEY)\n",
        ),
        (
            "web/provider.ts",
            "import { createOpenRouter } from '@openrouter/ai-sdk-provider';\nconst KEY = '{{LITKEY2}}'; console.log('key', process.env.OPENROUTER_API_KEY);\nexport const p = createOpenRouter({ apiKey: KEY });\n",
        ),
        (
            "nb.ipynb",
            "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"K = \\\"{{KEY}}\\\"\\n\"], \"outputs\": [{\"text\": [\"{{KEY2}}\"]}]}], \"metadata\": {}}\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, common::expand(text)).unwrap();
    }
    dir
}

#[test]
fn no_format_ever_shows_a_key() {
    let project = leaky_project();
    for format in FORMATS {
        let (stdout, stderr) = run(
            project.path(),
            &["check", "--format", format, "--color", "always"],
        );
        assert!(
            stdout.contains("sk-or-v1-"),
            "{format} shows the redacted form"
        );
        common::assert_no_key_material(&stdout);
        common::assert_no_key_material(&stderr);

        run(
            project.path(),
            &["check", "--format", format, "-o", "report.out"],
        );
        let written = std::fs::read_to_string(project.path().join("report.out")).unwrap();
        common::assert_no_key_material(&written);
    }
    // Disabled and suppressed findings still never show key material in other snippets.
    let (stdout, _) = run(
        project.path(),
        &["check", "--format", "pretty", "--ignore", "OR001"],
    );
    common::assert_no_key_material(&stdout);
}

#[test]
fn sarif_is_valid_and_meets_githubs_rules() {
    let project = leaky_project();
    let (stdout, _) = run(project.path(), &["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();

    let schema = sarif_schema();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
    // The validator does reject broken documents.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    broken["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    assert_eq!(validator.iter_errors(&broken).count(), 2);

    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run per tool and category");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        orlint::rules::ALL_RULES.len(),
        "every enabled rule is described"
    );
    let mut ids = std::collections::BTreeSet::new();
    for rule in rules {
        assert!(
            ids.insert(rule["id"].as_str().unwrap().to_string()),
            "duplicate rule id"
        );
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap();
            assert!(!text.is_empty());
            if field != "help" {
                assert!(text.chars().count() <= 1024, "{field} too long");
            }
        }
        assert!(!rule["help"]["markdown"].as_str().unwrap().is_empty());
        assert!(rule["properties"]["tags"].as_array().unwrap().len() <= 20);
        let score: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.1..=10.0).contains(&score));
        assert!(rule["properties"]["precision"].is_string());
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 8, "{}", results.len());
    let hash = regex::Regex::new(r"^[0-9a-f]+:\d+$").unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "relative uri: {uri}"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        let (start_line, start_col) = (
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
        );
        let (end_line, end_col) = (
            region["endLine"].as_u64().unwrap(),
            region["endColumn"].as_u64().unwrap(),
        );
        assert!(start_col >= 1 && end_col >= 1);
        assert!(end_line > start_line || end_col > start_col);
        let fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert!(hash.is_match(fingerprint), "{fingerprint}");
    }
    // Columns are UTF-16 code units: each 😀 counts twice.
    let emoji = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "emoji.py")
        .unwrap();
    let region = &emoji["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 11);
    assert_eq!(region["endColumn"], 84);
}

#[test]
fn json_columns_count_code_points() {
    let project = leaky_project();
    let (stdout, _) = run(project.path(), &["check", "--format", "json", "emoji.py"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json[0]["line"], 2);
    assert_eq!(json[0]["column"], 9);
    assert_eq!(json[0]["end_column"], 82);
}

#[test]
fn sarif_fingerprints_survive_edits_above_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.py");
    let body = common::expand("import os\n\n\ndef load():\n    return '{{KEY}}'\n");
    std::fs::write(&path, &body).unwrap();
    let location = |dir: &Path| {
        let (stdout, _) = run(dir, &["check", "--format", "sarif"]);
        let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        (
            result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap(),
            result["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    };
    let (line, hash) = location(dir.path());
    assert_eq!(line, 5);
    std::fs::write(
        &path,
        format!("\"\"\"Module docs.\"\"\"\nimport sys\n\n# a comment\n{body}"),
    )
    .unwrap();
    let (moved_line, moved_hash) = location(dir.path());
    assert_eq!(moved_line, 9, "the finding moved down four lines");
    assert_eq!(moved_hash, hash, "and kept its fingerprint");
}

#[test]
fn suppressed_findings_stay_out_of_sarif_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.py"),
        common::expand(
            "KEY = '{{KEY}}'  # orlint: ignore[OR001] -- revoked fixture key\nOTHER = '{{KEY2}}'\n",
        ),
    )
    .unwrap();
    let sarif = |args: &[&str]| -> serde_json::Value {
        let (stdout, _) = run(dir.path(), args);
        serde_json::from_str(&stdout).unwrap()
    };
    let plain = sarif(&["check", "--format", "sarif"]);
    let results = plain["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert!(results[0].get("suppressions").is_none());

    let shown = sarif(&["check", "--format", "sarif", "--show-suppressed"]);
    let results = shown["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        results[0]["suppressions"][0]["justification"],
        "revoked fixture key"
    );
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&shown));
    // Suppressed findings never change the exit code.
    let status = Command::cargo_bin("orlint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "sarif",
            "--show-suppressed",
            "--ignore",
            "OR001",
            "app.py",
        ])
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(0));
}

#[test]
fn sarif_keeps_the_most_severe_results_within_githubs_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 25,010 unused suppressions (OR100 warnings) in a file that sorts first...
    std::fs::write(
        dir.path().join("a_notes.txt"),
        "# orlint: ignore[OR001]\n".repeat(25_010),
    )
    .unwrap();
    // ...and five keys (OR001 errors) in one that sorts last.
    let keys: String = (0..5).map(|_| common::expand("k = {{KEY}}\n")).collect();
    std::fs::write(dir.path().join("z_keys.txt"), keys).unwrap();
    let (stdout, stderr) = run(dir.path(), &["check", "--format", "sarif"]);
    assert!(
        stderr.contains("25015 results exceed GitHub's limit of 25000 per SARIF run; keeping the 25000 most severe"),
        "{stderr}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(errors, 5, "every error survives the cut");
    assert!(!orlint::secrets::contains_key(&stdout));
}

/// What the rules say about the fixtures whose messages matter: OR004/OR007 model choices
/// (each id once, at the literal that chooses it) and OR005's place names.
#[test]
fn fixture_messages() {
    let mut out = String::new();
    for (path, config) in [
        (
            "testdata/rules/model-choices",
            "testdata/rules/model-choices/orlint.toml",
        ),
        (
            "testdata/rules/OR005/callbacks.ts",
            "testdata/rules/OR005/orlint.toml",
        ),
    ] {
        let (stdout, stderr) = run(
            manifest_dir(),
            &["check", path, "--config", config, "--format", "concise"],
        );
        assert_eq!(stderr, "", "{path} runs without warnings");
        out.push_str(&stdout);
    }
    insta::assert_snapshot!("fixture_messages", out);
}
