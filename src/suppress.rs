//! Inline suppressions: `# orlint: ignore[OR001] -- reason` and friends.
//!
//! - `orlint: ignore[CODE, …]` on a diagnostic's first line, or alone on the line directly
//!   above it, suppresses those codes there; without `[…]` it suppresses every code.
//! - `orlint: ignore-file` (optionally `[CODE, …]`) in the first 10 lines suppresses the file.
//! - Text after ` -- ` is the reason, kept for reports.
//!
//! In code, directives are read from comment nodes (so a directive inside a string literal is
//! not one); in text files, from `#` comments line by line.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Suppression};
use crate::facts::Comment;
use crate::line_index::LineIndex;

/// How many lines from the top an `ignore-file` directive may sit.
const FILE_DIRECTIVE_LINES: usize = 10;

static DIRECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"orlint:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?(?:[^\n]*?\s--\s*([^\n]*))?")
        .expect("directive regex is valid")
});

/// One parsed directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Byte range of the comment holding it.
    pub range: std::ops::Range<usize>,
    /// 0-based lines the directive covers (its own line, and the next if it stands alone).
    pub first_line: usize,
    pub last_line: usize,
    pub file_level: bool,
    /// `None` means every code.
    pub codes: Option<Vec<String>>,
    pub reason: Option<String>,
}

impl Directive {
    /// Whether the directive names `rule` (by code or name), or names no rule at all.
    fn covers(&self, rule: &crate::rules::Rule) -> bool {
        self.codes.as_ref().is_none_or(|codes| {
            codes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(rule.code) || c.eq_ignore_ascii_case(rule.name))
        })
    }
}

fn parse_directive(
    comment_text: &str,
    range: std::ops::Range<usize>,
    line: usize,
    end_line: usize,
    own_line: bool,
) -> Option<Directive> {
    let caps = DIRECTIVE_RE.captures(comment_text)?;
    let file_level = &caps[1] == "ignore-file";
    let codes = caps.get(2).map(|m| {
        m.as_str()
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    });
    let reason = caps
        .get(3)
        .map(|m| m.as_str().trim().trim_end_matches("*/").trim().to_string())
        .filter(|r| !r.is_empty());
    Some(Directive {
        range,
        first_line: line,
        last_line: if own_line { end_line + 1 } else { line },
        file_level,
        codes,
        reason,
    })
}

/// Directives in a parsed unit's comments.
pub fn directives_from_comments(
    text: &str,
    index: &LineIndex,
    comments: &[Comment],
) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|comment| {
            let body = &text[comment.range.clone()];
            if !body.contains("orlint:") {
                return None;
            }
            parse_directive(
                body,
                comment.range.clone(),
                index.line_of(comment.range.start),
                index.line_of(comment.range.end.saturating_sub(1).max(comment.range.start)),
                comment.own_line,
            )
        })
        .collect()
}

/// Where a directive sits in a line, for editing it (the language server adds codes to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveSpan {
    pub file_level: bool,
    /// The byte range of the code list inside the brackets (`OR001, OR003`), if there are
    /// brackets.
    pub codes: Option<std::ops::Range<usize>>,
}

/// The directives written in `line` (one line of any file).
pub fn directive_spans(line: &str) -> Vec<DirectiveSpan> {
    DIRECTIVE_RE
        .captures_iter(line)
        .map(|caps| DirectiveSpan {
            file_level: &caps[1] == "ignore-file",
            codes: caps.get(2).map(|m| m.range()),
        })
        .collect()
}

/// Directives in a text file's `#` comments, line by line.
pub fn directives_from_hash_comments(text: &str) -> Vec<Directive> {
    if !text.contains("orlint:") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut line_start = 0;
    for (line, line_text) in text.split('\n').enumerate() {
        if let Some(hash) = line_text.find('#') {
            let comment = &line_text[hash..];
            if comment.contains("orlint:") {
                let own_line = line_text[..hash].trim().is_empty();
                let range = line_start + hash..line_start + line_text.len();
                out.extend(parse_directive(comment, range, line, line, own_line));
            }
        }
        line_start += line_text.len() + 1;
    }
    out
}

/// Marks the diagnostics the directives cover, and returns, for each directive, the codes of
/// the diagnostics it suppressed (for unused-suppression checks). Diagnostic ranges and
/// directives must be in the same coordinates (`index` is built over the same text).
pub fn apply(
    diagnostics: &mut [Diagnostic],
    directives: &[Directive],
    index: &LineIndex,
) -> Vec<Vec<&'static str>> {
    let mut used = vec![Vec::new(); directives.len()];
    if directives.is_empty() {
        return used;
    }
    for diagnostic in diagnostics.iter_mut() {
        let line = index.line_of(diagnostic.range.start);
        let covering = directives.iter().position(|d| {
            d.covers(diagnostic.rule)
                && if d.file_level {
                    d.first_line < FILE_DIRECTIVE_LINES
                } else {
                    d.first_line <= line && line <= d.last_line
                }
        });
        if let Some(index) = covering {
            diagnostic.suppression = Some(Suppression {
                reason: directives[index].reason.clone(),
            });
            if !used[index].contains(&diagnostic.code()) {
                used[index].push(diagnostic.code());
            }
        }
    }
    used
}

/// How many lines from the top an `ignore-file` directive may sit (for messages).
pub const fn file_directive_lines() -> usize {
    FILE_DIRECTIVE_LINES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Directive> {
        parse_directive(text, 0..text.len(), 3, 3, true)
    }

    #[test]
    fn directive_forms() {
        let d = parse("# orlint: ignore[OR001, OR003] -- test fixture").unwrap();
        assert_eq!(
            d.codes,
            Some(vec!["OR001".to_string(), "OR003".to_string()])
        );
        assert_eq!(d.reason.as_deref(), Some("test fixture"));
        assert!(!d.file_level);
        assert_eq!((d.first_line, d.last_line), (3, 4));

        let d = parse("// orlint: ignore").unwrap();
        assert_eq!(d.codes, None);
        assert_eq!(d.reason, None);

        let d = parse("/* orlint: ignore[OR001] -- why */").unwrap();
        assert_eq!(d.reason.as_deref(), Some("why"));

        let d = parse("# orlint: ignore-file").unwrap();
        assert!(d.file_level);

        assert!(parse("# orlint: ignored").is_none());
        assert!(parse("# not a directive").is_none());
    }

    #[test]
    fn hash_comments_in_text_files() {
        let text = "A=1\n# orlint: ignore[OR001]\nKEY=x # orlint: ignore -- ok\n";
        let directives = directives_from_hash_comments(text);
        assert_eq!(directives.len(), 2);
        assert_eq!((directives[0].first_line, directives[0].last_line), (1, 2));
        assert_eq!((directives[1].first_line, directives[1].last_line), (2, 2));
    }
}
