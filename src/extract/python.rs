//! Python specifics for extraction.

use std::ops::Range;

use tree_sitter::Node;

use super::Syntax;

pub(super) struct Python;

impl Syntax for Python {
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
}
