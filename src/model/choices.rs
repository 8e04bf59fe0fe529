//! Model ids the code chooses, outside request sites.
//!
//! A model id counts where it chooses a model: stored where the code keeps its model choice
//! (a variable, constant, attribute, class field, dict or object key, keyword argument,
//! parameter or environment variable whose name says so: `model`, `DEFAULT_MODEL`,
//! `summaryModelId`, `FALLBACK_MODELS`, …), as a list element or a comma-separated part of
//! such a value, or flowing there (through a variable, a `??`/`or` fallback, a random pick
//! from a list). It does not count in a comparison, an assertion, a collection whose name
//! says the model is excluded (`BLOCKED_MODELS`, `DENYLIST`), an argument of a function that
//! is not a request, or an object that is a response or a stored message rather than a
//! request (`model` next to `choices`, `usage`, `role` and `content`). Request sites read their
//! own models ([`super::sites`]).

use std::sync::Arc;

use super::eval::{Budget, Evaluator, Value};
use super::ir::{Arg, BinOp, Entry, Expr, TemplatePart};
use super::{Bound, Environment, Module, ParamTarget};
use crate::facts::ModelRef;
use crate::policy::looks_like_model_id;

/// The model ids `module` chooses outside its request sites, each once per place.
pub fn model_choices(module: &Arc<Module>, env: &dyn Environment) -> Vec<ModelRef> {
    let budget = Budget::default();
    let ev = Evaluator::new(module, env, &budget);
    let mut walk = Walk {
        ev: &ev,
        out: Vec::new(),
    };
    let program = &module.program;
    for (name, binding) in program.bindings.all() {
        let Bound::Value(expr) = &binding.bound else {
            continue;
        };
        let name = name.rsplit('.').next().unwrap_or(name);
        walk.stored(name, expr);
    }
    for (attr, expr) in program.bindings.all_members() {
        walk.stored(attr, expr);
    }
    for function in program.functions.values() {
        for param in &function.params {
            let Some(default) = &param.default else {
                continue;
            };
            match &param.target {
                ParamTarget::Name(name) => walk.stored(name, default),
                _ => walk.expr(default),
            }
            if let ParamTarget::Object(props) = &param.target {
                for (key, _, default) in props {
                    if let Some(default) = default {
                        walk.stored(key, default);
                    }
                }
            }
        }
        // `def free_models(): return [...]`: what a model-named function returns is offered
        // as a choice, as a model-named constant is.
        let offers_models = function
            .name
            .as_deref()
            .is_some_and(|n| names_a_model(n) && !names_an_exclusion(n));
        for returned in &function.returns {
            if offers_models {
                walk.choose(returned);
            }
            walk.expr(returned);
        }
    }
    for candidate in &program.candidates {
        walk.call(&candidate.call);
    }
    let mut out = walk.out;
    out.sort_by(|a, b| (a.span.start, &a.id).cmp(&(b.span.start, &b.id)));
    out.dedup_by(|a, b| a.span == b.span && a.id == b.id);
    out
}

/// Keys that make a mapping a record of a catalogue (`{"id": "…", "name": "…"}`) rather than
/// a table of choices.
pub const RECORD_KEYS: [&str; 3] = ["id", "slug", "canonical_slug"];

/// Whether a name says it holds a model choice: a word `model` or `models` in it, in any
/// spelling (`model`, `DEFAULT_MODEL`, `summaryModelId`, `FALLBACK_MODELS`, `model-name`).
pub fn names_a_model(name: &str) -> bool {
    let mut model = false;
    for word in words(name) {
        match word.as_str() {
            "model" | "models" => model = true,
            // `NOT_A_MODEL`, `non_model_ids`: the name says the opposite.
            "not" | "non" => return false,
            // `model_variant_slug`: a catalogue entry's identity, not a choice.
            "slug" | "permaslug" => return false,
            // `VISION_CAPABLE_MODELS`, `PHASE_SUPPORTED_MODELS`: what models can do, looked up
            // by membership, not what the code calls.
            "supported" | "support" | "supports" | "capable" | "compatible" => return false,
            // `MOCK_MODELS_RESPONSE`, `fake_model`: test data standing in for the API.
            "mock" | "fake" | "stub" | "fixture" | "response" => return false,
            _ => {}
        }
    }
    model
}

/// Whether a name says what it holds is excluded (`BLOCKED_MODELS`, `denylist`,
/// `DIRECT_UPLOAD_BLOCKLIST`, `rejectedModels`, `UNSUPPORTED_MODELS`), in any case or
/// position.
pub fn names_an_exclusion(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "block", "blacklist", "deny", "denied", "exclu", "disallow", "reject", "forbid", "ignore",
        "unsupported", "deprecated",
    ]
        .iter()
        .any(|w| lower.contains(w))
        // `ban` only as a word: `banner_model` and `urban` are not exclusions.
        || words(name).any(|w| w == "ban" || w == "bans" || w == "banned")
}

/// The words of an identifier or key: split at `_`, `-`, `.`, spaces and lower-to-upper case
/// changes, lowercased.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.into_iter()
}

/// Whether a mapping is a response or a stored record rather than a request: it has one of
/// `choices`, `usage`, `created`, `finish_reason`, `message_timestamp`, `delta` (a streamed
/// chunk), both `role` and
/// `content`, or `object: "chat.completion…"`. `has` answers whether a key is present.
pub fn looks_like_a_response(has: &dyn Fn(&str) -> bool, object: Option<&str>) -> bool {
    [
        "choices",
        "usage",
        "created",
        "message_timestamp",
        "finish_reason",
        "delta",
    ]
    .iter()
    .any(|k| has(k))
        || (has("role") && has("content"))
        || object.is_some_and(|o| {
            o.starts_with("chat.completion") || o == "response" || o == "text_completion"
        })
}

/// [`looks_like_a_response`] for an object literal.
fn object_is_a_response(entries: &[Entry]) -> bool {
    let has = |k: &str| {
        entries
            .iter()
            .any(|e| matches!(e, Entry::Pair { key, .. } if key == k))
    };
    let object = entries.iter().find_map(|e| match e {
        Entry::Pair {
            key,
            value: Expr::Str { value, .. },
            ..
        } if key == "object" => Some(value.as_str()),
        _ => None,
    });
    looks_like_a_response(&has, object)
}

/// Calls that assert: their arguments are what a test expects, not a choice.
fn is_assertion(callee: &Expr) -> bool {
    let name = match callee {
        Expr::Name(name, _) | Expr::Attr { name, .. } => name.as_str(),
        _ => return false,
    };
    name.starts_with("assert")
        || name == "expect"
        || (name.starts_with("to") && name[2..].starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Environment reads with a default: `os.getenv("X", "d")`, `os.environ.get("X", "d")`,
/// `config("X", default="d")`.
fn env_read_name(callee: &Expr) -> bool {
    matches!(
        callee.dotted().as_deref(),
        Some(["os", "getenv"] | ["os", "environ", "get"] | ["getenv"])
            | Some(["config"] | ["decouple", "config"] | ["Deno", "env", "get"])
    )
}

struct Walk<'e, 'a> {
    ev: &'e Evaluator<'a>,
    out: Vec<ModelRef>,
}

/// Whether `expr` is a collection of model ids: a list, set or mapping whose items or keys
/// are model ids.
fn is_model_collection(expr: &Expr) -> bool {
    match expr {
        Expr::List { items, .. } => items
            .iter()
            .any(|i| matches!(i, Expr::Str { value, .. } if looks_like_model_id(value))),
        Expr::Object { entries, .. } => entries
            .iter()
            .any(|e| matches!(e, Entry::Pair { key, .. } if looks_like_model_id(key))),
        // `set([...])`, `new Set([...])`, `frozenset({...})`
        Expr::Call(call) => call.positional(0).is_some_and(is_model_collection),
        _ => false,
    }
}

impl Walk<'_, '_> {
    /// The file is a route that lists models (`routes/models.ts`, `api/models/route.ts`).
    fn in_models_route(&self) -> bool {
        let path = self.ev.module.shown.replace('\\', "/").to_ascii_lowercase();
        path.split('/').any(|part| {
            let stem = part.split('.').next().unwrap_or(part);
            stem == "models" || stem == "model"
        })
    }

    /// A value stored under `name`: a choice when the name says so; walked for the choices
    /// inside it unless the name says its contents are excluded.
    fn stored(&mut self, name: &str, expr: &Expr) {
        // A deny list excludes the models it lists (`BLOCKED_MODELS`, `DENYLIST = [...]`);
        // `bannedUserContext = {model: …}` is not one.
        if names_an_exclusion(name) && (names_a_model(name) || is_model_collection(expr)) {
            return;
        }
        if names_a_model(name) {
            self.choose(expr);
        }
        self.expr(expr);
    }

    /// What `expr` evaluates to, read as model ids written in this file.
    fn choose(&mut self, expr: &Expr) {
        // `cond ? "a" : "b"`: either may be chosen.
        if let Expr::Either { options, .. } = expr {
            options.iter().for_each(|o| self.choose(o));
            return;
        }
        self.ev.budget.reset();
        let value = self.ev.eval(expr);
        self.collect(&value);
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Str {
                text,
                span,
                partial: false,
                written: None,
            } => {
                // Only literals of this file: a value imported from another file is reported
                // there, where it is written (a concatenation carries no `written`: its text
                // must appear where it points).
                let written = self.ev.module.text.get(span.clone()).unwrap_or("");
                for piece in text.split(',').map(str::trim) {
                    if looks_like_model_id(piece) && written.contains(piece) {
                        self.out.push(ModelRef {
                            id: piece.to_string(),
                            span: span.clone(),
                            written_at: None,
                        });
                    }
                }
            }
            Value::Env {
                default: Some(default),
                ..
            } => self.collect(default),
            Value::List { items, .. } => {
                for item in items {
                    self.collect(item);
                }
            }
            // `MODELS = {"fast": "…", "smart": "…"}`: a table of choices, as `[models]` in a
            // config file. `FREE_MODELS = [{"id": "…", "name": "…"}]`: a menu of models, each
            // chosen by its `id`. Never a response.
            Value::Object(obj) => {
                let has = |k: &str| obj.entries.iter().any(|e| e.key == k);
                let object = obj.entries.iter().find_map(|e| match &e.value {
                    Value::Str { text, .. } if e.key == "object" => Some(text.as_str()),
                    _ => None,
                });
                if looks_like_a_response(&has, object) {
                    return;
                }
                let record = RECORD_KEYS.iter().any(|k| has(k));
                for entry in &obj.entries {
                    if (!record || entry.key == "id") && !names_an_exclusion(&entry.key) {
                        self.collect(&entry.value);
                    }
                }
            }
            _ => {}
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Object { entries, .. } => {
                if object_is_a_response(entries) {
                    return;
                }
                for entry in entries {
                    match entry {
                        Entry::Pair { key, value, .. } => self.stored(key, value),
                        Entry::Spread(inner) => self.expr(inner),
                        Entry::Computed(_) => {}
                    }
                }
            }
            Expr::List { items, .. } | Expr::Either { options: items, .. } => {
                items.iter().for_each(|i| self.expr(i))
            }
            Expr::Call(call) => self.call(call),
            Expr::Binary {
                op: BinOp::Or,
                left,
                right,
                ..
            } => {
                // `process.env.MODEL ?? "d"`, `os.getenv("MODEL") or "d"`: the default is a choice.
                let env_model = match &**left {
                    Expr::Attr { object, name, .. } => {
                        names_a_model(name)
                            && matches!(
                                object.dotted().as_deref(),
                                Some(["process", "env"]) | Some(["import", "meta", "env"])
                            )
                    }
                    Expr::Call(call) if env_read_name(&call.callee) => matches!(
                        call.positional(0),
                        Some(Expr::Str { value, .. }) if names_a_model(value)
                    ),
                    _ => false,
                };
                if env_model {
                    self.choose(right);
                }
                self.expr(left);
                self.expr(right);
            }
            Expr::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            Expr::Template { parts, .. } => {
                for part in parts {
                    if let TemplatePart::Expr(e) = part {
                        self.expr(e);
                    }
                }
            }
            Expr::Attr { object, .. } => self.expr(object),
            Expr::Index { object, index, .. } => {
                self.expr(object);
                self.expr(index);
            }
            _ => {}
        }
    }

    fn call(&mut self, call: &super::ir::Call) {
        if is_assertion(&call.callee) {
            return;
        }
        self.expr(&call.callee);
        // `c.json([...])`, `res.json(...)`, `NextResponse.json(...)` in a `models` route: the
        // models a service offers its users.
        if matches!(&call.callee, Expr::Attr { name, .. } if name == "json")
            && self.in_models_route()
        {
            for arg in &call.args {
                if let Arg::Positional(e) = arg {
                    self.choose(e);
                }
            }
        }
        if env_read_name(&call.callee) {
            if let Some(Expr::Str { value: name, .. }) = call.positional(0) {
                if names_a_model(name) && !names_an_exclusion(name) {
                    if let Some(default) = call.positional(1).or_else(|| call.keyword("default")) {
                        self.choose(default);
                    }
                }
            }
        }
        for arg in &call.args {
            match arg {
                Arg::Keyword { name, value, .. } => self.stored(name, value),
                Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => self.expr(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_and_exclusions() {
        for name in [
            "model",
            "MODEL",
            "default_model",
            "summaryModelId",
            "OPENROUTER_MODEL",
            "FALLBACK_MODELS",
            "models",
            "MODELS_LIST",
            "model_id",
            "modelId",
            "model-name",
        ] {
            assert!(names_a_model(name), "{name}");
        }
        for name in [
            "modality",
            "remodel_x",
            "provider",
            "id",
            "slug",
            "MODE",
            "NOT_A_MODEL",
            "model_variant_slug",
            "PHASE_SUPPORTED_MODELS",
            "visionCapableModels",
            "MOCK_MODELS_RESPONSE",
        ] {
            assert!(!names_a_model(name), "{name}");
        }
        for name in [
            "BLOCKED_MODELS",
            "denylist",
            "DIRECT_UPLOAD_BLOCKLIST",
            "rejectedModels",
            "excludeModels",
            "FORBIDDEN",
            "banned_models",
            "disallowed",
            "DENIED_MODELS",
            "ignoredModels",
            "UNSUPPORTED_MODELS",
        ] {
            assert!(names_an_exclusion(name), "{name}");
        }
        assert!(!names_an_exclusion("DEFAULT_MODEL"));
        assert!(!names_an_exclusion("banner_model"));
    }
}
