//! The request model: which calls send inference requests to OpenRouter, and with what
//! routing preferences.
//!
//! Extractors lower the parts of a file that matter (candidate calls, bindings, functions,
//! classes, exports, imports) into the language-neutral [`ir`] and fill a [`Program`]; a
//! [`Module`] is a file's program with where it is. [`sites`] finds the request sites in a
//! module, resolving values through [`eval`], which asks an [`Environment`] (the project) for
//! the modules the file imports. Nothing here knows which grammar the code came from, or how
//! files are found on disk.

use foldhash::HashMap;

mod calls;
pub mod choices;
pub mod eval;
mod imports;
pub mod ir;
pub mod keys;
pub mod prefs;
pub mod sites;
pub mod url;

use ir::{Call, Expr, Span};

/// Text every form of OpenRouter evidence the request model recognises contains, as it is
/// spelled in practice (the prefilter is case-sensitive, so it can use SIMD search): hosts
/// (`openrouter.ai`), `OPENROUTER_*` variables, `@openrouter/*` and `@langchain/openrouter`
/// packages, model ids starting `openrouter/` or `openrouter:` in a string literal, Python
/// imports from `openrouter` modules (`from langchain_openrouter import`,
/// `from pydantic_ai.models.openrouter import`), and `ChatOpenRouter` (usable without an
/// import in a notebook or a REPL-style script). A file without any of them has no request
/// site, so it is never modelled (and, for the routing rules, never parsed). Prose that
/// merely names OpenRouter, or code that only mentions it in identifiers, does not count.
pub const EVIDENCE_TOKENS: &[&str] = &[
    "openrouter.ai",
    "OPENROUTER_",
    "@openrouter/",
    "/openrouter\"",
    "/openrouter'",
    "\"openrouter/",
    "'openrouter/",
    "`openrouter/",
    "\"openrouter:",
    "'openrouter:",
    "openrouter import",
    "import openrouter",
    "ChatOpenRouter",
];

/// Whether `text` holds any OpenRouter evidence the request model recognises.
pub fn mentions_openrouter(text: &str) -> bool {
    static EVIDENCE: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(EVIDENCE_TOKENS)
                .expect("plain strings")
        });
    EVIDENCE.is_match(text)
}

/// Which family the code came from: a few library shapes exist in only one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Python,
    EcmaScript,
}

/// An imported name: `from openai import OpenAI as X` is `{module: "openai", member: Some("OpenAI")}`;
/// `import openai` and `import * as ai from "ai"` have no member; a JavaScript default import
/// has member `default`. Relative Python imports keep their dots (`.client`, `..config`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub module: String,
    pub member: Option<String>,
}

/// What a name is bound to.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    Value(Expr),
    /// A parameter of the function starting at `function`: its value comes from the caller
    /// (see [`eval`]), else from its default.
    Param {
        function: usize,
        default: Option<Expr>,
    },
    Import(Import),
}

/// One binding of a name.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The function (or module) whose scope holds the binding.
    pub scope: Span,
    /// Where the binding happens; later bindings before a use win.
    pub at: usize,
    pub bound: Bound,
}

/// An in-place change to the object a name holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// `x["a"]["b"] = v`, `x.a = v`; `target` is the span of what is written to.
    Set {
        path: Vec<String>,
        value: Expr,
        target: Span,
    },
    /// `x.setdefault("a", v)`: only when the key is missing.
    SetDefault {
        key: String,
        value: Expr,
        target: Span,
    },
    /// `x.update(...)`, `x |= {...}`, `Object.assign(x, ...)`: the arguments' keys.
    Merge(Vec<ir::Arg>),
    /// Anything else (a computed key, `del x[k]`, `x += …`).
    Unknown,
}

impl Write {
    /// A write to `path` (`None` when a key is computed) of `value`, at `target`.
    pub fn to_path(path: Option<Vec<String>>, value: Expr, target: Span) -> Write {
        match path {
            Some(path) => Write::Set {
                path,
                value,
                target,
            },
            None => Write::Unknown,
        }
    }
}

#[derive(Debug, Clone)]
struct Mutation {
    /// The scope (function, class or module) the write happens in.
    scope: Span,
    at: usize,
    /// The binding the written name referred to there: `(scope start, binding position)`.
    target: Option<(usize, usize)>,
    write: Write,
}

/// A write that applies to a value read at some position.
pub enum Applied<'a> {
    /// Happens between the binding and the read, in the reader's own scope: its effect is
    /// known.
    InOrder(&'a Write),
    /// Happens somewhere the read may or may not see (another function, a loop): what it
    /// writes becomes unknown.
    Maybe(&'a Write),
}

/// Every binding of a file, in its scopes.
#[derive(Debug, Default, Clone)]
pub struct Bindings {
    names: HashMap<String, Vec<Binding>>,
    /// `self.x = …` / `this.x = …` / class fields and methods, by attribute: the class span,
    /// where, and the value.
    members: HashMap<String, Vec<(Span, usize, Expr)>>,
    /// In-place writes to objects, by the written name.
    mutations: HashMap<String, Vec<Mutation>>,
    /// Every function and class span, sorted by start: the scopes a position can be in.
    scopes: Vec<Span>,
    /// Statements that run one of several arms (`if`/`else`, `switch`, `match`, `try`), by
    /// start: which assignments can reach a read after them.
    branches: Vec<Branch>,
    /// For each of `branches`: the furthest end of it and the ones before it.
    branch_reach: Vec<usize>,
    /// Parameter annotations (`settings: Settings`, `session: aiohttp.ClientSession`), by
    /// function start and parameter name, as expressions.
    annotations: HashMap<(usize, String), Expr>,
    len: usize,
}

/// A statement that runs one of its arms.
#[derive(Debug, Clone)]
pub struct Branch {
    pub span: Span,
    pub arms: Vec<Span>,
    /// One arm always runs (an `else`, a `default`, a `try` and its handlers).
    pub exhaustive: bool,
}

/// How many nested branch statements [`Bindings::reaching`] takes apart.
const MAX_BRANCH_DEPTH: u32 = 4;

impl Bindings {
    pub fn new(mut scopes: Vec<Span>, len: usize) -> Self {
        scopes.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        Bindings {
            scopes,
            len,
            ..Bindings::default()
        }
    }

    /// The innermost function or class around `at` (the module if none).
    pub fn scope_at(&self, at: usize) -> Span {
        let mut best: Option<&Span> = None;
        for scope in &self.scopes {
            if scope.start > at {
                break;
            }
            if at <= scope.end && scope.start < at && best.is_none_or(|b| scope.len() <= b.len()) {
                best = Some(scope);
            }
        }
        best.cloned().unwrap_or(0..self.len)
    }

    /// Records that parameter `name` of the function starting at `function` is annotated
    /// with the type `annotation`.
    pub fn annotate(&mut self, function: usize, name: impl Into<String>, annotation: Expr) {
        self.annotations.insert((function, name.into()), annotation);
    }

    /// The annotation of parameter `name` of the function starting at `function`.
    pub fn annotation(&self, function: usize, name: &str) -> Option<&Expr> {
        self.annotations.get(&(function, name.to_string()))
    }

    /// Records a statement that runs one of `arms`, in source order (by start).
    pub fn branch(&mut self, branch: Branch) {
        let reach = self
            .branch_reach
            .last()
            .map_or(branch.span.end, |r| (*r).max(branch.span.end));
        self.branches.push(branch);
        self.branch_reach.push(reach);
    }

    /// The branch statements whose span holds `at`, innermost first: found from the last one
    /// starting before `at`, back while an earlier one can still reach it (so a read after
    /// thousands of sibling statements costs a lookup, not a scan).
    fn branches_around(&self, at: usize) -> impl Iterator<Item = &Branch> {
        let end = self.branches.partition_point(|b| b.span.start <= at);
        (0..end)
            .rev()
            .take_while(move |&i| self.branch_reach[i] >= at)
            .map(move |i| &self.branches[i])
            .filter(move |b| at <= b.span.end)
    }

    /// The bindings of `name` that can reach a read at `at` when assignments in the arms of
    /// `if`/`else`, `switch` or `try` statements decide it (`None`: a path on which the name
    /// is unbound). `None` when `last`, the binding [`Bindings::lookup_binding`] finds there,
    /// decides alone.
    pub fn reaching<'b>(
        &'b self,
        name: &str,
        last: &'b Binding,
        at: usize,
    ) -> Option<Vec<Option<&'b Binding>>> {
        if last.at >= at || self.branches_around(last.at).next().is_none() {
            return None;
        }
        let scope = last.scope.clone();
        let candidates: Vec<&Binding> = self
            .names
            .get(name)?
            .iter()
            .filter(|b| b.scope == scope)
            .collect();
        let paths = self.paths(&candidates, scope.start, at, 0);
        (paths.len() > 1).then_some(paths)
    }

    /// The bindings among `candidates` that reach `upto` from `from` (`None`: none of them,
    /// so whatever reached `from`).
    fn paths<'a>(
        &self,
        candidates: &[&'a Binding],
        from: usize,
        upto: usize,
        depth: u32,
    ) -> Vec<Option<&'a Binding>> {
        let Some(last) = candidates
            .iter()
            .filter(|b| from <= b.at && b.at < upto)
            .max_by_key(|b| b.at)
        else {
            return vec![None];
        };
        // The outermost branch between `from` and `upto` holding the last binding.
        let branch = self
            .branches_around(last.at)
            .filter(|s| from <= s.span.start && s.span.end < upto)
            .max_by_key(|s| s.span.len());
        let Some(branch) = branch.filter(|_| depth < MAX_BRANCH_DEPTH) else {
            return vec![Some(last)];
        };
        if !branch
            .arms
            .iter()
            .any(|arm| arm.start <= last.at && last.at <= arm.end)
        {
            // Written after the arms (a `finally`): it decides.
            return vec![Some(last)];
        }
        let mut out: Vec<Option<&Binding>> = Vec::new();
        let mut falls_through = !branch.exhaustive;
        for arm in &branch.arms {
            // A binding ends where its statement does, which may be where the arm ends.
            for path in self.paths(candidates, arm.start, arm.end + 1, depth + 1) {
                match path {
                    Some(b) => out.push(Some(b)),
                    None => falls_through = true,
                }
            }
        }
        if falls_through {
            out.extend(self.paths(candidates, from, branch.span.start, depth + 1));
        }
        out
    }

    /// Records a write to the object bound to `name`, made at `at` in `scope`.
    pub fn mutate(&mut self, name: impl Into<String>, scope: Span, at: usize, write: Write) {
        let name = name.into();
        let target = self
            .lookup_binding(&name, at)
            .map(|b| (b.scope.start, b.at));
        self.mutations.entry(name).or_default().push(Mutation {
            scope,
            at,
            target,
            write,
        });
    }

    /// The writes that may change what `binding` of `name` holds when it is read at `at`,
    /// in order.
    pub fn writes(&self, name: &str, binding: &Binding, at: usize) -> Vec<Applied<'_>> {
        let Some(mutations) = self.mutations.get(name) else {
            return Vec::new();
        };
        let reader = self.scope_at(at);
        let mut out = Vec::new();
        for m in mutations {
            if m.target != Some((binding.scope.start, binding.at)) {
                continue;
            }
            if m.scope == reader {
                // Straight-line code in the reader's scope: a write after the read does not
                // reach it, one between the binding and the read does.
                if binding.at < m.at && m.at < at {
                    out.push(Applied::InOrder(&m.write));
                }
            } else if !(m.scope.start <= at && at <= m.scope.end && m.at > at) {
                out.push(Applied::Maybe(&m.write));
            }
        }
        out
    }

    /// Records `name` (or a dotted module attribute such as `openai.api_base`) bound in `scope`.
    pub fn bind(&mut self, name: impl Into<String>, scope: Span, at: usize, bound: Bound) {
        self.names
            .entry(name.into())
            .or_default()
            .push(Binding { scope, at, bound });
    }

    /// Records `self.attr = value` (or a class field or method) for the class spanning `class`.
    pub fn bind_member(&mut self, class: Span, attr: impl Into<String>, at: usize, value: Expr) {
        self.members
            .entry(attr.into())
            .or_default()
            .push((class, at, value));
    }

    /// The last module-level binding of `name`: what another file importing it sees.
    pub fn module_level(&self, name: &str) -> Option<&Binding> {
        self.names
            .get(name)?
            .iter()
            .filter(|b| b.scope.start == 0 && b.scope.end == self.len)
            .max_by_key(|b| b.at)
    }

    /// Every binding of the file, with its name.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Binding)> {
        self.names
            .iter()
            .flat_map(|(name, bindings)| bindings.iter().map(move |b| (name.as_str(), b)))
    }

    /// Every `self.x`/`this.x` assignment, class field and method, with its attribute.
    pub fn all_members(&self) -> impl Iterator<Item = (&str, &Expr)> {
        self.members
            .iter()
            .flat_map(|(attr, members)| members.iter().map(move |(_, _, e)| (attr.as_str(), e)))
    }

    /// Whether `name` is bound anywhere in the file.
    pub fn binds(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The binding of `name` visible at `at`: the innermost scope around `at` that binds the
    /// name wins; within it, the last binding before `at` (or the first, for uses that run
    /// later, such as a function body reading a module constant defined below it).
    pub fn lookup(&self, name: &str, at: usize) -> Option<&Bound> {
        self.lookup_binding(name, at).map(|b| &b.bound)
    }

    pub fn lookup_binding(&self, name: &str, at: usize) -> Option<&Binding> {
        let candidates = self.names.get(name)?;
        let innermost = candidates
            .iter()
            .filter(|b| b.scope.start <= at && at <= b.scope.end)
            .map(|b| b.scope.end - b.scope.start)
            .min()?;
        let in_scope = candidates.iter().filter(|b| {
            b.scope.end - b.scope.start == innermost && b.scope.start <= at && at <= b.scope.end
        });
        let before = in_scope.clone().filter(|b| b.at < at).max_by_key(|b| b.at);
        before.or_else(|| in_scope.min_by_key(|b| b.at))
    }

    /// The value assigned to `self.attr`/`this.attr` in the innermost class around `at`.
    pub fn lookup_member(&self, attr: &str, at: usize) -> Option<&Expr> {
        let candidates = self.members.get(attr)?;
        let innermost = candidates
            .iter()
            .filter(|(class, _, _)| class.start <= at && at <= class.end)
            .map(|(class, _, _)| class.end - class.start)
            .min()?;
        let in_class = candidates.iter().filter(|(class, _, _)| {
            class.end - class.start == innermost && class.start <= at && at <= class.end
        });
        prefer_real(in_class)
    }

    /// The value of `attr` in the class starting at `class`.
    pub fn member_of(&self, class: usize, attr: &str) -> Option<&Expr> {
        let candidates = self.members.get(attr)?;
        prefer_real(candidates.iter().filter(|(span, _, _)| span.start == class))
    }
}

/// The first binding that is not `None`/`null` (a placeholder set before the real client),
/// else the first.
fn prefer_real<'a>(
    bindings: impl Iterator<Item = &'a (Span, usize, Expr)> + Clone,
) -> Option<&'a Expr> {
    bindings
        .clone()
        .filter(|(_, _, e)| !matches!(e, Expr::Null(_)))
        .min_by_key(|(_, at, _)| *at)
        .or_else(|| bindings.min_by_key(|(_, at, _)| *at))
        .map(|(_, _, e)| e)
}

/// How a parameter receives its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// By position or by keyword.
    Positional,
    /// Python's keyword-only parameters (after `*` or `*args`).
    KeywordOnly,
    /// `*args`, `...rest`.
    Rest,
    /// `**kwargs`.
    Keywords,
}

/// What a parameter binds: a name, or the keys of an object pattern (`{ model, messages: m }`).
#[derive(Debug, Clone, PartialEq)]
pub enum ParamTarget {
    Name(String),
    /// `(key, local name, default)` for each property of the pattern.
    Object(Vec<(String, String, Option<Expr>)>),
    /// A pattern orlint does not take apart (arrays, nested patterns).
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub target: ParamTarget,
    pub default: Option<Expr>,
    pub kind: ParamKind,
}

/// A function, method, arrow function or lambda.
#[derive(Debug, Clone)]
pub struct Function {
    pub span: Span,
    pub name: Option<String>,
    pub params: Vec<Param>,
    /// The returned expressions (an arrow function's or lambda's body is one).
    pub returns: Vec<Expr>,
    /// For each of `returns` (when any): the `if` conditions it is under, innermost first,
    /// and whether each holds there.
    pub guards: Vec<Vec<(Expr, bool)>>,
    /// A Python method: the first parameter is the instance (or class), not an argument.
    pub is_method: bool,
}

/// A class: its bases, for inherited members.
#[derive(Debug, Clone)]
pub struct Class {
    pub span: Span,
    pub name: String,
    pub bases: Vec<Expr>,
}

/// What a JavaScript module exports, by exported name. Python modules export every
/// module-level name, so they have none of this.
#[derive(Debug, Default, Clone)]
pub struct Exports {
    pub names: HashMap<String, Export>,
    /// `export * from "…"`.
    pub stars: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Export {
    /// A module-level name of this file (`export const x`, `export { x as y }`).
    Local(String),
    /// An expression (`export default {...}`, `module.exports = …`, `exports.x = …`).
    Value(Expr),
    /// `export { a as b } from "./m"`, `export * as ns from "./m"` (no member).
    From(Import),
}

/// A call the extractor thinks may be a request site, with where it sits.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub call: Call,
    /// Names of the enclosing functions, methods and classes, and of the calls that anonymous
    /// functions around the call are passed to (`withAudit(() => …)`), innermost first.
    pub enclosing: Vec<String>,
    /// Where the call is, for messages: ``in `summarise` ``, ``in the callback passed to
    /// `app.post` ``, `in an anonymous function`, `at module level`.
    pub place: String,
    /// The innermost function around the call (its span start), if any.
    pub function: Option<usize>,
}

/// What an extractor hands the request model for one file.
#[derive(Debug, Clone)]
pub struct Program {
    pub family: Family,
    pub bindings: Bindings,
    pub candidates: Vec<Candidate>,
    /// Calls whose callee ends in a log method's name (`print`, `info`, `log`, `write`…),
    /// for the key model.
    pub log_calls: Vec<Candidate>,
    /// Functions and classes by span start.
    pub functions: HashMap<usize, Function>,
    pub classes: HashMap<usize, Class>,
    /// JavaScript only.
    pub exports: Option<Exports>,
}

impl Program {
    pub fn function(&self, start: usize) -> Option<&Function> {
        self.functions.get(&start)
    }
}

/// One file of the project as the request model sees it: its program, and where it is (for
/// related locations and for resolving its imports).
pub struct Module {
    /// Absolute path (the buffer's path for stdin).
    pub path: std::path::PathBuf,
    /// The path shown in reports.
    pub shown: std::sync::Arc<str>,
    pub program: Program,
    pub text: std::sync::Arc<str>,
    pub index: crate::line_index::LineIndex,
    /// Candidates by the function they sit in, and calls by the plain name they call (for
    /// helpers and for parameters bound by this file's own calls).
    in_function: HashMap<usize, Vec<usize>>,
    by_callee: HashMap<String, Vec<usize>>,
    /// Which functions can make a request (see `sites::helpers`), worked out on demand.
    requesting: std::sync::RwLock<HashMap<usize, bool>>,
    /// The file's comments and concatenations, when it was parsed to be imported: its own
    /// lint need not parse it again.
    pub facts: Option<crate::facts::Facts>,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Module({})", self.shown)
    }
}

impl Module {
    pub fn new(
        path: std::path::PathBuf,
        shown: std::sync::Arc<str>,
        program: Program,
        text: std::sync::Arc<str>,
    ) -> Module {
        let mut in_function: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut by_callee: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, candidate) in program.candidates.iter().enumerate() {
            if let Some(f) = candidate.function {
                in_function.entry(f).or_default().push(i);
            }
            if let Expr::Name(name, _) = &candidate.call.callee {
                by_callee.entry(name.clone()).or_default().push(i);
            }
        }
        Module {
            path,
            shown,
            index: crate::line_index::LineIndex::new(&text),
            program,
            text,
            in_function,
            by_callee,
            requesting: std::sync::RwLock::default(),
            facts: None,
        }
    }

    /// The same module, with the facts its parse gave.
    pub fn with_facts(mut self, facts: crate::facts::Facts) -> Module {
        self.facts = Some(facts);
        self
    }

    /// Whether the function starting at `function` can make a request, if known.
    pub fn requesting(&self, function: usize) -> Option<bool> {
        self.requesting
            .read()
            .ok()
            .and_then(|m| m.get(&function).copied())
    }

    pub fn set_requesting(&self, function: usize, answer: bool) {
        if let Ok(mut m) = self.requesting.write() {
            m.insert(function, answer);
        }
    }

    pub fn family(&self) -> Family {
        self.program.family
    }

    /// Candidate calls made directly in the function starting at `function`.
    pub fn candidates_in(&self, function: usize) -> impl Iterator<Item = &Candidate> {
        self.in_function
            .get(&function)
            .into_iter()
            .flatten()
            .map(|i| &self.program.candidates[*i])
    }

    /// Calls of the plain name `name` in this file.
    pub fn calls_of(&self, name: &str) -> impl Iterator<Item = &Candidate> {
        self.by_callee
            .get(name)
            .into_iter()
            .flatten()
            .map(|i| &self.program.candidates[*i])
    }
}

/// Where the request model finds the other files of the project.
pub trait Environment: Sync {
    /// The project file an import of `specifier` names, seen from `from`; `None` for a
    /// package installed outside the project, a built-in module, or a file that cannot be
    /// read or parsed.
    fn import(&self, from: &Module, specifier: &str) -> Option<std::sync::Arc<Module>>;
    /// `package.name` when `package` is a Python package directory and `name` one of its
    /// modules (`from app import client` where `client` is a file, not a name in
    /// `app/__init__.py`).
    fn submodule(&self, package: &Module, name: &str) -> Option<std::sync::Arc<Module>>;
}

/// No other files: single-snippet analysis (unit tests).
pub struct NoProject;

impl Environment for NoProject {
    fn import(&self, _: &Module, _: &str) -> Option<std::sync::Arc<Module>> {
        None
    }
    fn submodule(&self, _: &Module, _: &str) -> Option<std::sync::Arc<Module>> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_prefers_innermost_scope_and_latest_binding() {
        let mut b = Bindings::default();
        let module = 0..100;
        let function = 40..60;
        let value = |n: usize| Bound::Value(Expr::Num(n..n));
        b.bind("x", module.clone(), 5, value(1));
        b.bind("x", module.clone(), 30, value(2));
        let param = Bound::Param {
            function: 40,
            default: None,
        };
        b.bind("x", function.clone(), 45, param.clone());
        assert_eq!(b.lookup("x", 35), Some(&value(2)));
        assert_eq!(b.lookup("x", 10), Some(&value(1)));
        assert_eq!(b.lookup("x", 50), Some(&param));
        assert_eq!(
            b.lookup("x", 2),
            Some(&value(1)),
            "used before any binding: the first"
        );
        assert_eq!(b.lookup("y", 50), None);
    }
}
