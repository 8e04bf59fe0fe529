//! Applying fixes: which ones a run may apply, and applying them to a file's text.
//!
//! Rules attach a [`Fix`] to the diagnostics they can repair (the edits are worked out from
//! facts, never from syntax, with the helpers in [`literal`]). `check --fix` applies them
//! here in passes: each pass applies the fixes whose edits do not overlap one applied
//! earlier in the pass, then the file is linted again, until nothing applicable is left (at
//! most [`MAX_PASSES`]). A pass whose result has new syntax errors is rolled back.

pub mod literal;

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::language::Language;
use crate::rules::Rule;

/// Passes of fixing and re-linting one file; fixes deferred for a conflict get their turn in
/// the next pass.
pub const MAX_PASSES: usize = 4;

/// Which fixes a run applies: the applicability it accepts and the `[lint] fixable` /
/// `unfixable` selection.
#[derive(Debug, Clone, Default)]
pub struct FixPolicy {
    pub unsafe_fixes: bool,
    /// Codes whose fixes may be applied (`fixable` minus `unfixable`).
    pub fixable: Vec<&'static str>,
}

impl FixPolicy {
    /// Whether `--fix` applies this diagnostic's fix.
    pub fn applies(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.suppression.is_none()
            && diagnostic.fix.as_ref().is_some_and(|fix| {
                self.allows(diagnostic.rule)
                    && (fix.applicability == Applicability::Safe || self.unsafe_fixes)
            })
    }

    pub fn allows(&self, rule: &Rule) -> bool {
        self.fixable.contains(&rule.code)
    }
}

/// Applies, in one pass, every fix whose edits do not overlap (or touch at the same point)
/// the edits of a fix applied before it. Returns the new text and how many fixes were
/// applied; fixes identical to an applied one count as applied.
pub fn apply_once(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut ordered: Vec<&Fix> = fixes.to_vec();
    ordered.sort_by_key(|fix| fix.edits.first().map(|e| (e.range.start, e.range.end)));
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied_fixes: Vec<&Fix> = Vec::new();
    let mut count = 0;
    for fix in ordered {
        if applied_fixes.iter().any(|f| f.edits == fix.edits) {
            count += 1;
            continue;
        }
        let conflicts = fix
            .edits
            .iter()
            .any(|edit| accepted.iter().any(|a| overlaps(&a.range, &edit.range)));
        let in_bounds = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        }) && fix
            .edits
            .windows(2)
            .all(|pair| pair[0].range.end <= pair[1].range.start);
        if conflicts || !in_bounds {
            continue;
        }
        accepted.extend(&fix.edits);
        applied_fixes.push(fix);
        count += 1;
    }
    accepted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in accepted {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.content);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    (out, count)
}

/// Two edits conflict when their ranges overlap, or when both touch the same point (two
/// insertions there would depend on their order).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start || a.end == b.end
}

/// How many syntax errors (error and missing nodes) the parser finds; `None` when the text
/// could not be parsed at all.
pub fn syntax_errors(language: Language, text: &str) -> Option<usize> {
    // Parsed as the linter parses it (a lone `\r` ends a line).
    let analysable = crate::lint::Analysable::of(text);
    let tree = crate::parse::parse(language, &analysable.text)?;
    let mut errors = 0;
    crate::parse::walk(&tree, |node| {
        errors += usize::from(node.is_error() || node.is_missing());
    });
    Some(errors)
}

/// Why `after` (a fixed text) would break what `before` keeps, if it would: a byte order
/// mark lost or moved, or the final line break lost or changed. A fix that does that is
/// rolled back.
pub fn breaks_layout(before: &str, after: &str) -> Option<&'static str> {
    const BOM: char = '\u{feff}';
    let inner_marks = |text: &str| {
        text.char_indices()
            .filter(|&(i, c)| c == BOM && i > 0)
            .count()
    };
    if before.starts_with(BOM) != after.starts_with(BOM) || inner_marks(after) > inner_marks(before)
    {
        return Some("would move the byte order mark");
    }
    let ending = |text: &str| {
        if text.ends_with("\r\n") {
            "\r\n"
        } else if text.ends_with('\n') {
            "\n"
        } else if text.ends_with('\r') {
            "\r"
        } else {
            ""
        }
    };
    if ending(before) != ending(after) {
        return Some("would change how the file ends");
    }
    None
}

/// The fix with its inserted line breaks written as the line they go into ends: `\r\n` in
/// a CRLF line, `\r` in an old Mac one, `\n` otherwise (a file may mix them).
pub fn with_line_endings(mut fix: Fix, text: &str) -> Fix {
    for edit in &mut fix.edits {
        if !edit.content.contains('\n') || edit.content.contains('\r') {
            continue;
        }
        let ending = line_ending_at(text, edit.range.start);
        if ending != "\n" {
            edit.content = edit.content.replace('\n', ending);
        }
    }
    fix
}

/// How the line an insertion at `offset` goes into ends: the line holding `offset`, or, for an
/// insertion at the start of a line (a new line before it), the line before; the last line,
/// which has no ending, ends as the one before it.
fn line_ending_at(text: &str, offset: usize) -> &'static str {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    if offset > 0 && matches!(bytes[offset - 1], b'\n' | b'\r') {
        return if bytes[offset - 1] == b'\n' && offset > 1 && bytes[offset - 2] == b'\r' {
            "\r\n"
        } else if bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            // Between the two bytes of a `\r\n`: not a line start.
            "\r\n"
        } else if bytes[offset - 1] == b'\r' {
            "\r"
        } else {
            "\n"
        };
    }
    ending_of_line_at(text, offset)
}

/// How the line holding `offset` ends (the last line ends as the one before it).
fn ending_of_line_at(text: &str, offset: usize) -> &'static str {
    let ending_of = |at: usize| match text.as_bytes().get(at) {
        Some(b'\r') if text.as_bytes().get(at + 1) == Some(&b'\n') => "\r\n",
        Some(b'\r') => "\r",
        _ => "\n",
    };
    let bytes = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', &bytes[offset.min(bytes.len())..]) {
        Some(i) => ending_of(offset + i),
        None => match memchr::memrchr2(b'\n', b'\r', &bytes[..offset.min(bytes.len())]) {
            // The ending before the last line: `\n` of a `\r\n` pair counts as that pair.
            Some(i) if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' => "\r\n",
            Some(i) => ending_of(i),
            None => "\n",
        },
    }
}

/// "(fix available)" or "(unsafe fix available)", for messages; empty without a fix.
pub fn availability(fix: Option<&Fix>) -> &'static str {
    match fix.map(|f| f.applicability) {
        Some(Applicability::Safe) => "fix available",
        Some(Applicability::Unsafe) => "unsafe fix available",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::Safe, "t", edits)
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let first = fix(vec![Edit::replace(1..3, "X")]);
        let overlapping = fix(vec![Edit::replace(2..4, "Y")]);
        let apart = fix(vec![Edit::insert(6, "!")]);
        let duplicate = first.clone();
        let (out, applied) = apply_once(text, &[&overlapping, &first, &apart, &duplicate]);
        assert_eq!(out, "aXdef!");
        assert_eq!(applied, 3);
        // Two insertions at one point: their order would be a guess.
        let (out, applied) = apply_once(
            text,
            &[
                &fix(vec![Edit::insert(1, "Y")]),
                &fix(vec![Edit::insert(1, "Z")]),
            ],
        );
        assert_eq!((out.as_str(), applied), ("aYbcdef", 1));
    }

    #[test]
    fn edits_out_of_bounds_are_never_applied() {
        let (out, applied) = apply_once("é", &[&fix(vec![Edit::insert(1, "x")])]);
        assert_eq!((out.as_str(), applied), ("é", 0));
    }
}
