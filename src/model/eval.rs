//! Resolving expressions to values, through the bindings of a file and, where it imports
//! them, of the other files of the project.
//!
//! Values are resolved through local variables and module constants, `dict(...)`, object
//! spreads and `**` splats, environment reads with literal defaults, string concatenation and
//! f-strings/templates, in-place writes to objects, and across files through imports
//! (`imports.rs`), calls of the project's own functions and classes
//! (`calls.rs`). Anything that depends on a value orlint cannot see (a parameter
//! nobody in view supplies, a third-party package, a run-time computation) is `Unknown`, and
//! the rules treat it as such.
//!
//! Values carry byte spans for the rules to anchor findings on. A value read from another
//! file (or from a helper evaluated for a caller) is *anchored*: every span it carries is the
//! span of the expression in the linted file that brought it in, so findings always point
//! into the file being linted.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use super::ir::{Arg, BinOp, Call, Entry, Expr, Span, TemplatePart};
use super::{Applied, Binding, Bound, Environment, Family, Module, Write};

/// Placeholder for a part of a string that is not known.
pub const HOLE: char = '\u{FFFC}';

/// How deep resolution may go (it also stops cycles such as `x = x + "a"` and import cycles).
const MAX_DEPTH: u32 = 48;

/// How many expressions one top-level question may evaluate: a bound on cost whatever the
/// project looks like (deeply composed helpers, import fans). Past it, values are `Unknown`.
pub const MAX_STEPS: u32 = 20_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string; `partial` when some parts are unknown (they read as [`HOLE`]).
    Str {
        text: String,
        span: Span,
        partial: bool,
        /// For a literal anchored here from another file (or a helper): where it is written.
        written: Option<Box<Written>>,
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
    /// any run-time value with a literal fallback (`base_url or "https://…"`, a parameter's
    /// default).
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
    /// A function of the project (helpers, factories, methods).
    Function(FnValue),
    /// A class of the project.
    Class(ClassValue),
    /// An object made by calling a class of the project.
    Instance(Instance),
    /// A file of the project imported as a whole (`import * as cfg`, `import app.config`).
    Module(ModuleRef),
    /// One of a few known forms, decided at run time (a ternary, `if`/`else` assignments, a
    /// factory's several returns): at most [`MAX_OPTIONS`], each known or not. Request sites
    /// never see one: they are judged once per alternative (see [`Choices`]).
    OneOf {
        options: Vec<Value>,
        span: Span,
    },
    Unknown(Span),
}

/// How many reads of branch-decided names may be evaluated inside one another.
const MAX_BRANCH_NESTING: u32 = 3;

/// How many forms one value may take before it is unknown.
pub const MAX_OPTIONS: usize = 8;

/// How many alternatives (combinations of choices) one call is judged in before the rest
/// are left unknown.
pub const MAX_WORLDS: usize = 32;

/// The choices made while one call is judged, one per value with several forms met on the
/// way, in the order evaluation meets them. Judging the call again with the next choices
/// enumerates its alternatives: evaluation is deterministic, so the n-th value met is the
/// same value in every pass up to the first choice that differs.
#[derive(Default)]
pub struct Choices {
    /// `(chosen, of)` per value met.
    path: std::cell::RefCell<Vec<(usize, usize)>>,
    position: Cell<usize>,
    active: Cell<bool>,
    /// The pass chose an option that is unknown.
    took_unknown: Cell<bool>,
    /// The pass read a member of `None`/`null`: a path that fails at run time.
    impossible: Cell<bool>,
    /// More values with several forms than are enumerated: some were unknown.
    overflow: Cell<bool>,
}

impl Choices {
    /// Starts enumerating the alternatives of one call.
    pub fn start(&self) {
        self.path.borrow_mut().clear();
        self.active.set(true);
        self.overflow.set(false);
        self.begin_pass();
    }

    pub fn stop(&self) {
        self.active.set(false);
        self.path.borrow_mut().clear();
    }

    pub fn begin_pass(&self) {
        self.position.set(0);
        self.took_unknown.set(false);
        self.impossible.set(false);
    }

    pub fn impossible(&self) -> bool {
        self.impossible.get()
    }

    pub fn took_unknown(&self) -> bool {
        self.took_unknown.get()
    }

    pub fn overflowed(&self) -> bool {
        self.overflow.get()
    }

    /// Moves to the next combination of choices; false when every one has been judged.
    pub fn next(&self) -> bool {
        let mut path = self.path.borrow_mut();
        path.truncate(self.position.get());
        while let Some((chosen, of)) = path.last_mut() {
            if *chosen + 1 < *of {
                *chosen += 1;
                return true;
            }
            path.pop();
        }
        false
    }

    /// Which of `of` options this pass takes: `None` when not enumerating, `Some(None)` past
    /// the bound.
    fn choose(&self, of: usize) -> Option<Option<usize>> {
        if !self.active.get() {
            return None;
        }
        let position = self.position.get();
        let mut path = self.path.borrow_mut();
        if position < path.len() {
            self.position.set(position + 1);
            return Some(Some(path[position].0.min(of - 1)));
        }
        // Each new choice at least doubles the passes: past this many, the rest is unknown.
        if path.iter().map(|(_, of)| *of).product::<usize>() * of > MAX_WORLDS {
            self.overflow.set(true);
            return Some(None);
        }
        path.push((0, of));
        self.position.set(position + 1);
        Some(Some(0))
    }
}

/// Where a literal string is written, when its value is anchored elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub module: ModuleRef,
    pub span: Span,
}

impl Written {
    pub fn location(&self) -> crate::facts::Location {
        let module = &self.module.0;
        crate::facts::Location::new(
            &module.shown,
            &module.path,
            &module.text,
            &module.index,
            self.span.clone(),
        )
    }
}

/// A project file inside a value. Two refer to the same module when they are the same
/// object: the project loads each file once per run.
#[derive(Clone)]
pub struct ModuleRef(pub Arc<Module>);

impl PartialEq for ModuleRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for ModuleRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// A function as a value: where it is defined, the argument values of the functions around
/// it (a closure sees its outer function's parameters), and the instance it is called on.
#[derive(Debug, Clone, PartialEq)]
pub struct FnValue {
    pub module: ModuleRef,
    pub start: usize,
    pub captured: Vec<Rc<Frame>>,
    /// Reached through an instance or `self`/`this`: a Python method's first parameter is
    /// that instance, not an argument.
    pub bound: bool,
    pub this: Option<Box<Instance>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassValue {
    pub module: ModuleRef,
    pub start: usize,
}

/// An instance of a project class, with the arguments its constructor received.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub class: ClassValue,
    pub constructor: Option<Rc<Frame>>,
    /// The arguments the base class's constructor received through `super`, for members it
    /// sets.
    pub base_constructor: Option<Rc<Frame>>,
    /// A subclass of a library client (`class Client extends OpenAI`): the client its base
    /// constructor builds, which answers for members the project class does not define.
    pub library: Option<Box<Client>>,
}

/// The argument values of one call of a project function, by parameter name. Arguments are
/// evaluated when first read: most never matter to a request.
#[derive(Debug)]
pub struct Frame {
    pub module: ModuleRef,
    pub function: usize,
    pub values: std::collections::HashMap<String, Argument>,
}

/// One argument: a value, or an expression to evaluate where the call was made.
#[derive(Debug)]
pub enum Argument {
    Ready(Value),
    Later {
        expr: Expr,
        context: Context,
        value: std::cell::RefCell<Option<Value>>,
        evaluating: Cell<bool>,
    },
}

impl Argument {
    pub fn later(expr: &Expr, context: Context) -> Argument {
        Argument::Later {
            expr: expr.clone(),
            context,
            value: std::cell::RefCell::new(None),
            evaluating: Cell::new(false),
        }
    }
}

impl Frame {
    /// The value of parameter `name`, evaluating its argument on first read.
    pub fn get(&self, name: &str, ev: &Evaluator<'_>) -> Option<Value> {
        match self.values.get(name)? {
            Argument::Ready(value) => Some(value.clone()),
            Argument::Later {
                expr,
                context,
                value,
                evaluating,
            } => {
                if let Some(known) = value.borrow().as_ref() {
                    return Some(known.clone());
                }
                if evaluating.replace(true) {
                    // Read while being evaluated: a cycle.
                    return Some(Value::Unknown(context.anchor.clone().unwrap_or(0..0)));
                }
                let result = ev.within(context).eval(expr);
                evaluating.set(false);
                *value.borrow_mut() = Some(result.clone());
                Some(result)
            }
        }
    }
}

/// Where an expression is evaluated: its module, the anchor for its spans, the argument
/// values of the calls around it and the instance `this` is.
#[derive(Debug, Clone)]
pub struct Context {
    pub module: Arc<Module>,
    pub anchor: Option<Span>,
    pub frames: Vec<Rc<Frame>>,
    pub this: Option<Instance>,
}

impl PartialEq for Frame {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
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
    /// When the object is exactly one object literal written in the linted file (only
    /// `key: value` entries, nothing merged into or written to it afterwards): the spans of
    /// its entries' values as written, in entry order. Fixes edit only such objects.
    pub written: Option<Vec<Span>>,
    /// The object is a call's keyword arguments (`name=value`, spanning the call).
    pub keyword_arguments: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjEntry {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
}

impl Obj {
    /// An empty, complete object.
    pub fn new(span: Span) -> Obj {
        Obj {
            entries: Vec::new(),
            span,
            complete: true,
            written: None,
            keyword_arguments: false,
        }
    }

    /// The value of `key`: `Some(Unknown)` when it may hide in an unresolved spread.
    pub fn get(&self, key: &str) -> Option<&ObjEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    pub fn has_unknown(&self) -> bool {
        !self.complete
    }

    /// Sets `path` (`["provider", "order"]`) to `value`, creating nothing it cannot see:
    /// a step through something that is not a known object makes that step unknown.
    fn set(&mut self, path: &[String], value: Value, key_span: Span) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        self.written = None;
        if rest.is_empty() {
            self.entries.retain(|e| e.key != *first);
            self.entries.push(ObjEntry {
                key: first.clone(),
                key_span,
                value,
            });
            return;
        }
        // Writing into a missing object fails at run time (KeyError, TypeError).
        if let Some(entry) = self.entries.iter_mut().rev().find(|e| e.key == *first) {
            match &mut entry.value {
                Value::Object(inner) => inner.set(rest, value, key_span),
                other => *other = Value::Unknown(key_span),
            }
        }
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
            | Value::OneOf { span, .. }
            | Value::Unknown(span) => span.clone(),
            Value::Object(obj) => obj.span.clone(),
            Value::Ref(_)
            | Value::Client(_)
            | Value::Method { .. }
            | Value::Function(_)
            | Value::Class(_)
            | Value::Instance(_)
            | Value::Module(_) => 0..0,
        }
    }

    /// For a literal (or an environment read's literal default) anchored here from another
    /// file: where it is written.
    pub fn written(&self) -> Option<&Written> {
        match self {
            Value::Str { written, .. } => written.as_deref(),
            Value::Env {
                default: Some(default),
                ..
            } => default.written(),
            _ => None,
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
    /// literal default (the issue's "literal default of an environment read").
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

    /// Something the code calls or reads members of, rather than data.
    fn is_object_like(&self) -> bool {
        matches!(
            self,
            Value::Ref(_)
                | Value::Client(_)
                | Value::Method { .. }
                | Value::Function(_)
                | Value::Class(_)
                | Value::Instance(_)
                | Value::Module(_)
        )
    }

    /// The fallback of `x ?? fallback` / `x or fallback` when `x` is a run-time value and the
    /// fallback is a client, function or module: `options.client ?? new OpenRouter(...)`,
    /// `(opts.fetchFn ?? fetch)(...)`. Anything else is returned as it is.
    pub fn or_fallback(self) -> Value {
        match self {
            Value::Env {
                name: None,
                default: Some(d),
                ..
            } if d.is_object_like() => *d,
            other => other,
        }
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

thread_local! {
    static CUT_SHORT: Cell<bool> = const { Cell::new(false) };
}

/// Whether evaluation ran out of depth or steps since the last call, and starts over.
pub fn take_cut_short() -> bool {
    CUT_SHORT.with(|cut| cut.replace(false))
}

/// Notes that a limit (calls nested too deep) left a value unknown.
pub(super) fn note_cut_short() {
    CUT_SHORT.with(|cut| cut.set(true));
}

/// State shared by an evaluator and the evaluators it starts for other files and calls.
pub struct Budget {
    /// At most this many steps per question.
    limit: u32,
    depth: Cell<u32>,
    steps: Cell<u32>,
    /// Nested calls of project functions being evaluated.
    calls: Cell<u32>,
    /// Parameters bound by the file's own calls are being looked up (never recursively).
    pub(super) probing: Cell<bool>,
    /// The alternatives of the call being judged.
    pub choices: Choices,
    /// Reads of names that branches decide, being evaluated inside one another.
    branch_depth: Cell<u32>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::with_limit(MAX_STEPS)
    }
}

impl Budget {
    /// A budget of `limit` steps per question, for questions that must stay cheap.
    pub fn with_limit(limit: u32) -> Budget {
        Budget {
            limit,
            depth: Cell::new(0),
            steps: Cell::new(0),
            calls: Cell::new(0),
            probing: Cell::new(false),
            choices: Choices::default(),
            branch_depth: Cell::new(0),
        }
    }

    /// Starts a new top-level question (one candidate call): a fresh step budget.
    pub fn reset(&self) {
        self.steps.set(0);
    }

    pub fn calls(&self) -> u32 {
        self.calls.get()
    }

    /// Steps the current question has taken.
    pub fn steps(&self) -> u32 {
        self.steps.get()
    }

    /// Runs `f` one call level deeper.
    pub fn nested<R>(&self, f: impl FnOnce() -> R) -> R {
        self.calls.set(self.calls.get() + 1);
        let out = f();
        self.calls.set(self.calls.get() - 1);
        out
    }
}

/// Resolves expressions of one module, in one context: the argument values of the functions
/// being evaluated (`frames`), the instance `this`/`self` is, and the anchor for spans.
pub struct Evaluator<'a> {
    pub module: &'a Arc<Module>,
    pub family: Family,
    pub env: &'a dyn Environment,
    pub budget: &'a Budget,
    /// When set, every span a value carries is this one (a value from another file, or from
    /// a helper evaluated for its caller).
    pub anchor: Option<Span>,
    pub frames: Vec<Rc<Frame>>,
    pub this: Option<Instance>,
}

impl<'a> Evaluator<'a> {
    pub fn new(module: &'a Arc<Module>, env: &'a dyn Environment, budget: &'a Budget) -> Self {
        Evaluator {
            module,
            family: module.family(),
            env,
            budget,
            anchor: None,
            frames: Vec::new(),
            this: None,
        }
    }

    /// Where this evaluator evaluates, to evaluate an expression there later.
    pub fn context(&self) -> Context {
        Context {
            module: Arc::clone(self.module),
            anchor: self.anchor.clone(),
            frames: self.frames.clone(),
            this: self.this.clone(),
        }
    }

    /// An evaluator for `context`, in this one's budget.
    pub fn within<'b>(&'b self, context: &'b Context) -> Evaluator<'b> {
        Evaluator {
            module: &context.module,
            family: context.module.family(),
            env: self.env,
            budget: self.budget,
            anchor: context.anchor.clone(),
            frames: context.frames.clone(),
            this: context.this.clone(),
        }
    }

    /// An evaluator for `module` in this one's budget, anchored for a value brought into the
    /// linted file at `use_span`.
    pub fn enter<'b>(&'b self, module: &'b Arc<Module>, use_span: &Span) -> Evaluator<'b> {
        Evaluator {
            module,
            family: module.family(),
            env: self.env,
            budget: self.budget,
            anchor: self.anchor_for(module, use_span),
            frames: Vec::new(),
            this: None,
        }
    }

    /// The anchor for values from `module` brought in at `use_span`: none within the same
    /// file (its spans are valid as they are), else the current anchor or `use_span`.
    pub fn anchor_for(&self, module: &Arc<Module>, use_span: &Span) -> Option<Span> {
        if Arc::ptr_eq(module, self.module) {
            self.anchor.clone()
        } else {
            Some(self.anchor.clone().unwrap_or_else(|| use_span.clone()))
        }
    }

    /// A span as values carry it here.
    pub fn span(&self, span: &Span) -> Span {
        self.anchor.clone().unwrap_or_else(|| span.clone())
    }

    /// A value that is one of `values`: the one this pass of the call being judged takes, or,
    /// outside a judgement, all of them. Equal forms count once; a value that is unknown in
    /// every form is unknown.
    pub fn alternatives(&self, values: Vec<Value>, span: &Span) -> Value {
        let mut distinct: Vec<Value> = Vec::new();
        for value in values {
            let value = match value {
                Value::OneOf { options, .. } => options,
                other => vec![other],
            };
            for value in value {
                if !distinct.iter().any(|known| same_form(known, &value)) {
                    distinct.push(value);
                }
            }
        }
        if distinct.iter().all(Value::is_unknown) || distinct.len() > MAX_OPTIONS {
            return Value::Unknown(self.span(span));
        }
        if distinct.len() == 1 {
            return distinct.pop().expect("one");
        }
        match self.budget.choices.choose(distinct.len()) {
            None => Value::OneOf {
                options: distinct,
                span: self.span(span),
            },
            Some(Some(chosen)) => {
                let value = distinct.swap_remove(chosen);
                if value.is_unknown() {
                    self.budget.choices.took_unknown.set(true);
                }
                value
            }
            Some(None) => {
                self.budget.choices.took_unknown.set(true);
                Value::Unknown(self.span(span))
            }
        }
    }

    pub fn eval(&self, expr: &Expr) -> Value {
        let depth = self.budget.depth.get();
        let steps = self.budget.steps.get();
        if depth >= MAX_DEPTH || steps >= self.budget.limit {
            // A cheap probe's small budget running out is expected; the full budget or the
            // depth running out means a value was left unknown because orlint stopped looking.
            if self.budget.limit == MAX_STEPS || depth >= MAX_DEPTH {
                CUT_SHORT.with(|cut| cut.set(true));
            }
            return Value::Unknown(self.span(&expr.span()));
        }
        self.budget.depth.set(depth + 1);
        self.budget.steps.set(steps + 1);
        let value = self.eval_inner(expr);
        self.budget.depth.set(depth);
        value
    }

    fn eval_inner(&self, expr: &Expr) -> Value {
        match expr {
            Expr::Str { value, span } => Value::Str {
                text: value.clone(),
                span: self.span(span),
                partial: false,
                written: self.anchor.is_some().then(|| {
                    Box::new(Written {
                        module: ModuleRef(Arc::clone(self.module)),
                        span: span.clone(),
                    })
                }),
            },
            Expr::Num(span) | Expr::Null(span) => Value::Literal(self.span(span)),
            Expr::Bool(b, span) => Value::Bool(*b, self.span(span)),
            Expr::Name(name, span) => self.eval_name(name, span),
            Expr::This(span) => match &self.this {
                Some(instance) => Value::Instance(instance.clone()),
                None => Value::Unknown(self.span(span)),
            },
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
                    span: self.span(span),
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
            Expr::Function(span) => Value::Function(FnValue {
                module: ModuleRef(Arc::clone(self.module)),
                start: span.start,
                captured: self.frames.clone(),
                bound: false,
                this: self.this.clone().map(Box::new),
            }),
            Expr::Class(span) => Value::Class(ClassValue {
                module: ModuleRef(Arc::clone(self.module)),
                start: span.start,
            }),
            Expr::Formatted { operands, span } => self.eval_percent(operands, span),
            // Which option runs is decided at run time: each is an alternative.
            Expr::Either { options, span } => {
                let values = options.iter().map(|o| self.eval(o)).collect();
                self.alternatives(values, span)
            }
            Expr::Other(span) => Value::Unknown(self.span(span)),
        }
    }

    fn eval_name(&self, name: &str, span: &Span) -> Value {
        let bindings = &self.module.program.bindings;
        let Some(binding) = bindings.lookup_binding(name, span.start) else {
            return Value::Ref(Ref {
                module: None,
                path: vec![name.to_string()],
            });
        };
        if let Some(reaching) = bindings.reaching(name, binding, span.start) {
            // Each alternative may read the name again through earlier branches (`p = {**p,
            // …}` in a chain of `if`s): past a few levels the value is unknown, not a tree
            // of evaluations that doubles with every level.
            let depth = self.budget.branch_depth.get();
            if depth >= MAX_BRANCH_NESTING {
                CUT_SHORT.with(|cut| cut.set(true));
                return Value::Unknown(self.span(span));
            }
            self.budget.branch_depth.set(depth + 1);
            let values = reaching
                .iter()
                .map(|b| match b {
                    Some(binding) => self.eval_binding(name, binding, span),
                    // Unbound on that path: `undefined`, or a `NameError`.
                    None => Value::Literal(self.span(span)),
                })
                .collect();
            self.budget.branch_depth.set(depth);
            return self.alternatives(values, span);
        }
        self.eval_binding(name, binding, span)
    }

    /// The value `binding` of `name` gives when read at `span`.
    pub(super) fn eval_binding(&self, name: &str, binding: &Binding, span: &Span) -> Value {
        let value = match &binding.bound {
            Bound::Value(expr) => self.eval(expr),
            Bound::Param { function, default } => self.param(name, *function, default, span),
            Bound::Import(import) => return self.import(import, span),
        };
        match value {
            Value::Object(obj) => Value::Object(self.apply_writes(name, binding, span, obj)),
            value => value,
        }
    }

    /// The object `name` holds at `span`, after the in-place writes that reach it there: a
    /// write in order replaces what it writes; one that may or may not have happened makes
    /// what it writes unknown.
    fn apply_writes(&self, name: &str, binding: &Binding, span: &Span, mut obj: Obj) -> Obj {
        for applied in self
            .module
            .program
            .bindings
            .writes(name, binding, span.start)
        {
            obj.written = None;
            match applied {
                Applied::InOrder(Write::Set {
                    path,
                    value,
                    target,
                }) => {
                    let value = self.eval(value);
                    obj.set(path, value, self.span(target));
                }
                Applied::InOrder(Write::SetDefault { key, value, target }) => {
                    if obj.get(key).is_none() {
                        let value = self.eval(value);
                        obj.set(std::slice::from_ref(key), value, self.span(target));
                    }
                }
                Applied::InOrder(Write::Merge(args)) => {
                    let merged = self.merged(args, span);
                    obj.complete &= merged.complete;
                    obj.entries.extend(merged.entries);
                }
                Applied::Maybe(Write::Set { path, target, .. }) => {
                    obj.set(path, Value::Unknown(self.span(target)), self.span(target));
                }
                Applied::Maybe(Write::SetDefault { key, .. }) => {
                    if obj.get(key).is_none() {
                        obj.complete = false;
                    }
                }
                Applied::InOrder(Write::Unknown)
                | Applied::Maybe(Write::Merge(_))
                | Applied::Maybe(Write::Unknown) => obj.complete = false,
            }
        }
        obj
    }

    /// The keys `update(...)`/`Object.assign` arguments add, as one object.
    fn merged(&self, args: &[Arg], span: &Span) -> Obj {
        let mut obj = Obj::new(self.span(span));
        for arg in args {
            match arg {
                Arg::Positional(expr) | Arg::KeywordSpread(expr) => {
                    self.spread_into(&mut obj, expr)
                }
                Arg::Keyword {
                    name,
                    name_span,
                    value,
                } => obj.entries.push(self.keyword(name, name_span, value)),
                Arg::Spread(_) => obj.complete = false,
            }
        }
        obj
    }

    /// A parameter's value: the argument of the call being evaluated, else what every call
    /// in this file passes, else its default as a run-time value's fallback.
    fn param(&self, name: &str, function: usize, default: &Option<Expr>, span: &Span) -> Value {
        for frame in self.frames.iter().rev() {
            if frame.function == function && Arc::ptr_eq(&frame.module.0, self.module) {
                return frame
                    .get(name, self)
                    .unwrap_or_else(|| Value::Literal(self.span(span)));
            }
        }
        if let Some(value) = self.param_from_callers(function, name) {
            return value;
        }
        match default {
            Some(default) => Value::Env {
                name: None,
                default: Some(Box::new(self.eval(default))),
                span: self.span(span),
            },
            None => self.annotated(function, name, span),
        }
    }

    /// A parameter nobody in view supplies, by its annotation: an instance of a project class
    /// (its fields as their defaults give them), or an HTTP client of a known type (whose
    /// requests go where their URLs say). Anything else is unknown.
    fn annotated(&self, function: usize, name: &str, span: &Span) -> Value {
        let unknown = Value::Unknown(self.span(span));
        let Some(annotation) = self.module.program.bindings.annotation(function, name) else {
            return unknown;
        };
        let outside = self.enter(self.module, &(0..0));
        match outside.eval(&annotation.clone()) {
            Value::Class(class) => Value::Instance(self.any_instance(&class)),
            annotation @ Value::Ref(_) if super::sites::is_http_client_type(&annotation) => {
                Value::Client(Client {
                    kind: ClientKind::Http,
                    openrouter: false,
                    base_path: None,
                })
            }
            _ => unknown,
        }
    }

    fn eval_attr(&self, object: &Expr, name: &str, span: &Span) -> Value {
        if let Expr::This(_) = object {
            if let Some(instance) = &self.this {
                return self.member(instance, name, span);
            }
            return match self.module.program.bindings.lookup_member(name, span.start) {
                Some(expr) => {
                    let expr = expr.clone();
                    bind_method(self.eval(&expr), None)
                }
                // Inherited: from the bases of the class around, as any instance has it.
                None => match self.class_at(span.start) {
                    Some(class) => {
                        let instance = self.any_instance(&class);
                        self.member(&instance, name, span)
                    }
                    None => Value::Unknown(self.span(span)),
                },
            };
        }
        // Module attributes assigned in this file (`openai.api_base = "…"`) are bindings too.
        if let Some(path) = object.dotted() {
            let dotted = format!("{}.{name}", path.join("."));
            if let Some(Bound::Value(expr)) =
                self.module.program.bindings.lookup(&dotted, span.start)
            {
                let expr = expr.clone();
                return self.eval(&expr);
            }
        }
        self.attr_of(self.eval(object), name, span)
    }

    /// `value.name`.
    pub fn attr_of(&self, value: Value, name: &str, span: &Span) -> Value {
        match value.or_fallback() {
            Value::Ref(mut r) => {
                // `process.env.X`, `import.meta.env.X`
                if r.module.is_none()
                    && (r.path == ["process", "env"] || r.path == ["import", "meta", "env"])
                {
                    return Value::Env {
                        name: Some(name.to_string()),
                        default: None,
                        span: self.span(span),
                    };
                }
                r.path.push(name.to_string());
                Value::Ref(r)
            }
            Value::Object(obj) => match obj.get(name) {
                Some(entry) => entry.value.clone(),
                None => Value::Unknown(self.span(span)),
            },
            Value::Client(client) => Value::Method {
                client,
                path: vec![name.to_string()],
            },
            Value::Method { client, mut path } => {
                path.push(name.to_string());
                Value::Method { client, path }
            }
            Value::Module(module) => self.export_of(&module.0, name, span),
            Value::Instance(instance) => self.member(&instance, name, span),
            Value::Class(class) => self.class_attribute(&class, name, span),
            // `None.chat` fails at run time: an alternative that reaches it never gets further.
            Value::Literal(_) => {
                self.budget.choices.impossible.set(true);
                Value::Unknown(self.span(span))
            }
            _ => Value::Unknown(self.span(span)),
        }
    }

    fn eval_index(&self, object: &Expr, index: &Expr, span: &Span) -> Value {
        let key = self.eval(index);
        let object = self.eval(object);
        match (&object, key.as_str()) {
            (Value::Ref(r), Some(name)) if is_environ(r) => Value::Env {
                name: Some(name.to_string()),
                default: None,
                span: self.span(span),
            },
            (Value::Object(_) | Value::Module(_) | Value::Instance(_), Some(name)) => {
                self.attr_of(object, name, span)
            }
            // `MODELS[i]`, `MODELS[Math.floor(Math.random() * MODELS.length)]`: one of them.
            (Value::List { .. }, None) => object,
            _ => Value::Unknown(self.span(span)),
        }
    }

    fn eval_object(&self, entries: &[Entry], span: &Span) -> Obj {
        let mut obj = Obj::new(self.span(span));
        if self.anchor.is_none() {
            obj.written = entries
                .iter()
                .map(|entry| match entry {
                    Entry::Pair { value, .. } => Some(value.span()),
                    Entry::Spread(_) | Entry::Computed(_) => None,
                })
                .collect();
        }
        for entry in entries {
            match entry {
                Entry::Pair {
                    key,
                    key_span,
                    value,
                } => obj.entries.push(ObjEntry {
                    key: key.clone(),
                    key_span: self.span(key_span),
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
            span: self.span(span),
            partial,
            written: None,
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
                        span: self.span(span),
                    },
                    Value::Str { .. }
                    | Value::Object(_)
                    | Value::Client(_)
                    | Value::Function(_)
                    | Value::Instance(_)
                    | Value::Module(_) => l,
                    // `options.client ?? new OpenRouter(...)`: the client the code shows.
                    _ if r.is_object_like() => r,
                    _ => Value::Env {
                        name: None,
                        default: Some(Box::new(r)),
                        span: self.span(span),
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
                    return Value::Unknown(self.span(span));
                }
                let (a, pa) = piece(&l);
                let (b, pb) = piece(&r);
                Value::Str {
                    text: a + &b,
                    span: self.span(span),
                    partial: pa || pb,
                    written: None,
                }
            }
        }
    }

    /// A piece of a string being built: its text, or a hole, and whether it is partial.
    fn piece(&self, value: &Value) -> (String, bool) {
        match value.literal_or_default() {
            Some((text, _)) => (
                text.to_string(),
                matches!(value, Value::Str { partial: true, .. }),
            ),
            None => (HOLE.to_string(), true),
        }
    }

    /// A string built from known text and pieces (`partial` when some are holes).
    fn built(&self, text: String, partial: bool, span: &Span) -> Value {
        Value::Str {
            text,
            span: self.span(span),
            partial,
            written: None,
        }
    }

    /// `items` joined with `separator` (a piece: its text, and whether it is partial).
    fn joined(
        &self,
        items: &[Value],
        separator: (String, bool),
        complete: bool,
        span: &Span,
    ) -> Value {
        let (separator, mut partial) = separator;
        let pieces: Vec<String> = items
            .iter()
            .map(|item| {
                let (text, hole) = self.piece(item);
                partial |= hole;
                text
            })
            .collect();
        self.built(pieces.join(&separator), partial || !complete, span)
    }

    /// `"fmt %s %s" % (a, b)`: `%s` (and `%r`, `%d`) take the operands in order, `%%` is a
    /// percent sign; anything else (`%(name)s`, widths) is a hole.
    fn eval_percent(&self, operands: &[Expr], span: &Span) -> Value {
        let Some((format, args)) = operands.split_first() else {
            return Value::Unknown(self.span(span));
        };
        let Some(format) = self.eval(format).as_str().map(str::to_string) else {
            return Value::Unknown(self.span(span));
        };
        let mut args = args.iter();
        let (mut text, mut partial) = (String::new(), false);
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                text.push(c);
                continue;
            }
            match chars.next() {
                Some('%') => text.push('%'),
                Some('s' | 'r' | 'd' | 'i') => {
                    let (piece, hole) = match args.next() {
                        Some(arg) => self.piece(&self.eval(arg)),
                        None => (HOLE.to_string(), true),
                    };
                    text.push_str(&piece);
                    partial |= hole;
                }
                _ => {
                    text.push(HOLE);
                    partial = true;
                }
            }
        }
        self.built(text, partial, span)
    }

    /// `reference` resolved against `base` as a browser does (`slash`: as `os.path.join`
    /// does, which treats the base as a directory). A base that is an environment read is
    /// joined with its default; one with unknown parts keeps what is known of it.
    fn url_joined(&self, base: Value, reference: &Value, slash: bool, span: &Span) -> Value {
        let Some((reference, false)) = reference.literal_or_default().map(|(t, _)| {
            (
                t.to_string(),
                matches!(reference, Value::Str { partial: true, .. }),
            )
        }) else {
            return Value::Unknown(span.clone());
        };
        let join = |base: &str| -> String {
            if base.contains(HOLE) {
                return format!("{base}{HOLE}");
            }
            let base = if slash && !base.ends_with('/') {
                format!("{base}/")
            } else {
                base.to_string()
            };
            match url::Url::parse(&base).and_then(|b| b.join(&reference)) {
                Ok(joined) => joined.to_string(),
                Err(_) => format!("{base}{HOLE}"),
            }
        };
        match base {
            Value::Str { .. } | Value::Env { .. } => {
                let joined = map_text(base, &join);
                match joined {
                    Value::Str { text, .. } if text.contains(HOLE) => Value::Str {
                        text,
                        span: span.clone(),
                        partial: true,
                        written: None,
                    },
                    Value::Str { text, .. } => Value::Str {
                        text,
                        span: span.clone(),
                        partial: false,
                        written: None,
                    },
                    other => other,
                }
            }
            _ => Value::Unknown(span.clone()),
        }
    }

    /// `base.rstrip("/")`, `.strip()`, `.removesuffix("/")`, `.trim()`, `.trimEnd()`,
    /// `.replace(/\/+$/, "")`: what a URL's end loses (its host stays). An environment
    /// read's default is trimmed the same way.
    fn trimmed(&self, object: &Expr, name: &str, call: &Call) -> Option<Value> {
        let literal = |i: usize| match call.positional(i) {
            Some(Expr::Str { value, .. }) => Some(value.as_str()),
            _ => None,
        };
        let op: Box<dyn Fn(&str) -> String> = match name {
            "strip" | "rstrip" | "lstrip" if self.family == Family::Python => {
                let chars: Vec<char> = match call.positional(0) {
                    None => Vec::new(),
                    Some(_) => literal(0)?.chars().collect(),
                };
                let name = name.to_string();
                Box::new(move |text: &str| {
                    let strip = |c: char| {
                        if chars.is_empty() {
                            c.is_whitespace()
                        } else {
                            chars.contains(&c)
                        }
                    };
                    match name.as_str() {
                        "rstrip" => text.trim_end_matches(strip),
                        "lstrip" => text.trim_start_matches(strip),
                        _ => text.trim_matches(strip),
                    }
                    .to_string()
                })
            }
            "removesuffix" if self.family == Family::Python => {
                let suffix = literal(0)?.to_string();
                Box::new(move |text: &str| text.strip_suffix(&*suffix).unwrap_or(text).to_string())
            }
            "trim" | "trimEnd" | "trimStart" if self.family == Family::EcmaScript => {
                let name = name.to_string();
                Box::new(move |text: &str| {
                    match name.as_str() {
                        "trimEnd" => text.trim_end(),
                        "trimStart" => text.trim_start(),
                        _ => text.trim(),
                    }
                    .to_string()
                })
            }
            // Only the trailing-slash patterns: any other replacement may change the host.
            "replace" | "replaceAll" if self.family == Family::EcmaScript => {
                let pattern = call.positional(0)?;
                let source = self.module.text.get(pattern.span())?;
                if !matches!(
                    source,
                    r"/\/$/" | r"/\/+$/" | r"/\/*$/" | r"/\/+$/g" | r"/\/$/g"
                ) || literal(1) != Some("")
                {
                    return None;
                }
                Box::new(|text: &str| text.trim_end_matches('/').to_string())
            }
            _ => return None,
        };
        Some(map_text(self.eval(object), &*op))
    }

    /// String methods whose result orlint computes: `sep.join([...])` and
    /// `[...].join(sep)`, `"{}{0}{name}".format(...)`, `a.concat(b)`. `None` for any other
    /// call (and for these on something that is not a known string or list).
    fn string_method(&self, call: &Call) -> Option<Value> {
        let Expr::Attr { object, name, .. } = &call.callee else {
            return None;
        };
        if let Some(trimmed) = self.trimmed(object, name, call) {
            return Some(trimmed);
        }
        if !matches!(name.as_str(), "join" | "format" | "concat") {
            return None;
        }
        let span = &call.span;
        let object = self.eval(object);
        match (name.as_str(), &object) {
            ("join", Value::Str { .. }) if self.family == Family::Python => {
                let separator = self.piece(&object);
                let Value::List {
                    items, complete, ..
                } = self.eval(call.positional(0)?)
                else {
                    return None;
                };
                Some(self.joined(&items, separator, complete, span))
            }
            (
                "join",
                Value::List {
                    items, complete, ..
                },
            ) if self.family == Family::EcmaScript => {
                let separator = match call.positional(0) {
                    Some(arg) => self.piece(&self.eval(arg)),
                    None => (",".to_string(), false),
                };
                Some(self.joined(items, separator, *complete, span))
            }
            ("format", Value::Str { .. }) if self.family == Family::Python => {
                let (format, partial) = self.piece(&object);
                Some(self.eval_format(&format, partial, call))
            }
            ("concat", Value::Str { .. }) if self.family == Family::EcmaScript => {
                let (mut text, mut partial) = self.piece(&object);
                for arg in &call.args {
                    let Arg::Positional(arg) = arg else {
                        return None;
                    };
                    let (piece, hole) = self.piece(&self.eval(arg));
                    text.push_str(&piece);
                    partial |= hole;
                }
                Some(self.built(text, partial, span))
            }
            _ => None,
        }
    }

    /// `format.format(...)`: `{}` takes the next positional argument, `{0}` one by index,
    /// `{name}` a keyword argument; `{{`/`}}` are braces; a field with a conversion or a
    /// format spec is a hole.
    fn eval_format(&self, format: &str, mut partial: bool, call: &Call) -> Value {
        let mut text = String::new();
        let mut next = 0;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let field: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let arg = if field.is_empty() {
                        next += 1;
                        call.positional(next - 1)
                    } else if let Ok(index) = field.parse::<usize>() {
                        call.positional(index)
                    } else if field.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        call.keyword(&field)
                    } else {
                        None
                    };
                    let (piece, hole) = match arg {
                        Some(arg) => self.piece(&self.eval(arg)),
                        None => (HOLE.to_string(), true),
                    };
                    text.push_str(&piece);
                    partial |= hole;
                }
                c => text.push(c),
            }
        }
        self.built(text, partial, &call.span)
    }

    /// A keyword argument as an object entry.
    pub fn keyword(&self, name: &str, name_span: &Span, value: &Expr) -> ObjEntry {
        ObjEntry {
            key: name.to_string(),
            key_span: self.span(name_span),
            value: self.eval(value),
        }
    }

    /// Keyword arguments of a call as an object (`f(a=1, **extra)`), for Python-style options.
    /// Written here (for fixes) when no spread hides arguments: its span is the call's.
    pub fn keywords(&self, call: &Call) -> Obj {
        let mut obj = Obj::new(self.span(&call.span));
        obj.keyword_arguments = true;
        if self.anchor.is_none() {
            obj.written = call
                .args
                .iter()
                .filter_map(|arg| match arg {
                    Arg::Keyword { value, .. } => Some(Some(value.span())),
                    Arg::Positional(_) => None,
                    Arg::Spread(_) | Arg::KeywordSpread(_) => Some(None),
                })
                .collect();
        }
        for arg in &call.args {
            match arg {
                Arg::Keyword {
                    name,
                    name_span,
                    value,
                } => obj.entries.push(self.keyword(name, name_span, value)),
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

    /// What a call's callee is: `super().__init__` and `super` are the base class of the
    /// class around the call.
    pub fn callee_of(&self, call: &Call) -> Value {
        if is_super_call(call) {
            return match self.base_of_class_at(call.span.start) {
                Some(base) => base,
                None => Value::Unknown(self.span(&call.span)),
            };
        }
        let callee = self.eval(&call.callee).or_fallback();
        // Calling `None`/`null` fails at run time: an alternative that does never gets further.
        if let Value::Literal(_) = callee {
            self.budget.choices.impossible.set(true);
        }
        callee
    }

    /// The innermost class of this module around `at`.
    fn class_at(&self, at: usize) -> Option<ClassValue> {
        let class = self
            .module
            .program
            .classes
            .values()
            .filter(|c| c.span.start <= at && at < c.span.end)
            .min_by_key(|c| c.span.len())?;
        Some(ClassValue {
            module: ModuleRef(Arc::clone(self.module)),
            start: class.span.start,
        })
    }

    /// The first base of the innermost class of this module around `at`.
    pub fn base_of_class_at(&self, at: usize) -> Option<Value> {
        self.base_of(&self.class_at(at)?)
    }

    fn eval_call(&self, call: &Call) -> Value {
        if let Some(value) = self.string_method(call) {
            return value;
        }
        let callee = self.callee_of(call);
        if let Some(value) = self.builtin(&callee, call) {
            return value;
        }
        if let Some(client) = super::sites::construct(self, &callee, call) {
            return Value::Client(client);
        }
        match &callee {
            // Methods that return their client: `client.with_options(...)`, `client.copy()`.
            Value::Method { client, path } => {
                if let [name] = path.as_slice() {
                    if matches!(name.as_str(), "with_options" | "copy" | "withOptions") {
                        return Value::Client(client.clone());
                    }
                }
                Value::Unknown(self.span(&call.span))
            }
            Value::Function(function) => self.call_function(function, call),
            Value::Class(class) => self.instantiate(class, call),
            _ => Value::Unknown(self.span(&call.span)),
        }
    }

    /// Calls whose result orlint can compute: environment reads, `dict(...)`, JSON encoding,
    /// string conversion, pydantic settings fields.
    fn builtin(&self, callee: &Value, call: &Call) -> Option<Value> {
        let Value::Ref(r) = callee else { return None };
        let span = self.span(&call.span);
        let path = r.full_path();
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["os", "getenv"]
            | ["os", "environ", "get"]
            | ["Deno", "env", "get"]
            | ["decouple", "config"] => {
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
            // `Field("https://…", alias="OPENROUTER_BASE_URL")` in a settings class: the
            // environment variable named by the alias, with the default.
            ["pydantic" | "pydantic_settings", .., "Field"] => {
                let default = call
                    .positional(0)
                    .or_else(|| call.keyword("default"))
                    .map(|e| self.eval(e))
                    .filter(|v| !matches!(v, Value::Unknown(_)));
                let alias = call
                    .keyword("alias")
                    .or_else(|| call.keyword("validation_alias"))
                    .and_then(|e| self.eval(e).as_str().map(str::to_string));
                Some(Value::Env {
                    name: alias,
                    default: default.map(Box::new),
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
            // `const [model, setModel] = useState("…")`: the state starts as the argument (and
            // the destructured names read the pair as a whole, see `eval_index`).
            ["react", "useState"] | ["solid-js", "createSignal"] => Some(Value::List {
                items: call
                    .positional(0)
                    .map(|e| self.eval(e))
                    .into_iter()
                    .collect(),
                span,
                complete: false,
            }),
            // `random.choice(MODELS)`: one of the list's items, so all of them.
            ["random" | "secrets", "choice"] => Some(
                call.positional(0)
                    .map_or(Value::Unknown(span), |e| self.eval(e)),
            ),
            // `urljoin(base, "chat/completions")`, `new URL("chat/completions", base)`,
            // `os.path.join(base, "chat/completions")`: the base's host, with the path.
            ["urllib", "parse", "urljoin"] | ["posixpath", "join"] | ["os", "path", "join"] => {
                let base = self.eval(call.positional(0)?);
                let reference = self.eval(call.positional(1)?);
                let slash = path[0] != "urllib";
                Some(self.url_joined(base, &reference, slash, &span))
            }
            ["URL"] if r.module.is_none() && call.is_new => {
                let reference = self.eval(call.positional(0)?);
                let base = self.eval(call.positional(1)?);
                Some(self.url_joined(base, &reference, false, &span))
            }
            ["json", "dumps"] | ["JSON", "stringify"] => Some(
                call.positional(0)
                    .map_or(Value::Unknown(span), |e| self.eval(e)),
            ),
            // `str(settings.base_url)`, `String(url)`: the same text.
            ["str"] | ["String"] if r.module.is_none() => {
                let value = call.positional(0).map(|e| self.eval(e))?;
                matches!(value, Value::Str { .. } | Value::Env { .. }).then_some(value)
            }
            _ => None,
        }
    }
}

/// `super().__init__(...)` (Python) or `super(...)` (JavaScript).
pub fn is_super_call(call: &Call) -> bool {
    match &call.callee {
        Expr::Name(name, _) => name == "super",
        Expr::Attr { object, name, .. } if name == "__init__" => {
            matches!(&**object, Expr::Call(inner) if matches!(&inner.callee, Expr::Name(n, _) if n == "super"))
        }
        _ => false,
    }
}

/// `value` with its text (or, for an environment read, its default's) changed by `op`.
fn map_text(value: Value, op: &dyn Fn(&str) -> String) -> Value {
    match value {
        Value::Str {
            text,
            span,
            partial,
            written,
        } => Value::Str {
            text: op(&text),
            span,
            partial,
            written,
        },
        Value::Env {
            name,
            default,
            span,
        } => Value::Env {
            name,
            default: default.map(|d| Box::new(map_text(*d, op))),
            span,
        },
        Value::OneOf { options, span } => Value::OneOf {
            options: options.into_iter().map(|o| map_text(o, op)).collect(),
            span,
        },
        other => other,
    }
}

/// Whether two values are the same form for the request model: the same client kind and
/// destination, string, function, instance's class, module or reference.
pub(super) fn same_form(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Client(a), Value::Client(b)) => {
            std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
                && a.openrouter == b.openrouter
                && a.base_path == b.base_path
        }
        (
            Value::Str {
                text: a,
                partial: pa,
                ..
            },
            Value::Str {
                text: b,
                partial: pb,
                ..
            },
        ) => a == b && pa == pb,
        (Value::Function(a), Value::Function(b)) => a.module == b.module && a.start == b.start,
        (Value::Instance(a), Value::Instance(b)) => a.class == b.class,
        (Value::Module(a), Value::Module(b)) => a == b,
        (Value::Ref(a), Value::Ref(b)) => a == b,
        (Value::Literal(_), Value::Literal(_)) | (Value::Unknown(_), Value::Unknown(_)) => true,
        (Value::Bool(a, _), Value::Bool(b, _)) => a == b,
        _ => false,
    }
}

/// A function read as a member of `self`/`this` or of an instance: a method bound to it.
pub(super) fn bind_method(value: Value, this: Option<&Instance>) -> Value {
    match value {
        Value::Function(mut f) => {
            f.bound = true;
            if let Some(this) = this {
                f.this = Some(Box::new(this.clone()));
            }
            Value::Function(f)
        }
        other => other,
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
    use crate::language::Language;
    use crate::model::NoProject;

    /// The value a module-level name has once the file has run.
    fn value_of(language: Language, text: &str, name: &str) -> Value {
        let program = crate::extract::program_of(language, text, &|_| false).expect("parses");
        let module = Arc::new(Module::new(
            "/project/file".into(),
            Arc::from("file"),
            program,
            Arc::from(text),
        ));
        let budget = Budget::default();
        let ev = Evaluator::new(&module, &NoProject, &budget);
        let end = text.len() + 1;
        let binding = module.program.bindings.module_level(name).expect("bound");
        ev.eval_binding(name, binding, &(end..end))
    }

    fn text(value: &Value) -> Option<&str> {
        value.literal_or_default().map(|(t, _)| t)
    }

    #[test]
    fn env_defaults_and_templates() {
        let src = "import os\nBASE = os.getenv('OR_BASE', 'https://openrouter.ai/api/v1')\nURL = f'{BASE}/chat/completions'\nPARTIAL = f'{param}/x'\n";
        let url = value_of(Language::Python, src, "URL");
        assert_eq!(
            url.as_str(),
            Some("https://openrouter.ai/api/v1/chat/completions")
        );
        let base = value_of(Language::Python, src, "BASE");
        assert!(matches!(&base, Value::Env { name: Some(n), .. } if n == "OR_BASE"));
        assert_eq!(text(&base), Some("https://openrouter.ai/api/v1"));
        // An unbound name is a global reference without a literal: the string is partial.
        assert!(matches!(
            value_of(Language::Python, src, "PARTIAL"),
            Value::Str { partial: true, .. }
        ));
    }

    #[test]
    fn in_place_writes_keep_what_is_known() {
        let src = "body = {'model': 'a/b', 'provider': {'order': ['x']}}\nbody['temperature'] = 0\nbody.update({'stream': True})\nbody['provider']['allow_fallbacks'] = False\n";
        let Value::Object(body) = value_of(Language::Python, src, "body") else {
            panic!("an object");
        };
        assert!(body.complete);
        assert!(body.get("stream").is_some() && body.get("temperature").is_some());
        let Some(Value::Object(provider)) = body.get("provider").map(|e| &e.value) else {
            panic!("provider stays an object");
        };
        let written = provider.get("allow_fallbacks").expect("written");
        assert!(matches!(written.value, Value::Bool(false, _)));
        // Findings about the written key point at the write.
        assert_eq!(
            &src[written.key_span.clone()],
            "body['provider']['allow_fallbacks']"
        );
        // Merging something unknown makes the object incomplete.
        let src = "body = {'model': 'a/b'}\nbody.update(extra)\n";
        assert!(matches!(value_of(Language::Python, src, "body"), Value::Object(o) if !o.complete));
        // A write to `provider` that does not resolve makes it unknown.
        let src = "const body = { model: 'a/b' };\nbody.provider = loadPrefs();\n";
        let Value::Object(body) = value_of(Language::TypeScript, src, "body") else {
            panic!("an object");
        };
        assert!(matches!(
            body.get("provider").map(|e| &e.value),
            Some(Value::Unknown(_))
        ));
    }

    #[test]
    fn factories_helpers_and_instances() {
        let src = "from openai import OpenAI\n\ndef get_client(base='https://openrouter.ai/api/v1'):\n    if False:\n        return None\n    return OpenAI(base_url=base)\n\nclient = get_client()\nother = get_client('https://api.openai.com/v1')\n\nclass Settings:\n    base_url = 'https://openrouter.ai/api/v1'\n    def __init__(self, model='m/x:free'):\n        self.model = model\n\nsettings = Settings()\nBASE = settings.base_url\nMODEL = settings.model\nMODEL2 = Settings(model='m/y').model\n";
        assert!(matches!(
            value_of(Language::Python, src, "client"),
            Value::Client(Client {
                openrouter: true,
                ..
            })
        ));
        assert!(matches!(
            value_of(Language::Python, src, "other"),
            Value::Client(Client {
                openrouter: false,
                ..
            })
        ));
        assert_eq!(
            text(&value_of(Language::Python, src, "BASE")),
            Some("https://openrouter.ai/api/v1")
        );
        assert_eq!(
            text(&value_of(Language::Python, src, "MODEL")),
            Some("m/x:free")
        );
        assert_eq!(
            text(&value_of(Language::Python, src, "MODEL2")),
            Some("m/y")
        );
    }

    #[test]
    fn fallbacks_choose_the_known_client() {
        let src = "import OpenAI from 'openai';\nfunction make(options) {\n  return options.client ?? new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' });\n}\nconst a = make({});\nconst f = (opts.fetchFn ?? fetch);\n";
        assert!(matches!(
            value_of(Language::TypeScript, src, "a"),
            Value::Client(Client {
                openrouter: true,
                ..
            })
        ));
        assert!(
            matches!(value_of(Language::TypeScript, src, "f").or_fallback(), Value::Ref(r) if r.path == ["fetch"])
        );
    }
}
