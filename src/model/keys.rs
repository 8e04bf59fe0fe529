//! The OpenRouter key in code: which values are the key, and where they leak.
//!
//! "The key" is an environment read of a variable whose name mentions OpenRouter and ends in
//! `KEY` (`OPENROUTER_API_KEY`, `VITE_OPENROUTER_KEY`), of any variable the file gives an
//! OpenRouter client or request as its key (`OPENAI_API_KEY` for a repointed OpenAI SDK), the
//! `api_key` of an OpenRouter client, and whatever is bound from those: variables, constants,
//! attributes, parameters, dict entries, `Authorization` headers built from them, values
//! imported from project files. A name that says it holds the OpenRouter key
//! (`settings.openrouter_api_key`, `config["OPENROUTER_API_KEY"]`) counts when its value is
//! not a known literal.
//!
//! Three questions are answered here, for three rules:
//! - which literal strings are given to OpenRouter clients and requests as their key (OR001);
//! - which keys reach browser code: public environment variables, `dangerouslyAllowBrowser`
//!   (OR011);
//! - which log calls write the key, whole or in part (OR008). A presence or length check
//!   (`bool(key)`, `len(key)`, `!!key`, `key ? "set" : "missing"`, `startsWith`) does not
//!   leak it, nor does a slice that keeps at most four characters (`key[:4] + "…"`), nor a
//!   call of a function orlint cannot see into (a masking helper).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::eval::{Budget, Evaluator, Value};
use super::ir::{Arg, Call, Entry, Expr, Span, TemplatePart};
use super::{Bound, Environment, Family, Module, Write};
use crate::facts::{Comment, ExposedKey, Exposure, KeyFacts, LiteralKey, LoggedKey, RequestSite};

/// Last names of calls that may write to a log: `print`, `logger.info`, `console.log`,
/// `sys.stderr.write`, `pprint`…
const LOG_NAMES: &[&str] = &[
    "print",
    "pprint",
    "pp",
    "rprint",
    "log",
    "info",
    "debug",
    "warn",
    "warning",
    "error",
    "exception",
    "critical",
    "fatal",
    "trace",
    "write",
    "dir",
    "table",
];

/// Methods of a logger (`logging`, `logger`, `log`, winston, pino…).
const LOGGER_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
    "trace",
];

/// Methods of `console`.
const CONSOLE_METHODS: &[&str] = &[
    "log", "info", "debug", "warn", "error", "trace", "dir", "table",
];

/// Prefixes that make a bundler inline an environment variable into browser code.
pub const PUBLIC_PREFIXES: &[&str] = &[
    "NEXT_PUBLIC_",
    "EXPO_PUBLIC_",
    "NUXT_PUBLIC_",
    "VITE_",
    "REACT_APP_",
    "GATSBY_",
    "STORYBOOK_",
    "PUBLIC_",
];

/// Options that carry a client's or request's API key.
const KEY_OPTIONS: &[&str] = &[
    "api_key",
    "apiKey",
    "openai_api_key",
    "openAIApiKey",
    "openrouter_api_key",
    "openRouterApiKey",
];

/// Options that hold request headers.
const HEADER_OPTIONS: &[&str] = &["headers", "default_headers", "defaultHeaders"];

/// How code names the OpenRouter key (`settings.openrouter_api_key`, `openRouterApiKey`), as
/// it is spelled in practice (the prefilter is case-sensitive). With
/// the request model's evidence tokens (a client, a URL, an `OPENROUTER_*` variable), they are
/// what a file must contain for the key rules to look at it: a public variable that holds
/// the key names OpenRouter, and a generic one or `dangerouslyAllowBrowser` only matters on a
/// client the file shows is OpenRouter's.
pub const KEY_NAME_TOKENS: &[&str] = &[
    // `OPENROUTER_API_KEY` and its kin are found by the evidence token `OPENROUTER_`. Not
    // `OPENROUTER` alone: an enum member (`LlmProviders.OPENROUTER`) in a large module would
    // send it, and everything it imports, to the parser.
    "openrouter_api_key",
    "openrouter_key",
    "openrouterApiKey",
    "openrouterKey",
    "openRouterApiKey",
    "openRouterKey",
    "OpenRouterApiKey",
    "OpenRouterKey",
];

/// Whether `text` may hold anything the key model looks for.
pub fn mentions_key_source(text: &str) -> bool {
    static TOKENS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            // A literal key: logging what holds it logs the key.
            .build(
                KEY_NAME_TOKENS
                    .iter()
                    .chain(super::EVIDENCE_TOKENS)
                    .chain(&["sk-or-"]),
            )
            .expect("plain strings")
    });
    TOKENS.is_match(text)
}

/// Whether a call ending in `name` may write to a log.
pub fn is_log_name(name: &str) -> bool {
    LOG_NAMES.contains(&name)
}

/// Whether a name says it holds a key: its last word is `key`, in any spelling, maybe with a
/// number (`OPENROUTER_API_KEY`, `apiKey`, `openrouter_key_2`). `KEY_NAME`, `has_key` and
/// `keyFile` do not.
pub fn names_a_key(name: &str) -> bool {
    let squashed: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with("key")
}

/// Whether a name says it holds the OpenRouter key (`OPENROUTER_API_KEY`, `openRouterKey`).
pub fn names_an_openrouter_key(name: &str) -> bool {
    name.to_ascii_lowercase().contains("openrouter") && names_a_key(name)
}

/// The bundler prefix of an environment variable's name, if it has one.
pub fn public_prefix(name: &str) -> Option<&'static str> {
    PUBLIC_PREFIXES
        .iter()
        .copied()
        .find(|p| name.starts_with(p))
}

/// Whether a literal given as a key is a placeholder rather than a key: empty, short, of few
/// distinct characters, templated, or saying so (`your-key-here`, `xxx`, `changeme`,
/// `dummy`, `sk-or-v1-....`), or an environment variable's name.
pub fn is_placeholder_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let distinct: HashSet<char> = key.chars().collect();
    if key.chars().count() < 16
        || distinct.len() < 8
        || !key.is_ascii()
        || key.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return true;
    }
    const SAYS_SO: &[&str] = &[
        "your",
        "xxx",
        "...",
        "changeme",
        "change_me",
        "change-me",
        "dummy",
        "fake",
        "test",
        "placeholder",
        "example",
        "sample",
        "replace",
        "insert",
        "redacted",
        "<",
        "${",
        "{{",
        "%(",
        "$(",
        "process.env",
        "os.environ",
        "getenv",
    ];
    if SAYS_SO.iter().any(|s| lower.contains(s)) || key.starts_with('$') {
        return true;
    }
    // `sk-or-v1-` followed by filler.
    if let Some(rest) = lower
        .strip_prefix("sk-or-v1-")
        .or(lower.strip_prefix("sk-or-"))
    {
        if rest
            .chars()
            .all(|c| matches!(c, '.' | 'x' | '*' | '0' | '-' | '_'))
        {
            return true;
        }
    }
    // An environment variable's name given where its value belongs.
    key.chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The first and last four characters of a literal key.
pub fn redact_literal(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 8 {
        return "…".to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Everything the key rules need from one module.
pub fn key_facts(module: &Arc<Module>, env: &dyn Environment, sites: &[RequestSite]) -> KeyFacts {
    let budget = Budget::default();
    let ev = Evaluator::new(module, env, &budget);
    let mut facts = KeyFacts::default();
    let mut key_envs: HashSet<String> = HashSet::new();

    // Every call of the module, collected once for the two walks that need them.
    let calls = all_calls(module);
    let mut browser = Vec::new();
    for given in keys_given(&ev, &calls, sites, &mut browser) {
        for (name, span) in env_names(&given.value) {
            // Browser code only (Python is not bundled). A name that says it is the OpenRouter
            // key is found by the text scan of the file wherever it is read.
            if module.family() == Family::EcmaScript
                && !module.shown.ends_with(".d.ts")
                && public_prefix(&name).is_some()
                && !names_an_openrouter_key(&name)
            {
                facts.exposed.push(ExposedKey {
                    range: span,
                    exposure: Exposure::PublicEnv { name: name.clone() },
                });
            }
            key_envs.insert(name);
        }
        if let Some(literal) = literal_key(module, &given) {
            facts.literals.push(literal);
        }
    }
    for span in browser {
        facts.exposed.push(ExposedKey {
            range: span,
            exposure: Exposure::BrowserClient,
        });
    }
    facts.literals.sort_by_key(|l| l.range.start);
    facts.literals.dedup_by(|a, b| a.range == b.range);
    facts.key_like = key_like_literals(module, &calls);

    let walker = KeyWalker {
        ev: &ev,
        key_envs: &key_envs,
        seen: RefCell::new(HashSet::new()),
    };
    for log in &module.program.log_calls {
        let call = &log.call;
        if !is_sink(module, call) {
            continue;
        }
        for arg in &call.args {
            let expr = match arg {
                Arg::Keyword { name, value, .. } => {
                    if matches!(
                        name.as_str(),
                        "file" | "sep" | "end" | "flush" | "exc_info" | "stack_info" | "stacklevel"
                    ) {
                        continue;
                    }
                    value
                }
                Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => e,
            };
            budget.reset();
            walker.seen.borrow_mut().clear();
            if let Some(hit) = walker.key_in(expr, 0) {
                let sink = call.callee_span();
                facts.logged.push(LoggedKey {
                    sink_name: module.text.get(sink.clone()).unwrap_or("").to_string(),
                    sink,
                    key: hit.key,
                    partial: hit.partial,
                    read_at: hit
                        .read_at
                        .filter(|r| !(r.start >= call.span.start && r.end <= call.span.end))
                        .map(|r| {
                            crate::facts::Location::new(
                                &module.shown,
                                &module.path,
                                &module.text,
                                &module.index,
                                r,
                            )
                        }),
                });
                break;
            }
        }
    }
    facts
}

/// A value given to an OpenRouter client or request as its key.
struct Given {
    value: Value,
    /// ``the `api_key` of `OpenAI` ``, for messages.
    given_as: String,
    /// The value is an `Authorization` header: `Bearer ` comes off.
    header: bool,
}

/// Every key the module gives an OpenRouter client (constructors) or request (its request
/// sites), and `openai.api_key = …` beside an OpenRouter base URL.
fn keys_given(
    ev: &Evaluator<'_>,
    calls: &[&Call],
    sites: &[RequestSite],
    browser: &mut Vec<Span>,
) -> Vec<Given> {
    let module = ev.module;
    let site_callees: HashSet<Span> = sites
        .iter()
        .filter(|s| s.request.is_none())
        .map(|s| s.callee.clone())
        .collect();
    let mut out = Vec::new();
    for &call in calls {
        let site = site_callees.contains(&call.callee_span());
        // Only calls that can hold a key are evaluated: request sites, and calls whose text
        // names a key or header option (an options object built elsewhere is not followed).
        if !site && !may_give_key(module.text.get(call.span.clone()).unwrap_or("")) {
            continue;
        }
        ev.budget.reset();
        let callee = ev.eval(&call.callee).or_fallback();
        let bound = match super::sites::construct(ev, &callee, call) {
            Some(client) => {
                if client.openrouter {
                    browser.extend(allows_browser(ev, call));
                }
                client.openrouter
            }
            None => site || names_openrouter_constructor(&callee),
        };
        if !bound {
            continue;
        }
        let owner = call
            .callee
            .dotted()
            .map(|p| p.join("."))
            .unwrap_or_else(|| "the call".to_string());
        for (option, value, header) in options_given(ev, call) {
            let given_as = if header {
                format!("the Authorization header of `{owner}`")
            } else {
                format!("the `{option}` of `{owner}`")
            };
            out.push(Given {
                value,
                given_as,
                header,
            });
        }
    }
    // openai-python's module-level client: `openai.api_key = "…"` with an OpenRouter base.
    let bindings = &module.program.bindings;
    let base_is_openrouter = ["openai.base_url", "openai.api_base"].iter().any(|name| {
        bindings.module_level(name).is_some_and(|b| match &b.bound {
            Bound::Value(expr) => {
                ev.budget.reset();
                ev.eval(expr)
                    .literal_or_default()
                    .is_some_and(|(t, _)| super::url::is_openrouter(t))
            }
            _ => false,
        })
    });
    if base_is_openrouter {
        for (name, binding) in bindings.all() {
            if let ("openai.api_key", Bound::Value(expr)) = (name, &binding.bound) {
                ev.budget.reset();
                out.push(Given {
                    value: ev.eval(expr),
                    given_as: "`openai.api_key`".to_string(),
                    header: false,
                });
            }
        }
    }
    out
}

/// Literal strings stored under key-named names anywhere in the module: bindings, attributes,
/// keyword arguments and object entries (`API_KEY = "…"`, `api_key="…"`, `apiKey: "…"`).
fn key_like_literals(module: &Module, calls: &[&Call]) -> Vec<(Span, usize)> {
    let program = &module.program;
    let mut out = Vec::new();
    let mut stored = |name: &str, expr: &Expr| {
        let name = name.rsplit('.').next().unwrap_or(name);
        if let Expr::Str { value, span } = expr {
            if names_a_key(name) && !is_placeholder_key(value) {
                if let Some(at) = module
                    .text
                    .get(span.clone())
                    .and_then(|t| t.find(value.as_str()))
                {
                    let start = span.start + at;
                    out.push((start..start + value.len(), value.chars().count()));
                }
            }
        }
    };
    // Objects are searched for key-named entries below.
    let mut objects: Vec<&Expr> = Vec::new();
    for (name, binding) in program.bindings.all() {
        if let Bound::Value(expr) = &binding.bound {
            stored(name, expr);
            objects.push(expr);
        }
    }
    for (attr, expr) in program.bindings.all_members() {
        stored(attr, expr);
    }
    for call in calls {
        for arg in &call.args {
            match arg {
                Arg::Keyword { name, value, .. } => stored(name, value),
                Arg::Positional(e) => objects.push(e),
                _ => {}
            }
        }
    }
    while let Some(expr) = objects.pop() {
        match expr {
            Expr::Object { entries, .. } => {
                for entry in entries {
                    if let Entry::Pair { key, value, .. } = entry {
                        stored(key, value);
                        objects.push(value);
                    }
                }
            }
            Expr::List { items, .. } => objects.extend(items),
            _ => {}
        }
    }
    out.sort_by_key(|(r, _)| (r.start, r.end));
    out.dedup();
    out
}

/// Values of key-named entries in a text file (`.env`, YAML, TOML, INI, JSON), line by line:
/// `OPENROUTER_API_KEY=…`, `api_key: …`, `"apiKey": "…"`.
pub fn key_like_in_text(text: &str) -> Vec<(Span, usize)> {
    static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?m)^[ \t]*(?:export[ \t]+)?["']?([A-Za-z0-9_.-]+)["']?[ \t]*[:=][ \t]*["']?([^"'\s#,]+)"#)
            .expect("valid")
    });
    ENTRY
        .captures_iter(text)
        .filter_map(|caps| {
            let (name, value) = (caps.get(1)?, caps.get(2)?);
            (names_a_key(name.as_str()) && !is_placeholder_key(value.as_str()))
                .then(|| (value.range(), value.as_str().chars().count()))
        })
        .collect()
}

/// A constructor of an OpenRouter integration the recognisers do not model as a client
/// (`OpenRouterProvider(api_key=…)`, `OpenRouterLLMService(…)`).
fn names_openrouter_constructor(callee: &Value) -> bool {
    matches!(callee, Value::Ref(r) if r.module.is_some()
        && r.path.last().is_some_and(|n| n.to_ascii_lowercase().contains("openrouter")))
}

/// The key options of a call: keyword arguments in Python, the object arguments in
/// JavaScript; `Authorization` under `headers` (and under `configuration`, as LangChain.js
/// nests its client options).
fn options_given(ev: &Evaluator<'_>, call: &Call) -> Vec<(String, Value, bool)> {
    let mut objects = Vec::new();
    match ev.family {
        Family::Python => objects.push(ev.keywords(call)),
        Family::EcmaScript => {
            for index in 0..3 {
                if let Some(Value::Object(obj)) = ev.options_arg(call, index) {
                    objects.push(obj);
                }
            }
        }
    }
    let mut out = Vec::new();
    for obj in &objects {
        collect_options(obj, true, &mut out);
    }
    out
}

fn collect_options(obj: &super::eval::Obj, top: bool, out: &mut Vec<(String, Value, bool)>) {
    for entry in &obj.entries {
        if KEY_OPTIONS.contains(&entry.key.as_str()) {
            out.push((entry.key.clone(), entry.value.clone(), false));
        } else if HEADER_OPTIONS.contains(&entry.key.as_str()) {
            if let Value::Object(headers) = &entry.value {
                for header in &headers.entries {
                    if header.key.eq_ignore_ascii_case("authorization") {
                        out.push((header.key.clone(), header.value.clone(), true));
                    }
                }
            }
        } else if top && entry.key == "configuration" {
            if let Value::Object(inner) = &entry.value {
                collect_options(inner, false, out);
            }
        }
    }
}

/// The environment variables a value reads, with where: `process.env.A || process.env.B`.
fn env_names(value: &Value) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut next = Some(value);
    while let Some(Value::Env {
        name,
        default,
        span,
    }) = next
    {
        if let Some(name) = name {
            out.push((name.clone(), span.clone()));
        }
        next = default.as_deref();
    }
    out
}

/// A literal given as a key, unless it is a placeholder or an `sk-or-v1-` key (the text scan
/// reports those wherever they are).
fn literal_key(module: &Module, given: &Given) -> Option<LiteralKey> {
    let (text, span) = literal_of(&given.value)?;
    let key = if given.header {
        text.strip_prefix("Bearer ")
            .or_else(|| text.strip_prefix("bearer "))
            .unwrap_or(text)
    } else {
        text
    };
    if is_placeholder_key(key) || crate::secrets::contains_key(key) {
        return None;
    }
    let source = &module.text;
    let occurrences: Vec<Span> = source
        .match_indices(key)
        .map(|(at, _)| at..at + key.len())
        .collect();
    // Where the literal is written: inside the value here, else its definition in this file,
    // else (brought in from another file) where it is used.
    let range = occurrences
        .iter()
        .find(|r| r.start >= span.start && r.end <= span.end)
        .or(occurrences.first())
        .cloned()
        .unwrap_or(span);
    Some(LiteralKey {
        range,
        redacted: redact_literal(key),
        given_as: given.given_as.clone(),
        occurrences,
        len: key.chars().count(),
    })
}

/// A fully known string, or an environment read's literal default.
fn literal_of(value: &Value) -> Option<(&str, Span)> {
    match value {
        Value::Str {
            text,
            span,
            partial: false,
            ..
        } => Some((text, span.clone())),
        Value::Env {
            default: Some(d), ..
        } => literal_of(d),
        _ => None,
    }
}

/// `dangerouslyAllowBrowser: true` in the options of a client constructor: the option's key.
fn allows_browser(ev: &Evaluator<'_>, call: &Call) -> Option<Span> {
    if ev.family != Family::EcmaScript {
        return None;
    }
    let Some(Value::Object(options)) = ev.options_arg(call, 0) else {
        return None;
    };
    let entry = options.get("dangerouslyAllowBrowser")?;
    matches!(entry.value, Value::Bool(true, _)).then(|| entry.key_span.clone())
}

/// Whether a call's text names an option that carries a key.
fn may_give_key(call_text: &str) -> bool {
    [
        "api_key",
        "apiKey",
        "ApiKey",
        "headers",
        "Headers",
        "dangerouslyAllowBrowser",
    ]
    .iter()
    .any(|option| call_text.contains(option))
}

/// Every call expression of the module, once: in bindings, attributes, parameter defaults,
/// returns and candidate calls, including calls nested in their arguments.
fn all_calls(module: &Module) -> Vec<&Call> {
    let program = &module.program;
    let mut out: Vec<&Call> = Vec::new();
    for (_, binding) in program.bindings.all() {
        match &binding.bound {
            Bound::Value(expr)
            | Bound::Param {
                default: Some(expr),
                ..
            } => calls_in(expr, &mut out),
            _ => {}
        }
    }
    for (_, expr) in program.bindings.all_members() {
        calls_in(expr, &mut out);
    }
    for function in program.functions.values() {
        for returned in &function.returns {
            calls_in(returned, &mut out);
        }
    }
    for candidate in &program.candidates {
        calls_in_call(&candidate.call, &mut out);
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out.dedup_by(|a, b| a.span == b.span);
    out
}

fn calls_in<'p>(expr: &'p Expr, out: &mut Vec<&'p Call>) {
    match expr {
        Expr::Call(call) => calls_in_call(call, out),
        Expr::Attr { object, .. } => calls_in(object, out),
        Expr::Index { object, index, .. } => {
            calls_in(object, out);
            calls_in(index, out);
        }
        Expr::Object { entries, .. } => {
            for entry in entries {
                match entry {
                    Entry::Pair { value, .. } | Entry::Spread(value) => calls_in(value, out),
                    Entry::Computed(_) => {}
                }
            }
        }
        Expr::List { items, .. }
        | Expr::Either { options: items, .. }
        | Expr::Formatted {
            operands: items, ..
        } => items.iter().for_each(|e| calls_in(e, out)),
        Expr::Template { parts, .. } => {
            for part in parts {
                if let TemplatePart::Expr(e) = part {
                    calls_in(e, out);
                }
            }
        }
        Expr::Binary { left, right, .. } => {
            calls_in(left, out);
            calls_in(right, out);
        }
        _ => {}
    }
}

fn calls_in_call<'p>(call: &'p Call, out: &mut Vec<&'p Call>) {
    out.push(call);
    calls_in(&call.callee, out);
    for arg in &call.args {
        match arg {
            Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => calls_in(e, out),
            Arg::Keyword { value, .. } => calls_in(value, out),
        }
    }
}

/// Whether a call writes to a log: `print` (Python), `console.*`, a logger's methods
/// (`logging.info`, `logger.warning`, `self.log.debug`, `logging.getLogger(__name__).info`),
/// `warnings.warn`, `sys.stdout.write`, `process.stderr.write`, `pprint`, `rich.print`.
fn is_sink(module: &Module, call: &Call) -> bool {
    let bindings = &module.program.bindings;
    let at = call.span.start;
    // A name the file binds to something of its own is not the builtin.
    let builtin = |name: &str| match bindings.lookup(name, at) {
        None => true,
        Some(Bound::Import(import)) => matches!(import.module.as_str(), "rich" | "pprint"),
        Some(_) => false,
    };
    match &call.callee {
        Expr::Name(name, _) => {
            // `print(…, file=handle)` writes a file (a generated `.env`), not a log.
            let to_a_file = call.keyword("file").is_some_and(|f| {
                !matches!(f.dotted().as_deref(), Some(["sys", "stdout" | "stderr"]))
            });
            module.family() == Family::Python
                && matches!(name.as_str(), "print" | "pprint" | "pp" | "rprint")
                && builtin(name)
                && !to_a_file
        }
        Expr::Attr { object, name, .. } => {
            let method = name.as_str();
            // `logging.getLogger(__name__).info(…)`
            if let Expr::Call(inner) = &**object {
                let factory = match &inner.callee {
                    Expr::Attr { name, .. } | Expr::Name(name, _) => name.as_str(),
                    _ => "",
                };
                return matches!(factory, "getLogger" | "get_logger" | "getChild")
                    && LOGGER_METHODS.contains(&method);
            }
            let Some(path) = object.dotted() else {
                return false;
            };
            match path.as_slice() {
                ["console"] => CONSOLE_METHODS.contains(&method) && builtin("console"),
                ["warnings"] => method == "warn",
                ["sys" | "process", "stdout" | "stderr"] => method == "write",
                ["pprint"] => matches!(method, "pprint" | "pp"),
                ["rich"] => method == "print",
                [.., receiver] => LOGGER_METHODS.contains(&method) && names_a_logger(receiver),
                [] => false,
            }
        }
        _ => false,
    }
}

/// `logger`, `logging`, `log`, `_LOGGER`, `appLogger`; not `dialog`, `catalog`, `blog`.
fn names_a_logger(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("log")
        && ![
            "dialog",
            "catalog",
            "blog",
            "changelog",
            "backlog",
            "login",
            "logout",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// Public keys read in browser code: identifiers and strings naming an environment variable
/// with a bundler prefix whose name says it holds the OpenRouter key, outside comments.
pub fn public_keys_in_code(
    text: &str,
    comments: &[Comment],
    prose: &[std::ops::Range<usize>],
) -> Vec<ExposedKey> {
    static PUBLIC_NAME: LazyLock<Regex> = LazyLock::new(|| {
        let prefixes: Vec<String> = PUBLIC_PREFIXES.iter().map(|p| regex::escape(p)).collect();
        Regex::new(&format!(r"\b(?:{})[A-Za-z0-9_]*", prefixes.join("|"))).expect("valid")
    });
    PUBLIC_NAME
        .find_iter(text)
        .filter(|m| names_an_openrouter_key(m.as_str()))
        .filter(|m| !comments.iter().any(|c| c.range.contains(&m.start())))
        .filter(|m| !prose.iter().any(|s| s.contains(&m.start())))
        .map(|m| ExposedKey {
            range: m.range(),
            exposure: Exposure::PublicEnv {
                name: m.as_str().to_string(),
            },
        })
        .collect()
}

/// Public keys set in a `.env` file: `NEXT_PUBLIC_OPENROUTER_API_KEY=…`, set or empty.
/// In an example file (`.env.example`, `.env.sample`, `.env.template`), a placeholder value
/// shows the variable's name, not a key: nothing is exposed yet.
pub fn public_keys_in_env_file(path: &str, text: &str) -> Vec<ExposedKey> {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let example = ["example", "sample", "template", "dist"]
        .iter()
        .any(|w| name.contains(w));
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let (body, skipped) = match trimmed.strip_prefix("export ") {
            Some(rest) => (rest.trim_start(), trimmed.len() - rest.trim_start().len()),
            None => (trimmed, 0),
        };
        let Some((name, value)) = body.split_once('=') else {
            continue;
        };
        let name = name.trim_end();
        if example && is_placeholder(value) {
            continue;
        }
        if public_prefix(name).is_some() && names_an_openrouter_key(name) {
            let at = start + indent + skipped;
            out.push(ExposedKey {
                range: at..at + name.len(),
                exposure: Exposure::PublicEnv {
                    name: name.to_string(),
                },
            });
        }
    }
    out
}

/// A value that stands for a key to be filled in: empty, `<…>`, `your_…_key`, `xxx`, `...`,
/// `changeme`.
fn is_placeholder(value: &str) -> bool {
    let value = value
        .split(" #")
        .next()
        .unwrap_or(value)
        .trim()
        .trim_matches(['"', '\'']);
    let lower = value.to_ascii_lowercase();
    value.is_empty()
        || (value.starts_with('<') && value.ends_with('>'))
        || (value.starts_with("${") && value.ends_with('}'))
        || [
            "your",
            "here",
            "changeme",
            "change_me",
            "placeholder",
            "replace",
            "xxx",
            "...",
            "todo",
        ]
        .iter()
        .any(|w| lower.contains(w))
        || value
            .chars()
            .all(|c| matches!(c, 'x' | 'X' | '*' | '.' | '-' | '_'))
}

/// Whether a file only ever runs on the server by its framework's convention (SvelteKit's
/// `+server.ts`, `+page.server.ts`, `hooks.server.ts`, `$lib/server/`; Next.js API routes
/// under `pages/api/` and `app/**/route.ts`): a public variable read there is not inlined into
/// a browser bundle by that read.
pub fn is_server_only(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let name = path.rsplit('/').next().unwrap_or(&path);
    let stem = name.split('.').next().unwrap_or(name);
    name.contains(".server.")
        || stem == "+server"
        || path.contains("/lib/server/")
        || path.contains("/pages/api/")
        || (path.contains("/app/") && stem == "route")
}

/// Whether a file is an environment file (`.env`, `.env.local`, `production.env`).
pub fn is_env_file(path: &str) -> bool {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

/// What carries the key into a log message.
struct Hit {
    /// Where the key comes from, for messages: ``from `OPENROUTER_API_KEY` ``,
    /// ``in `settings.openrouter_api_key` ``, ``the client's `api_key` ``.
    key: String,
    partial: bool,
    read_at: Option<Span>,
}

/// Follows an expression back to the key, through the module's bindings.
struct KeyWalker<'e, 'a> {
    ev: &'e Evaluator<'a>,
    /// Environment variables this file gives OpenRouter as a key.
    key_envs: &'e HashSet<String>,
    /// Bindings being followed (scope start, position): cycles end here.
    seen: RefCell<HashSet<(usize, usize)>>,
}

const MAX_WALK_DEPTH: u32 = 24;

/// String methods whose result is (a copy of) the string they are called on.
const PRESERVING_METHODS: &[&str] = &[
    "strip",
    "lstrip",
    "rstrip",
    "trim",
    "trimStart",
    "trimEnd",
    "upper",
    "lower",
    "casefold",
    "toUpperCase",
    "toLowerCase",
    "encode",
    "decode",
    "toString",
    "replace",
    "replaceAll",
    "removeprefix",
    "removesuffix",
    "ljust",
    "rjust",
    "center",
    "padStart",
    "padEnd",
    "valueOf",
];

impl KeyWalker<'_, '_> {
    fn text(&self) -> &str {
        &self.ev.module.text
    }

    fn key_in(&self, expr: &Expr, depth: u32) -> Option<Hit> {
        if depth > MAX_WALK_DEPTH {
            return None;
        }
        let depth = depth + 1;
        match expr {
            Expr::Name(name, span) => self.name(name, span, expr, depth),
            Expr::Attr { object, name, .. } => self.member(object, name, expr, depth),
            Expr::Index { object, index, .. } => {
                if let Expr::Str { value, .. } = &**index {
                    return self.member(object, value, expr, depth);
                }
                let hit = self.key_in(object, depth)?;
                let kept = match &**index {
                    Expr::Num(_) => Some(1),
                    other => slice_keeps(self.text().get(other.span()).unwrap_or("")),
                };
                (kept.is_none_or(|k| k > 4)).then_some(Hit {
                    partial: true,
                    ..hit
                })
            }
            Expr::Call(call) => self.call(call, expr, depth),
            Expr::Template { parts, .. } => parts.iter().find_map(|part| match part {
                TemplatePart::Expr(e) => self.key_in(e, depth),
                TemplatePart::Text(_) => None,
            }),
            Expr::Binary { left, right, .. } => self
                .key_in(left, depth)
                .or_else(|| self.key_in(right, depth)),
            Expr::Either { options: items, .. }
            | Expr::List { items, .. }
            | Expr::Formatted {
                operands: items, ..
            } => items.iter().find_map(|e| self.key_in(e, depth)),
            Expr::Object { entries, .. } => entries.iter().find_map(|entry| match entry {
                Entry::Pair { value, .. } | Entry::Spread(value) => self.key_in(value, depth),
                Entry::Computed(_) => None,
            }),
            // A literal key bound to a name (given to a client, or not): logging the name
            // logs the key.
            Expr::Str { value, .. } => hardcoded(value),
            _ => None,
        }
    }

    fn name(&self, name: &str, span: &Span, expr: &Expr, depth: u32) -> Option<Hit> {
        let bindings = &self.ev.module.program.bindings;
        let Some(binding) = bindings.lookup_binding(name, span.start) else {
            return names_an_openrouter_key(name).then(|| Hit {
                key: format!("in `{name}`"),
                partial: false,
                read_at: None,
            });
        };
        match &binding.bound {
            Bound::Value(value) => {
                if !self
                    .seen
                    .borrow_mut()
                    .insert((binding.scope.start, binding.at))
                {
                    return None;
                }
                if let Some(hit) = self.key_in(value, depth) {
                    return Some(hit);
                }
                // `headers["Authorization"] = f"Bearer {key}"` after the binding.
                for write in bindings.writes(name, binding, span.start) {
                    let (super::Applied::InOrder(Write::Set { value, .. })
                    | super::Applied::Maybe(Write::Set { value, .. })) = write
                    else {
                        continue;
                    };
                    if let Some(hit) = self.key_in(value, depth) {
                        return Some(hit);
                    }
                }
                self.named(name, expr)
            }
            Bound::Param { .. } | Bound::Import(_) => {
                self.value_hit(expr).or_else(|| self.named(name, expr))
            }
        }
    }

    /// `object.name`, `object["name"]`.
    fn member(&self, object: &Expr, name: &str, expr: &Expr, depth: u32) -> Option<Hit> {
        if let Expr::This(_) = object {
            let bindings = &self.ev.module.program.bindings;
            if let Some(value) = bindings.lookup_member(name, expr.span().start) {
                let at = value.span().start;
                if self.seen.borrow_mut().insert((at, usize::MAX)) {
                    if let Some(hit) = self.key_in(value, depth) {
                        return Some(hit);
                    }
                }
            }
        } else if let Some(value) = self.entry_of(object, name) {
            if let Some(hit) = self.key_in(value, depth) {
                return Some(hit);
            }
        }
        self.value_hit(expr).or_else(|| self.named(name, expr))
    }

    /// The entry `key` of an object written in this file (`headers.Authorization` where
    /// `headers = {...}`).
    fn entry_of<'p>(&'p self, object: &'p Expr, key: &str) -> Option<&'p Expr> {
        let object = match object {
            Expr::Name(name, span) => {
                match self.ev.module.program.bindings.lookup(name, span.start)? {
                    Bound::Value(expr) => expr,
                    _ => return None,
                }
            }
            other => other,
        };
        let Expr::Object { entries, .. } = object else {
            return None;
        };
        entries.iter().rev().find_map(|entry| match entry {
            Entry::Pair { key: k, value, .. } if k == key => Some(value),
            _ => None,
        })
    }

    fn call(&self, call: &Call, expr: &Expr, depth: u32) -> Option<Hit> {
        let args = || {
            call.args.iter().find_map(|arg| match arg {
                Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => {
                    self.key_in(e, depth)
                }
                Arg::Keyword { value, .. } => self.key_in(value, depth),
            })
        };
        match &call.callee {
            Expr::Attr { object, name, .. } => match name.as_str() {
                "slice" | "substring" | "substr" => {
                    let hit = self.key_in(object, depth)?;
                    let numbers: Vec<Option<i64>> = call
                        .args
                        .iter()
                        .map(|a| match a {
                            Arg::Positional(e) => self
                                .text()
                                .get(e.span())
                                .and_then(|t| t.trim().parse::<i64>().ok()),
                            _ => None,
                        })
                        .collect();
                    let kept = method_keeps(name, &numbers);
                    (kept.is_none_or(|k| k > 4)).then_some(Hit {
                        partial: true,
                        ..hit
                    })
                }
                "format" | "concat" | "join" | "dumps" | "stringify" | "pformat" => self
                    .key_in(object, depth)
                    .filter(|_| !matches!(name.as_str(), "dumps" | "stringify" | "pformat"))
                    .or_else(args),
                method if PRESERVING_METHODS.contains(&method) => self.key_in(object, depth),
                // `startswith`, `includes`, `count`, … answer questions about the key.
                _ => self.value_hit(expr),
            },
            Expr::Name(function, _) => match function.as_str() {
                "str" | "repr" | "String" | "ascii" | "format" => args(),
                "len" | "bool" | "Boolean" | "Number" | "hash" | "id" | "type" | "isinstance"
                | "int" | "callable" => None,
                _ => self.value_hit(expr),
            },
            _ => self.value_hit(expr),
        }
    }

    /// The evaluator's answer: an environment read of the key, a client's key, an imported
    /// constant holding either.
    fn value_hit(&self, expr: &Expr) -> Option<Hit> {
        let value = self.ev.eval(expr);
        self.value_is_key(&value)
    }

    fn value_is_key(&self, value: &Value) -> Option<Hit> {
        match value {
            Value::Env {
                name: Some(name),
                default,
                span,
            } => {
                if names_an_openrouter_key(name) || self.key_envs.contains(name) {
                    return Some(Hit {
                        key: format!("from `{name}`"),
                        partial: false,
                        read_at: Some(span.clone()),
                    });
                }
                default.as_deref().and_then(|d| self.value_is_key(d))
            }
            Value::Env {
                name: None,
                default: Some(default),
                ..
            } => self.value_is_key(default),
            Value::Method { client, path }
                if client.openrouter
                    && matches!(path.as_slice(), [p] if p == "api_key" || p == "apiKey") =>
            {
                Some(Hit {
                    key: format!("the client's `{}`", path[0]),
                    partial: false,
                    read_at: None,
                })
            }
            Value::Str {
                text,
                partial: false,
                ..
            } => hardcoded(text),
            Value::Object(obj) => obj.entries.iter().find_map(|e| self.value_is_key(&e.value)),
            Value::List { items, .. } => items.iter().find_map(|v| self.value_is_key(v)),
            _ => None,
        }
    }

    /// A name that says it holds the OpenRouter key, when its value is not a known literal.
    fn named(&self, name: &str, expr: &Expr) -> Option<Hit> {
        if !names_an_openrouter_key(name) {
            return None;
        }
        match self.ev.eval(expr) {
            Value::Str { partial: false, .. } | Value::Literal(_) | Value::Bool(..) => None,
            _ => Some(Hit {
                key: format!("in `{name}`"),
                partial: false,
                read_at: None,
            }),
        }
    }
}

/// A hit for a literal that holds a whole OpenRouter key (a module constant, a class field).
fn hardcoded(literal: &str) -> Option<Hit> {
    crate::secrets::contains_key(literal).then(|| Hit {
        key: "a hardcoded key".to_string(),
        partial: false,
        read_at: None,
    })
}

/// How many characters a Python slice (`:8`, `-4:`, `2:6`) keeps, when bounded.
fn slice_keeps(slice: &str) -> Option<usize> {
    let parts: Vec<&str> = slice.split(':').map(str::trim).collect();
    let number = |s: &str| -> Option<Option<i64>> {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse::<i64>().ok().map(Some)
        }
    };
    let (start, stop) = match parts.as_slice() {
        [start, stop] | [start, stop, _] => (number(start)?, number(stop)?),
        // An index, not a slice: one character (if it is a number).
        [index] => return number(index).flatten().map(|_| 1),
        _ => return None,
    };
    kept(start, stop)
}

/// Characters kept between `start` and `stop` (negative counts from the end), when that
/// does not depend on the string's length.
fn kept(start: Option<i64>, stop: Option<i64>) -> Option<usize> {
    match (start, stop) {
        (None | Some(0), Some(stop)) if stop >= 0 => Some(stop as usize),
        (Some(start), None) if start < 0 => Some(start.unsigned_abs() as usize),
        (Some(start), Some(stop)) if (start >= 0) == (stop >= 0) => {
            Some(stop.saturating_sub(start).max(0) as usize)
        }
        _ => None,
    }
}

/// Characters `slice`/`substring`/`substr` keep, when bounded.
fn method_keeps(method: &str, args: &[Option<i64>]) -> Option<usize> {
    match (method, args) {
        ("substr", [Some(start), Some(len)]) if *start >= 0 || *len >= 0 => {
            Some((*len).max(0) as usize)
        }
        ("substr", [Some(start)]) if *start < 0 => Some(start.unsigned_abs() as usize),
        ("substring", [Some(a), Some(b)]) => Some(a.max(&0).abs_diff(*b.max(&0)) as usize),
        ("slice", [Some(start)]) => kept(Some(*start), None),
        ("slice", [Some(start), Some(stop)]) => kept(Some(*start), Some(*stop)),
        _ => None,
    }
}

/// Keys assembled at run time from pieces written in this file: `PREFIX + "3f9a…"`,
/// `"".join([...])`, `"{}{}".format(...)`, `"%s%s" % (...)`, templates, `[...].join("")`,
/// `a.concat(b)`. Each is found where it is assembled; its parts are the literals the key's
/// characters are written in (here, or in a constant of this file it reads), so every
/// snippet masks them. A key written whole in one literal is the text scan's.
pub fn built_keys(module: &Arc<Module>, env: &dyn Environment) -> Vec<crate::secrets::FoundKey> {
    let text = &module.text;
    if memchr::memmem::find(text.as_bytes(), b"sk-or-").is_none() {
        return Vec::new();
    }
    let budget = Budget::with_limit(2_000);
    let ev = Evaluator::new(module, env, &budget);
    let program = &module.program;
    let mut composites: Vec<&Expr> = Vec::new();
    for (_, binding) in program.bindings.all() {
        if let Bound::Value(expr) = &binding.bound {
            composites_in(expr, &mut composites);
        }
    }
    for (_, expr) in program.bindings.all_members() {
        composites_in(expr, &mut composites);
    }
    for function in program.functions.values() {
        for returned in &function.returns {
            composites_in(returned, &mut composites);
        }
    }
    for candidate in program.candidates.iter().chain(&program.log_calls) {
        composites_in_call(&candidate.call, &mut composites);
    }
    composites.sort_by_key(|e| (e.span().start, std::cmp::Reverse(e.span().end)));
    composites.dedup_by(|a, b| a.span() == b.span());
    let mut found = Vec::new();
    let mut covered_until = 0;
    for expr in composites {
        let span = expr.span();
        // Inside one already evaluated (a binding's value that is also a call argument).
        if span.start < covered_until {
            continue;
        }
        budget.reset();
        let Value::Str { text: value, .. } = ev.eval(expr) else {
            continue;
        };
        let keys = crate::secrets::whole_keys_in(&value);
        if keys.is_empty() {
            continue;
        }
        covered_until = span.end;
        let mut literals = Vec::new();
        literals_in(module, expr, 0, &mut literals);
        for key in keys {
            let mut parts = Vec::new();
            for (content, range) in &literals {
                if content.is_empty() || !key.contains(content.as_str()) {
                    continue;
                }
                // Where the literal's characters are written (none when escapes differ).
                let Some(at) = text
                    .get(range.clone())
                    .and_then(|t| t.find(content.as_str()))
                else {
                    continue;
                };
                let start = range.start + at;
                let offset = key.find(content.as_str()).unwrap_or(0);
                parts.push(crate::secrets::SecretPart::of_key(
                    start,
                    start + content.len(),
                    offset,
                ));
            }
            // Written whole in one literal: the text scan finds it there.
            if parts.is_empty() || parts.iter().any(|p| p.end - p.start == key.len()) {
                continue;
            }
            parts.sort_by_key(|p| p.start);
            parts.dedup_by_key(|p| p.start);
            crate::secrets::remember_parts(text, &parts);
            found.push(crate::secrets::FoundKey {
                anchor: span.clone(),
                parts,
                redacted: crate::secrets::redact_key(&key),
            });
        }
    }
    found
}

/// Expressions that build a string from parts.
fn is_composite(expr: &Expr) -> bool {
    match expr {
        Expr::Binary {
            op: super::ir::BinOp::Add,
            ..
        }
        | Expr::Template { .. }
        | Expr::Formatted { .. } => true,
        Expr::Call(call) => matches!(
            &call.callee,
            Expr::Attr { name, .. } if matches!(name.as_str(), "join" | "format" | "concat")
        ),
        _ => false,
    }
}

/// The outermost string-building expressions in `expr`.
fn composites_in<'p>(expr: &'p Expr, out: &mut Vec<&'p Expr>) {
    if is_composite(expr) {
        out.push(expr);
        return;
    }
    match expr {
        Expr::Call(call) => composites_in_call(call, out),
        Expr::Attr { object, .. } => composites_in(object, out),
        Expr::Index { object, index, .. } => {
            composites_in(object, out);
            composites_in(index, out);
        }
        Expr::Object { entries, .. } => {
            for entry in entries {
                if let Entry::Pair { value, .. } | Entry::Spread(value) = entry {
                    composites_in(value, out);
                }
            }
        }
        Expr::List { items, .. } | Expr::Either { options: items, .. } => {
            items.iter().for_each(|e| composites_in(e, out))
        }
        Expr::Binary { left, right, .. } => {
            composites_in(left, out);
            composites_in(right, out);
        }
        _ => {}
    }
}

fn composites_in_call<'p>(call: &'p Call, out: &mut Vec<&'p Expr>) {
    composites_in(&call.callee, out);
    for arg in &call.args {
        match arg {
            Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => composites_in(e, out),
            Arg::Keyword { value, .. } => composites_in(value, out),
        }
    }
}

/// The string literals `expr` is built from: its own, and those of the constants of this
/// file it names (a few levels deep), as (decoded text, span of the literal).
fn literals_in(module: &Module, expr: &Expr, depth: u32, out: &mut Vec<(String, Span)>) {
    if depth > 4 || out.len() > 256 {
        return;
    }
    match expr {
        Expr::Str { value, span } => out.push((value.clone(), span.clone())),
        Expr::Name(name, span) => {
            if let Some(Bound::Value(bound)) = module.program.bindings.lookup(name, span.start) {
                literals_in(module, bound, depth + 1, out);
            }
        }
        Expr::Call(call) => {
            literals_in(module, &call.callee, depth, out);
            for arg in &call.args {
                match arg {
                    Arg::Positional(e) | Arg::Spread(e) | Arg::KeywordSpread(e) => {
                        literals_in(module, e, depth, out)
                    }
                    Arg::Keyword { value, .. } => literals_in(module, value, depth, out),
                }
            }
        }
        Expr::Attr { object, .. } => literals_in(module, object, depth, out),
        Expr::List { items, .. }
        | Expr::Either { options: items, .. }
        | Expr::Formatted {
            operands: items, ..
        } => items
            .iter()
            .for_each(|e| literals_in(module, e, depth, out)),
        // The text of a template or f-string is found within the template's own source.
        Expr::Template { parts, span } => {
            for part in parts {
                match part {
                    TemplatePart::Expr(e) => literals_in(module, e, depth, out),
                    TemplatePart::Text(t) => out.push((t.clone(), span.clone())),
                }
            }
        }
        Expr::Binary { left, right, .. } => {
            literals_in(module, left, depth, out);
            literals_in(module, right, depth, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        for name in [
            "OPENROUTER_API_KEY",
            "openRouterApiKey",
            "openrouter_key_2",
            "OPENROUTER_KEY",
        ] {
            assert!(names_an_openrouter_key(name), "{name}");
        }
        for name in [
            "OPENROUTER_MODEL",
            "OPENROUTER_API_KEY_ENV",
            "has_openrouter",
            "API_KEY",
        ] {
            assert!(!names_an_openrouter_key(name), "{name}");
        }
        assert_eq!(
            public_prefix("NEXT_PUBLIC_OPENROUTER_API_KEY"),
            Some("NEXT_PUBLIC_")
        );
        assert_eq!(public_prefix("OPENROUTER_API_KEY"), None);
    }

    #[test]
    fn slices() {
        assert_eq!(slice_keeps(":8"), Some(8));
        assert_eq!(slice_keeps(":4"), Some(4));
        assert_eq!(slice_keeps("-4:"), Some(4));
        assert_eq!(slice_keeps("2:6"), Some(4));
        assert_eq!(slice_keeps(":-4"), None);
        assert_eq!(slice_keeps("4:"), None);
        assert_eq!(slice_keeps("i"), None);
        assert_eq!(method_keeps("slice", &[Some(0), Some(10)]), Some(10));
        assert_eq!(method_keeps("slice", &[Some(-4)]), Some(4));
        assert_eq!(method_keeps("substring", &[Some(0), Some(4)]), Some(4));
        assert_eq!(method_keeps("substr", &[Some(0), Some(6)]), Some(6));
        assert_eq!(method_keeps("slice", &[Some(4)]), None);
    }

    #[test]
    fn placeholders() {
        for key in [
            "",
            "short",
            "your-openrouter-key-here",
            "sk-or-v1-xxxxxxxxxxxxxxxxxxxx",
            "sk-or-v1-................",
            "<OPENROUTER_API_KEY>",
            "${OPENROUTER_API_KEY}",
            "OPENROUTER_API_KEY",
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            "dummy-key-1234567890abc",
            "my test key with spaces",
        ] {
            assert!(is_placeholder_key(key), "{key:?}");
        }
        // Assembled at run time: no key-shaped literal in the source.
        let real: String = ["q7Lm", "Zp3R", "tY8v", "Kd2W", "nB5x"].concat();
        assert!(!is_placeholder_key(&real));
        assert_eq!(redact_literal(&real), "q7Lm…nB5x");
    }

    #[test]
    fn env_files() {
        let text = "A=1\nexport VITE_OPENROUTER_API_KEY=\n# NEXT_PUBLIC_OPENROUTER_API_KEY=x\nNEXT_PUBLIC_OPENROUTER_MODEL=a/b\n";
        let found = public_keys_in_env_file(".env", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "VITE_OPENROUTER_API_KEY");
        assert!(is_env_file("web/.env.local") && is_env_file(".env") && !is_env_file("env.py"));
    }
}
