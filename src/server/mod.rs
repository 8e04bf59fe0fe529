//! `orlint server`: a language server over stdio, on `lsp-server` and `lsp-types` (the
//! synchronous design of rust-analyzer and `ruff server`).
//!
//! The main loop owns the open documents and answers the client; linting runs on a worker
//! thread ([`worker`]) with the same pipeline and config discovery as `orlint check
//! --stdin-filename`, so the editor shows what the CLI would report. Diagnostics are pushed
//! (`publishDiagnostics`), or served on request (`textDocument/diagnostic`) to clients that
//! pull them.

mod actions;
mod configs;
mod convert;
mod transport;
mod worker;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notifications, Notification as _};
use lsp_types::request::{self as requests, Request as _};
use lsp_types::{
    CodeActionProviderCapability, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeWatchedFilesRegistrationOptions, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, FileSystemWatcher, FullDocumentDiagnosticReport, GlobPattern,
    HoverProviderCapability, InitializeParams, MessageType, OneOf, PublishDiagnosticsParams,
    Registration, RegistrationParams, RelatedFullDocumentDiagnosticReport, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use crate::line_index::LineIndex;
use configs::{CannotLint, Configs, InitOptions};
use convert::{Encoding, Text};
use worker::{Job, Linted, ToWorker};

/// Runs the server on stdin/stdout until the client says `exit`. Returns the process exit
/// code: 0 after `shutdown`, 1 otherwise (as the protocol asks).
pub fn run(max_file_size: u64) -> u8 {
    // The transport redacts every frame it writes.
    #[allow(clippy::disallowed_methods)]
    let output = std::io::stdout();
    // A document's text, JSON-escaped, with room for the rest of the message.
    let max_message = usize::try_from(max_file_size)
        .unwrap_or(usize::MAX)
        .saturating_mul(6)
        .saturating_add(1 << 20);
    let (connection, io_threads) = transport::connect(std::io::stdin(), output, max_message);
    let code = match serve(&connection, max_file_size) {
        Ok(code) => code,
        Err(e) => {
            crate::redact::eprint_line(&format!("error: orlint server: {e}"));
            1
        }
    };
    drop(connection);
    io_threads.join();
    code
}

/// Waits for a valid `initialize` request, answering every other request with an error in
/// the meantime. `None` when the client goes away (or says `exit`) first.
fn initialize(connection: &Connection) -> Option<(RequestId, InitializeParams)> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == requests::Initialize::METHOD => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => return Some((request.id, params)),
                    Err(e) => {
                        let message = format!("invalid initialize parameters: {e}");
                        let error =
                            Response::new_err(request.id, ErrorCode::InvalidParams as i32, message);
                        let _ = connection.sender.send(error.into());
                    }
                }
            }
            Message::Request(request) => {
                let error = Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                );
                let _ = connection.sender.send(error.into());
            }
            Message::Notification(n) if n.method == notifications::Exit::METHOD => return None,
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    None
}

fn serve(connection: &Connection, max_file_size: u64) -> Result<u8, String> {
    let Some((id, params)) = initialize(connection) else {
        return Ok(1);
    };
    let capabilities = &params.capabilities;
    let encoding = Encoding::negotiate(
        capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let pulls = capabilities
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let refreshes = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    let watches = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let (options, options_problem) = match params.initialization_options.clone() {
        None | Some(serde_json::Value::Null) => (InitOptions::default(), None),
        Some(value) => match serde_json::from_value::<InitOptions>(value) {
            Ok(options) => (options, None),
            Err(e) => (
                InitOptions::default(),
                Some(format!("orlint: initializationOptions ignored: {e}")),
            ),
        },
    };
    let folders = workspace_folders(&params);

    let server_capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: pulls.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("orlint".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp_types::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                ..lsp_types::CodeActionOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": server_capabilities,
        "serverInfo": ServerInfo {
            name: "orlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    // The `initialized` notification that follows needs no answer; the main loop ignores it.
    let _ = connection.sender.send(Response::new_ok(id, result).into());

    let configs = Arc::new(Mutex::new(Configs::new(options, folders)));
    let (jobs, results) = worker::spawn(Arc::clone(&configs), encoding, max_file_size);
    let mut server = Server {
        connection,
        configs,
        jobs,
        encoding,
        pulls,
        refreshes,
        documents: HashMap::new(),
        config_diagnostics: HashSet::new(),
        shown_problems: HashSet::new(),
        next_request: 0,
        max_file_size,
        shutting_down: false,
    };
    if let Some(message) = options_problem {
        server.show(MessageType::WARNING, message);
    }
    if watches {
        server.watch_config_files();
    }
    server.main_loop(&results)
}

fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| convert::path_of(&f.uri))
        .collect();
    #[allow(deprecated)] // `rootUri` is what clients without workspace folders send.
    if folders.is_empty() {
        folders.extend(params.root_uri.as_ref().and_then(convert::path_of));
    }
    folders
}

/// An open document.
struct Document {
    path: PathBuf,
    version: i32,
    text: String,
    /// Set to cancel the lint of this version when a newer one arrives.
    cancel: Arc<AtomicBool>,
    /// The diagnostics of `version`, once linted (kept for clients that pull them).
    diagnostics: Option<Vec<lsp_types::Diagnostic>>,
    /// Pull requests waiting for this version's diagnostics.
    waiting: Vec<RequestId>,
}

struct Server<'a> {
    connection: &'a Connection,
    configs: Arc<Mutex<Configs>>,
    jobs: Sender<ToWorker>,
    encoding: Encoding,
    /// The client pulls diagnostics (LSP 3.17): they are not pushed.
    pulls: bool,
    refreshes: bool,
    documents: HashMap<Uri, Document>,
    /// Config files that have a diagnostic published (cleared once they are fixed).
    config_diagnostics: HashSet<Uri>,
    /// Config problems already shown in a message (each is shown once).
    shown_problems: HashSet<String>,
    next_request: i32,
    max_file_size: u64,
    /// `shutdown` was answered: requests are refused until `exit`.
    shutting_down: bool,
}

impl Server<'_> {
    fn main_loop(&mut self, results: &Receiver<Linted>) -> Result<u8, String> {
        loop {
            select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else {
                        // The client went away without `exit`.
                        return Ok(1);
                    };
                    match message {
                        Message::Request(request) if self.shutting_down => {
                            self.send(Response::new_err(
                                request.id,
                                ErrorCode::InvalidRequest as i32,
                                "the server is shutting down".into(),
                            ));
                        }
                        Message::Request(request)
                            if request.method == requests::Shutdown::METHOD =>
                        {
                            self.shutting_down = true;
                            self.send(Response::new_ok(request.id, ()));
                        }
                        Message::Request(request) => self.on_request(request),
                        Message::Notification(notification) => {
                            if notification.method == notifications::Exit::METHOD {
                                // 0 after `shutdown`, 1 without it, as the protocol asks.
                                return Ok(if self.shutting_down { 0 } else { 1 });
                            }
                            if !self.shutting_down {
                                self.on_notification(notification);
                            }
                        }
                        // Answers to our own requests (registration, refresh): nothing to do.
                        Message::Response(_) => {}
                    }
                }
                recv(results) -> linted => {
                    let Ok(linted) = linted else {
                        return Err("the lint thread stopped".into());
                    };
                    self.on_linted(linted);
                }
            }
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // The only failure is a closed connection, which ends the main loop anyway.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: notifications::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn request<R: requests::Request>(&mut self, params: R::Params) {
        self.next_request += 1;
        let id = RequestId::from(format!("orlint-{}", self.next_request));
        self.send(Request::new(id, R::METHOD.to_string(), params));
    }

    fn show(&self, kind: MessageType, message: String) {
        self.notify::<notifications::ShowMessage>(ShowMessageParams { typ: kind, message });
    }

    fn watch_config_files(&mut self) {
        let watchers = crate::config::CONFIG_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        self.request::<requests::RegisterCapability>(RegistrationParams {
            registrations: vec![Registration {
                id: "orlint-config-files".into(),
                method: notifications::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        });
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        let outcome = match request.method.as_str() {
            requests::DocumentDiagnosticRequest::METHOD => {
                match parse::<requests::DocumentDiagnosticRequest>(request) {
                    Ok(params) => {
                        self.pull(id, params.text_document.uri);
                        return;
                    }
                    Err(e) => Err(e),
                }
            }
            requests::CodeActionRequest::METHOD => parse::<requests::CodeActionRequest>(request)
                .map(|params| {
                    let actions = self.code_actions(&params);
                    serde_json::to_value(actions).unwrap_or_default()
                }),
            requests::HoverRequest::METHOD => {
                parse::<requests::HoverRequest>(request).map(|params| {
                    let position = params.text_document_position_params;
                    let hover =
                        self.documents
                            .get(&position.text_document.uri)
                            .and_then(|document| {
                                let index = LineIndex::new(&document.text);
                                let text = Text {
                                    text: &document.text,
                                    index: &index,
                                };
                                actions::hover(&text, position.position, self.encoding)
                            });
                    serde_json::to_value(hover).unwrap_or_default()
                })
            }
            requests::Initialize::METHOD => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            method => Err((
                ErrorCode::MethodNotFound,
                format!("orlint does not handle {method}"),
            )),
        };
        let response = match outcome {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    fn on_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notifications::DidOpenTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidOpenTextDocumentParams>(
                    notifications::DidOpenTextDocument::METHOD,
                ) else {
                    return;
                };
                let document = params.text_document;
                let Some(path) = convert::path_of(&document.uri) else {
                    return;
                };
                self.documents.insert(
                    document.uri.clone(),
                    Document {
                        path,
                        version: document.version,
                        text: document.text,
                        cancel: Arc::new(AtomicBool::new(false)),
                        diagnostics: None,
                        waiting: Vec::new(),
                    },
                );
                self.schedule(&document.uri);
            }
            notifications::DidChangeTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    notifications::DidChangeTextDocument::METHOD,
                ) else {
                    return;
                };
                let uri = params.text_document.uri;
                let encoding = self.encoding;
                let Some(document) = self.documents.get_mut(&uri) else {
                    return;
                };
                for change in params.content_changes {
                    apply_change(&mut document.text, change, encoding);
                }
                document.version = params.text_document.version;
                self.schedule(&uri);
            }
            notifications::DidSaveTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidSaveTextDocumentParams>(
                    notifications::DidSaveTextDocument::METHOD,
                ) else {
                    return;
                };
                // A config file saved in the editor: the same as a watched change.
                if convert::path_of(&params.text_document.uri)
                    .is_some_and(|p| configs::is_config_file(&p))
                {
                    self.config_changed();
                }
            }
            notifications::DidCloseTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidCloseTextDocumentParams>(
                    notifications::DidCloseTextDocument::METHOD,
                ) else {
                    return;
                };
                if let Some(document) = self.documents.remove(&params.text_document.uri) {
                    document.cancel.store(true, Ordering::Relaxed);
                    for id in document.waiting {
                        self.send(Response::new_ok(id, full_report(None, Vec::new())));
                    }
                    let _ = self
                        .jobs
                        .send(ToWorker::Closed(params.text_document.uri.clone()));
                    if !self.pulls {
                        self.publish(params.text_document.uri, None, Vec::new());
                    }
                }
            }
            notifications::DidChangeWatchedFiles::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    notifications::DidChangeWatchedFiles::METHOD,
                ) else {
                    return;
                };
                if params.changes.iter().any(|change| {
                    convert::path_of(&change.uri).is_some_and(|p| configs::is_config_file(&p))
                }) {
                    self.config_changed();
                }
            }
            notifications::DidChangeWorkspaceFolders::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidChangeWorkspaceFoldersParams>(
                        notifications::DidChangeWorkspaceFolders::METHOD,
                    )
                else {
                    return;
                };
                {
                    let mut configs = worker::lock(&self.configs);
                    let removed: HashSet<PathBuf> = params
                        .event
                        .removed
                        .iter()
                        .filter_map(|f| convert::path_of(&f.uri))
                        .collect();
                    let mut folders: Vec<PathBuf> = configs
                        .folders()
                        .iter()
                        .filter(|f| !removed.contains(*f))
                        .cloned()
                        .collect();
                    folders.extend(
                        params
                            .event
                            .added
                            .iter()
                            .filter_map(|f| convert::path_of(&f.uri)),
                    );
                    configs.set_folders(folders);
                }
                self.config_changed();
            }
            _ => {}
        }
    }

    /// Cancels the lint of the document's previous version and queues this one.
    fn schedule(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        document.cancel.store(true, Ordering::Relaxed);
        document.cancel = Arc::new(AtomicBool::new(false));
        document.diagnostics = None;
        let job = Job {
            uri: uri.clone(),
            version: document.version,
            path: document.path.clone(),
            text: Arc::from(document.text.as_str()),
            cancelled: Arc::clone(&document.cancel),
        };
        let _ = self.jobs.send(ToWorker::Lint(job));
    }

    /// Re-lints every open document with the settings resolved afresh. Config diagnostics are
    /// cleared: a config still broken gets its diagnostic again from the re-lint.
    fn config_changed(&mut self) {
        let _ = self.jobs.send(ToWorker::ConfigChanged);
        self.shown_problems.clear();
        for uri in std::mem::take(&mut self.config_diagnostics) {
            self.publish(uri, None, Vec::new());
        }
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &uris {
            self.schedule(uri);
        }
        if self.pulls && self.refreshes {
            self.request::<requests::WorkspaceDiagnosticRefresh>(());
        }
    }

    fn on_linted(&mut self, linted: Linted) {
        let Some(document) = self.documents.get_mut(&linted.uri) else {
            return;
        };
        if document.version != linted.version {
            return;
        }
        let (diagnostics, problem) = match linted.outcome {
            Ok(diagnostics) => (diagnostics, None),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        let version = document.version;
        // Pulls waiting for this version are answered now, whatever the client said it does.
        let waiting = std::mem::take(&mut document.waiting);
        for id in waiting {
            self.answer_pull(id, version, diagnostics.clone());
        }
        if self.pulls {
            // Kept for the pulls to come.
            if let Some(document) = self.documents.get_mut(&linted.uri) {
                document.diagnostics = Some(diagnostics);
            }
        } else {
            self.publish(linted.uri, Some(version), diagnostics);
        }
        self.report_config_problem(problem);
    }

    /// A broken config: one message, and a diagnostic on the config file; the server keeps
    /// serving (documents under it have no findings until it is fixed).
    fn report_config_problem(&mut self, problem: Option<CannotLint>) {
        let Some(problem) = problem else {
            return;
        };
        let text = format!("orlint: {problem}");
        if self.shown_problems.insert(text.clone()) {
            self.show(MessageType::ERROR, text);
        }
        let Some(path) = &problem.path else {
            return;
        };
        let Some(uri) = convert::uri_of(path) else {
            return;
        };
        let (line, column) = problem.position.unwrap_or((1, 1));
        let position = lsp_types::Position::new(
            line.saturating_sub(1) as u32,
            column.saturating_sub(1) as u32,
        );
        let diagnostic = lsp_types::Diagnostic {
            range: lsp_types::Range::new(position, position),
            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
            source: Some("orlint".into()),
            message: problem.message.clone(),
            ..lsp_types::Diagnostic::default()
        };
        self.config_diagnostics.insert(uri.clone());
        self.publish(uri, None, vec![diagnostic]);
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        self.notify::<notifications::PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    /// `textDocument/diagnostic`: answered now if the current version is linted, else when
    /// it is.
    fn pull(&mut self, id: RequestId, uri: Uri) {
        let Some(document) = self.documents.get_mut(&uri) else {
            let report = full_report(None, Vec::new());
            self.send(Response::new_ok(id, report));
            return;
        };
        match &document.diagnostics {
            Some(diagnostics) => {
                let (version, diagnostics) = (document.version, diagnostics.clone());
                self.answer_pull(id, version, diagnostics);
            }
            // A client that said it takes pushed diagnostics keeps none here: lint again.
            None if !self.pulls && document.waiting.is_empty() => {
                document.waiting.push(id);
                self.schedule(&uri);
            }
            None => document.waiting.push(id),
        }
    }

    fn answer_pull(&self, id: RequestId, version: i32, diagnostics: Vec<lsp_types::Diagnostic>) {
        let report = full_report(Some(version.to_string()), diagnostics);
        self.send(Response::new_ok(id, report));
    }

    fn code_actions(
        &self,
        params: &lsp_types::CodeActionParams,
    ) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(document) = self.documents.get(uri) else {
            return Vec::new();
        };
        let require_reason = worker::lock(&self.configs)
            .for_path(&document.path)
            .is_ok_and(|resolved| resolved.settings.require_suppression_reason);
        let index = LineIndex::new(&document.text);
        let text = Text {
            text: &document.text,
            index: &index,
        };
        let only = params.context.only.as_deref();
        let mut out = Vec::new();
        if actions::wanted(only, &lsp_types::CodeActionKind::QUICKFIX) {
            out.extend(actions::fix_actions(uri, &params.context.diagnostics));
            out.extend(actions::code_actions(
                uri,
                &document.path,
                &text,
                &params.context.diagnostics,
                require_reason,
                self.encoding,
            ));
        }
        // Asked for explicitly (on save, or from a menu): linting again here, with the
        // document's own config, is what `--fix` would do.
        if only.is_some() && actions::wanted(only, &actions::fix_all_kind()) {
            let fixed = worker::fix_all(
                &document.path,
                &document.text,
                &self.configs,
                self.max_file_size,
            );
            out.extend(fixed.map(|fixed| actions::fix_all(uri, &text, &fixed, self.encoding)));
        }
        out
    }
}

fn full_report(
    result_id: Option<String>,
    items: Vec<lsp_types::Diagnostic>,
) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}

/// A request's parameters, or the error to answer it with.
fn parse<R: requests::Request>(request: Request) -> Result<R::Params, (ErrorCode, String)> {
    request
        .extract::<R::Params>(R::METHOD)
        .map(|(_, params)| params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("{e:?}")))
}

/// Applies one `didChange` event: a range replaced, or (no range) the whole text.
fn apply_change(
    text: &mut String,
    change: lsp_types::TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let index = LineIndex::new(text);
    let view = Text {
        text,
        index: &index,
    };
    let start = view.offset(range.start, encoding);
    let end = view.offset(range.end, encoding).max(start);
    text.replace_range(start..end, &change.text);
}
