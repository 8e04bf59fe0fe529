//! The one diagnostic type every renderer works from.

use std::ops::Range;
use std::sync::Arc;

use crate::facts::{Location, RequestSite};
use crate::rules::{Rule, Severity};

/// A finding: which rule, where (a byte range in the file as stored on disk), and what to say.
/// Line and column are derived when rendering, in the unit each format needs.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// Path as shown to users: relative to the working directory where possible, `/`-separated.
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub message: String,
    /// Short text under the underlined snippet in the terminal.
    pub label: Option<String>,
    pub help: String,
    /// Set when an inline `orlint: ignore` comment covers this diagnostic.
    pub suppression: Option<Suppression>,
    /// Other places that explain the finding (the request a helper call makes).
    pub related: Vec<Related>,
    /// For a finding about a literal written in another file (a model id a request
    /// imports): where it is written. A run that reports the same rule there drops this
    /// finding, so one literal gives one finding.
    pub written_at: Option<Location>,
    /// The edit that removes the problem, when orlint knows it.
    pub fix: Option<Fix>,
}

/// Edits that remove a diagnostic's problem (ruff's model): applied by `check --fix`, shown
/// by `--diff`, offered as quick fixes by the language server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Imperative, for menus and help: "Set `allow_fallbacks` to false".
    pub title: String,
    /// Non-overlapping, sorted by position, in the coordinates of the diagnostic's range.
    pub edits: Vec<Edit>,
}

/// Whether a fix can change what the program does beyond removing the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Changes run-time behaviour (requests that used to fall back may now fail): applied
    /// only with `--unsafe-fixes`.
    Unsafe,
    /// Cannot change what the program does: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace `range` (bytes) with `content`; an empty range inserts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Edit {
        Edit::replace(at..at, content)
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

impl Fix {
    pub fn new(
        applicability: Applicability,
        title: impl Into<String>,
        mut edits: Vec<Edit>,
    ) -> Fix {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits.dedup();
        Fix {
            applicability,
            title: guard(title.into()),
            edits,
        }
    }
}

/// A place related to a diagnostic, with what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// How a diagnostic was suppressed, kept so suppressed findings can still be shown on request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub reason: Option<String>,
}

impl Diagnostic {
    /// Starts a diagnostic for `rule` (oxlint's builder style).
    pub fn new(
        rule: &'static Rule,
        path: &Arc<str>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            path: Arc::clone(path),
            range,
            message: guard(message.into()),
            label: None,
            help: String::new(),
            suppression: None,
            related: Vec::new(),
            written_at: None,
            fix: None,
        }
    }

    /// Attaches the fix for this finding (none when `fix` is none). A fix whose text would
    /// hold key material is dropped: every format shows the edits, and a masked edit applied
    /// would write the mask into the file.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.filter(|fix| {
            !fix.edits
                .iter()
                .any(|e| crate::redact::is_sensitive(&e.content))
        });
        self
    }

    /// Notes where a model id that a request uses from another file is written.
    pub fn with_model(mut self, model: &crate::facts::ModelRef) -> Self {
        if let Some(written) = &model.written_at {
            self.related.push(Related {
                location: written.clone(),
                message: "the model id is written here".to_string(),
            });
            self.written_at = Some(written.clone());
        }
        self
    }

    /// Adds the request a helper call makes, for findings anchored at a request site.
    pub fn with_site(mut self, site: &RequestSite) -> Self {
        if site.alternatives.is_some() {
            self.message.push_str(
                " (only in some of the alternatives the code allows: the client or URL is chosen at run time)",
            );
        }
        if let Some(request) = &site.request {
            let through = match site.via.as_slice() {
                [] => String::new(),
                [one] => format!(" by `{one}`"),
                [first, .., last] => format!(" by `{first}` (through `{last}`)"),
            };
            self.related.push(Related {
                location: request.clone(),
                message: guard(format!("the request is made here{through}")),
            });
        }
        self
    }

    /// Points at another place the finding involves.
    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: guard(message.into()),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = guard(help.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(guard(label.into()));
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    pub fn severity(&self) -> Severity {
        self.rule.severity
    }
}

/// Rules build messages from redacted values already; this guard makes sure no text a
/// diagnostic carries can ever hold a whole key, whatever a future rule formats into it.
fn guard(text: String) -> String {
    match crate::secrets::redact_keys_in(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(redacted) => redacted,
    }
}
