//! Python specifics for extraction: literals, concatenation, and lowering into the request
//! model's IR.

use std::ops::Range;

use tree_sitter::Node;

use super::{Collected, Scopes, Syntax, text_of};
use crate::model::ir::{Arg, BinOp, Call, Entry, Expr, TemplatePart};
use crate::model::{Bindings, Bound, Family, Import};

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

    fn mutated_name<'t>(node: Node<'_>, text: &'t str) -> Option<&'t str> {
        let target = match node.kind() {
            "assignment" => node
                .child_by_field_name("left")?
                .child_by_field_name("value")?,
            "augmented_assignment" => node.child_by_field_name("left")?,
            "call" => node
                .child_by_field_name("function")?
                .child_by_field_name("object")?,
            _ => return None,
        };
        (target.kind() == "identifier").then(|| text_of(target, text))
    }

    fn is_concatenation(node: Node<'_>) -> bool {
        match node.kind() {
            "concatenated_string" => true,
            "binary_operator" => node
                .child_by_field_name("operator")
                .is_some_and(|op| op.kind() == "+"),
            _ => false,
        }
    }

    /// `string` nodes are `string_start`, contents, `string_end`; the prefix (`r`, `b`, `f`)
    /// belongs to `string_start`. An f-string with `{…}` is not a literal.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>> {
        if node.kind() != "string" {
            return None;
        }
        let mut cursor = node.walk();
        let mut start = None;
        let mut end = None;
        for child in node.children(&mut cursor) {
            match child.kind() {
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
        match node.kind() {
            "function_definition" | "class_definition" => node
                .child_by_field_name("name")
                .map(|n| text_of(n, text).to_string()),
            _ => None,
        }
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
    for node in &collected.bindings {
        bind(*node, text, scopes, bindings);
    }
}

pub(super) fn callee_last_name<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
    let function = call.child_by_field_name("function")?;
    match function.kind() {
        "identifier" => Some(text_of(function, text)),
        "attribute" => function
            .child_by_field_name("attribute")
            .map(|a| text_of(a, text)),
        _ => None,
    }
}

fn bind_import(node: Node<'_>, text: &str, bindings: &mut Bindings) {
    let module_scope = 0..text.len();
    let at = node.start_byte();
    let mut cursor = node.walk();
    match node.kind() {
        "import_statement" => {
            for name in node.children_by_field_name("name", &mut cursor) {
                let (module, alias) = match name.kind() {
                    "aliased_import" => (
                        name.child_by_field_name("name").map(|n| text_of(n, text)),
                        name.child_by_field_name("alias")
                            .map(|n| text_of(n, text).to_string()),
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
            let Some(module) = node.child_by_field_name("module_name") else {
                return;
            };
            let module = text_of(module, text).trim_start_matches('.').to_string();
            for name in node.children_by_field_name("name", &mut cursor) {
                let (member, alias) = match name.kind() {
                    "aliased_import" => (
                        name.child_by_field_name("name")
                            .map(|n| text_of(n, text).to_string()),
                        name.child_by_field_name("alias")
                            .map(|n| text_of(n, text).to_string()),
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
    if let Some(name) = function.child_by_field_name("name") {
        bindings.bind(
            text_of(name, text),
            scopes.around(function.byte_range()),
            function.start_byte(),
            Bound::Value(Expr::Other(function.byte_range())),
        );
    }
    let Some(params) = function.child_by_field_name("parameters") else {
        return;
    };
    let scope = function.byte_range();
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let name = match param.kind() {
            "identifier" => Some(param),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                let mut c = param.walk();
                param
                    .named_children(&mut c)
                    .find(|n| n.kind() == "identifier")
            }
            "default_parameter" | "typed_default_parameter" => param.child_by_field_name("name"),
            _ => None,
        };
        if let Some(name) = name {
            bindings.bind(
                text_of(name, text),
                scope.clone(),
                param.start_byte(),
                Bound::Param,
            );
        }
    }
}

fn bind(node: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    let (target, value) = match node.kind() {
        "assignment" => (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ),
        "named_expression" => (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ),
        "with_item" => {
            let Some(pattern) = node.child_by_field_name("value") else {
                return;
            };
            let alias = pattern
                .child_by_field_name("alias")
                .and_then(|a| a.named_child(0));
            (alias, pattern.named_child(0))
        }
        _ => return,
    };
    let (Some(target), Some(value)) = (target, value) else {
        return;
    };
    let lowered = lower(value, text);
    let at = node.start_byte();
    match target.kind() {
        "identifier" => {
            let name = text_of(target, text);
            // A class attribute is also what `self.name` reads.
            if let Some(class) = scopes.class_body(node.byte_range()) {
                bindings.bind_member(class, name, at, lowered.clone());
            }
            bindings.bind(
                name,
                scopes.around(node.byte_range()),
                at,
                Bound::Value(lowered),
            );
        }
        "attribute" => {
            let Some(object) = target.child_by_field_name("object") else {
                return;
            };
            let Some(attr) = target.child_by_field_name("attribute") else {
                return;
            };
            let attr = text_of(attr, text);
            let object_text = text_of(object, text);
            if matches!(object_text, "self" | "cls") {
                if let Some(class) = scopes.class_around(node.byte_range()) {
                    bindings.bind_member(class, attr, at, lowered);
                }
            } else if object.kind() == "identifier" || object.kind() == "attribute" {
                // `openai.api_base = "…"`: a module attribute set in this file.
                bindings.bind(
                    format!("{object_text}.{attr}"),
                    0..text.len(),
                    at,
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
    match node.kind() {
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
            let (Some(object), Some(attr)) = (
                node.child_by_field_name("object"),
                node.child_by_field_name("attribute"),
            ) else {
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
            let (Some(object), Some(index)) = (
                node.child_by_field_name("value"),
                node.child_by_field_name("subscript"),
            ) else {
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
                match child.kind() {
                    "pair" => {
                        let (Some(key), Some(value)) = (
                            child.child_by_field_name("key"),
                            child.child_by_field_name("value"),
                        ) else {
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
                .filter(|c| c.kind() != "comment")
                .map(|c| {
                    if c.kind() == "list_splat" {
                        Expr::Other(c.byte_range())
                    } else {
                        lower(c, text)
                    }
                })
                .collect();
            Expr::List { items, span }
        }
        "parenthesized_expression" | "await" | "as_pattern" => {
            match super::first_expression(node) {
                Some(inner) => lower(inner, text),
                None => Expr::Other(span),
            }
        }
        "binary_operator" => {
            let op = node.child_by_field_name("operator").map(|o| o.kind());
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
        "boolean_operator" => {
            let op = node.child_by_field_name("operator").map(|o| o.kind());
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
        _ => Expr::Other(span),
    }
}

fn binary(node: Node<'_>, text: &str, op: Option<BinOp>) -> Expr {
    let span = node.byte_range();
    match (
        op,
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) {
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
    let Some(function) = node.child_by_field_name("function") else {
        return Expr::Other(span);
    };
    let mut args = Vec::new();
    if let Some(arguments) = node.child_by_field_name("arguments") {
        let mut cursor = arguments.walk();
        for arg in arguments.named_children(&mut cursor) {
            match arg.kind() {
                "keyword_argument" => {
                    let (Some(name), Some(value)) = (
                        arg.child_by_field_name("name"),
                        arg.child_by_field_name("value"),
                    ) else {
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
    if node.kind() != "string" {
        return Expr::Other(span);
    }
    let mut raw = false;
    let mut parts = Vec::new();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind() {
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
            "interpolation" => match child.child_by_field_name("expression") {
                Some(expr) => parts.push(TemplatePart::Expr(lower(expr, text))),
                None => parts.push(TemplatePart::Expr(Expr::Other(child.byte_range()))),
            },
            _ => {}
        }
    }
    super::join_parts(parts, span)
}
