//! JavaScript, TypeScript and TSX specifics for extraction (one grammar family): literals,
//! concatenation, and lowering into the request model's IR.

use std::ops::Range;

use tree_sitter::Node;

use super::{Collected, Scopes, Syntax, text_of};
use crate::model::ir::{Arg, BinOp, Call, Entry, Expr, TemplatePart};
use crate::model::{Bindings, Bound, Family, Import};

pub(super) struct EcmaScript;

impl Syntax for EcmaScript {
    const FAMILY: Family = Family::EcmaScript;

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
            "assignment_expression" => node
                .child_by_field_name("left")?
                .child_by_field_name("object")?,
            "call_expression" => node.child_by_field_name("arguments")?.named_child(0)?,
            _ => return None,
        };
        (target.kind() == "identifier").then(|| text_of(target, text))
    }

    fn is_concatenation(node: Node<'_>) -> bool {
        node.kind() == "binary_expression"
            && node
                .child_by_field_name("operator")
                .is_some_and(|op| op.kind() == "+")
    }

    /// Quoted strings, and template literals without `${…}`, minus their delimiters.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>> {
        match node.kind() {
            "string" => {}
            "template_string" => {
                let mut cursor = node.walk();
                if node
                    .named_children(&mut cursor)
                    .any(|c| c.kind() == "template_substitution")
                {
                    return None;
                }
            }
            _ => return None,
        }
        let (start, end) = (node.start_byte() + 1, node.end_byte().checked_sub(1)?);
        (start <= end && !node.is_missing()).then_some(start..end)
    }

    /// Declared names, and the variable, property or key a function expression is assigned to
    /// (`const auditedCall = async () => …`).
    fn scope_name(node: Node<'_>, text: &str) -> Option<String> {
        if let Some(name) = node.child_by_field_name("name") {
            return Some(text_of(name, text).to_string());
        }
        let parent = node.parent()?;
        let name = match parent.kind() {
            "variable_declarator" => parent.child_by_field_name("name"),
            "pair" => parent.child_by_field_name("key"),
            "assignment_expression" => parent.child_by_field_name("left"),
            "public_field_definition" => parent.child_by_field_name("name"),
            "field_definition" => parent.child_by_field_name("property"),
            _ => None,
        }?;
        Some(text_of(name, text).trim_matches(['"', '\'']).to_string())
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
    for node in &collected.members {
        let name = node
            .child_by_field_name("name")
            .or_else(|| node.child_by_field_name("property"));
        let (Some(name), Some(value)) = (name, node.child_by_field_name("value")) else {
            continue;
        };
        if let Some(class) = scopes.class_around(node.byte_range()) {
            bindings.bind_member(
                class,
                text_of(name, text),
                node.start_byte(),
                lower(value, text),
            );
        }
    }
}

pub(super) fn callee_last_name<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
    let function = call
        .child_by_field_name("function")
        .or_else(|| call.child_by_field_name("constructor"))?;
    match function.kind() {
        "identifier" => Some(text_of(function, text)),
        "member_expression" => function
            .child_by_field_name("property")
            .map(|p| text_of(p, text)),
        _ => None,
    }
}

fn string_value(node: Node<'_>, text: &str) -> Option<String> {
    match lower(node, text) {
        Expr::Str { value, .. } => Some(value),
        _ => None,
    }
}

fn bind_import(node: Node<'_>, text: &str, bindings: &mut Bindings) {
    let Some(source) = node
        .child_by_field_name("source")
        .and_then(|s| string_value(s, text))
    else {
        return;
    };
    let module_scope = 0..text.len();
    let at = node.start_byte();
    let mut bind = |name: Node<'_>, member: Option<String>| {
        bindings.bind(
            text_of(name, text),
            module_scope.clone(),
            at,
            Bound::Import(Import {
                module: source.clone(),
                member,
            }),
        );
    };
    let mut cursor = node.walk();
    for clause in node.named_children(&mut cursor) {
        if clause.kind() != "import_clause" {
            continue;
        }
        let mut c = clause.walk();
        for part in clause.named_children(&mut c) {
            match part.kind() {
                // `import OpenAI from "openai"`
                "identifier" => bind(part, Some("default".into())),
                // `import * as ai from "ai"`
                "namespace_import" => {
                    let mut n = part.walk();
                    if let Some(name) = part
                        .named_children(&mut n)
                        .find(|x| x.kind() == "identifier")
                    {
                        bind(name, None);
                    }
                }
                // `import { OpenAI as X } from "openai"`
                "named_imports" => {
                    let mut n = part.walk();
                    for spec in part.named_children(&mut n) {
                        if spec.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec.child_by_field_name("name") else {
                            continue;
                        };
                        let local = spec.child_by_field_name("alias").unwrap_or(name);
                        bind(
                            local,
                            Some(text_of(name, text).trim_matches(['"', '\'']).to_string()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

fn bind_params(function: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    // A function declared in this file shadows any global or import of the same name: a local
    // `function openrouter(id) {…}` is the project's own helper, not the AI SDK provider.
    if matches!(
        function.kind(),
        "function_declaration" | "generator_function_declaration"
    ) {
        if let Some(name) = function.child_by_field_name("name") {
            bindings.bind(
                text_of(name, text),
                scopes.around(function.byte_range()),
                function.start_byte(),
                Bound::Value(Expr::Other(function.byte_range())),
            );
        }
    }
    let scope = function.byte_range();
    let params = function
        .child_by_field_name("parameters")
        .or_else(|| function.child_by_field_name("parameter"));
    let Some(params) = params else {
        return;
    };
    let mut names = Vec::new();
    collect_pattern_names(params, &mut names);
    for name in names {
        bindings.bind(
            text_of(name, text),
            scope.clone(),
            name.start_byte(),
            Bound::Param,
        );
    }
}

/// Identifiers a parameter list or destructuring pattern binds (not defaults, not types).
fn collect_pattern_names<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    match node.kind() {
        "identifier" | "shorthand_property_identifier_pattern" => out.push(node),
        "type_annotation" | "type_identifier" => {}
        "assignment_pattern" => {
            if let Some(left) = node.child_by_field_name("left") {
                collect_pattern_names(left, out);
            }
        }
        "pair_pattern" => {
            if let Some(value) = node.child_by_field_name("value") {
                collect_pattern_names(value, out);
            }
        }
        "required_parameter" | "optional_parameter" => {
            if let Some(pattern) = node.child_by_field_name("pattern") {
                collect_pattern_names(pattern, out);
            }
        }
        _ => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                collect_pattern_names(child, out);
            }
        }
    }
}

fn bind(node: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    let (target, value) = match node.kind() {
        "variable_declarator" => (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ),
        "assignment_expression" => (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ),
        _ => return,
    };
    let (Some(target), Some(value)) = (target, value) else {
        return;
    };
    let at = node.start_byte();
    if let Some(module) = required_module(value, text) {
        bind_require(target, module, text, at, bindings);
        return;
    }
    match target.kind() {
        "identifier" => {
            let lowered = lower(value, text);
            bindings.bind(
                text_of(target, text),
                scopes.around(node.byte_range()),
                at,
                Bound::Value(lowered),
            );
        }
        "member_expression" => {
            let (Some(object), Some(property)) = (
                target.child_by_field_name("object"),
                target.child_by_field_name("property"),
            ) else {
                return;
            };
            let lowered = lower(value, text);
            if object.kind() == "this" {
                if let Some(class) = scopes.class_around(node.byte_range()) {
                    bindings.bind_member(class, text_of(property, text), at, lowered);
                }
            } else if matches!(object.kind(), "identifier" | "member_expression") {
                bindings.bind(
                    format!("{}.{}", text_of(object, text), text_of(property, text)),
                    0..text.len(),
                    at,
                    Bound::Value(lowered),
                );
            }
        }
        _ => {}
    }
}

/// `require("openai")` (possibly awaited or wrapped in parentheses).
fn required_module(value: Node<'_>, text: &str) -> Option<String> {
    let mut node = value;
    while matches!(node.kind(), "await_expression" | "parenthesized_expression") {
        node = node.named_child(0)?;
    }
    if node.kind() != "call_expression" {
        return None;
    }
    let function = node.child_by_field_name("function")?;
    if text_of(function, text) != "require" {
        return None;
    }
    let arguments = node.child_by_field_name("arguments")?;
    string_value(arguments.named_child(0)?, text)
}

/// `const OpenAI = require("openai")` / `const { OpenAI: X } = require("openai")`.
fn bind_require(target: Node<'_>, module: String, text: &str, at: usize, bindings: &mut Bindings) {
    let scope = 0..text.len();
    match target.kind() {
        "identifier" => bindings.bind(
            text_of(target, text),
            scope,
            at,
            Bound::Import(Import {
                module,
                member: Some("default".into()),
            }),
        ),
        "object_pattern" => {
            let mut cursor = target.walk();
            for prop in target.named_children(&mut cursor) {
                let (member, local) = match prop.kind() {
                    "shorthand_property_identifier_pattern" => (prop, prop),
                    "pair_pattern" => match (
                        prop.child_by_field_name("key"),
                        prop.child_by_field_name("value"),
                    ) {
                        (Some(k), Some(v)) if v.kind() == "identifier" => (k, v),
                        _ => continue,
                    },
                    _ => continue,
                };
                bindings.bind(
                    text_of(local, text),
                    scope.clone(),
                    at,
                    Bound::Import(Import {
                        module: module.clone(),
                        member: Some(text_of(member, text).to_string()),
                    }),
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
        "string" => {
            let inner = text_of(node, text);
            let inner = inner.get(1..inner.len().saturating_sub(1)).unwrap_or("");
            Expr::Str {
                value: super::unescape(inner),
                span,
            }
        }
        "template_string" => lower_template(node, text),
        "number" => Expr::Num(span),
        "true" => Expr::Bool(true, span),
        "false" => Expr::Bool(false, span),
        "null" | "undefined" => Expr::Null(span),
        "identifier" => {
            let name = text_of(node, text);
            if name == "undefined" {
                Expr::Null(span)
            } else {
                Expr::Name(name.to_string(), span)
            }
        }
        "this" => Expr::This(span),
        "member_expression" => {
            let (Some(object), Some(property)) = (
                node.child_by_field_name("object"),
                node.child_by_field_name("property"),
            ) else {
                return Expr::Other(span);
            };
            Expr::Attr {
                object: Box::new(lower(object, text)),
                name: text_of(property, text).to_string(),
                span,
                name_span: property.byte_range(),
            }
        }
        // `import.meta`
        "meta_property" => Expr::Attr {
            object: Box::new(Expr::Name("import".into(), span.clone())),
            name: "meta".into(),
            span: span.clone(),
            name_span: span,
        },
        "subscript_expression" => {
            let (Some(object), Some(index)) = (
                node.child_by_field_name("object"),
                node.child_by_field_name("index"),
            ) else {
                return Expr::Other(span);
            };
            Expr::Index {
                object: Box::new(lower(object, text)),
                index: Box::new(lower(index, text)),
                span,
            }
        }
        "call_expression" | "new_expression" => lower_call(node, text),
        "object" => lower_object(node, text),
        "array" => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .map(|c| {
                    if c.kind() == "spread_element" {
                        Expr::Other(c.byte_range())
                    } else {
                        lower(c, text)
                    }
                })
                .collect();
            Expr::List { items, span }
        }
        // Wrappers that do not change the value: parentheses, `await`, and TypeScript's
        // `as`, `satisfies`, `!` and `<T>` casts.
        "parenthesized_expression"
        | "await_expression"
        | "as_expression"
        | "satisfies_expression"
        | "non_null_expression" => match super::first_expression(node) {
            Some(inner) => lower(inner, text),
            None => Expr::Other(span),
        },
        "type_assertion" => {
            let mut cursor = node.walk();
            match node
                .named_children(&mut cursor)
                .find(|c| c.kind() != "type_arguments")
            {
                Some(inner) => lower(inner, text),
                None => Expr::Other(span),
            }
        }
        "binary_expression" => {
            let op = match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some("+") => Some(BinOp::Add),
                Some("||") | Some("??") => Some(BinOp::Or),
                _ => None,
            };
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
        _ => Expr::Other(span),
    }
}

fn lower_template(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    let mut parts = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "string_fragment" => parts.push(TemplatePart::Text(text_of(child, text).to_string())),
            "escape_sequence" => {
                parts.push(TemplatePart::Text(super::unescape(text_of(child, text))))
            }
            "template_substitution" => match super::first_expression(child) {
                Some(expr) => parts.push(TemplatePart::Expr(lower(expr, text))),
                None => parts.push(TemplatePart::Expr(Expr::Other(child.byte_range()))),
            },
            _ => {}
        }
    }
    super::join_parts(parts, span)
}

fn lower_object(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
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
                let name = match key.kind() {
                    "property_identifier" | "number" => Some(text_of(key, text).to_string()),
                    "string" => string_value(key, text),
                    _ => None,
                };
                match name {
                    Some(name) => entries.push(Entry::Pair {
                        key: name,
                        key_span: key.byte_range(),
                        value: lower(value, text),
                    }),
                    None => entries.push(Entry::Computed(key.byte_range())),
                }
            }
            // `{ model }`
            "shorthand_property_identifier" => {
                let name = text_of(child, text).to_string();
                entries.push(Entry::Pair {
                    key: name.clone(),
                    key_span: child.byte_range(),
                    value: Expr::Name(name, child.byte_range()),
                });
            }
            "spread_element" => {
                if let Some(inner) = super::first_expression(child) {
                    entries.push(Entry::Spread(lower(inner, text)));
                }
            }
            // Methods and accessors are not data.
            "method_definition" | "comment" => {}
            _ => entries.push(Entry::Computed(child.byte_range())),
        }
    }
    Expr::Object { entries, span }
}

fn lower_call(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    let is_new = node.kind() == "new_expression";
    let callee = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("constructor"));
    let Some(callee) = callee else {
        return Expr::Other(span);
    };
    let mut args = Vec::new();
    if let Some(arguments) = node.child_by_field_name("arguments") {
        let mut cursor = arguments.walk();
        for arg in arguments.named_children(&mut cursor) {
            match arg.kind() {
                "spread_element" => {
                    if let Some(inner) = super::first_expression(arg) {
                        args.push(Arg::Spread(lower(inner, text)));
                    }
                }
                "comment" => {}
                _ => args.push(Arg::Positional(lower(arg, text))),
            }
        }
    }
    Expr::Call(Box::new(Call {
        callee: lower(callee, text),
        args,
        span,
        is_new,
    }))
}
