//! Calls of the project's own functions and classes: what a factory returns, what a helper's
//! parameters hold for one call, what an instance's members are.
//!
//! A call binds the callee's parameters to the caller's argument values in a [`Frame`]; the
//! callee's expressions are then evaluated with that frame (and, for a method, the instance
//! it is called on). Nesting is bounded, so recursion and deep call chains end in `Unknown`.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use super::eval::{
    Argument, ClassValue, Context, Evaluator, FnValue, Frame, Instance, ModuleRef, Obj, ObjEntry,
    Value, bind_method, is_super_call,
};
use super::ir::{Arg, Call, Expr, Span};
use super::{Bound, Function, Module, Param, ParamKind, ParamTarget, url};

/// How many project functions may be evaluated inside one another (the step budget bounds
/// what a fan of calls costs; this bounds a chain). Past it, values are unknown and, when
/// that decides a request, the file says so.
pub const MAX_CALLS: u32 = 12;

/// How far inherited members are looked for.
const MAX_BASES: u32 = 4;

impl Evaluator<'_> {
    /// What calling the project function `function` with `call`'s arguments returns: one of
    /// the values its `return`s give.
    pub(super) fn call_function(&self, function: &FnValue, call: &Call) -> Value {
        let unknown = Value::Unknown(self.span(&call.span));
        if self.budget.calls() >= MAX_CALLS {
            super::eval::note_cut_short();
            return unknown;
        }
        let module = &function.module.0;
        let Some(definition) = module.program.function(function.start) else {
            return unknown;
        };
        if definition.returns.is_empty() {
            return unknown;
        }
        let frame = self.bind_args(function, definition, call);
        let inner = self.inside(function, frame, &call.span);
        let mut nothing = None;
        let results: Vec<Value> = self.budget.nested(|| {
            let mut results = Vec::new();
            for (index, returned) in definition.returns.iter().enumerate() {
                // A return under a condition known to fail is never taken; one under
                // conditions known to hold is, and those after it are not reached.
                let guards = definition.guards.get(index).map_or(&[][..], Vec::as_slice);
                let holds: Vec<Option<bool>> = guards
                    .iter()
                    .map(|(condition, holds)| inner.truth(condition).map(|t| t == *holds))
                    .collect();
                if holds.contains(&Some(false)) {
                    continue;
                }
                let value = inner.eval(returned);
                // `return None` guards and cached singletons that start out empty.
                if matches!(value, Value::Literal(_)) {
                    nothing = Some(value);
                } else {
                    results.push(value);
                }
                if !holds.is_empty() && holds.iter().all(|h| *h == Some(true)) {
                    break;
                }
            }
            results
        });
        if results.is_empty() {
            // Only `None` comes back (on this path).
            return nothing.unwrap_or(unknown);
        }
        self.alternatives(results, &call.span)
    }

    /// Whether `condition` holds, when its value is known: a boolean or a string literal
    /// (a parameter's default when no caller passes one).
    fn truth(&self, condition: &Expr) -> Option<bool> {
        match self.eval(condition) {
            Value::Bool(b, _) => Some(b),
            Value::Str {
                text,
                partial: false,
                ..
            } => Some(!text.is_empty()),
            _ => None,
        }
    }

    /// An evaluator inside `function`, for a call of it at `call_span` whose arguments
    /// `frame` holds.
    pub fn inside<'b>(
        &'b self,
        function: &'b FnValue,
        frame: Rc<Frame>,
        call_span: &Span,
    ) -> Evaluator<'b> {
        let module = &function.module.0;
        let mut frames = function.captured.clone();
        frames.push(frame);
        Evaluator {
            module,
            family: module.family(),
            env: self.env,
            budget: self.budget,
            anchor: self.anchor_for(module, call_span),
            frames,
            this: function.this.as_deref().cloned(),
        }
    }

    /// Binds `definition`'s parameters to `call`'s arguments, to be evaluated here when read
    /// (so their spans are the caller's). A parameter the call does not supply takes its
    /// default; one that a spread may supply is unknown.
    pub fn bind_args(&self, function: &FnValue, definition: &Function, call: &Call) -> Rc<Frame> {
        let module = &function.module.0;
        let mut params: Vec<&Param> = definition.params.iter().collect();
        if definition.is_method && function.bound && !params.is_empty() {
            params.remove(0);
        }
        let caller = self.context();
        let callee = Context {
            module: Arc::clone(module),
            anchor: self.anchor_for(module, &call.span),
            frames: function.captured.clone(),
            this: function.this.as_deref().cloned(),
        };
        let mut bound = Binder {
            values: HashMap::new(),
            ev: self,
            callee: &callee,
        };
        let mut assigned = vec![false; params.len()];
        let mut positional = params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == ParamKind::Positional)
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
            .into_iter();
        let mut rest: Vec<&Expr> = Vec::new();
        let mut positions_unknown = false;
        let mut keywords_unknown = false;
        let mut extra: Vec<Supplied<'_>> = Vec::new();
        let named = |name: &str| {
            params.iter().position(|p| {
                matches!(&p.target, ParamTarget::Name(n) if n == name)
                    && matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly)
            })
        };
        for arg in &call.args {
            match arg {
                Arg::Positional(expr) => {
                    if positions_unknown {
                        continue;
                    }
                    match positional.next() {
                        Some(i) => {
                            bound.assign(params[i], Supplied::Expr(expr, &caller));
                            assigned[i] = true;
                        }
                        None => rest.push(expr),
                    }
                }
                Arg::Spread(_) => positions_unknown = true,
                Arg::Keyword {
                    name,
                    name_span,
                    value,
                } => match named(name) {
                    Some(i) => {
                        bound.assign(params[i], Supplied::Expr(value, &caller));
                        assigned[i] = true;
                    }
                    None => extra.push(Supplied::Keyword(name, name_span, value)),
                },
                Arg::KeywordSpread(expr) => match self.eval(expr) {
                    Value::Object(obj) => {
                        keywords_unknown |= !obj.complete;
                        for entry in obj.entries {
                            match named(&entry.key) {
                                Some(i) => {
                                    bound.assign(params[i], Supplied::Value(entry.value));
                                    assigned[i] = true;
                                }
                                None => extra.push(Supplied::Entry(entry)),
                            }
                        }
                    }
                    _ => keywords_unknown = true,
                },
            }
        }
        for (i, param) in params.iter().enumerate() {
            if assigned[i] {
                continue;
            }
            let unknown = || Supplied::Value(Value::Unknown(self.span(&call.span)));
            let supplied = match param.kind {
                ParamKind::Rest => Supplied::Value(Value::List {
                    items: rest.iter().map(|e| self.eval(e)).collect(),
                    span: self.span(&call.span),
                    complete: !positions_unknown,
                }),
                ParamKind::Keywords => {
                    let mut obj = Obj::new(self.span(&call.span));
                    obj.complete = !keywords_unknown;
                    for supplied in std::mem::take(&mut extra) {
                        obj.entries.push(match supplied {
                            Supplied::Keyword(name, name_span, value) => {
                                self.keyword(name, name_span, value)
                            }
                            Supplied::Entry(entry) => entry,
                            Supplied::Expr(..) | Supplied::Value(_) => continue,
                        });
                    }
                    Supplied::Value(Value::Object(obj))
                }
                ParamKind::Positional if positions_unknown || keywords_unknown => unknown(),
                ParamKind::KeywordOnly if keywords_unknown => unknown(),
                // Not passed: the default, or `undefined` (a TypeError in Python).
                _ => match &param.default {
                    Some(default) => Supplied::Expr(default, &callee),
                    None => continue,
                },
            };
            bound.assign(param, supplied);
        }
        Rc::new(Frame {
            module: function.module.clone(),
            function: function.start,
            values: bound.values,
        })
    }

    /// Calling a project class: an instance holding its constructor's arguments (or, for a
    /// class without one, such as a dataclass or a settings model, its keyword arguments),
    /// what its base's constructor received through `super`, and, for a subclass of a
    /// library client, the client the base builds.
    pub(super) fn instantiate(&self, class: &ClassValue, call: &Call) -> Value {
        let module = &class.module.0;
        let constructor = self.constructor_of(class);
        let frame = match constructor
            .as_ref()
            .and_then(|f| Some((f, module.program.function(f.start)?)))
        {
            Some((function, definition)) => self
                .budget
                .nested(|| self.bind_args(function, definition, call)),
            None => {
                let keywords = self.keywords(call);
                Rc::new(Frame {
                    module: class.module.clone(),
                    function: class.start,
                    values: keywords
                        .entries
                        .into_iter()
                        .map(|e| (e.key, Argument::Ready(e.value)))
                        .collect(),
                })
            }
        };
        let mut instance = Instance {
            class: class.clone(),
            constructor: Some(Rc::clone(&frame)),
            base_constructor: None,
            library: None,
        };
        if self.budget.calls() >= MAX_CALLS {
            return Value::Instance(instance);
        }
        let Some(base) = self.base_of(class) else {
            return Value::Instance(instance);
        };
        // What builds the base: the `super` call in the constructor, or, without a
        // constructor, this call itself.
        let built = match &constructor {
            Some(function) => {
                let Some(super_call) = module
                    .candidates_in(function.start)
                    .find(|c| is_super_call(&c.call))
                else {
                    return Value::Instance(instance);
                };
                let inner = self.inside(function, frame, &call.span);
                self.budget
                    .nested(|| inner.build_base(&base, &super_call.call))
            }
            None => self.budget.nested(|| self.build_base(&base, call)),
        };
        attach_base(&mut instance, built);
        Value::Instance(instance)
    }

    /// The instance a method of `class` runs on when nobody in view made it: its own
    /// arguments unknown, what its constructor passes its base through `super` known.
    pub(super) fn any_instance(&self, class: &ClassValue) -> Instance {
        let mut instance = Instance {
            class: class.clone(),
            constructor: None,
            base_constructor: None,
            library: None,
        };
        if self.budget.calls() >= MAX_CALLS {
            return instance;
        }
        let module = &class.module.0;
        let (Some(base), Some(constructor)) = (self.base_of(class), self.constructor_of(class))
        else {
            return instance;
        };
        let Some(super_call) = module
            .candidates_in(constructor.start)
            .find(|c| is_super_call(&c.call))
        else {
            return instance;
        };
        let inner = self.enter(module, &(0..0));
        let built = self
            .budget
            .nested(|| inner.build_base(&base, &super_call.call));
        attach_base(&mut instance, built);
        instance
    }

    /// The base class `base` built by `call` (a `super` call, or the subclass's own call).
    fn build_base(&self, base: &Value, call: &Call) -> Value {
        match base {
            Value::Class(parent) => self.instantiate(parent, call),
            Value::Ref(_) => match super::sites::construct(self, base, call) {
                Some(client) => Value::Client(client),
                None => Value::Unknown(self.span(&call.span)),
            },
            _ => Value::Unknown(self.span(&call.span)),
        }
    }

    /// The constructor `class` itself defines (`__init__`, `constructor`), as a method.
    pub fn constructor_of(&self, class: &ClassValue) -> Option<FnValue> {
        let bindings = &class.module.0.program.bindings;
        ["__init__", "constructor"].iter().find_map(|name| {
            match bindings.member_of(class.start, name) {
                Some(Expr::Function(span)) => Some(FnValue {
                    module: class.module.clone(),
                    start: span.start,
                    captured: Vec::new(),
                    bound: true,
                    this: None,
                }),
                _ => None,
            }
        })
    }

    /// The first base of `class`, evaluated where the class is defined.
    pub(super) fn base_of(&self, class: &ClassValue) -> Option<Value> {
        let module = &class.module.0;
        let base = module.program.classes.get(&class.start)?.bases.first()?;
        let outside = self.enter(module, &(0..0));
        Some(outside.eval(base))
    }

    /// The library class (a reference into a package) `class` derives from, through the
    /// project's own bases.
    pub fn library_base(&self, class: &ClassValue) -> Option<Value> {
        let mut class = class.clone();
        for _ in 0..MAX_BASES {
            match self.base_of(&class)? {
                base @ Value::Ref(_) => return Some(base),
                Value::Class(parent) => class = parent,
                _ => return None,
            }
        }
        None
    }

    /// `instance.name`: a field, an attribute set in a method, or a method bound to it.
    pub(super) fn member(&self, instance: &Instance, name: &str, span: &Span) -> Value {
        let unknown = Value::Unknown(self.span(span));
        if let Some(frame) = &instance.constructor {
            // Keyword arguments of a class without a constructor set its fields.
            if frame.function == instance.class.start {
                if let Some(value) = frame.get(name, self) {
                    return value;
                }
            }
        }
        if self.budget.calls() >= MAX_CALLS {
            super::eval::note_cut_short();
            return unknown;
        }
        match self.find_member(&instance.class, name, 0) {
            Found::Member(module, expr) => {
                let inner = Evaluator {
                    frames: instance
                        .base_constructor
                        .iter()
                        .chain(instance.constructor.iter())
                        .cloned()
                        .collect(),
                    this: Some(instance.clone()),
                    ..self.enter(&module, span)
                };
                let value = self.budget.nested(|| inner.eval(&expr));
                bind_method(value, Some(instance))
            }
            // pydantic settings read every field from the environment.
            Found::Settings => Value::Env {
                name: Some(name.to_string()),
                default: None,
                span: self.span(span),
            },
            // A member of the library client the class derives from.
            Found::Nothing => match &instance.library {
                Some(client) => Value::Method {
                    client: (**client).clone(),
                    path: vec![name.to_string()],
                },
                None => unknown,
            },
        }
    }

    /// `Class.name`: a class attribute or static field.
    pub(super) fn class_attribute(&self, class: &ClassValue, name: &str, span: &Span) -> Value {
        match self.find_member(class, name, 0) {
            Found::Member(module, expr) => {
                let inner = self.enter(&module, span);
                self.budget.nested(|| inner.eval(&expr))
            }
            _ => Value::Unknown(self.span(span)),
        }
    }

    /// Where `name` is defined for instances of `class`: the class itself, then its bases.
    fn find_member(&self, class: &ClassValue, name: &str, depth: u32) -> Found {
        let module = &class.module.0;
        if let Some(expr) = module.program.bindings.member_of(class.start, name) {
            return Found::Member(Arc::clone(module), expr.clone());
        }
        let Some(definition) = module.program.classes.get(&class.start) else {
            return Found::Nothing;
        };
        if depth >= MAX_BASES {
            return Found::Nothing;
        }
        let inner = self.enter(module, &(0..0));
        for base in &definition.bases {
            match inner.eval(base) {
                Value::Class(base) => match self.find_member(&base, name, depth + 1) {
                    Found::Nothing => {}
                    found => return found,
                },
                base if base.is_ref(
                    &["pydantic_settings", "pydantic"],
                    &["BaseSettings"],
                    false,
                ) =>
                {
                    return Found::Settings;
                }
                _ => {}
            }
        }
        Found::Nothing
    }

    /// The value every call of the function starting at `function` in this file passes as
    /// `name`, when each of them passes an OpenRouter client or URL: `def ask(client, q)`
    /// called only as `ask(openrouter_client, q)` sends OpenRouter requests.
    pub(super) fn param_from_callers(&self, function: usize, name: &str) -> Option<Value> {
        if self.budget.probing.get() || self.budget.calls() >= MAX_CALLS {
            return None;
        }
        let module: &Arc<Module> = self.module;
        let definition = module.program.function(function)?;
        if definition.is_method {
            return None;
        }
        let function_name = definition.name.as_ref()?;
        let mut calls = module.calls_of(function_name).peekable();
        calls.peek()?;
        self.budget.probing.set(true);
        let caller = Evaluator {
            module,
            family: self.family,
            env: self.env,
            budget: self.budget,
            anchor: self.anchor.clone(),
            frames: Vec::new(),
            this: None,
        };
        let target = FnValue {
            module: ModuleRef(Arc::clone(module)),
            start: function,
            captured: Vec::new(),
            bound: false,
            this: None,
        };
        let mut found: Option<Value> = None;
        let mut all = true;
        for candidate in calls {
            let calls_this = matches!(
                module.program.bindings.lookup(function_name, candidate.call.span.start),
                Some(Bound::Value(Expr::Function(span))) if span.start == function
            );
            if !calls_this || candidate.function == Some(function) {
                all = false;
                break;
            }
            let frame = self
                .budget
                .nested(|| caller.bind_args(&target, definition, &candidate.call));
            match frame.get(name, &caller) {
                Some(value) if shows_openrouter(&value) => {
                    found.get_or_insert(value);
                }
                _ => {
                    all = false;
                    break;
                }
            }
        }
        self.budget.probing.set(false);
        if all { found } else { None }
    }
}

/// Records what building the base class gave: its constructor's arguments, or the library
/// client it is.
fn attach_base(instance: &mut Instance, built: Value) {
    match built {
        Value::Instance(parent) => {
            instance.base_constructor = parent.constructor;
            instance.library = parent.library;
        }
        Value::Client(client) => instance.library = Some(Box::new(client)),
        _ => {}
    }
}

enum Found {
    Member(Arc<Module>, Expr),
    /// Not defined, but the class is a pydantic `BaseSettings`.
    Settings,
    Nothing,
}

/// What a call supplies for a parameter.
enum Supplied<'a> {
    /// An expression, evaluated in `context` when the parameter is read.
    Expr(&'a Expr, &'a Context),
    Value(Value),
    /// A keyword argument no parameter takes (for `**kwargs`).
    Keyword(&'a String, &'a Span, &'a Expr),
    Entry(ObjEntry),
}

/// Parameters being bound for one call.
struct Binder<'a, 'e> {
    values: HashMap<String, Argument>,
    ev: &'a Evaluator<'e>,
    callee: &'a Context,
}

impl Binder<'_, '_> {
    /// Binds one parameter: a name takes the argument as it is (evaluated when read); an
    /// object pattern takes its keys from the evaluated argument, or their defaults.
    fn assign(&mut self, param: &Param, supplied: Supplied<'_>) {
        match &param.target {
            ParamTarget::Name(name) => {
                let argument = match supplied {
                    Supplied::Expr(expr, context) => Argument::later(expr, context.clone()),
                    Supplied::Value(value) => Argument::Ready(value),
                    Supplied::Keyword(..) | Supplied::Entry(_) => return,
                };
                self.values.insert(name.clone(), argument);
            }
            ParamTarget::Object(props) => {
                let value = match supplied {
                    Supplied::Expr(expr, context) => self.ev.within(context).eval(expr),
                    Supplied::Value(value) => value,
                    Supplied::Keyword(..) | Supplied::Entry(_) => return,
                };
                for (key, local, default_expr) in props {
                    let default = || {
                        default_expr
                            .as_ref()
                            .map(|d| Argument::later(d, self.callee.clone()))
                    };
                    let argument = match &value {
                        Value::Object(obj) => match obj.get(key) {
                            Some(entry) => Some(Argument::Ready(entry.value.clone())),
                            None if obj.complete => default(),
                            None => Some(Argument::Ready(Value::Unknown(obj.span.clone()))),
                        },
                        Value::Literal(_) => default(),
                        other => Some(Argument::Ready(match default_expr {
                            Some(d) => Value::Env {
                                name: None,
                                default: Some(Box::new(self.ev.within(self.callee).eval(d))),
                                span: other.span(),
                            },
                            None => Value::Unknown(other.span()),
                        })),
                    };
                    if let Some(argument) = argument {
                        self.values.insert(local.clone(), argument);
                    }
                }
            }
            ParamTarget::Other => {}
        }
    }
}

/// A client or URL that shows OpenRouter by itself.
fn shows_openrouter(value: &Value) -> bool {
    match value {
        Value::Client(client) => client.openrouter,
        other => other
            .literal_or_default()
            .is_some_and(|(text, _)| url::is_openrouter(text)),
    }
}
