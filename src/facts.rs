//! Language-neutral facts extracted from a syntax tree. Rules see only these.

use std::ops::Range;

/// Everything extraction found in one unit of code.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub comments: Vec<Comment>,
    pub concatenations: Vec<Concatenation>,
}

/// A comment, for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: Range<usize>,
    /// Nothing but whitespace precedes the comment on its line, so it may govern the next line.
    pub own_line: bool,
}

/// Two or more string literals joined at compile time or by `+` (adjacent literals in Python,
/// `"a" + "b"`, template literals without substitutions), in source order. Each piece is the
/// byte range of a literal's contents, without quotes or prefixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concatenation {
    pub pieces: Vec<Range<usize>>,
}
