//! `orlint server` spoken to as an editor would: over stdio, with real protocol messages.
//! Every wait is for a message (with a timeout that fails the test), never a sleep.

mod common;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Message>,
    /// Every message the server sent, as JSON text (checked for keys at the end).
    seen: Vec<String>,
    /// Notifications read while waiting for something else.
    pending: Vec<Notification>,
    next_id: i32,
}

impl Client {
    /// Starts `orlint server` in `dir` and initializes it with `capabilities` (and `options`).
    fn start(dir: &Path, capabilities: Value, options: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_orlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            pending: Vec::new(),
            next_id: 0,
        };
        let root = uri(dir);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "project"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn receive(&mut self) -> Message {
        let message = self
            .messages
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time");
        self.seen
            .push(serde_json::to_string(&message_json(&message)).unwrap());
        message
    }

    /// Sends a request and returns its result, keeping notifications that arrive meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )));
        loop {
            match self.receive() {
                Message::Response(Response {
                    id: answered,
                    response_result,
                }) if answered == id => {
                    return response_result
                        .unwrap_or_else(|e| panic!("{method}: {} {}", e.code, e.message));
                }
                Message::Notification(n) => self.pending.push(n),
                // Requests from the server (capability registration): acknowledged.
                Message::Request(r) => self.send(Message::Response(Response::new_ok(r.id, ()))),
                Message::Response(_) => {}
            }
        }
    }

    /// The next notification `method` (for `uri`, when given).
    fn wait_for(&mut self, method: &str, uri: Option<&str>) -> Value {
        let matches =
            |n: &Notification| n.method == method && uri.is_none_or(|u| n.params["uri"] == u);
        if let Some(at) = self.pending.iter().position(matches) {
            return self.pending.remove(at).params;
        }
        loop {
            match self.receive() {
                Message::Notification(n) if matches(&n) => return n.params,
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => self.send(Message::Response(Response::new_ok(r.id, ()))),
                Message::Response(_) => {}
            }
        }
    }

    /// The diagnostics published for `uri` next.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", Some(uri));
        params["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Shuts down and exits; returns the exit code, having checked every message for keys.
    fn stop(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        for message in &self.seen {
            common::assert_no_key_material(message);
        }
        status.code().unwrap()
    }
}

fn message_json(message: &Message) -> Value {
    serde_json::to_value(message).unwrap()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Code and range (`line:character-line:character`) of each diagnostic.
/// The titles of a code action response.
fn titles(actions: &Value) -> Vec<&str> {
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

fn summary(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            format!(
                "{} {}:{}-{}:{}",
                d["code"].as_str().unwrap_or("-"),
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"]
            )
        })
        .collect()
}

/// A request without routing preferences (OR003), inside an audited function (no OR005),
/// after non-ASCII text on its line.
const UNPINNED: &str = "from openai import OpenAI\nclient = OpenAI(base_url='https://openrouter.ai/api/v1')\ndef audited(): note = 'é😀'; return client.chat.completions.create(model='openai/gpt-4o', messages=[])\n";

#[test]
fn diagnostics_follow_edits_in_the_negotiated_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.py");
    std::fs::write(&path, UNPINNED).unwrap();
    let file = uri(&path);
    let mut ranges = Vec::new();
    for (offered, expected) in [
        (json!(["utf-16"]), "utf-16"),
        (json!(["utf-8", "utf-16"]), "utf-8"),
    ] {
        let capabilities = json!({"general": {"positionEncodings": offered}});
        let (mut client, result) = Client::start(dir.path(), capabilities, Value::Null);
        assert_eq!(result["capabilities"]["positionEncoding"], expected);
        assert_eq!(
            result["capabilities"]["workspace"]["workspaceFolders"]["changeNotifications"],
            true
        );
        assert_eq!(result["serverInfo"]["name"], "orlint");
        client.open(&file, "python", UNPINNED);
        let diagnostics = client.diagnostics(&file);
        let first = &diagnostics[0];
        assert_eq!(first["source"], "orlint");
        assert_eq!(first["severity"], 2);
        assert!(
            first["codeDescription"]["href"]
                .as_str()
                .unwrap()
                .ends_with("/docs/rules/OR003.md")
        );
        ranges.push(summary(&diagnostics));

        // An incremental edit that pins the provider: the finding goes away.
        let end_of_call = UNPINNED.lines().nth(2).unwrap();
        let character = if expected == "utf-8" {
            end_of_call.len()
        } else {
            end_of_call.encode_utf16().count()
        } - 1;
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": file, "version": 2},
                "contentChanges": [{
                    "range": {"start": {"line": 2, "character": character}, "end": {"line": 2, "character": character}},
                    "text": ", extra_body={'provider': {'order': ['openai'], 'allow_fallbacks': False}}",
                }],
            }),
        );
        assert_eq!(client.diagnostics(&file), Vec::<Value>::new());
        assert_eq!(client.stop(), 0);
    }
    // `é😀` is 3 UTF-16 code units and 6 UTF-8 bytes; the callee is underlined.
    assert_eq!(ranges[0], ["OR003 2:36-2:66"]);
    assert_eq!(ranges[1], ["OR003 2:39-2:69"]);
}

#[test]
fn pull_diagnostics_code_actions_and_hover() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("orlint.toml"),
        "[lint]\nrequire-suppression-reason = true\n",
    )
    .unwrap();
    let path = dir.path().join("app.py");
    let file = uri(&path);
    let capabilities = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut client, result) = Client::start(dir.path(), capabilities, Value::Null);
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    client.open(&file, "python", UNPINNED);
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": file}}),
    );
    assert_eq!(pulled["kind"], "full");
    let items = pulled["items"].as_array().unwrap().clone();
    assert_eq!(summary(&items), ["OR003 2:36-2:66"]);

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file},
            "range": items[0]["range"],
            "context": {"diagnostics": items},
        }),
    );
    assert_eq!(
        titles(&actions),
        ["Suppress OR003 on this line", "Suppress OR003 in this file"]
    );
    let edit = &actions[0]["edit"]["changes"][&file][0];
    assert_eq!(edit["newText"], "  # orlint: ignore[OR003] -- ");
    let end_of_line = UNPINNED.lines().nth(2).unwrap().encode_utf16().count();
    assert_eq!(
        edit["range"]["start"],
        json!({"line": 2, "character": end_of_line})
    );

    // The user applies it and gives the reason: the finding is suppressed.
    let suppressed = UNPINNED.replace(
        "messages=[])\n",
        "messages=[])  # orlint: ignore[OR003] -- internal tool\n",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file, "version": 2}, "contentChanges": [{"text": suppressed}]}),
    );
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": file}}),
    );
    assert_eq!(pulled["items"], json!([]));
    assert_eq!(pulled["resultId"], "2");

    // Hover on the code in the comment: the rule's documentation.
    let line = suppressed.lines().nth(2).unwrap();
    let at = line.find("OR003").unwrap() + 2;
    let character = line[..at].encode_utf16().count();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file}, "position": {"line": 2, "character": character}}),
    );
    let docs = hover["contents"]["value"].as_str().unwrap();
    assert!(docs.starts_with("# OR003 "), "{docs}");
    assert!(docs.contains("## What it does"), "{docs}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn config_changes_relint_and_a_broken_config_keeps_the_server_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.py");
    let file = uri(&path);
    let config = dir.path().join("orlint.toml");
    let config_uri = uri(&config);
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::start(dir.path(), capabilities, Value::Null);
    client.open(&file, "python", UNPINNED);
    assert_eq!(summary(&client.diagnostics(&file)), ["OR003 2:36-2:66"]);

    let changed = |client: &mut Client| {
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        );
    };
    std::fs::write(&config, "[lint]\nignore = [\"OR003\"]\n").unwrap();
    changed(&mut client);
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());

    std::fs::write(&config, "[lint]\nignore = [\"OR003\"\n").unwrap();
    changed(&mut client);
    let message = client.wait_for("window/showMessage", None);
    assert_eq!(message["type"], 1);
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("orlint.toml:2:"),
        "{message}"
    );
    let on_config = client.diagnostics(&config_uri);
    assert_eq!(on_config.len(), 1);
    assert_eq!(on_config[0]["range"]["start"]["line"], 1);
    // The documents under it are not linted meanwhile.
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());

    // Still serving: a request is answered, and fixing the config brings the findings back
    // and clears the config's diagnostic.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    std::fs::write(&config, "[lint]\n").unwrap();
    changed(&mut client);
    assert_eq!(client.diagnostics(&config_uri), Vec::<Value>::new());
    assert_eq!(summary(&client.diagnostics(&file)), ["OR003 2:36-2:66"]);
    assert_eq!(client.stop(), 0);
}

#[test]
fn keys_never_reach_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.py");
    let file = uri(&path);
    let text = format!("OPENROUTER_API_KEY = \"{}\"\n", common::key(7));
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.open(&file, "python", &text);
    let diagnostics = client.diagnostics(&file);
    assert_eq!(summary(&diagnostics)[0].split(' ').next(), Some("OR001"));
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file},
            "range": diagnostics[0]["range"],
            "context": {"diagnostics": diagnostics},
        }),
    );
    assert_eq!(
        titles(&actions),
        [
            "Read the key from the `OPENROUTER_API_KEY` environment variable (unsafe: changes behaviour)",
            "Suppress OR001 on this line",
            "Suppress OR001 in this file"
        ]
    );
    // `stop` checks every message the server sent.
    assert_eq!(client.stop(), 0);
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

/// A request made in a helper of another file: the diagnostic at the call points there too;
/// initialization options narrow the rules as `--select` does.
#[test]
fn related_locations_lead_into_the_project_and_options_mirror_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_expanded(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/py_helpers"),
        dir.path(),
    );
    let main = dir.path().join("app/main.py");
    let file = uri(&main);
    let text = std::fs::read_to_string(&main).unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}), json!({"select": ["OR003"]}));
    client.open(&file, "python", &text);
    let diagnostics = client.diagnostics(&file);
    assert_eq!(
        summary(&diagnostics)
            .iter()
            .map(|s| s.split(' ').next().unwrap())
            .collect::<Vec<_>>(),
        ["OR003", "OR003"],
        "only the selected rule: {diagnostics:?}"
    );
    let related = &diagnostics[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], uri(&dir.path().join("app/llm.py")));
    assert_eq!(related["range"]["start"]["line"], 9);
    assert_eq!(client.stop(), 0);

    // Options the server does not know: said once, and the defaults are used.
    let (mut client, _) = Client::start(dir.path(), json!({}), json!({"selectt": ["OR003"]}));
    let message = client.wait_for("window/showMessage", None);
    assert!(
        message["message"].as_str().unwrap().contains("selectt"),
        "{message}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn fixes_are_quick_fixes_and_source_fix_all_applies_the_safe_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.py");
    let file = uri(&path);
    let text = "from openai import OpenAI\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\")\nclient.chat.completions.create(model=\"m\", messages=[], extra_body={\"provider\": {\"order\": [\"a\"]}})\nX = 1  # orlint: ignore[OR001]\n";
    let (mut client, result) = Client::start(dir.path(), json!({}), Value::Null);
    assert_eq!(
        result["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.orlint"])
    );
    client.open(&file, "python", text);
    let diagnostics = client.diagnostics(&file);
    assert_eq!(
        summary(&diagnostics),
        ["OR005 2:0-2:30", "OR002 2:80-2:87", "OR100 3:7-3:30"]
    );

    // Each fix is a quick fix of its own diagnostic: the unsafe one says so, the safe one is
    // preferred.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file},
            "range": diagnostics[0]["range"],
            "context": {"diagnostics": diagnostics, "only": ["quickfix"]},
        }),
    );
    let fixes: Vec<(&str, bool)> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["title"].as_str().unwrap().starts_with("Suppress"))
        .map(|a| {
            (
                a["title"].as_str().unwrap(),
                a["isPreferred"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        fixes,
        [
            (
                "Set `allow_fallbacks` to false (unsafe: changes behaviour)",
                false
            ),
            ("Remove the unused suppression comment", true),
        ]
    );
    let edit = &actions[0]["edit"]["changes"][&file][0];
    assert_eq!(edit["newText"], ", \"allow_fallbacks\": False");

    // `source.fixAll.orlint` applies the safe fixes only.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.orlint");
    let edits = actions[0]["edit"]["changes"][&file].as_array().unwrap();
    // Only the characters that change: the comment after `X = 1` is deleted.
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "");
    assert_eq!(
        edits[0]["range"],
        json!({"start": {"line": 3, "character": 5}, "end": {"line": 3, "character": 30}})
    );
    assert_eq!(client.stop(), 0);
}
