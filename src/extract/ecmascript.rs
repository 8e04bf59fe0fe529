//! JavaScript, TypeScript and TSX specifics for extraction (one grammar family): literals,
//! concatenation, and lowering into the request model's IR.

use std::ops::Range;

use tree_sitter::Node;

use super::{Collected, Lookup, Role, Scopes, Syntax, bound_after, text_of};
use crate::model::ir::{Arg, BinOp, Call, Entry, Expr, TemplatePart};
use crate::model::{
    Bindings, Bound, Class, Export, Exports, Family, Function, Import, Param, ParamKind,
    ParamTarget, Write,
};

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

    fn mutation<'t>(node: Node<'_>, text: &'t str) -> Option<(&'t str, Write)> {
        match node.kind_name() {
            // `x.a = v`, `x["a"].b = v`
            "assignment_expression" => {
                let left = node.field("left")?;
                let value = node.field("right")?;
                let (root, path) = member_path(left, text)?;
                Some((
                    root,
                    Write::to_path(path, lower(value, text), left.byte_range()),
                ))
            }
            // `Object.assign(x, {...}, …)`
            "call_expression" => {
                let arguments = node.field("arguments")?;
                let target = arguments.named_child(0)?;
                let Expr::Call(call) = lower(node, text) else {
                    return None;
                };
                Some((text_of(target, text), Write::Merge(call.args[1..].to_vec())))
            }
            // `delete x.a`
            "unary_expression" => {
                let argument = node.field("argument")?;
                let (root, _) = member_path(argument, text)?;
                Some((root, Write::Unknown))
            }
            _ => None,
        }
    }

    fn callee_root<'t>(call: Node<'_>, text: &'t str) -> Option<&'t str> {
        let mut node = call
            .field("function")
            .or_else(|| call.field("constructor"))?;
        loop {
            match node.kind_name() {
                "identifier" => return Some(text_of(node, text)),
                "this" => return Some("this"),
                "member_expression" => node = node.field("object")?,
                "call_expression" => node = node.field("function")?,
                "parenthesized_expression" | "await_expression" | "non_null_expression" => {
                    return Some("");
                }
                _ => return None,
            }
        }
    }

    fn returned(node: Node<'_>) -> Option<Node<'_>> {
        super::first_expression(node)
    }

    fn function(node: Node<'_>, text: &str, _scopes: &Scopes) -> Option<Function> {
        let mut params = Vec::new();
        if let Some(list) = node.field("parameters") {
            let mut cursor = list.walk();
            for param in list.named_children(&mut cursor) {
                if let Some(param) = lower_param(param, text) {
                    params.push(param);
                }
            }
        } else if let Some(single) = node.field("parameter") {
            params.extend(lower_param(single, text));
        }
        // `(x) => expr`: the body is what it returns.
        let returns = match node.field("body") {
            Some(body)
                if node.kind_name() == "arrow_function"
                    && body.kind_name() != "statement_block" =>
            {
                vec![lower(body, text)]
            }
            _ => Vec::new(),
        };
        Some(Function {
            span: node.byte_range(),
            name: Self::scope_name(node, text),
            params,
            returns,
            guards: Vec::new(),
            is_method: false,
        })
    }

    fn class(node: Node<'_>, text: &str) -> Option<Class> {
        let name = node
            .field("name")
            .map(|n| text_of(n, text).to_string())
            .or_else(|| Self::scope_name(node, text))
            .unwrap_or_default();
        let mut bases = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind_name() != "class_heritage" {
                continue;
            }
            let mut c = child.walk();
            for part in child.named_children(&mut c) {
                // TypeScript wraps the base in `extends_clause`; JavaScript does not.
                let base = if part.kind_name() == "extends_clause" {
                    part.field("value")
                } else if part.kind_name() == "implements_clause" {
                    None
                } else {
                    Some(part)
                };
                bases.extend(base.map(|b| lower(b, text)));
            }
        }
        Some(Class {
            span: node.byte_range(),
            name,
            bases,
        })
    }

    fn exports(collected: &Collected<'_>, text: &str) -> Option<Exports> {
        let mut exports = Exports::default();
        for node in &collected.exports {
            read_export(*node, text, &mut exports);
        }
        Some(exports)
    }

    fn roles(node: Node<'_>, text: &str) -> &'static [Role] {
        roles(node, text)
    }

    fn is_concatenation(node: Node<'_>) -> bool {
        node.kind_name() == "binary_expression"
            && node
                .field("operator")
                .is_some_and(|op| op.kind_name() == "+")
    }

    /// Quoted strings, and template literals without `${…}`, minus their delimiters.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>> {
        match node.kind_name() {
            "string" => {}
            "template_string" => {
                let mut cursor = node.walk();
                if node
                    .named_children(&mut cursor)
                    .any(|c| c.kind_name() == "template_substitution")
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
        if let Some(name) = node.field("name") {
            return Some(text_of(name, text).to_string());
        }
        let parent = node.parent()?;
        let name = match parent.kind_name() {
            "variable_declarator" => parent.field("name"),
            "pair" => parent.field("key"),
            "assignment_expression" => parent.field("left"),
            "public_field_definition" => parent.field("name"),
            "field_definition" => parent.field("property"),
            _ => None,
        }?;
        Some(text_of(name, text).trim_matches(['"', '\'']).to_string())
    }

    fn branch(node: Node<'_>) -> Option<crate::model::Branch> {
        let mut arms = Vec::new();
        let mut exhaustive = false;
        match node.kind_name() {
            // `else if` is an `if` inside the `else`: its own branch, nested.
            "if_statement" => {
                arms.push(node.field("consequence")?.byte_range());
                if let Some(otherwise) = node.field("alternative") {
                    exhaustive = true;
                    arms.push(otherwise.byte_range());
                }
            }
            "try_statement" => {
                exhaustive = true;
                arms.push(node.field("body")?.byte_range());
                arms.extend(node.field("handler").map(|h| h.byte_range()));
            }
            "switch_statement" => {
                let body = node.field("body")?;
                let mut cursor = body.walk();
                for case in body.named_children(&mut cursor) {
                    match case.kind_name() {
                        "switch_case" => arms.push(case.byte_range()),
                        "switch_default" => {
                            exhaustive = true;
                            arms.push(case.byte_range());
                        }
                        _ => {}
                    }
                }
            }
            _ => return None,
        }
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
    for node in &collected.members {
        let name = node.field("name").or_else(|| node.field("property"));
        let (Some(name), Some(value)) = (name, node.field("value")) else {
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
        .field("function")
        .or_else(|| call.field("constructor"))?;
    match function.kind_name() {
        "identifier" => Some(text_of(function, text)),
        "member_expression" => function.field("property").map(|p| text_of(p, text)),
        // `super(...)` in a constructor: the base class's constructor.
        "super" => Some("super"),
        _ => None,
    }
}

/// `x.a["b"]` as `("x", Some(["a", "b"]))`; a computed key gives `None` for the path.
fn member_path<'t>(node: Node<'_>, text: &'t str) -> Option<(&'t str, Option<Vec<String>>)> {
    let mut keys = Vec::new();
    let mut known = true;
    let mut node = node;
    loop {
        match node.kind_name() {
            "member_expression" => {
                keys.push(text_of(node.field("property")?, text).to_string());
                node = node.field("object")?;
            }
            "subscript_expression" => {
                match node.field("index").map(|i| lower(i, text)) {
                    Some(Expr::Str { value, .. }) => keys.push(value),
                    _ => known = false,
                }
                node = node.field("object")?;
            }
            "non_null_expression" | "parenthesized_expression" => {
                node = super::first_expression(node)?;
            }
            _ => break,
        }
    }
    if node.kind_name() != "identifier" || keys.is_empty() && known {
        return None;
    }
    keys.reverse();
    Some((text_of(node, text), known.then_some(keys)))
}

/// One parameter: a name, an object pattern, a rest element; with its default.
fn lower_param(param: Node<'_>, text: &str) -> Option<Param> {
    let (pattern, default) = match param.kind_name() {
        "required_parameter" | "optional_parameter" => {
            (param.field("pattern")?, param.field("value"))
        }
        "assignment_pattern" => (param.field("left")?, param.field("right")),
        "comment" => return None,
        _ => (param, None),
    };
    let (pattern, kind) = match pattern.kind_name() {
        "rest_pattern" => (super::first_expression(pattern)?, ParamKind::Rest),
        _ => (pattern, ParamKind::Positional),
    };
    let target = match pattern.kind_name() {
        "identifier" => ParamTarget::Name(text_of(pattern, text).to_string()),
        "object_pattern" => ParamTarget::Object(object_pattern(pattern, text)),
        _ => ParamTarget::Other,
    };
    Some(Param {
        target,
        default: default.map(|d| lower(d, text)),
        kind,
    })
}

/// `{ model, messages: m, temperature = 0 }` as `(key, local, default)` triples.
fn object_pattern(pattern: Node<'_>, text: &str) -> Vec<(String, String, Option<Expr>)> {
    let mut out = Vec::new();
    let mut cursor = pattern.walk();
    for prop in pattern.named_children(&mut cursor) {
        match prop.kind_name() {
            "shorthand_property_identifier_pattern" => {
                let name = text_of(prop, text).to_string();
                out.push((name.clone(), name, None));
            }
            "object_assignment_pattern" => {
                if let Some(left) = prop.field("left") {
                    let name = text_of(left, text).to_string();
                    let default = prop.field("right").map(|d| lower(d, text));
                    out.push((name.clone(), name, default));
                }
            }
            "pair_pattern" => {
                let (Some(key), Some(value)) = (prop.field("key"), prop.field("value")) else {
                    continue;
                };
                let key = text_of(key, text).trim_matches(['"', '\'']).to_string();
                match value.kind_name() {
                    "identifier" => out.push((key, text_of(value, text).to_string(), None)),
                    "assignment_pattern" => {
                        if let Some(left) = value
                            .field("left")
                            .filter(|l| l.kind_name() == "identifier")
                        {
                            let default = value.field("right").map(|d| lower(d, text));
                            out.push((key, text_of(left, text).to_string(), default));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out
}

/// Records what an `export` statement exports.
fn read_export(node: Node<'_>, text: &str, exports: &mut Exports) {
    let source = node.field("source").and_then(|s| string_value(s, text));
    let mut cursor = node.walk();
    let is_default = node
        .children(&mut cursor)
        .any(|c| c.kind_name() == "default");
    if let Some(value) = node.field("value") {
        // `export default <expression>`
        exports
            .names
            .insert("default".into(), Export::Value(lower(value, text)));
        return;
    }
    if let Some(declaration) = node.field("declaration") {
        let named = declaration
            .field("name")
            .map(|n| text_of(n, text).to_string());
        match declaration.kind_name() {
            "lexical_declaration" | "variable_declaration" => {
                let mut c = declaration.walk();
                for declarator in declaration.named_children(&mut c) {
                    if let Some(name) = declarator
                        .field("name")
                        .filter(|n| n.kind_name() == "identifier")
                    {
                        let name = text_of(name, text).to_string();
                        exports.names.insert(name.clone(), Export::Local(name));
                    }
                }
            }
            _ => {
                let export = match &named {
                    Some(name) => Export::Local(name.clone()),
                    None if declaration.kind_name().contains("class") => {
                        Export::Value(Expr::Class(declaration.byte_range()))
                    }
                    None => Export::Value(Expr::Function(declaration.byte_range())),
                };
                let key = if is_default {
                    "default".to_string()
                } else {
                    named.unwrap_or_default()
                };
                exports.names.insert(key, export);
            }
        }
        return;
    }
    let mut cursor = node.walk();
    let mut any_clause = false;
    for child in node.named_children(&mut cursor) {
        match child.kind_name() {
            "export_clause" => {
                any_clause = true;
                let mut c = child.walk();
                for spec in child.named_children(&mut c) {
                    let Some(name) = spec.field("name") else {
                        continue;
                    };
                    let local = text_of(name, text).trim_matches(['"', '\'']).to_string();
                    let exported = spec
                        .field("alias")
                        .map(|a| text_of(a, text).trim_matches(['"', '\'']).to_string())
                        .unwrap_or_else(|| local.clone());
                    let export = match &source {
                        Some(module) => Export::From(Import {
                            module: module.clone(),
                            member: Some(local),
                        }),
                        None => Export::Local(local),
                    };
                    exports.names.insert(exported, export);
                }
            }
            "namespace_export" => {
                any_clause = true;
                let mut c = child.walk();
                let name = child
                    .named_children(&mut c)
                    .find(|n| matches!(n.kind_name(), "identifier" | "string"));
                if let (Some(name), Some(module)) = (name, &source) {
                    exports.names.insert(
                        text_of(name, text).trim_matches(['"', '\'']).to_string(),
                        Export::From(Import {
                            module: module.clone(),
                            member: None,
                        }),
                    );
                }
            }
            _ => {}
        }
    }
    // `export * from "./m"`
    if !any_clause {
        if let Some(module) = source {
            exports.stars.push(module);
        }
    }
}

fn string_value(node: Node<'_>, text: &str) -> Option<String> {
    match lower(node, text) {
        Expr::Str { value, .. } => Some(value),
        _ => None,
    }
}

fn bind_import(node: Node<'_>, text: &str, bindings: &mut Bindings) {
    let Some(source) = node.field("source").and_then(|s| string_value(s, text)) else {
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
        if clause.kind_name() != "import_clause" {
            continue;
        }
        let mut c = clause.walk();
        for part in clause.named_children(&mut c) {
            match part.kind_name() {
                // `import OpenAI from "openai"`
                "identifier" => bind(part, Some("default".into())),
                // `import * as ai from "ai"`
                "namespace_import" => {
                    let mut n = part.walk();
                    if let Some(name) = part
                        .named_children(&mut n)
                        .find(|x| x.kind_name() == "identifier")
                    {
                        bind(name, None);
                    }
                }
                // `import { OpenAI as X } from "openai"`
                "named_imports" => {
                    let mut n = part.walk();
                    for spec in part.named_children(&mut n) {
                        if spec.kind_name() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec.field("name") else {
                            continue;
                        };
                        let local = spec.field("alias").unwrap_or(name);
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
    let value = Expr::Function(function.byte_range());
    if matches!(
        function.kind_name(),
        "function_declaration" | "generator_function_declaration"
    ) {
        if let Some(name) = function.field("name") {
            bindings.bind(
                text_of(name, text),
                scopes.around(function.byte_range()),
                function.start_byte(),
                Bound::Value(value.clone()),
            );
        }
    }
    // Methods are members of their class: `this.request(...)`, `client.chat(...)`.
    if function.kind_name() == "method_definition" {
        if let (Some(name), Some(class)) = (
            function.field("name"),
            scopes.class_body(function.byte_range()),
        ) {
            bindings.bind_member(class, text_of(name, text), function.start_byte(), value);
        }
    }
    let scope = function.byte_range();
    let params = function
        .field("parameters")
        .or_else(|| function.field("parameter"));
    let Some(params) = params else {
        return;
    };
    let lowered: Vec<Param> = if params.kind_name() == "identifier" {
        lower_param(params, text).into_iter().collect()
    } else {
        let mut cursor = params.walk();
        params
            .named_children(&mut cursor)
            .filter_map(|p| lower_param(p, text))
            .collect()
    };
    // `client: OpenAI`, `settings: Config`: what the argument is when no caller is in view.
    if let Some(formal) = function.field("parameters") {
        let mut cursor = formal.walk();
        for param in formal.named_children(&mut cursor) {
            if !matches!(
                param.kind_name(),
                "required_parameter" | "optional_parameter"
            ) {
                continue;
            }
            let name = param
                .field("pattern")
                .filter(|p| p.kind_name() == "identifier");
            let annotation = param
                .field("type")
                .and_then(|t| t.named_child(0))
                .and_then(|t| type_expr(t, text));
            if let (Some(name), Some(annotation)) = (name, annotation) {
                bindings.annotate(function.start_byte(), text_of(name, text), annotation);
            }
        }
    }
    let mut bind = |name: &str, default: Option<Expr>| {
        bindings.bind(
            name,
            scope.clone(),
            function.start_byte(),
            Bound::Param {
                function: function.start_byte(),
                default,
            },
        );
    };
    for param in lowered {
        match param.target {
            ParamTarget::Name(name) => bind(&name, param.default),
            ParamTarget::Object(props) => {
                for (_, local, default) in props {
                    bind(&local, default);
                }
            }
            ParamTarget::Other => {}
        }
    }
    // Names in patterns orlint does not take apart still shadow outer names.
    let mut names = Vec::new();
    collect_pattern_names(params, &mut names);
    for name in names {
        let name = text_of(name, text);
        if bindings.lookup(name, function.start_byte() + 1).is_none_or(
            |b| !matches!(b, Bound::Param { function: f, .. } if *f == function.start_byte()),
        ) {
            bindings.bind(
                name,
                scope.clone(),
                function.start_byte(),
                Bound::Param {
                    function: function.start_byte(),
                    default: None,
                },
            );
        }
    }
}

fn bind_class(class: Node<'_>, text: &str, scopes: &Scopes, bindings: &mut Bindings) {
    if let Some(name) = class.field("name") {
        bindings.bind(
            text_of(name, text),
            scopes.around(class.byte_range()),
            class.start_byte(),
            Bound::Value(Expr::Class(class.byte_range())),
        );
    }
}

/// Identifiers a parameter list or destructuring pattern binds (not defaults, not types).
fn collect_pattern_names<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    match node.kind_name() {
        "identifier" | "shorthand_property_identifier_pattern" => out.push(node),
        "type_annotation" | "type_identifier" => {}
        "assignment_pattern" => {
            if let Some(left) = node.field("left") {
                collect_pattern_names(left, out);
            }
        }
        "pair_pattern" => {
            if let Some(value) = node.field("value") {
                collect_pattern_names(value, out);
            }
        }
        "required_parameter" | "optional_parameter" => {
            if let Some(pattern) = node.field("pattern") {
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
    let (target, value) = match node.kind_name() {
        "variable_declarator" => (node.field("name"), node.field("value")),
        "assignment_expression" => (node.field("left"), node.field("right")),
        // The loop variable takes each item in turn (`of`; `in` gives indices).
        "for_in_statement" => {
            if node
                .field("operator")
                .is_some_and(|o| text_of(o, text) == "of")
            {
                super::bind_loop_variable::<EcmaScript>(node, text, scopes, bindings);
            }
            return;
        }
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
    match target.kind_name() {
        "identifier" => {
            let lowered = lower(value, text);
            bindings.bind(
                text_of(target, text),
                scopes.around(node.byte_range()),
                bound_after(node),
                Bound::Value(lowered),
            );
        }
        // `const [model, setModel] = useState("…")`: each name is an item of the value.
        "array_pattern" => {
            let lowered = lower(value, text);
            let mut cursor = target.walk();
            for item in target.named_children(&mut cursor) {
                if item.kind_name() != "identifier" {
                    continue;
                }
                bindings.bind(
                    text_of(item, text),
                    scopes.around(node.byte_range()),
                    bound_after(node),
                    Bound::Value(Expr::Index {
                        object: Box::new(lowered.clone()),
                        index: Box::new(Expr::Num(item.byte_range())),
                        span: item.byte_range(),
                    }),
                );
            }
        }
        "member_expression" => {
            let (Some(object), Some(property)) = (target.field("object"), target.field("property"))
            else {
                return;
            };
            let lowered = lower(value, text);
            if object.kind_name() == "this" {
                if let Some(class) = scopes.class_around(node.byte_range()) {
                    bindings.bind_member(class, text_of(property, text), at, lowered);
                }
            } else if matches!(object.kind_name(), "identifier" | "member_expression") {
                bindings.bind(
                    format!("{}.{}", text_of(object, text), text_of(property, text)),
                    0..text.len(),
                    bound_after(node),
                    Bound::Value(lowered),
                );
            }
        }
        _ => {}
    }
}

/// A type annotation naming a class (`Config`, `ns.Config`) as the expression naming it.
fn type_expr(node: Node<'_>, text: &str) -> Option<Expr> {
    if !matches!(
        node.kind_name(),
        "type_identifier" | "nested_type_identifier"
    ) {
        return None;
    }
    let mut parts = text_of(node, text).split('.');
    let span = node.byte_range();
    let mut expr = Expr::Name(parts.next()?.trim().to_string(), span.clone());
    for part in parts {
        expr = Expr::Attr {
            object: Box::new(expr),
            name: part.trim().to_string(),
            span: span.clone(),
            name_span: span.clone(),
        };
    }
    Some(expr)
}

/// `require("openai")` (possibly awaited or wrapped in parentheses).
fn required_module(value: Node<'_>, text: &str) -> Option<String> {
    let mut node = value;
    while matches!(
        node.kind_name(),
        "await_expression" | "parenthesized_expression"
    ) {
        node = node.named_child(0)?;
    }
    if node.kind_name() != "call_expression" {
        return None;
    }
    let function = node.field("function")?;
    if text_of(function, text) != "require" {
        return None;
    }
    let arguments = node.field("arguments")?;
    string_value(arguments.named_child(0)?, text)
}

/// `const OpenAI = require("openai")` / `const { OpenAI: X } = require("openai")`.
fn bind_require(target: Node<'_>, module: String, text: &str, at: usize, bindings: &mut Bindings) {
    let scope = 0..text.len();
    match target.kind_name() {
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
                let (member, local) = match prop.kind_name() {
                    "shorthand_property_identifier_pattern" => (prop, prop),
                    "pair_pattern" => match (prop.field("key"), prop.field("value")) {
                        (Some(k), Some(v)) if v.kind_name() == "identifier" => (k, v),
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
    match node.kind_name() {
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
        "super" => Expr::Name("super".into(), span),
        "member_expression" => {
            let (Some(object), Some(property)) = (node.field("object"), node.field("property"))
            else {
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
            let (Some(object), Some(index)) = (node.field("object"), node.field("index")) else {
                return Expr::Other(span);
            };
            Expr::Index {
                object: Box::new(lower(object, text)),
                index: Box::new(lower(index, text)),
                span,
            }
        }
        "call_expression" | "new_expression" => lower_call(node, text),
        "arrow_function" | "function_expression" | "function" | "generator_function" => {
            Expr::Function(span)
        }
        "class" => Expr::Class(span),
        "object" => lower_object(node, text),
        "array" => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "comment")
                .map(|c| {
                    if c.kind_name() == "spread_element" {
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
                .find(|c| c.kind_name() != "type_arguments")
            {
                Some(inner) => lower(inner, text),
                None => Expr::Other(span),
            }
        }
        // `a && b` is `b` when `a` holds, else the falsy `a`: one of the two.
        "binary_expression" if node.field("operator").map(|o| o.kind_name()) == Some("&&") => {
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
        "binary_expression" => {
            let op = match node.field("operator").map(|o| o.kind_name()) {
                Some("+") => Some(BinOp::Add),
                Some("||") | Some("??") => Some(BinOp::Or),
                _ => None,
            };
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
        "ternary_expression" => match (node.field("consequence"), node.field("alternative")) {
            (Some(then), Some(otherwise)) => Expr::Either {
                options: vec![lower(then, text), lower(otherwise, text)],
                span,
            },
            _ => Expr::Other(span),
        },
        _ => Expr::Other(span),
    }
}

fn lower_template(node: Node<'_>, text: &str) -> Expr {
    let span = node.byte_range();
    let mut parts = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind_name() {
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
        match child.kind_name() {
            "pair" => {
                let (Some(key), Some(value)) = (child.field("key"), child.field("value")) else {
                    continue;
                };
                let name = match key.kind_name() {
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
    let is_new = node.kind_name() == "new_expression";
    let callee = node.field("function").or_else(|| node.field("constructor"));
    let Some(callee) = callee else {
        return Expr::Other(span);
    };
    let mut args = Vec::new();
    if let Some(arguments) = node.field("arguments") {
        let mut cursor = arguments.walk();
        for arg in arguments.named_children(&mut cursor) {
            match arg.kind_name() {
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

/// Which nodes extraction collects, and as what. One list serves JavaScript, TypeScript and
/// TSX: the TypeScript grammars extend JavaScript's and keep its node names, and the few
/// nodes only TypeScript has (`public_field_definition`, `abstract_class_declaration`) never
/// occur in a JavaScript tree.
fn roles(node: Node<'_>, text: &str) -> &'static [Role] {
    let kind_of = |field: &'static str| node.field(field).map(|n| n.kind_name());
    match node.kind_name() {
        // Line and block comments, also inside JSX: inline suppressions
        // (`// orlint: ignore[...]`) are read from these.
        "comment" => &[Role::Comment],
        // "sk-or-v1-" + '3f9a...' + `...`; the outermost `+` of a chain is kept.
        "binary_expression" if kind_of("operator") == Some("+") => &[Role::Concatenation],
        // `fetch(...)`, `client.chat.completions.create(...)`, `(a ?? b)(...)`; src/model
        // decides which are sites. `Object.assign(body, ...)` also changes `body` in place.
        "call_expression" => match kind_of("function") {
            Some("identifier" | "parenthesized_expression" | "super") => &[Role::Call],
            Some("member_expression") if is_object_assign(node, text) => {
                &[Role::Call, Role::Mutation]
            }
            Some("member_expression") => &[Role::Call],
            _ => &[],
        },
        // `new ChatOpenAI(...)`
        "new_expression" => match kind_of("constructor") {
            Some("identifier" | "member_expression") => &[Role::Call],
            _ => &[],
        },
        // `const x = ...`, `const { a } = ...`, `const [a] = ...`
        "variable_declarator" => match kind_of("name") {
            Some("identifier" | "object_pattern" | "array_pattern")
                if kind_of("value").is_some() =>
            {
                &[Role::Binding]
            }
            _ => &[],
        },
        // `x = ...`, `this.client = ...`; `body.provider = ...` and `body["provider"] = ...`
        // also change `body` in place.
        "assignment_expression" => {
            let has_value = kind_of("right").is_some();
            match kind_of("left") {
                Some("identifier") if has_value => &[Role::Binding],
                Some("member_expression") if has_value => &[Role::Binding, Role::Mutation],
                Some("member_expression" | "subscript_expression") => &[Role::Mutation],
                _ => &[],
            }
        }
        // `delete body.provider`
        "unary_expression"
            if kind_of("operator") == Some("delete")
                && matches!(
                    kind_of("argument"),
                    Some("member_expression" | "subscript_expression")
                ) =>
        {
            &[Role::Mutation]
        }
        // Functions, whose parameters shadow outer names.
        "function_declaration"
        | "function_expression"
        | "arrow_function"
        | "method_definition"
        | "generator_function_declaration"
        | "generator_function" => &[Role::Function],
        // What functions return: factories (`export function getClient() { return new OpenAI(...) }`).
        "return_statement" => &[Role::Return],
        // `export const x`, `export default …`, `export { a as b } from "./m"`.
        "export_statement" => &[Role::Export],
        "import_statement" => &[Role::Import],
        // Classes, for `this.x` and class fields: `client = new OpenAI(...)` in a class body
        // (TypeScript: `private client = ...`).
        "class_declaration" | "class" | "abstract_class_declaration" => &[Role::Class],
        "if_statement" | "try_statement" | "switch_statement" => &[Role::Branch],
        "string" | "template_string" if text_of(node, text).contains("_OPENROUTER") => {
            &[Role::NamingString]
        }
        // `for (const body of [a, { ...a, stream: true }])`
        "for_in_statement"
            if kind_of("left") == Some("identifier") && kind_of("right") == Some("array") =>
        {
            &[Role::Binding]
        }
        "field_definition"
            if kind_of("property") == Some("property_identifier") && kind_of("value").is_some() =>
        {
            &[Role::Member]
        }
        "public_field_definition"
            if kind_of("name") == Some("property_identifier") && kind_of("value").is_some() =>
        {
            &[Role::Member]
        }
        _ => &[],
    }
}

/// `Object.assign(name, ...)`
fn is_object_assign(call: Node<'_>, text: &str) -> bool {
    let callee = call.field("function");
    let object = callee.and_then(|c| c.field("object"));
    let property = callee.and_then(|c| c.field("property"));
    let first_argument = call.field("arguments").and_then(|args| args.named_child(0));
    object.is_some_and(|o| o.kind_name() == "identifier" && &text[o.byte_range()] == "Object")
        && property.is_some_and(|p| {
            p.kind_name() == "property_identifier" && &text[p.byte_range()] == "assign"
        })
        && first_argument.is_some_and(|a| a.kind_name() == "identifier")
}
