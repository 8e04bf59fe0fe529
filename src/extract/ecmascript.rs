//! JavaScript, TypeScript and TSX specifics for extraction (one grammar family).

use std::ops::Range;

use tree_sitter::Node;

use super::Syntax;

pub(super) struct EcmaScript;

impl Syntax for EcmaScript {
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
}
