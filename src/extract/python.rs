//! Python specifics for extraction: literals, concatenation, and lowering into the request
//! model's IR.

use std::ops::Range;

use tree_sitter::Node;

use super::{Collected, Lookup, Role, Scopes, Syntax, bound_after, text_of};
use crate::model::ir::{Arg, BinOp, Call, Entry, Expr, TemplatePart};
use crate::model::{
    Bindings, Bound, Class, Family, Function, Import, Param, ParamKind, ParamTarget, Write,
};

pub(super) struct Python;

impl Syntax for Python {
    const FAMILY: Family = Family::Python;

    fn lower(node: Node<'_>, text: &str) -> Expr {
        lower(node, text)
    }

    fn callee_last_name<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
        callee_last_name(call, text)
    }

    fn bind_all(collected: &Collected<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
        bind_all(collected, text, scopes, bindings)
    }

    fn mutation<'t>(node: Node<'_>, text: &'t str) -> Option<(&'t str, Write)> {
        match node.kind_name() {
            // `x["a"]["b"] = v`
            "assignment" => {
                let left = node.field("left")?;
                let value = node.field("right")?;
                let (root, path) = subscript_path(left, text)?;
                Some((
                    root,
                    Write::to_path(path, lower(value, text), left.byte_range()),
                ))
            }
            // `x |= {...}` merges; any other operator makes the object unknown.
            "augmented_assignment" => {
                let left = node.field("left")?;
                if left.kind_name() != "identifier" {
                    return None;
                }
                let operator = node.field("operator")?;
                let write = match (operator.kind_name(), node.field("right")) {
                    ("|=", Some(right)) => Write::Merge(vec![Arg::Positional(lower(right, text))]),
                    _ => Write::Unknown,
                };
                Some((text_of(left, text), write))
            }
            // `x.update(...)`, `x.setdefault("k", v)`, `x.__setitem__("k", v)`
            "call" => {
                let function = node.field("function")?;
                let object = function.field("object")?;
                let method = text_of(function.field("attribute")?, text);
                if object.kind_name() != "identifier" {
                    return None;
                }
                let Expr::Call(call) = lower(node, text) else {
                    return None;
                };
                let write = match method {
                    "update" => Write::Merge(call.args),
                    "setdefault" | "__setitem__" => {
                        match (call.positional(0), call.positional(1)) {
                            (Some(Expr::Str { value: key, .. }), Some(value)) => {
                                if method == "setdefault" {
                                    Write::SetDefault {
                                        key: key.clone(),
                                        value: value.clone(),
                                        target: node.byte_range(),
                                    }
                                } else {
                                    Write::Set {
                                        path: vec![key.clone()],
                                        value: value.clone(),
                                        target: node.byte_range(),
                                    }
                                }
                            }
                            _ => Write::Unknown,
                        }
                    }
                    _ => return None,
                };
                Some((text_of(object, text), write))
            }
            // `del x["k"]`
            "delete_statement" => {
                let target = node.named_child(0)?;
                let (root, _) = subscript_path(target, text)?;
                Some((root, Write::Unknown))
            }
            _ => None,
        }
    }

    fn callee_root<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
        let mut node = call.field("function")?;
        loop {
            match node.kind_name() {
                "identifier" => return Some(text_of(node, text)),
                "attribute" => node = node.field("object")?,
                "call" => node = node.field("function")?,
                "parenthesized_expression" => return Some(""),
                _ => return None,
            }
        }
    }

    fn returned(node: Node<'_>) -> Option<Node<'_>> {
        super::first_expression(node)
    }

    fn function(node: Node<'_>, text: &str, scopes: &Scopes) -> Option<Function> {
        let params = match node.field("parameters") {
            Some(params) => lower_params(params, text),
            None => Vec::new(),
        };
        let returns = match node.kind_name() {
            "lambda" => node
                .field("body")
                .map(|b| vec![lower(b, text)])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let is_method = node.kind_name() == "function_definition"
            && scopes.class_body(node.byte_range()).is_some()
            && !has_decorator(node, text, "staticmethod");
        Some(Function {
            span: node.byte_range(),
            name: Self::scope_name(node, text),
            params,
            returns,
            guards: Vec::new(),
            is_method,
        })
    }

    fn class(node: Node<'_>, text: &str) -> Option<Class> {
        let name = text_of(node.field("name")?, text).to_string();
        let mut bases = Vec::new();
        if let Some(superclasses) = node.field("superclasses") {
            let mut cursor = superclasses.walk();
            for base in superclasses.named_children(&mut cursor) {
                if base.kind_name() != "keyword_argument" && base.kind_name() != "comment" {
                    bases.push(lower(base, text));
                }
            }
        }
        Some(Class {
            span: node.byte_range(),
            name,
            bases,
        })
    }

    fn roles(node: Node<'_>, text: &str) -> &'static [Role] {
        roles(node, text)
    }

    fn is_concatenation(node: Node<'_>) -> bool {
        match node.kind_name() {
            "concatenated_string" => true,
            "binary_operator" => node
                .field("operator")
                .is_some_and(|op| op.kind_name() == "+"),
            _ => false,
        }
    }

    /// `string` nodes are `string_start`, contents, `string_end`; the prefix (`r`, `b`, `f`)
    /// belongs to `string_start`. An f-string with `{…}` is not a literal.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>> {
        if node.kind_name() != "string" {
            return None;
        }
        let mut cursor = node.walk();
        let mut start = None;
        let mut end = None;
        for child in node.children(&mut cursor) {
            match child.kind_name() {
                "string_start" => start = Some(child.end_byte()),
                "string_end" => end = Some(child.start_byte()),
                "interpolation" => return None,
                _ => {}
            }
        }
        match (start, end) {
            (Some(start), Some(end)) if start <= end => Some(start..end),
            _ => None,
        }
    }

    fn scope_name(node: Node<'_>, text: &str) -> Option<String> {
        match node.kind_name() {
            "function_definition" | "class_definition" => {
                node.field("name").map(|n| text_of(n, text).to_string())
            }
            _ => None,
        }
    }

    fn branch(node: Node<'_>) -> Option<crate::model::Branch> {
        let mut arms = Vec::new();
        let mut exhaustive = false;
        let mut cursor = node.walk();
        match node.kind_name() {
            "if_statement" => {
                arms.push(node.field("consequence")?.byte_range());
                for alternative in node.children_by_field_name("alternative", &mut cursor) {
                    match alternative.kind_name() {
                        "elif_clause" => {
                            arms.extend(alternative.field("consequence").map(|c| c.byte_range()))
                        }
                        "else_clause" => {
                            exhaustive = true;
                            arms.extend(alternative.field("body").map(|c| c.byte_range()));
                        }
                        _ => {}
                    }
                }
            }
            // The body (with its `else`) or one of the handlers runs.
            "try_statement" => {
                exhaustive = true;
                let body = node.field("body")?.byte_range();
                let mut end = body.end;
                for child in node.named_children(&mut cursor) {
                    match child.kind_name() {
                        "except_clause" | "except_group_clause" => arms.push(child.byte_range()),
                        "else_clause" => end = child.end_byte(),
                        _ => {}
                    }
                }
                arms.push(body.start..end);
            }
            "match_statement" => {
                let body = node.field("body")?;
                let mut inner = body.walk();
                for case in body.named_children(&mut inner) {
                    if case.kind_name() == "case_clause" {
                        arms.push(case.byte_range());
                    }
                }
            }
            _ => return None,
        }
        arms.sort_by_key(|a| a.start);
        Some(crate::model::Branch {
            span: node.byte_range(),
            arms,
            exhaustive,
        })
    }
}

/// Records the file's imports, parameters and bindings.
pub(super) fn bind_all(
    collected: &Collected<'_>,
    text: &str,
    scopes: &Scopes,
    bindings: &mut Bindings,
) {
    for node in &collected.imports {
        bind_import(*node, text, bindings);
    }
    for node in &collected.functions {
        bind_params(*node, text, scopes, bindings);
    }
    for node in &collected.classes {
        bind_class(*node, text, scopes, bindings);
    }
    for node in &collected.bindings {
        bind(*node, text, scopes, bindings);
    }
}

pub(super) fn callee_last_name<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
    let function = call.field("function")?;
    match function.kind_name() {
        "identifier" => Some(text_of(function, text)),
        "attribute" => function.field("attribute").map(|a| text_of(a, text)),
        _ => None,
    }
}

/// `x["a"]["b"]` as `("x", Some(["a", "b"]))`; a computed key gives `None` for the path.
fn subscript_path<'t>(node: Node<'_>, text: &'t str) -> Option<(&'t str, Option<Vec<String>>)> {
    let mut keys = Vec::new();
    let mut known = true;
    let mut node = node;
    while node.kind_name() == "subscript" {
        let index = node.field("subscript")?;
        match lower(index, text) {
            Expr::Str { value, .. } => keys.push(value),
            _ => known = false,
        }
        node = node.field("value")?;
    }
    if node.kind_name() != "identifier" || keys.is_empty() && known {
        return None;
    }
    keys.reverse();
    Some((text_of(node, text), known.then_some(keys)))
}

/// Whether a function definition carries `@name` (or `@x.name`).
fn has_decorator(function: Node<'_>, text: &str, name: &str) -> bool {
    let Some(parent) = function.parent() else {
        return false;
    };
    if parent.kind_name() != "decorated_definition" {
        return false;
    }
    let mut cursor = parent.walk();
    parent
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "decorator")
        .any(|d| {
            let t = text_of(d, text).trim_start_matches('@').trim();
            t == name || t.ends_with(&format!(".{name}"))
        })
}

/// A parameter list as the request model sees it.
fn lower_params(params: Node<'_>, text: &str) -> Vec<Param> {
    let mut out = Vec::new();
    let mut keyword_only = false;
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let kind = if keyword_only {
            ParamKind::KeywordOnly
        } else {
            ParamKind::Positional
        };
        let (name, default, kind) = match param.kind_name() {
            "identifier" => (Some(param), None, kind),
            "typed_parameter" => {
                let mut c = param.walk();
                let inner = param.named_children(&mut c).next();
                match inner.map(|n| (n.kind_name(), n)) {
                    Some(("identifier", n)) => (Some(n), None, kind),
                    Some(("list_splat_pattern", n)) => {
                        keyword_only = true;
                        (n.named_child(0), None, ParamKind::Rest)
                    }
                    Some(("dictionary_splat_pattern", n)) => {
                        (n.named_child(0), None, ParamKind::Keywords)
                    }
                    _ => (None, None, kind),
                }
            }
            "default_parameter" | "typed_default_parameter" => {
                (param.field("name"), param.field("value"), kind)
            }
            "list_splat_pattern" => {
                keyword_only = true;
                (param.named_child(0), None, ParamKind::Rest)
            }
            "dictionary_splat_pattern" => (param.named_child(0), None, ParamKind::Keywords),
            "keyword_separator" => {
                keyword_only = true;
                continue;
            }
            "positional_separator" | "comment" => continue,
            _ => (None, None, kind),
        };
        out.push(Param {
            target: match name {
                Some(n) if n.kind_name() == "identifier" => {
                    ParamTarget::Name(text_of(n, text).to_string())
                }
                _ => ParamTarget::Other,
            },
            default: default.map(|d| lower(d, text)),
            kind,
        });
    }
    out
}

fn bind_import(node: Node<'_>, text: &str, bindings: &mut Bindings) {
    let module_scope = 0..text.len();
    let at = node.start_byte();
    let mut cursor = node.walk();
    match node.kind_name() {
        "import_statement" => {
            for name in node.children_by_field_name("name", &mut cursor) {
                let (module, alias) = match name.kind_name() {
                    "aliased_import" => (
                        name.field("name").map(|n| text_of(n, text)),
                        name.field("alias").map(|n| text_of(n, text).to_string()),
                    ),
                    _ => {
                        // `import a.b` binds `a` to the package `a`.
                        let module = text_of(name, text);
                        let root = module.split('.').next().unwrap_or(module);
                        (Some(root), Some(root.to_string()))
                    }
                };
                if let (Some(module), Some(alias)) = (module, alias) {
                    bindings.bind(
                        alias,
                        module_scope.clone(),
                        at,
                        Bound::Import(Import {
                            module: module.to_string(),
                            member: None,
                        }),
                    );
                }
            }
        }
        "import_from_statement" => {
            let Some(module) = node.field("module_name") else {
                return;
            };
            // Relative imports keep their dots: `.client` is this package's module, not a
            // library called `client`.
            let module: String = text_of(module, text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for name in node.children_by_field_name("name", &mut cursor) {
                let (member, alias) = match name.kind_name() {
                    "aliased_import" => (
                        name.field("name").map(|n| text_of(n, text).to_string()),
                        name.field("alias").map(|n| text_of(n, text).to_string()),
                    ),
                    _ => (
                        Some(text_of(name, text).to_string()),
                        Some(text_of(name, text).to_string()),
                    ),
                };
                if let (Some(member), Some(alias)) = (member, alias) {
                    bindings.bind(
                        alias,
                        module_scope.clone(),
                        at,
                        Bound::Import(Import {
                            module: module.clone(),
                            member: Some(member),
                        }),
                    );
                }
            }
        }
        _ => {}
    }
}

fn bind_params(function: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    // A function defined in this file shadows any global or import of the same name: a local
    // `def completion(...)` is the project's own wrapper, not LiteLLM's.
    if function.kind_name() == "function_definition" {
        if let Some(name) = function.field("name") {
            let name = text_of(name, text);
            let value = Expr::Function(function.byte_range());
            if let Some(class) = scopes.class_body(function.byte_range()) {
                bindings.bind_member(class, name, function.start_byte(), value.clone());
            }
            bindings.bind(
                name,
                scopes.around(function.byte_range()),
                function.start_byte(),
                Bound::Value(value),
            );
        }
    }
    let Some(params) = function.field("parameters") else {
        return;
    };
    let scope = function.byte_range();
    // `settings: Settings`, `session: aiohttp.ClientSession`: what the argument is when no
    // caller is in view.
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let name = match param.kind_name() {
            "typed_parameter" => param
                .named_child(0)
                .filter(|n| n.kind_name() == "identifier"),
            "typed_default_parameter" => param.field("name"),
            _ => None,
        };
        let annotation = param.field("type").and_then(|t| t.named_child(0));
        if let (Some(name), Some(annotation)) = (name, annotation) {
            if matches!(annotation.kind_name(), "identifier" | "attribute") {
                bindings.annotate(
                    function.start_byte(),
                    text_of(name, text),
                    lower(annotation, text),
                );
            }
        }
    }
    for param in lower_params(params, text) {
        if let ParamTarget::Name(name) = param.target {
            bindings.bind(
                name,
                scope.clone(),
                function.start_byte(),
                Bound::Param {
                    function: function.start_byte(),
                    default: param.default,
                },
            );
        }
    }
}

fn bind_class(class: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    if let Some(name) = class.field("name") {
        // A nested class (`class Valves(BaseModel)` inside a pipe) is also a member of the
        // class around it: `self.Valves()`, `Pipe.Valves`.
        if let Some(outer) = scopes.class_body(class.byte_range()) {
            bindings.bind_member(
                outer,
                text_of(name, text),
                class.start_byte(),
                Expr::Class(class.byte_range()),
            );
        }
        bindings.bind(
            text_of(name, text),
            scopes.around(class.byte_range()),
            class.start_byte(),
            Bound::Value(Expr::Class(class.byte_range())),
        );
    }
}

fn bind(node: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    let (target, value) = match node.kind_name() {
        "assignment" => (node.field("left"), node.field("right")),
        "named_expression" => (node.field("name"), node.field("value")),
        // The loop variable takes each item in turn: one of them.
        "for_statement" => {
            super::bind_loop_variable::<Python>(node, text, scopes, bindings);
            return;
        }
        "with_item" => {
            let Some(pattern) = node.field("value") else {
                return;
            };
            let alias = pattern.field("alias").and_then(|a| a.named_child(0));
            (alias, pattern.named_child(0))
        }
        _ => return,
    };
    let (Some(target), Some(value)) = (target, value) else {
        return;
    };
    let lowered = lower(value, text);
    let at = node.start_byte();
    match target.kind_name() {
        "identifier" => {
            let name = text_of(target, text);
            // A class attribute is also what `self.name` reads.
            if let Some(class) = scopes.class_body(node.byte_range()) {
                bindings.bind_member(class, name, at, lowered.clone());
            }
            bindings.bind(
                name,
                scopes.around(node.byte_range()),
                bound_after(node),
                Bound::Value(lowered),
            );
        }
        "attribute" => {
            let Some(object) = target.field("object") else {
                return;
            };
            let Some(attr) = target.field("attribute") else {
                return;
            };
            let attr = text_of(attr, text);
            let object_text = text_of(object, text);
            if matches!(object_text, "self" | "cls") {
                if let Some(class) = scopes.class_around(node.byte_range()) {
                    bindings.bind_member(class, attr, at, lowered);
                }
            } else if object.kind_name() == "identifier" || object.kind_name() == "attribute" {
                // `openai.api_base = "…"`: a module attribute set in this file.
                bindings.bind(
                    format!("{object_text}.{attr}"),
                    0..text.len(),
                    bound_after(node),
                    Bound::Value(lowered),
                );
            }
        }
        _ => {}
    }
}

/// Lowers an expression node into the IR (depth-limited: see [`super::guarded`]).
pub(super) fn lower(node: Node<'_>, text: &str) -> Expr {
    super::guarded(node, || lower_node(node, text))
}

fn lower_node(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    match node.kind_name() {
        "string" => lower_string(node, text),
        "concatenated_string" => {
            let mut parts = Vec::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match lower_string(child, text) {
                    Expr::Str { value, .. } => parts.push(TemplatePart::Text(value)),
                    Expr::Template { parts: inner, .. } => parts.extend(inner),
                    _ => {}
                }
            }
            super::join_parts(parts, span)
        }
        "integer" | "float" => Expr::Num(span),
        "true" => Expr::Bool(true, span),
        "false" => Expr::Bool(false, span),
        "none" => Expr::Null(span),
        "identifier" => match text_of(node, text) {
            "self" | "cls" => Expr::This(span),
            name => Expr::Name(name.to_string(), span),
        },
        "attribute" => {
            let (Some(object), Some(attr)) = (node.field("object"), node.field("attribute")) else {
                return Expr::Other(span);
            };
            Expr::Attr {
                object: Box::new(lower(object, text)),
                name: text_of(attr, text).to_string(),
                span,
                name_span: attr.byte_range(),
            }
        }
        "subscript" => {
            let (Some(object), Some(index)) = (node.field("value"), node.field("subscript")) else {
                return Expr::Other(span);
            };
            Expr::Index {
                object: Box::new(lower(object, text)),
                index: Box::new(lower(index, text)),
                span,
            }
        }
        "call" => lower_call(node, text),
        "dictionary" => {
            let mut entries = Vec::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match child.kind_name() {
                    "pair" => {
                        let (Some(key), Some(value)) = (child.field("key"), child.field("value"))
                        else {
                            continue;
                        };
                        match lower(key, text) {
                            Expr::Str { value: k, .. } => entries.push(Entry::Pair {
                                key: k,
                                key_span: key.byte_range(),
                                value: lower(value, text),
                            }),
                            _ => entries.push(Entry::Computed(key.byte_range())),
                        }
                    }
                    "dictionary_splat" => {
                        if let Some(inner) = child.named_child(0) {
                            entries.push(Entry::Spread(lower(inner, text)));
                        }
                    }
                    "comment" => {}
                    _ => entries.push(Entry::Computed(child.byte_range())),
                }
            }
            Expr::Object { entries, span }
        }
        "list" | "tuple" | "set" => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "comment")
                .map(|c| {
                    if c.kind_name() == "list_splat" {
                        Expr::Other(c.byte_range())
                    } else {
                        lower(c, text)
                    }
                })
                .collect();
            Expr::List { items, span }
        }
        "lambda" => Expr::Function(span),
        "parenthesized_expression" | "await" | "as_pattern" => {
            match super::first_expression(node) {
                Some(inner) => lower(inner, text),
                None => Expr::Other(span),
            }
        }
        // `"key: %s" % key`, `"%s/%s" % (a, b)`.
        "binary_operator"
            if node.field("operator").map(|o| o.kind_name()) == Some("%")
                && node
                    .field("left")
                    .is_some_and(|l| matches!(l.kind_name(), "string" | "concatenated_string")) =>
        {
            let mut operands = Vec::new();
            for side in ["left", "right"] {
                match node.field(side).map(|n| lower(n, text)) {
                    Some(Expr::List { items, .. }) => operands.extend(items),
                    Some(other) => operands.push(other),
                    None => {}
                }
            }
            Expr::Formatted { operands, span }
        }
        "binary_operator" => {
            let op = node.field("operator").map(|o| o.kind_name());
            binary(
                node,
                text,
                if op == Some("+") {
                    Some(BinOp::Add)
                } else {
                    None
                },
            )
        }
        // `a and b` is `b` when `a` holds, else the falsy `a`: one of the two.
        "boolean_operator" if node.field("operator").map(|o| o.kind_name()) == Some("and") => {
            match node.field("right") {
                // Or the falsy left side itself, which adds nothing when spread.
                Some(right) => Expr::Either {
                    options: vec![
                        lower(right, text),
                        Expr::Null(node.field("left").map_or(span.clone(), |l| l.byte_range())),
                    ],
                    span,
                },
                None => Expr::Other(span),
            }
        }
        "boolean_operator" => {
            let op = node.field("operator").map(|o| o.kind_name());
            binary(
                node,
                text,
                if op == Some("or") {
                    Some(BinOp::Or)
                } else {
                    None
                },
            )
        }
        // `a if c else b`: the first and last named children are the options.
        "conditional_expression" => {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "comment")
                .collect();
            match children.as_slice() {
                [then, _, otherwise] => Expr::Either {
                    options: vec![lower(*then, text), lower(*otherwise, text)],
                    span,
                },
                _ => Expr::Other(span),
            }
        }
        _ => Expr::Other(span),
    }
}

fn binary(node: Node<'_>, text: &str, op: Option<BinOp>) -> Expr {
    let span = node.byte_range();
    match (op, node.field("left"), node.field("right")) {
        (Some(op), Some(left), Some(right)) => Expr::Binary {
            op,
            left: Box::new(lower(left, text)),
            right: Box::new(lower(right, text)),
            span,
        },
        _ => Expr::Other(span),
    }
}

fn lower_call(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    let Some(function) = node.field("function") else {
        return Expr::Other(span);
    };
    let mut args = Vec::new();
    if let Some(arguments) = node.field("arguments") {
        let mut cursor = arguments.walk();
        for arg in arguments.named_children(&mut cursor) {
            match arg.kind_name() {
                "keyword_argument" => {
                    let (Some(name), Some(value)) = (arg.field("name"), arg.field("value")) else {
                        continue;
                    };
                    args.push(Arg::Keyword {
                        name: text_of(name, text).to_string(),
                        name_span: name.byte_range(),
                        value: lower(value, text),
                    });
                }
                "list_splat" => {
                    if let Some(inner) = arg.named_child(0) {
                        args.push(Arg::Spread(lower(inner, text)));
                    }
                }
                "dictionary_splat" => {
                    if let Some(inner) = arg.named_child(0) {
                        args.push(Arg::KeywordSpread(lower(inner, text)));
                    }
                }
                "comment" => {}
                _ => args.push(Arg::Positional(lower(arg, text))),
            }
        }
    }
    Expr::Call(Box::new(Call {
        callee: lower(function, text),
        args,
        span,
        is_new: false,
    }))
}

/// A string literal or f-string, escapes decoded (not for raw strings).
fn lower_string(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    if node.kind_name() != "string" {
        return Expr::Other(span);
    }
    let mut raw = false;
    let mut parts = Vec::new();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind_name() {
            "string_start" => raw = text_of(child, text).to_ascii_lowercase().contains('r'),
            "string_content" => {
                let content = text_of(child, text);
                let value = if raw {
                    content.to_string()
                } else {
                    super::unescape(content)
                };
                parts.push(TemplatePart::Text(value));
            }
            "interpolation" => match child.field("expression") {
                Some(expr) => parts.push(TemplatePart::Expr(lower(expr, text))),
                None => parts.push(TemplatePart::Expr(Expr::Other(child.byte_range()))),
            },
            _ => {}
        }
    }
    super::join_parts(parts, span)
}

/// Which nodes extraction collects, and as what.
fn roles(node: Node<'_>, text: &str) -> &'static [Role] {
    let kind_of = |field: &'static str| node.field(field).map(|n| n.kind_name());
    match node.kind_name() {
        // Inline suppressions (`# orlint: ignore[...]`) are read from comments.
        "comment" => &[Role::Comment],
        // `"sk-or-v1-" "3f9a..."` and `"sk-or-v1-" + "3f9a..."`.
        "concatenated_string" => &[Role::Concatenation],
        "binary_operator" if kind_of("operator") == Some("+") => &[Role::Concatenation],
        // `completion(...)`, `client.chat.completions.create(...)`, or a parenthesised
        // fallback `(client or default_client)(...)`; src/model decides which are sites.
        // `params.update(...)` also changes `params` in place.
        "call" => match kind_of("function") {
            Some("identifier" | "parenthesized_expression") => &[Role::Call],
            Some("attribute") if is_in_place_update(node, text) => &[Role::Call, Role::Mutation],
            Some("attribute") => &[Role::Call],
            _ => &[],
        },
        // `x = ...`, `self.client = ...`, `openai.api_base = ...`; `params["a"] = ...`
        // changes `params`.
        "assignment" => match kind_of("left") {
            Some("identifier" | "attribute") if kind_of("right").is_some() => &[Role::Binding],
            Some("subscript") => &[Role::Mutation],
            _ => &[],
        },
        // `(x := ...)`
        "named_expression" => &[Role::Binding],
        // `with OpenRouter(...) as client:`
        "with_item" if binds_a_name(node) => &[Role::Binding],
        "function_definition" if kind_of("parameters") == Some("parameters") => &[Role::Function],
        "lambda" => &[Role::Function],
        // What functions return: factories (`def get_client(): return OpenAI(...)`).
        "return_statement" => &[Role::Return],
        "import_statement" | "import_from_statement" => &[Role::Import],
        // `params |= {...}`, `del params["provider"]`.
        "augmented_assignment" if kind_of("left") == Some("identifier") => &[Role::Mutation],
        "delete_statement" if has_named_child(node, "subscript") => &[Role::Mutation],
        // A scope for `self.x` and class attributes.
        "class_definition" => &[Role::Class],
        "if_statement" | "try_statement" | "match_statement" => &[Role::Branch],
        // `for payload in [body, {**body, "stream": True}]:`
        "for_statement"
            if kind_of("left") == Some("identifier")
                && matches!(kind_of("right"), Some("list" | "tuple")) =>
        {
            &[Role::Binding]
        }
        _ => &[],
    }
}

/// `name.update(...)`, `name.setdefault(...)`, `name.__setitem__(...)`.
fn is_in_place_update(call: Node<'_>, text: &str) -> bool {
    let Some(callee) = call.field("function") else {
        return false;
    };
    let object = callee.field("object");
    let method = callee.field("attribute");
    object.is_some_and(|o| o.kind_name() == "identifier")
        && method.is_some_and(|m| {
            m.kind_name() == "identifier"
                && matches!(
                    &text[m.byte_range()],
                    "update" | "setdefault" | "__setitem__"
                )
        })
}

/// `with ... as name`: an `as` whose target is a plain name.
fn binds_a_name(with_item: Node<'_>) -> bool {
    with_item
        .field("value")
        .filter(|value| value.kind_name() == "as_pattern")
        .and_then(|pattern| pattern.field("alias"))
        .is_some_and(|alias| {
            alias.kind_name() == "as_pattern_target" && has_named_child(alias, "identifier")
        })
}

fn has_named_child(node: Node<'_>, kind: &str) -> bool {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .any(|child| child.kind_name() == kind)
}
