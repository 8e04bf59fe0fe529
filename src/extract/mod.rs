//! Extraction: query matches in, language-neutral facts out.
//!
//! The `.scm` queries find candidate nodes; the per-language modules here turn them into
//! [`Facts`], so rules never see a syntax tree.

use tree_sitter::Node;

use crate::facts::{Comment, Concatenation, Facts};
use crate::language::Language;
use crate::parse::{self, CaptureKind};

mod ecmascript;
mod python;

/// A leaf of a flattened concatenation: a literal's content range, or anything else.
enum Leaf {
    Literal(std::ops::Range<usize>),
    Other,
}

/// Language-specific answers the shared extraction code needs.
trait Syntax {
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
    fn literal_content(node: Node<'_>) -> Option<std::ops::Range<usize>>;
}

/// Parses `text` and extracts its facts. Syntax errors are fine: whatever parsed is used.
pub fn extract(language: Language, text: &str) -> Facts {
    let Some(tree) = parse::parse(language, text) else {
        return Facts::default();
    };
    let mut facts = Facts::default();
    parse::for_each_capture(language, &tree, text, |kind, node| match kind {
        CaptureKind::Comment => facts.comments.push(comment(node, text)),
        CaptureKind::Concatenation => {
            let runs = match language {
                Language::Python => concatenation_runs::<python::Python>(node),
                _ => concatenation_runs::<ecmascript::EcmaScript>(node),
            };
            facts.concatenations.extend(runs);
        }
    });
    facts
}

fn comment(node: Node<'_>, text: &str) -> Comment {
    let start = node.start_byte();
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    Comment {
        range: start..node.end_byte(),
        own_line: text[line_start..start].trim().is_empty(),
    }
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
        extract(language, text)
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
        let comments = extract(Language::Python, text).comments;
        assert_eq!(comments.len(), 2);
        assert!(!comments[0].own_line);
        assert!(comments[1].own_line);
        let js = "/* a */ f(); // b\n";
        let comments = extract(Language::JavaScript, js).comments;
        assert!(comments[0].own_line && !comments[1].own_line);
    }
}
