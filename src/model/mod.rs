//! The request model: which calls send inference requests to OpenRouter, and with what
//! routing preferences.
//!
//! Extractors lower the parts of a file that matter (candidate calls, bindings, imports) into
//! the language-neutral [`ir`] and fill a [`Program`]; [`sites`] finds the request sites in it,
//! resolving values through [`eval`]. Nothing here knows which grammar the code came from.

use std::collections::HashMap;

pub mod eval;
pub mod ir;
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

/// Which family the code came from: a few library shapes exist in only one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Python,
    EcmaScript,
}

/// An imported name: `from openai import OpenAI as X` is `{module: "openai", member: Some("OpenAI")}`;
/// `import openai` and `import * as ai from "ai"` have no member; a JavaScript default import
/// has member `default`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub module: String,
    pub member: Option<String>,
}

/// What a name is bound to.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    Value(Expr),
    /// A function parameter: its value comes from callers orlint does not follow.
    Param,
    Import(Import),
}

#[derive(Debug, Clone)]
struct Binding {
    /// The function (or module) whose scope holds the binding.
    scope: Span,
    /// Where the binding happens; later bindings before a use win.
    at: usize,
    bound: Bound,
}

/// Every binding of a file, in its scopes.
#[derive(Debug, Default, Clone)]
pub struct Bindings {
    names: HashMap<String, Vec<Binding>>,
    /// `self.x = …` / `this.x = …` / class fields, by class span and attribute.
    members: HashMap<String, Vec<(Span, usize, Expr)>>,
    /// Names of objects changed after they were built (`params["extra_body"] = …`,
    /// `body.provider = …`, `params.update(…)`): their literal may not be what is sent.
    mutated: HashMap<String, Vec<Span>>,
}

impl Bindings {
    /// Records that the object bound to `name` in `scope` is changed in place.
    pub fn mutate(&mut self, name: impl Into<String>, scope: Span) {
        self.mutated.entry(name.into()).or_default().push(scope);
    }

    /// Whether the object `name` refers to at `at` is changed in place somewhere in its scope.
    pub fn is_mutated(&self, name: &str, at: usize) -> bool {
        self.mutated
            .get(name)
            .is_some_and(|scopes| scopes.iter().any(|s| s.start <= at && at <= s.end))
    }

    /// Records `name` (or a dotted module attribute such as `openai.api_base`) bound in `scope`.
    pub fn bind(&mut self, name: impl Into<String>, scope: Span, at: usize, bound: Bound) {
        self.names
            .entry(name.into())
            .or_default()
            .push(Binding { scope, at, bound });
    }

    /// Records `self.attr = value` (or a class field) for the class spanning `class`.
    pub fn bind_member(&mut self, class: Span, attr: impl Into<String>, at: usize, value: Expr) {
        self.members
            .entry(attr.into())
            .or_default()
            .push((class, at, value));
    }

    /// The binding of `name` visible at `at`: the innermost scope around `at` that binds the
    /// name wins; within it, the last binding before `at` (or the first, for uses that run
    /// later, such as a function body reading a module constant defined below it).
    pub fn lookup(&self, name: &str, at: usize) -> Option<&Bound> {
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
        before
            .or_else(|| in_scope.min_by_key(|b| b.at))
            .map(|b| &b.bound)
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
        // Prefer a binding that is not `None`/`null` (placeholders set before the real client).
        in_class
            .clone()
            .filter(|(_, _, e)| !matches!(e, Expr::Null(_)))
            .min_by_key(|(_, at, _)| *at)
            .or_else(|| in_class.min_by_key(|(_, at, _)| *at))
            .map(|(_, _, e)| e)
    }
}

/// A call the extractor thinks may be a request site, with where it sits.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub call: Call,
    /// Names of the enclosing functions, methods and classes, innermost first.
    pub enclosing: Vec<String>,
}

/// What an extractor hands the request model for one file.
#[derive(Debug, Clone)]
pub struct Program {
    pub family: Family,
    pub bindings: Bindings,
    pub candidates: Vec<Candidate>,
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
        b.bind("x", function.clone(), 45, Bound::Param);
        assert_eq!(b.lookup("x", 35), Some(&value(2)));
        assert_eq!(b.lookup("x", 10), Some(&value(1)));
        assert_eq!(b.lookup("x", 50), Some(&Bound::Param));
        assert_eq!(
            b.lookup("x", 2),
            Some(&value(1)),
            "used before any binding: the first"
        );
        assert_eq!(b.lookup("y", 50), None);
    }
}
