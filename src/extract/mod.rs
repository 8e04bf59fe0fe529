//! Extraction: a syntax tree in, language-neutral facts out.
//!
//! One walk per file collects the nodes that matter by [`Role`] (each language module says
//! which nodes play which role); the per-language modules turn them into [`Facts`]:
//! comments, literal concatenations, and (through the request model's IR) request sites.
//! Rules never see a syntax tree.

use std::cell::RefCell;
use std::num::NonZeroU16;
use std::ops::Range;

use tree_sitter::Node;

use crate::facts::{Comment, Concatenation, Facts};
use crate::language::Language;
use crate::model;
use crate::parse;

pub mod config_file;
mod ecmascript;
mod python;
mod repair;

/// `Node::kind` and `Node::child_by_field_name` without their costs: tree-sitter measures
/// and validates the kind's C string on every `kind()`, and finds a field's id by comparing
/// the name with each of the grammar's field names on every call (a thousand instructions on
/// the TypeScript grammar). Extraction asks both of every node, so each grammar's kind names
/// and the field ids asked for are kept in a table per grammar and thread.
trait Lookup<'tree> {
    /// The node's kind, as `Node::kind` gives it.
    fn kind_name(&self) -> &'static str;
    /// The child in the field `name`, as `Node::child_by_field_name` gives it.
    fn field(&self, name: &'static str) -> Option<Node<'tree>>;
}

/// One grammar's tables.
struct Grammar {
    language: tree_sitter::Language,
    /// Kind names by kind id.
    kinds: Vec<Option<&'static str>>,
    /// Field ids by the address and length of the `&'static str` naming them (the same name
    /// may sit at two addresses: it is then looked up twice, never wrongly).
    fields: foldhash::HashMap<(usize, usize), Option<NonZeroU16>>,
}

thread_local! {
    static GRAMMARS: RefCell<Vec<Grammar>> = const { RefCell::new(Vec::new()) };
}

fn with_grammar<R>(language: &tree_sitter::Language, f: impl FnOnce(&mut Grammar) -> R) -> R {
    GRAMMARS.with(|grammars| {
        let mut grammars = grammars.borrow_mut();
        let index = match grammars.iter().position(|g| g.language == *language) {
            Some(index) => index,
            None => {
                let kinds = (0..language.node_kind_count())
                    .map(|id| {
                        u16::try_from(id)
                            .ok()
                            .and_then(|id| language.node_kind_for_id(id))
                    })
                    .collect();
                grammars.push(Grammar {
                    language: language.clone(),
                    kinds,
                    fields: foldhash::HashMap::default(),
                });
                grammars.len() - 1
            }
        };
        f(&mut grammars[index])
    })
}

impl<'tree> Lookup<'tree> for Node<'tree> {
    fn kind_name(&self) -> &'static str {
        let id = usize::from(self.kind_id());
        // `ERROR` and the other built-in kinds are not in the table.
        with_grammar(&self.language(), |grammar| {
            grammar.kinds.get(id).copied().flatten()
        })
        .unwrap_or_else(|| self.kind())
    }

    fn field(&self, name: &'static str) -> Option<Node<'tree>> {
        let language = self.language();
        let id = with_grammar(&language, |grammar| {
            *grammar
                .fields
                .entry((name.as_ptr() as usize, name.len()))
                .or_insert_with(|| language.field_id_for_name(name))
        })?;
        self.child_by_field_id(id.get())
    }
}

/// A leaf of a flattened concatenation: a literal's content range, or anything else.
enum Leaf {
    Literal(Range<usize>),
    Other,
}

/// Language-specific answers the shared extraction code needs.
trait Syntax {
    const FAMILY: model::Family;
    /// Lowers an expression node into the request model's IR.
    fn lower(node: Node<'_>, text: &str) -> model::ir::Expr;
    /// The last name of a call's callee (`create` in `client.chat.completions.create(...)`).
    fn callee_last_name<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str>;
    /// Records imports, parameters and bindings.
    fn bind_all(
        collected: &Collected<'_>,
        text: &str,
        scopes: &Scopes,
        bindings: &mut model::Bindings,
    );
    /// The name whose object a `@mutation` node changes, and how.
    fn mutation<'t>(node: Node<'_>, text: &'t str) -> Option<(&'t str, model::Write)>;
    /// The first name of a call's callee (`client` in `client.chat.completions.create(...)`,
    /// `this`/`self` for methods, `""` for a computed callee such as `(a ?? b)(...)`).
    fn callee_root<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str>;
    /// The expression a `@return` statement returns.
    fn returned(node: Node<'_>) -> Option<Node<'_>>;
    /// A `@function` node as the request model sees it.
    fn function(node: Node<'_>, text: &str, scopes: &Scopes) -> Option<model::Function>;
    /// A `@class` node.
    fn class(node: Node<'_>, text: &str) -> Option<model::Class>;
    /// What the file exports (JavaScript); Python modules export every module-level name.
    fn exports(_collected: &Collected<'_>, _text: &str) -> Option<model::Exports> {
        None
    }
    /// The roles `node` plays for extraction (most nodes play none).
    fn roles(node: Node<'_>, text: &str) -> &'static [Role];
    /// A node that joins its operands into one string (`+`, adjacent literals).
    fn is_concatenation(node: Node<'_>) -> bool;
    /// Parentheses and other wrappers that do not change a value. Both grammar families name
    /// parentheses `parenthesized_expression`.
    fn unwrap(node: Node<'_>) -> Node<'_> {
        let mut node = node;
        while node.kind_name() == "parenthesized_expression" && node.named_child_count() == 1 {
            match node.named_child(0) {
                Some(inner) if inner.kind_name() != "comment" => node = inner,
                _ => break,
            }
        }
        node
    }
    /// The content range of a literal without substitutions, or `None`.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>>;
    /// The name of a function, method or class (for wrapper matching).
    fn scope_name(node: Node<'_>, text: &str) -> Option<String>;
    /// A `@branch` statement's arms.
    fn branch(node: Node<'_>) -> Option<model::Branch>;
}

/// What a node is to extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Comment,
    /// A literal concatenation (`"a" + "b"`, adjacent literals); the outermost of a chain is
    /// kept.
    Concatenation,
    /// A call that may be a request site.
    Call,
    /// An assignment or other binding of a name.
    Binding,
    /// A class field with a value.
    Member,
    /// A function (for its parameters).
    Function,
    Import,
    /// An in-place change to an object bound to a name.
    Mutation,
    /// A class (a scope for `self.x` / `this.x`).
    Class,
    /// A `return` statement (what a function gives its callers).
    Return,
    /// A JavaScript `export` statement.
    Export,
    /// A statement that runs one of several arms (`if`, `switch`, `match`, `try`).
    Branch,
    /// A string literal that names an OpenRouter variable.
    NamingString,
}

/// The nodes one walk found, by role, each list in source order.
#[derive(Default)]
struct Collected<'tree> {
    comments: Vec<Node<'tree>>,
    concatenations: Vec<Node<'tree>>,
    calls: Vec<Node<'tree>>,
    bindings: Vec<Node<'tree>>,
    members: Vec<Node<'tree>>,
    functions: Vec<Node<'tree>>,
    imports: Vec<Node<'tree>>,
    mutations: Vec<Node<'tree>>,
    classes: Vec<Node<'tree>>,
    returns: Vec<Node<'tree>>,
    exports: Vec<Node<'tree>>,
    branches: Vec<Node<'tree>>,
    naming_strings: Vec<Node<'tree>>,
}

impl<'tree> Collected<'tree> {
    fn of(language: Language, tree: &'tree tree_sitter::Tree, text: &str) -> Collected<'tree> {
        match language {
            Language::Python => Collected::walk::<python::Python>(tree, text),
            _ => Collected::walk::<ecmascript::EcmaScript>(tree, text),
        }
    }

    fn walk<S: Syntax>(tree: &'tree tree_sitter::Tree, text: &str) -> Collected<'tree> {
        let mut collected = Collected::default();
        parse::walk(tree, |node| {
            // Roles belong to named nodes: `class` and `lambda` are also keywords.
            if !node.is_named() {
                return;
            }
            for role in S::roles(node, text) {
                collected.push(*role, node);
            }
        });
        collected
    }

    fn push(&mut self, role: Role, node: Node<'tree>) {
        let list = match role {
            Role::Comment => &mut self.comments,
            Role::Concatenation => &mut self.concatenations,
            Role::Call => &mut self.calls,
            Role::Binding => &mut self.bindings,
            Role::Member => &mut self.members,
            Role::Function => &mut self.functions,
            Role::Import => &mut self.imports,
            Role::Mutation => &mut self.mutations,
            Role::Class => &mut self.classes,
            Role::Return => &mut self.returns,
            Role::Export => &mut self.exports,
            Role::Branch => &mut self.branches,
            Role::NamingString => &mut self.naming_strings,
        };
        list.push(node);
    }
}

/// What a caller needs extracted beyond comments and concatenations.
#[derive(Clone, Copy, Default)]
pub struct Wants<'a> {
    /// The request model's view of the file, with which import specifiers name files of the
    /// project (calls of what those import may be calls of request helpers).
    pub sites: Option<&'a dyn Fn(&str) -> bool>,
    /// Calls of the file's own functions and instances are candidates too (request helpers).
    /// Off for installed packages, which are judged request by request, as written.
    pub helpers: bool,
}

/// Parses `text` and extracts its facts. Syntax errors are fine: whatever parsed is used.
/// The request model's view of the file ([`model::Program`]) is built only when
/// `wants.sites` (a rule needs request sites or model choices and the file can hold them),
/// and returned beside the facts: the caller finds the sites, which may take other files of
/// the project.
pub fn extract(
    language: Language,
    text: &str,
    wants: Wants<'_>,
) -> (Facts, Option<model::Program>) {
    parse::take_limits();
    let Some(tree) = parse::parse(language, text) else {
        let facts = Facts {
            unanalysed: unanalysed(parse::take_limits()),
            ..Facts::default()
        };
        return (facts, None);
    };
    // A file whose requests are worked out is read past its syntax errors, and says so.
    let (repaired, repair) = match wants.sites {
        Some(_) => repair::repair(language, text, &tree),
        None => (None, repair::Repair::default()),
    };
    let (text, tree) = match &repaired {
        Some((text, tree)) => (text.as_str(), tree),
        None => (text, &tree),
    };
    let collected = Collected::of(language, tree, text);
    let mut facts = Facts {
        comments: collected
            .comments
            .iter()
            .map(|n| comment(*n, text))
            .collect(),
        ..Facts::default()
    };
    // A string whose whole content is the name is how code reads it (`env["X"]`); any other
    // text around the name is prose.
    facts.prose_strings = collected
        .naming_strings
        .iter()
        .filter(|node| {
            let literal = text_of(**node, text);
            let inner = literal.trim_matches(['"', '\'', '`']);
            inner
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || c == '_'))
        })
        .map(|node| node.byte_range())
        .collect();
    facts.concatenations = match language {
        Language::Python => concatenation_runs::<python::Python>(&collected.concatenations),
        _ => concatenation_runs::<ecmascript::EcmaScript>(&collected.concatenations),
    };
    let program = wants.sites.map(|local| {
        let local = Locals {
            imports: local,
            helpers: wants.helpers,
        };
        match language {
            Language::Python => program::<python::Python>(&collected, text, &local),
            _ => program::<ecmascript::EcmaScript>(&collected, text, &local),
        }
    });
    facts.unanalysed = unanalysed(parse::take_limits());
    facts.unanalysed.extend(repair.reasons());
    (facts, program)
}

/// What the limits hit mean for the user.
fn unanalysed(limits: parse::Limits) -> Vec<String> {
    let mut out = Vec::new();
    if limits.parse_time {
        out.push(format!(
            "parsing took longer than {} s: only scanned for keys",
            parse::PARSE_BUDGET.as_secs()
        ));
    }
    // Both count levels of nesting, from the top of the tree or of an expression: one
    // message for either.
    if limits.walk_depth || limits.depth {
        out.push(format!(
            "code nested deeper than {} levels is not analysed",
            parse::MAX_WALK_DEPTH
        ));
    }
    out
}

/// The request model's view of a file on its own: for a module another file imports.
/// `local` says which import specifiers name files of the project.
pub fn program_of(
    language: Language,
    text: &str,
    local: &dyn Fn(&str) -> bool,
) -> Option<model::Program> {
    let tree = parse::parse(language, text)?;
    let collected = Collected::of(language, &tree, text);
    let local = Locals {
        imports: local,
        helpers: true,
    };
    Some(match language {
        Language::Python => program::<python::Python>(&collected, text, &local),
        _ => program::<ecmascript::EcmaScript>(&collected, text, &local),
    })
}

/// The request model's view of a file: its bindings, functions, classes and exports, and
/// the calls that may be sites (those whose callee ends in a candidate name, or starts with
/// a name this file binds: its own helpers, instances, what it imports from the project),
/// lowered into the IR.
/// Which calls of names the file binds are candidates.
struct Locals<'a> {
    /// Which import specifiers name files of the project.
    imports: &'a dyn Fn(&str) -> bool,
    helpers: bool,
}

fn program<S: Syntax>(collected: &Collected<'_>, text: &str, local: &Locals<'_>) -> model::Program {
    let scopes = Scopes::new(collected, text.len());
    let mut bindings = model::Bindings::new(
        scopes.scopes.iter().map(|s| s.range.clone()).collect(),
        text.len(),
    );
    S::bind_all(collected, text, &scopes, &mut bindings);
    let mut branches: Vec<model::Branch> = collected
        .branches
        .iter()
        .filter_map(|n| S::branch(*n))
        .collect();
    branches.sort_by_key(|b| b.span.start);
    for branch in branches {
        bindings.branch(branch);
    }
    for node in &collected.mutations {
        if let Some((name, write)) = S::mutation(*node, text) {
            bindings.mutate(
                name,
                scopes.around(node.byte_range()),
                node.start_byte(),
                write,
            );
        }
    }
    let mut functions: foldhash::HashMap<usize, model::Function> = collected
        .functions
        .iter()
        .filter_map(|node| S::function(*node, text, &scopes))
        .map(|f| (f.span.start, f))
        .collect();
    for node in &collected.returns {
        let Some(function) = scopes.function_around(node.byte_range()) else {
            continue;
        };
        if let (Some(function), Some(value)) = (functions.get_mut(&function), S::returned(*node)) {
            function.returns.push(S::lower(value, text));
            function
                .guards
                .resize(function.returns.len() - 1, Vec::new());
            function
                .guards
                .push(guards::<S>(*node, function.span.start, text));
        }
    }
    let classes = collected
        .classes
        .iter()
        .filter_map(|node| S::class(*node, text))
        .map(|c| (c.span.start, c))
        .collect();
    let candidates = collected
        .calls
        .iter()
        .filter(|call| {
            S::callee_last_name(**call, text).is_some_and(model::sites::is_candidate)
                || local.helpers
                    && S::callee_root(**call, text).is_some_and(|root| {
                        matches!(root, "" | "this" | "self" | "cls")
                            || match bindings.lookup(root, call.start_byte()) {
                                // A library's functions are requests only by their names.
                                Some(model::Bound::Import(import)) => {
                                    (local.imports)(&import.module)
                                }
                                Some(_) => true,
                                None => false,
                            }
                    })
        })
        .filter_map(|call| match S::lower(*call, text) {
            model::ir::Expr::Call(lowered) => Some(model::Candidate {
                call: *lowered,
                enclosing: scopes.names::<S>(call.byte_range(), text),
                place: scopes.place::<S>(call.byte_range(), text),
                function: scopes.function_around(call.byte_range()),
            }),
            _ => None,
        })
        .collect();
    // Calls that may write to a log (`print`, `logger.info`, `console.log`): where a key can
    // leak. Which of them really are log sinks is the key model's question.
    let log_calls = collected
        .calls
        .iter()
        .filter(|call| S::callee_last_name(**call, text).is_some_and(model::keys::is_log_name))
        .filter_map(|call| match S::lower(*call, text) {
            model::ir::Expr::Call(lowered) => Some(model::Candidate {
                call: *lowered,
                enclosing: Vec::new(),
                place: String::new(),
                function: scopes.function_around(call.byte_range()),
            }),
            _ => None,
        })
        .collect();
    model::Program {
        family: S::FAMILY,
        bindings,
        candidates,
        log_calls,
        functions,
        classes,
        exports: S::exports(collected, text),
    }
}

/// Where an assignment's binding takes effect: after the whole statement, so that the
/// right-hand side of `client = client or OpenAI(...)` reads the previous `client`.
/// The `if` conditions a `return` is under, inside its function, innermost first: each with
/// whether it holds there (`true` in the `if`'s body, `false` in its `else` or a later
/// `elif`).
fn guards<S: Syntax>(node: Node<'_>, function: usize, text: &str) -> Vec<(model::ir::Expr, bool)> {
    let mut out = Vec::new();
    let mut child = node;
    while let Some(parent) = child.parent() {
        if parent.start_byte() <= function {
            break;
        }
        if matches!(parent.kind_name(), "if_statement" | "elif_clause") {
            if let Some(condition) = parent.field("condition") {
                let holds = parent
                    .field("consequence")
                    .is_some_and(|c| c.id() == child.id());
                out.push((S::lower(condition, text), holds));
            }
        }
        child = parent;
    }
    out
}

/// `for x in [a, b]` / `for (const x of [a, b])` (`left`, `right` and `body` in both
/// grammars): in the loop's body, `x` is one of the items.
fn bind_loop_variable<S: Syntax>(
    node: Node<'_>,
    text: &str,
    scopes: &Scopes,
    bindings: &mut model::Bindings,
) {
    let (Some(target), Some(items), Some(body)) =
        (node.field("left"), node.field("right"), node.field("body"))
    else {
        return;
    };
    let model::ir::Expr::List { items: options, .. } = S::lower(items, text) else {
        return;
    };
    bindings.bind(
        text_of(target, text),
        scopes.around(node.byte_range()),
        body.start_byte(),
        model::Bound::Value(model::ir::Expr::Either {
            options,
            span: items.byte_range(),
        }),
    );
}

fn bound_after(node: Node<'_>) -> usize {
    node.end_byte()
}

fn text_of<'t>(node: Node<'_>, text: &'t str) -> &'t str {
    text.get(node.byte_range()).unwrap_or("")
}

fn comment(node: Node<'_>, text: &str) -> Comment {
    let start = node.start_byte();
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    Comment {
        range: start..node.end_byte(),
        own_line: text[line_start..start].trim().is_empty(),
    }
}

/// The functions and classes of a file, for finding the scope around a node by position
/// (cheaper than walking `Node::parent`, which tree-sitter answers by descending from the root
/// each time: quadratic on large flat files).
struct Scopes<'tree> {
    /// Sorted by start, outer first on ties; they nest like the tree.
    scopes: Vec<Scope<'tree>>,
    len: usize,
}

struct Scope<'tree> {
    node: Node<'tree>,
    range: Range<usize>,
    is_class: bool,
    /// Index of the innermost scope around this one.
    parent: Option<usize>,
}

impl<'tree> Scopes<'tree> {
    fn new(collected: &Collected<'tree>, len: usize) -> Scopes<'tree> {
        let mut scopes: Vec<Scope<'tree>> = collected
            .functions
            .iter()
            .map(|n| (n, false))
            .chain(collected.classes.iter().map(|n| (n, true)))
            .map(|(node, is_class)| Scope {
                node: *node,
                range: node.byte_range(),
                is_class,
                parent: None,
            })
            .collect();
        scopes.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        // One sweep with a stack of open scopes gives each scope its parent.
        let mut open: Vec<usize> = Vec::new();
        for i in 0..scopes.len() {
            while let Some(&top) = open.last() {
                if contains(&scopes[top].range, &scopes[i].range) {
                    break;
                }
                open.pop();
            }
            scopes[i].parent = open.last().copied();
            open.push(i);
        }
        Scopes { scopes, len }
    }

    /// Indices of the scopes strictly around `range`, innermost first.
    fn chain(&self, range: &Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let last = self
            .scopes
            .partition_point(|s| s.range.start <= range.start);
        let mut next = last.checked_sub(1);
        let range = range.clone();
        std::iter::from_fn(move || {
            while let Some(i) = next {
                next = self.scopes[i].parent;
                let scope = &self.scopes[i].range;
                if contains(scope, &range) && *scope != range {
                    return Some(i);
                }
            }
            None
        })
    }

    /// The innermost function or class strictly around `range` (the module if none): the scope
    /// a name bound there lives in.
    fn around(&self, range: Range<usize>) -> Range<usize> {
        self.chain(&range)
            .next()
            .map_or(0..self.len, |i| self.scopes[i].range.clone())
    }

    /// The innermost function strictly around `range` (its span start).
    fn function_around(&self, range: Range<usize>) -> Option<usize> {
        self.chain(&range)
            .find(|i| !self.scopes[*i].is_class)
            .map(|i| self.scopes[i].range.start)
    }

    /// The innermost class strictly around `range`.
    fn class_around(&self, range: Range<usize>) -> Option<Range<usize>> {
        self.chain(&range)
            .find(|i| self.scopes[*i].is_class)
            .map(|i| self.scopes[i].range.clone())
    }

    /// The class whose body directly holds `range` (not inside one of its methods).
    fn class_body(&self, range: Range<usize>) -> Option<Range<usize>> {
        self.chain(&range)
            .next()
            .filter(|i| self.scopes[*i].is_class)
            .map(|i| self.scopes[i].range.clone())
    }

    /// Names of the functions, methods and classes around `range`, innermost first.
    /// Where `range` is, in words: the innermost function by name; an anonymous one by the
    /// call it is passed to, and the named function around it.
    fn place<S: Syntax>(&self, range: Range<usize>, text: &str) -> String {
        let Some(innermost) = self.chain(&range).next() else {
            return "at module level".to_string();
        };
        let node = self.scopes[innermost].node;
        if let Some(name) = S::scope_name(node, text) {
            return format!("in `{name}`");
        }
        let anonymous = match callback_callee(node, text) {
            Some(callee) => format!("in the callback passed to `{callee}`"),
            None => "in an anonymous function".to_string(),
        };
        match self
            .chain(&range)
            .find_map(|i| S::scope_name(self.scopes[i].node, text))
        {
            Some(name) => format!("{anonymous} in `{name}`"),
            None => anonymous,
        }
    }

    /// The names around `range`, innermost first: of functions, methods and classes, and of
    /// the calls anonymous functions are passed to (`withAudit` in `withAudit(() => …)`).
    fn names<S: Syntax>(&self, range: Range<usize>, text: &str) -> Vec<String> {
        self.chain(&range)
            .filter_map(|i| {
                let node = self.scopes[i].node;
                S::scope_name(node, text)
                    .or_else(|| callback_callee(node, text).map(str::to_string))
            })
            .collect()
    }
}

/// The callee of the call an anonymous function is passed to (`app.post` for
/// `app.post("/chat", async (c) => …)`), when it is short enough to name.
fn callback_callee<'t>(function: Node<'_>, text: &'t str) -> Option<&'t str> {
    let arguments = function.parent()?;
    if !matches!(arguments.kind_name(), "arguments" | "argument_list") {
        return None;
    }
    let call = arguments.parent()?;
    let callee = call
        .field("function")
        .or_else(|| call.field("constructor"))?;
    let callee = text.get(callee.byte_range())?;
    (callee.len() <= 60 && !callee.contains('\n')).then_some(callee)
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The first named child that is not a comment (the wrapped expression of parentheses,
/// `await`, casts, spreads).
fn first_expression(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|c| c.kind_name() != "comment")
}

/// An f-string or template literal's parts: literal text only gives `Str`; anything
/// interpolated gives `Template`.
fn join_parts(parts: Vec<model::ir::TemplatePart>, span: Range<usize>) -> model::ir::Expr {
    use model::ir::{Expr, TemplatePart};
    if parts.iter().all(|p| matches!(p, TemplatePart::Text(_))) {
        let value = parts
            .into_iter()
            .map(|p| match p {
                TemplatePart::Text(t) => t,
                TemplatePart::Expr(_) => String::new(),
            })
            .collect();
        Expr::Str { value, span }
    } else {
        Expr::Template { parts, span }
    }
}

/// How deep lowering may nest. Real code stays far below; generated code (a 200,000-term
/// `+` chain, 50,000 nested brackets) would otherwise overflow the stack, which no
/// `catch_unwind` can stop.
const MAX_LOWERING_DEPTH: usize = parse::MAX_WALK_DEPTH;

thread_local! {
    static LOWERING_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `lower` one level deeper, or gives up on the node past the limit.
fn guarded(node: Node<'_>, lower: impl FnOnce() -> model::ir::Expr) -> model::ir::Expr {
    let depth = LOWERING_DEPTH.with(|d| d.get());
    if depth >= MAX_LOWERING_DEPTH {
        parse::note_limit(|l| l.depth = true);
        return model::ir::Expr::Other(node.byte_range());
    }
    LOWERING_DEPTH.with(|d| d.set(depth + 1));
    let expr = lower();
    LOWERING_DEPTH.with(|d| d.set(depth));
    expr
}

/// Decodes the common backslash escapes of Python and JavaScript string literals; anything
/// unusual is kept as written (the values orlint reads are URLs, keys and model ids).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(other @ ('\\' | '\'' | '"' | '`' | '/' | '$')) => out.push(other),
            Some('\n') => {}
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits concatenation chains into runs of two or more adjacent literals. Captured nodes are
/// visited outermost first; the chain members a flattened node covers are remembered and
/// skipped, so each chain is read once (without `Node::parent`, which tree-sitter answers by
/// walking down from the root: quadratic on a long chain).
fn concatenation_runs<S: Syntax>(nodes: &[Node<'_>]) -> Vec<Concatenation> {
    let mut nodes = nodes.to_vec();
    nodes.sort_by_key(|n| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
    let mut members = std::collections::HashSet::new();
    let mut runs = Vec::new();
    for node in nodes {
        if members.contains(&node.id()) {
            continue;
        }
        let leaves = flatten::<S>(node, &mut members);
        let mut current = Vec::new();
        for leaf in leaves.into_iter().chain(std::iter::once(Leaf::Other)) {
            match leaf {
                Leaf::Literal(range) => current.push(range),
                Leaf::Other => {
                    if current.len() >= 2 {
                        runs.push(Concatenation {
                            pieces: std::mem::take(&mut current),
                        });
                    } else {
                        current.clear();
                    }
                }
            }
        }
    }
    runs
}

/// The leaves of the chain at `node`, left to right, with an explicit stack (chains in
/// generated code can be hundreds of thousands of terms long). Records every chain node in
/// `members`.
fn flatten<S: Syntax>(node: Node<'_>, members: &mut std::collections::HashSet<usize>) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        let node = S::unwrap(node);
        if S::is_concatenation(node) {
            members.insert(node.id());
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "comment")
                .collect();
            stack.extend(children.into_iter().rev());
            continue;
        }
        leaves.push(match S::literal_content(node) {
            Some(range) => Leaf::Literal(range),
            None => Leaf::Other,
        });
    }
    leaves
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_tables_answer_as_tree_sitter_does() {
        // Broken code too: `ERROR` and missing nodes are not in the kind table.
        let files = [
            (
                Language::Python,
                "def f(a):\n    return g(a, key=[1, 'x'])\nclass C(: pass\n",
            ),
            (
                Language::TypeScript,
                "const x: T = f({a: 1}, `t${y}`);\nif (a { b( }\n",
            ),
            (
                Language::Tsx,
                "const e = <div a={f(1)}>text</div>;\nlet = ;\n",
            ),
            (
                Language::JavaScript,
                "import a from 'b';\nexport default () => a.b?.(c) +;\n",
            ),
        ];
        for (language, text) in files {
            let tree = parse::parse(language, text).unwrap();
            let mut errors = 0;
            parse::walk(&tree, |node| {
                assert_eq!(node.kind_name(), node.kind(), "{language:?}");
                errors += usize::from(node.is_error() || node.is_missing());
                for name in ["name", "function", "arguments", "left", "value", "body"] {
                    assert_eq!(node.field(name), node.child_by_field_name(name));
                }
            });
            assert!(
                errors > 0,
                "{language:?}: the sample should have broken code"
            );
        }
    }

    fn pieces(language: Language, text: &str) -> Vec<Vec<String>> {
        extract(language, text, Wants::default())
            .0
            .concatenations
            .iter()
            .map(|c| {
                c.pieces
                    .iter()
                    .map(|r| text[r.clone()].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn python_concatenations() {
        assert_eq!(pieces(Language::Python, "x = 'a' \"b\"\n"), [["a", "b"]]);
        assert_eq!(
            pieces(Language::Python, "x = ('a' + 'b') + 'c'\n"),
            [["a", "b", "c"]]
        );
        assert_eq!(
            pieces(Language::Python, "x = ('a'\n     'b')\n"),
            [["a", "b"]]
        );
        assert_eq!(
            pieces(Language::Python, "x = 'a' + v + 'b' 'c' + 'd'\n"),
            [["b", "c", "d"]]
        );
        assert_eq!(
            pieces(Language::Python, "x = f'a{v}' + 'b'\n"),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(pieces(Language::Python, "x = r'a' b'b'\n"), [["a", "b"]]);
        assert_eq!(
            pieces(Language::Python, "x = 1 + 2\n"),
            Vec::<Vec<String>>::new()
        );
    }

    #[test]
    fn ecmascript_concatenations() {
        for language in [Language::JavaScript, Language::TypeScript, Language::Tsx] {
            assert_eq!(
                pieces(language, "const x = 'a' + \"b\" + `c`;\n"),
                [["a", "b", "c"]],
                "{language:?}"
            );
            assert_eq!(
                pieces(language, "const x = ('a' + v) + 'b' + `c${d}`;\n"),
                Vec::<Vec<String>>::new()
            );
            assert_eq!(
                pieces(language, "const x = 'a' + ('b' + 'c');\n"),
                [["a", "b", "c"]]
            );
        }
    }

    #[test]
    fn comments_know_whether_they_stand_alone() {
        let text = "x = 1  # trailing\n    # alone\n";
        let comments = extract(Language::Python, text, Wants::default()).0.comments;
        assert_eq!(comments.len(), 2);
        assert!(!comments[0].own_line);
        assert!(comments[1].own_line);
        let js = "/* a */ f(); // b\n";
        let comments = extract(Language::JavaScript, js, Wants::default())
            .0
            .comments;
        assert!(comments[0].own_line && !comments[1].own_line);
    }
}
