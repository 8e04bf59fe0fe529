//! Resolving expressions to values, through the bindings of one file.
//!
//! Values are resolved through local variables and module constants, `dict(...)`, object
//! spreads and `**` splats, environment reads with literal defaults, string concatenation and
//! f-strings/templates. Anything that depends on a parameter, a function result or another
//! file is `Unknown`, and the rules treat it as such.

use std::cell::Cell;

use super::ir::{Arg, BinOp, Call, Entry, Expr, Span, TemplatePart};
use super::{Bindings, Bound, Family, Import};

/// Placeholder for a part of a string that is not known.
pub const HOLE: char = '\u{FFFC}';

/// How deep resolution may go (it also stops cycles such as `x = x + "a"`).
const MAX_DEPTH: u32 = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string; `partial` when some parts are unknown (they read as [`HOLE`]).
    Str {
        text: String,
        span: Span,
        partial: bool,
    },
    Bool(bool, Span),
    /// A number, `None`/`null`: known, and of no interest here.
    Literal(Span),
    List {
        items: Vec<Value>,
        span: Span,
        complete: bool,
    },
    Object(Obj),
    /// An environment read (`os.getenv("X", "d")`, `process.env.X ?? "d"`), or, with no name,
    /// any run-time value with a literal fallback (`base_url or "https://…"`).
    Env {
        name: Option<String>,
        default: Option<Box<Value>>,
        span: Span,
    },
    /// An imported module or one of its members, or a global (`fetch`, `process.env`).
    Ref(Ref),
    Client(Client),
    /// A member of a client: `client.chat.completions` is `{client, ["chat", "completions"]}`.
    Method {
        client: Client,
        path: Vec<String>,
    },
    Unknown(Span),
}

/// A name rooted in an import or a global.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// The imported module, or `None` for a global name nobody imported.
    pub module: Option<String>,
    pub path: Vec<String>,
}

/// An object or dict literal, with spreads resolved where possible.
#[derive(Debug, Clone, PartialEq)]
pub struct Obj {
    pub entries: Vec<ObjEntry>,
    pub span: Span,
    /// False when an unresolvable spread or a computed key may add entries.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjEntry {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
}

impl Obj {
    /// The value of `key`: `Some(Unknown)` when it may hide in an unresolved spread.
    pub fn get(&self, key: &str) -> Option<&ObjEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    pub fn has_unknown(&self) -> bool {
        !self.complete
    }
}

/// A constructed client or model object, with what shows OpenRouter.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub kind: ClientKind,
    /// The code shows this client talks to OpenRouter.
    pub openrouter: bool,
    /// For HTTP clients: the base URL's path, when known (`/api/v1`).
    pub base_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClientKind {
    OpenAi,
    /// openai-python's module-level client (`openai.base_url = …`) or the pre-1.0 module.
    OpenAiModule {
        legacy: bool,
    },
    Anthropic,
    OpenRouterSdk,
    /// httpx/requests/aiohttp client objects, axios instances.
    Http,
    /// `createOpenRouter({...})` (or `createOpenAI` pointed at OpenRouter): settings object.
    AiSdkProvider {
        settings: Option<Box<Value>>,
        openai_compatible: bool,
    },
    /// `openrouter("id", settings)`: model id, model settings, provider settings.
    AiSdkModel {
        model: Box<Value>,
        settings: Option<Box<Value>>,
        provider_settings: Option<Box<Value>>,
        openai_compatible: bool,
    },
    /// instructor's `from_provider("openrouter/…")`.
    Instructor {
        model: Box<Value>,
    },
    /// pydantic-ai `OpenRouterModel(...)` / `OpenAIModel(...)` pointed at OpenRouter.
    PydanticModel {
        model: Box<Value>,
        settings: Option<Box<Value>>,
    },
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str { span, .. }
            | Value::Bool(_, span)
            | Value::Literal(span)
            | Value::List { span, .. }
            | Value::Env { span, .. }
            | Value::Unknown(span) => span.clone(),
            Value::Object(obj) => obj.span.clone(),
            Value::Ref(_) | Value::Client(_) | Value::Method { .. } => 0..0,
        }
    }

    /// The literal string, if fully known.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str {
                text,
                partial: false,
                ..
            } => Some(text),
            _ => None,
        }
    }

    /// A string that may be used as a URL or model id: the literal, or an environment read's
    /// literal default (the "literal default of an environment read").
    pub fn literal_or_default(&self) -> Option<(&str, Span)> {
        match self {
            Value::Str { text, span, .. } => Some((text, span.clone())),
            Value::Env {
                default: Some(d), ..
            } => d.literal_or_default(),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Obj> {
        match self {
            Value::Object(obj) => Some(obj),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// An environment read of a variable named `OPENROUTER_*`.
    pub fn is_openrouter_env(&self) -> bool {
        matches!(self, Value::Env { name: Some(n), .. } if n.to_ascii_uppercase().starts_with("OPENROUTER"))
    }

    /// `module.path…` when this is a reference into `module` (or its submodules) ending in
    /// one of `names`; globals match too when `global_ok` (for names that need no import).
    pub fn is_ref(&self, modules: &[&str], names: &[&str], global_ok: bool) -> bool {
        let Value::Ref(r) = self else { return false };
        let Some(last) = r.path.last() else {
            return false;
        };
        if !names.contains(&last.as_str()) {
            return false;
        }
        match &r.module {
            Some(module) => modules.iter().any(|m| {
                module == m
                    || module
                        .strip_prefix(m)
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('/'))
            }),
            None => global_ok && r.path.len() == 1,
        }
    }

    /// The module a reference comes from, if imported.
    pub fn module(&self) -> Option<&str> {
        match self {
            Value::Ref(r) => r.module.as_deref(),
            _ => None,
        }
    }
}

/// Resolves expressions against one file's bindings.
pub struct Evaluator<'a> {
    pub bindings: &'a Bindings,
    pub family: Family,
    depth: Cell<u32>,
}

impl<'a> Evaluator<'a> {
    pub fn new(bindings: &'a Bindings, family: Family) -> Self {
        Evaluator {
            bindings,
            family,
            depth: Cell::new(0),
        }
    }

    pub fn eval(&self, expr: &Expr) -> Value {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Value::Unknown(expr.span());
        }
        self.depth.set(depth + 1);
        let value = self.eval_inner(expr);
        self.depth.set(depth);
        value
    }

    fn eval_inner(&self, expr: &Expr) -> Value {
        match expr {
            Expr::Str { value, span } => Value::Str {
                text: value.clone(),
                span: span.clone(),
                partial: false,
            },
            Expr::Num(span) | Expr::Null(span) => Value::Literal(span.clone()),
            Expr::Bool(b, span) => Value::Bool(*b, span.clone()),
            Expr::Name(name, span) => self.eval_name(name, span),
            Expr::This(span) => Value::Unknown(span.clone()),
            Expr::Attr {
                object, name, span, ..
            } => self.eval_attr(object, name, span),
            Expr::Index {
                object,
                index,
                span,
            } => self.eval_index(object, index, span),
            Expr::Call(call) => self.eval_call(call),
            Expr::Object { entries, span } => Value::Object(self.eval_object(entries, span)),
            Expr::List { items, span } => {
                let mut complete = true;
                let values = items
                    .iter()
                    .map(|e| {
                        let v = self.eval(e);
                        if v.is_unknown() {
                            complete = false;
                        }
                        v
                    })
                    .collect();
                Value::List {
                    items: values,
                    span: span.clone(),
                    complete,
                }
            }
            Expr::Template { parts, span } => self.eval_template(parts, span),
            Expr::Binary {
                op,
                left,
                right,
                span,
            } => self.eval_binary(*op, left, right, span),
            Expr::Other(span) => Value::Unknown(span.clone()),
        }
    }

    fn eval_name(&self, name: &str, span: &Span) -> Value {
        match self.bindings.lookup(name, span.start) {
            Some(Bound::Value(expr)) => {
                let expr = expr.clone();
                match self.eval(&expr) {
                    // Keys may have been added after the literal: what is sent is unknown
                    // beyond what the literal shows.
                    Value::Object(mut obj) if self.bindings.is_mutated(name, span.start) => {
                        obj.complete = false;
                        Value::Object(obj)
                    }
                    value => value,
                }
            }
            Some(Bound::Param) => Value::Unknown(span.clone()),
            Some(Bound::Import(Import { module, member })) => Value::Ref(Ref {
                module: Some(module.clone()),
                path: member.iter().cloned().collect(),
            }),
            None => Value::Ref(Ref {
                module: None,
                path: vec![name.to_string()],
            }),
        }
    }

    fn eval_attr(&self, object: &Expr, name: &str, span: &Span) -> Value {
        if let Expr::This(_) = object {
            return match self.bindings.lookup_member(name, span.start) {
                Some(expr) => {
                    let expr = expr.clone();
                    self.eval(&expr)
                }
                None => Value::Unknown(span.clone()),
            };
        }
        // Module attributes assigned in this file (`openai.api_base = "…"`) are bindings too.
        if let Some(path) = object.dotted() {
            let dotted = format!("{}.{name}", path.join("."));
            if let Some(Bound::Value(expr)) = self.bindings.lookup(&dotted, span.start) {
                let expr = expr.clone();
                return self.eval(&expr);
            }
        }
        match self.eval(object) {
            Value::Ref(mut r) => {
                // `process.env.X`, `import.meta.env.X`
                if r.module.is_none()
                    && (r.path == ["process", "env"] || r.path == ["import", "meta", "env"])
                {
                    return Value::Env {
                        name: Some(name.to_string()),
                        default: None,
                        span: span.clone(),
                    };
                }
                r.path.push(name.to_string());
                Value::Ref(r)
            }
            Value::Object(obj) => match obj.get(name) {
                Some(entry) => entry.value.clone(),
                None => Value::Unknown(span.clone()),
            },
            Value::Client(client) => Value::Method {
                client,
                path: vec![name.to_string()],
            },
            Value::Method { client, mut path } => {
                path.push(name.to_string());
                Value::Method { client, path }
            }
            _ => Value::Unknown(span.clone()),
        }
    }

    fn eval_index(&self, object: &Expr, index: &Expr, span: &Span) -> Value {
        let key = self.eval(index);
        let object = self.eval(object);
        match (&object, key.as_str()) {
            (Value::Ref(r), Some(name)) if is_environ(r) => Value::Env {
                name: Some(name.to_string()),
                default: None,
                span: span.clone(),
            },
            (Value::Object(obj), Some(name)) => obj
                .get(name)
                .map_or_else(|| Value::Unknown(span.clone()), |e| e.value.clone()),
            _ => Value::Unknown(span.clone()),
        }
    }

    fn eval_object(&self, entries: &[Entry], span: &Span) -> Obj {
        let mut obj = Obj {
            entries: Vec::new(),
            span: span.clone(),
            complete: true,
        };
        for entry in entries {
            match entry {
                Entry::Pair {
                    key,
                    key_span,
                    value,
                } => obj.entries.push(ObjEntry {
                    key: key.clone(),
                    key_span: key_span.clone(),
                    value: self.eval(value),
                }),
                Entry::Spread(expr) => self.spread_into(&mut obj, expr),
                Entry::Computed(_) => obj.complete = false,
            }
        }
        obj
    }

    /// `{...other}` / `{**other}`: copies a resolvable object's entries, else marks the
    /// object incomplete.
    fn spread_into(&self, obj: &mut Obj, expr: &Expr) {
        match self.eval(expr) {
            Value::Object(inner) => {
                obj.complete &= inner.complete;
                obj.entries.extend(inner.entries);
            }
            Value::Literal(_) => {}
            _ => obj.complete = false,
        }
    }

    fn eval_template(&self, parts: &[TemplatePart], span: &Span) -> Value {
        let mut text = String::new();
        let mut partial = false;
        for part in parts {
            match part {
                TemplatePart::Text(t) => text.push_str(t),
                TemplatePart::Expr(e) => match self.eval(e).literal_or_default() {
                    Some((t, _)) => text.push_str(t),
                    None => {
                        partial = true;
                        text.push(HOLE);
                    }
                },
            }
        }
        Value::Str {
            text,
            span: span.clone(),
            partial,
        }
    }

    fn eval_binary(&self, op: BinOp, left: &Expr, right: &Expr, span: &Span) -> Value {
        let l = self.eval(left);
        match op {
            BinOp::Or => {
                let r = self.eval(right);
                match l {
                    Value::Env {
                        name,
                        default: None,
                        ..
                    } => Value::Env {
                        name,
                        default: Some(Box::new(r)),
                        span: span.clone(),
                    },
                    Value::Str { .. } | Value::Object(_) | Value::Client(_) => l,
                    _ => Value::Env {
                        name: None,
                        default: Some(Box::new(r)),
                        span: span.clone(),
                    },
                }
            }
            BinOp::Add => {
                let r = self.eval(right);
                let piece = |v: &Value| match v.literal_or_default() {
                    Some((t, _)) => (t.to_string(), matches!(v, Value::Str { partial: true, .. })),
                    None => (HOLE.to_string(), true),
                };
                if !matches!(l, Value::Str { .. } | Value::Env { .. })
                    && !matches!(r, Value::Str { .. } | Value::Env { .. })
                {
                    return Value::Unknown(span.clone());
                }
                let (a, pa) = piece(&l);
                let (b, pb) = piece(&r);
                Value::Str {
                    text: a + &b,
                    span: span.clone(),
                    partial: pa || pb,
                }
            }
        }
    }

    /// Keyword arguments of a call as an object (`f(a=1, **extra)`), for Python-style options.
    pub fn keywords(&self, call: &Call) -> Obj {
        let mut obj = Obj {
            entries: Vec::new(),
            span: call.span.clone(),
            complete: true,
        };
        for arg in &call.args {
            match arg {
                Arg::Keyword {
                    name,
                    name_span,
                    value,
                } => obj.entries.push(ObjEntry {
                    key: name.clone(),
                    key_span: name_span.clone(),
                    value: self.eval(value),
                }),
                Arg::KeywordSpread(expr) => self.spread_into(&mut obj, expr),
                Arg::Positional(_) | Arg::Spread(_) => {}
            }
        }
        obj
    }

    /// The options object of a JavaScript-style call (`f({...})`): its first argument.
    pub fn options_arg(&self, call: &Call, index: usize) -> Option<Value> {
        call.positional(index).map(|e| self.eval(e))
    }

    fn eval_call(&self, call: &Call) -> Value {
        let callee = self.eval(&call.callee);
        let span = call.span.clone();
        if let Some(value) = self.builtin(&callee, call) {
            return value;
        }
        if let Some(client) = super::sites::construct(self, &callee, call) {
            return Value::Client(client);
        }
        // Methods that return their client: `client.with_options(...)`, `client.copy()`.
        if let Value::Method { client, path } = &callee {
            if let [name] = path.as_slice() {
                if matches!(name.as_str(), "with_options" | "copy" | "withOptions") {
                    return Value::Client(client.clone());
                }
            }
        }
        Value::Unknown(span)
    }

    /// Calls whose result orlint can compute: environment reads, `dict(...)`, JSON encoding.
    fn builtin(&self, callee: &Value, call: &Call) -> Option<Value> {
        let Value::Ref(r) = callee else { return None };
        let span = call.span.clone();
        let path = r.full_path();
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["os", "getenv"] | ["os", "environ", "get"] | ["Deno", "env", "get"] => {
                let name = call.positional(0).map(|e| self.eval(e));
                let default = call
                    .positional(1)
                    .or_else(|| call.keyword("default"))
                    .map(|e| Box::new(self.eval(e)));
                Some(Value::Env {
                    name: name.and_then(|n| n.as_str().map(str::to_string)),
                    default,
                    span,
                })
            }
            ["dict"] if r.module.is_none() => {
                let mut obj = self.keywords(call);
                obj.span = span;
                if let Some(first) = call.positional(0) {
                    match self.eval(first) {
                        Value::Object(mut base) => {
                            base.complete &= obj.complete;
                            base.entries.append(&mut obj.entries);
                            base.span = obj.span;
                            return Some(Value::Object(base));
                        }
                        _ => obj.complete = false,
                    }
                }
                Some(Value::Object(obj))
            }
            // pydantic-ai's settings are TypedDicts: calling one builds a dict.
            [.., last] if last.ends_with("ModelSettings") => {
                let mut obj = self.keywords(call);
                obj.span = span;
                Some(Value::Object(obj))
            }
            ["json", "dumps"] | ["JSON", "stringify"] => Some(
                call.positional(0)
                    .map_or(Value::Unknown(span), |e| self.eval(e)),
            ),
            _ => None,
        }
    }
}

impl Ref {
    /// The module's dotted parts followed by the path: `os.environ.get`.
    pub fn full_path(&self) -> Vec<String> {
        let mut out: Vec<String> = match &self.module {
            Some(m) => m.split('.').map(str::to_string).collect(),
            None => Vec::new(),
        };
        out.extend(self.path.iter().cloned());
        out
    }
}

fn is_environ(r: &Ref) -> bool {
    let path = r.full_path();
    path == ["os", "environ"] || path == ["process", "env"]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bindings;

    fn s(text: &str) -> Expr {
        Expr::Str {
            value: text.into(),
            span: 0..0,
        }
    }

    #[test]
    fn env_defaults_and_templates() {
        let mut bindings = Bindings::default();
        // BASE = os.getenv("OR_BASE", "https://openrouter.ai/api/v1")
        let getenv = Expr::Call(Box::new(Call {
            callee: Expr::Attr {
                object: Box::new(Expr::Name("os".into(), 0..0)),
                name: "getenv".into(),
                span: 0..0,
                name_span: 0..0,
            },
            args: vec![
                Arg::Positional(s("OR_BASE")),
                Arg::Positional(s("https://openrouter.ai/api/v1")),
            ],
            span: 1..2,
            is_new: false,
        }));
        bindings.bind(
            "os",
            0..100,
            0,
            Bound::Import(Import {
                module: "os".into(),
                member: None,
            }),
        );
        bindings.bind("BASE", 0..100, 1, Bound::Value(getenv));
        let ev = Evaluator::new(&bindings, Family::Python);
        let url = Expr::Template {
            parts: vec![
                TemplatePart::Expr(Expr::Name("BASE".into(), 10..14)),
                TemplatePart::Text("/chat/completions".into()),
            ],
            span: 10..40,
        };
        assert_eq!(
            ev.eval(&url).as_str(),
            Some("https://openrouter.ai/api/v1/chat/completions")
        );
        let base = ev.eval(&Expr::Name("BASE".into(), 10..14));
        assert!(matches!(&base, Value::Env { name: Some(n), .. } if n == "OR_BASE"));
        assert_eq!(
            base.literal_or_default().map(|(t, _)| t),
            Some("https://openrouter.ai/api/v1")
        );
        let unknown = Expr::Template {
            parts: vec![
                TemplatePart::Expr(Expr::Name("param".into(), 50..55)),
                TemplatePart::Text("/x".into()),
            ],
            span: 50..60,
        };
        bindings_param_free(&ev, &unknown);
    }

    fn bindings_param_free(ev: &Evaluator<'_>, expr: &Expr) {
        // An unbound name is a global reference: it has no literal default, so the string is partial.
        match ev.eval(expr) {
            Value::Str { partial, .. } => assert!(partial),
            other => panic!("{other:?}"),
        }
    }
}
