//! Extraction: query matches in, language-neutral facts out.
//!
//! One query pass per file collects candidate nodes by capture name; the per-language modules
//! turn them into [`Facts`]: comments, literal concatenations, and (through the request
//! model's IR) request sites. Rules never see a syntax tree.

use std::ops::Range;

use tree_sitter::Node;

use crate::facts::{Comment, Concatenation, Facts};
use crate::language::Language;
use crate::model;
use crate::parse::{self, CaptureKind, Pass};

mod ecmascript;
mod python;

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
    /// The name whose object a `@mutation` node changes.
    fn mutated_name<'t>(node: Node<'_>, text: &'t str) -> Option<&'t str>;
    /// A node that joins its operands into one string (`+`, adjacent literals).
    fn is_concatenation(node: Node<'_>) -> bool;
    /// Parentheses and other wrappers that do not change a value. Both grammar families name
    /// parentheses `parenthesized_expression`.
    fn unwrap(node: Node<'_>) -> Node<'_> {
        let mut node = node;
        while node.kind() == "parenthesized_expression" && node.named_child_count() == 1 {
            match node.named_child(0) {
                Some(inner) if inner.kind() != "comment" => node = inner,
                _ => break,
            }
        }
        node
    }
    /// The content range of a literal without substitutions, or `None`.
    fn literal_content(node: Node<'_>) -> Option<Range<usize>>;
    /// A function, method or lambda: a scope for names.
    fn is_function(node: Node<'_>) -> bool;
    fn is_class(node: Node<'_>) -> bool;
    /// The name of a function, method or class (for wrapper matching).
    fn scope_name(node: Node<'_>, text: &str) -> Option<String>;
}

/// The nodes one query pass found, by capture.
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
    strings: Vec<Node<'tree>>,
    classes: Vec<Node<'tree>>,
}

impl<'tree> Collected<'tree> {
    fn push(&mut self, kind: CaptureKind, node: Node<'tree>) {
        let list = match kind {
            CaptureKind::Comment => &mut self.comments,
            CaptureKind::Concatenation => &mut self.concatenations,
            CaptureKind::Call => &mut self.calls,
            CaptureKind::Binding => &mut self.bindings,
            CaptureKind::Member => &mut self.members,
            CaptureKind::Function => &mut self.functions,
            CaptureKind::Import => &mut self.imports,
            CaptureKind::Mutation => &mut self.mutations,
            CaptureKind::String => &mut self.strings,
            CaptureKind::Class => &mut self.classes,
        };
        list.push(node);
    }
}

/// What a caller needs extracted beyond comments and concatenations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wants {
    /// Request sites (the request model).
    pub sites: bool,
    /// Model-id-shaped string literals.
    pub model_literals: bool,
}

/// Parses `text` and extracts its facts. Syntax errors are fine: whatever parsed is used.
/// Request sites and model literals are only worked out when wanted (a rule needs them and
/// the file can hold them).
pub fn extract(language: Language, text: &str, wants: Wants) -> Facts {
    let Some(tree) = parse::parse(language, text) else {
        return Facts::default();
    };
    let mut collected = Collected::default();
    parse::for_each_capture(language, Pass::Main, &tree, text, |kind, node| collected.push(kind, node));
    if wants.model_literals {
        parse::for_each_capture(language, Pass::Literals, &tree, text, |kind, node| {
            collected.push(kind, node)
        });
    }
    let mut facts = Facts {
        comments: collected
            .comments
            .iter()
            .map(|n| comment(*n, text))
            .collect(),
        ..Facts::default()
    };
    for node in &collected.concatenations {
        facts.concatenations.extend(match language {
            Language::Python => concatenation_runs::<python::Python>(*node),
            _ => concatenation_runs::<ecmascript::EcmaScript>(*node),
        });
    }
    if wants.model_literals {
        facts.model_literals = match language {
            Language::Python => model_literals::<python::Python>(&collected.strings, text),
            _ => model_literals::<ecmascript::EcmaScript>(&collected.strings, text),
        };
    }
    if wants.sites {
        let program = match language {
            Language::Python => program::<python::Python>(&collected, text),
            _ => program::<ecmascript::EcmaScript>(&collected, text),
        };
        facts.sites = model::sites::request_sites(&program);
    }
    facts
}

fn model_literals<S: Syntax>(strings: &[Node<'_>], text: &str) -> Vec<crate::facts::ModelRef> {
    strings
        .iter()
        .filter_map(|node| match S::lower(*node, text) {
            model::ir::Expr::Str { value, span } if crate::policy::looks_like_model_id(&value) => {
                Some(crate::facts::ModelRef { id: value, span })
            }
            _ => None,
        })
        .collect()
}

/// The request model's view of a file: its bindings, and the calls that may be sites
/// (those whose callee ends in a candidate name), lowered into the IR.
fn program<S: Syntax>(collected: &Collected<'_>, text: &str) -> model::Program {
    let scopes = Scopes::new(collected, text.len());
    let mut bindings = model::Bindings::default();
    S::bind_all(collected, text, &scopes, &mut bindings);
    for node in &collected.mutations {
        if let Some(name) = S::mutated_name(*node, text) {
            bindings.mutate(name, scopes.around(node.byte_range()));
        }
    }
    let candidates = collected
        .calls
        .iter()
        .filter(|call| S::callee_last_name(**call, text).is_some_and(model::sites::is_candidate))
        .filter_map(|call| match S::lower(*call, text) {
            model::ir::Expr::Call(lowered) => Some(model::Candidate {
                call: *lowered,
                enclosing: enclosing_names::<S>(*call, text),
            }),
            _ => None,
        })
        .collect();
    model::Program {
        family: S::FAMILY,
        bindings,
        candidates,
    }
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
/// (cheaper than walking `Node::parent`, which tree-sitter answers from the root each time).
struct Scopes {
    /// `(range, is_class)`, sorted by start; ranges nest like the tree.
    ranges: Vec<(Range<usize>, bool)>,
    len: usize,
}

impl Scopes {
    fn new(collected: &Collected<'_>, len: usize) -> Scopes {
        let mut ranges: Vec<(Range<usize>, bool)> = collected
            .functions
            .iter()
            .map(|n| (n.byte_range(), false))
            .chain(collected.classes.iter().map(|n| (n.byte_range(), true)))
            .collect();
        ranges.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        Scopes { ranges, len }
    }

    /// The innermost function or class strictly around `range` (the module if none): the scope
    /// a name bound there lives in.
    fn around(&self, range: Range<usize>) -> Range<usize> {
        self.innermost(&range, false).unwrap_or(0..self.len)
    }

    /// The innermost class strictly around `range`.
    fn class_around(&self, range: Range<usize>) -> Option<Range<usize>> {
        self.innermost(&range, true)
    }

    /// The class whose body directly holds `range` (not inside one of its methods).
    fn class_body(&self, range: Range<usize>) -> Option<Range<usize>> {
        let last = self.ranges.partition_point(|(r, _)| r.start <= range.start);
        self.ranges[..last]
            .iter()
            .rev()
            .find(|(r, _)| r.start <= range.start && range.end <= r.end && *r != range)
            .filter(|(_, is_class)| *is_class)
            .map(|(r, _)| r.clone())
    }

    fn innermost(&self, range: &Range<usize>, classes_only: bool) -> Option<Range<usize>> {
        let last = self.ranges.partition_point(|(r, _)| r.start <= range.start);
        self.ranges[..last]
            .iter()
            .rev()
            .filter(|(_, is_class)| !classes_only || *is_class)
            .find(|(r, _)| r.start <= range.start && range.end <= r.end && r != range)
            .map(|(r, _)| r.clone())
    }
}

/// Names of the functions, methods and classes around `node`, innermost first.
fn enclosing_names<S: Syntax>(node: Node<'_>, text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = node.parent();
    while let Some(n) = current {
        if S::is_function(n) || S::is_class(n) {
            if let Some(name) = S::scope_name(n, text) {
                names.push(name);
            }
        }
        current = n.parent();
    }
    names
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

/// Splits the outermost concatenation at `node` into runs of two or more adjacent literals.
/// Inner nodes of a chain are skipped: their outermost ancestor covers them.
fn concatenation_runs<S: Syntax>(node: Node<'_>) -> Vec<Concatenation> {
    if is_inside_concatenation::<S>(node) {
        return Vec::new();
    }
    let mut leaves = Vec::new();
    flatten::<S>(node, &mut leaves);
    let mut runs = Vec::new();
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
    runs
}

fn is_inside_concatenation<S: Syntax>(node: Node<'_>) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if S::is_concatenation(parent) {
            return true;
        }
        // Only parentheses may sit between a chain's nodes.
        if S::unwrap(parent) == current {
            current = parent;
            continue;
        }
        return false;
    }
    false
}

fn flatten<S: Syntax>(node: Node<'_>, leaves: &mut Vec<Leaf>) {
    let node = S::unwrap(node);
    if S::is_concatenation(node) {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind() == "comment" {
                continue;
            }
            flatten::<S>(child, leaves);
        }
        return;
    }
    leaves.push(match S::literal_content(node) {
        Some(range) => Leaf::Literal(range),
        None => Leaf::Other,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(language: Language, text: &str) -> Vec<Vec<String>> {
        extract(language, text, Wants::default())
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
        let comments = extract(Language::Python, text, Wants::default()).comments;
        assert_eq!(comments.len(), 2);
        assert!(!comments[0].own_line);
        assert!(comments[1].own_line);
        let js = "/* a */ f(); // b\n";
        let comments = extract(Language::JavaScript, js, Wants::default()).comments;
        assert!(comments[0].own_line && !comments[1].own_line);
    }
}
