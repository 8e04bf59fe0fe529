//! Edits to object literals (a JavaScript `{…}`, a Python dict display) that keep the file's
//! own style: its quotes, its key style, its indentation and its trailing commas. They touch
//! nothing but the entry they add, change or remove.

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::facts::{ObjectLiteral, WrittenEntry};
use crate::language::Language;

/// How values are spelled in the file's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Python,
    EcmaScript,
}

impl Dialect {
    pub fn of(language: Language) -> Dialect {
        match language {
            Language::Python => Dialect::Python,
            _ => Dialect::EcmaScript,
        }
    }

    pub fn bool(self, value: bool) -> &'static str {
        match (self, value) {
            (Dialect::Python, true) => "True",
            (Dialect::Python, false) => "False",
            (Dialect::EcmaScript, true) => "true",
            (Dialect::EcmaScript, false) => "false",
        }
    }
}

/// The quote the object (or, failing that, the file) uses for strings: the first one written.
pub fn quote_in(text: &str, around: &Range<usize>) -> char {
    let first = |s: &str| s.chars().find(|c| matches!(c, '"' | '\''));
    text.get(around.clone())
        .and_then(first)
        .or_else(|| first(text))
        .unwrap_or('"')
}

/// A string literal of `value` (plain text: no quotes or backslashes) in `quote`.
pub fn string(value: &str, quote: char) -> String {
    format!("{quote}{value}{quote}")
}

/// `key` spelt as the object's existing keys are: quoted in Python; in JavaScript quoted only
/// when the object already quotes its keys.
pub fn key(text: &str, dialect: Dialect, object: &ObjectLiteral, key: &str) -> String {
    let quoted = object
        .entries
        .iter()
        .find_map(|e| text[e.key_span.clone()].chars().next())
        .filter(|c| matches!(c, '"' | '\''));
    if object.keywords {
        return key.to_string();
    }
    match (dialect, quoted) {
        (_, Some(quote)) => string(key, quote),
        (Dialect::Python, None) => string(key, quote_in(text, &object.span)),
        (Dialect::EcmaScript, None) => key.to_string(),
    }
}

/// Adds `key: value` (both already spelt; `key=value` to keyword arguments) as the object's
/// last entry.
pub fn insert_entry(text: &str, object: &ObjectLiteral, key: &str, value: &str) -> Vec<Edit> {
    let separator = object.entries.last().and_then(|last| {
        text.get(last.key_span.end..last.value_span.start)
            // The last entry's own spacing, unless its value starts on the next line.
            .filter(|s| s.trim() == if object.keywords { "=" } else { ":" } && !s.contains('\n'))
    });
    let separator = separator.unwrap_or(if object.keywords { "=" } else { ": " });
    if object.keywords && object.entries.is_empty() {
        return insert_raw_entry(text, object, &format!("{key}={value}"));
    }
    insert_raw_entry(text, object, &format!("{key}{separator}{value}"))
}

/// Adds `entry` (written out: `key: value`, `...{…}`, `key=value`) as the object's last entry.
pub fn insert_raw_entry(text: &str, object: &ObjectLiteral, entry: &str) -> Vec<Edit> {
    let close = object.span.end.saturating_sub(1);
    if object.keywords && object.entries.is_empty() {
        // After the positional arguments, if any.
        let before = text[object.span.start..close].trim_end();
        let comma = if before.ends_with('(') || before.ends_with(',') {
            ""
        } else {
            ", "
        };
        return vec![Edit::insert(close, format!("{comma}{entry}"))];
    }
    let Some(last) = object.entries.last() else {
        // `{}` or `{ }`: JavaScript pads braces with spaces when the empty object does.
        let inner = &text[object.span.start + 1..close];
        let pad = if inner.contains(' ') { " " } else { "" };
        return vec![Edit::replace(
            object.span.start + 1..close,
            format!("{pad}{entry}{pad}"),
        )];
    };
    let after = &text[last.value_span.end..close];
    let trailing_comma = after.trim_start().starts_with(',');
    match (line_break(after), line_indent(text, last.key_span.start)) {
        // One entry per line: a new line after the last entry's, indented as it is.
        (Some(newline), Some(indent)) => {
            let mut edits = Vec::new();
            if !trailing_comma {
                edits.push(Edit::insert(last.value_span.end, ","));
            }
            let comma = if trailing_comma { "," } else { "" };
            edits.push(Edit::insert(
                last.value_span.end + newline,
                format!("\n{indent}{entry}{comma}"),
            ));
            edits
        }
        _ if trailing_comma => {
            let comma = last.value_span.end + after.find(',').unwrap_or(0);
            vec![Edit::insert(comma + 1, format!(" {entry},"))]
        }
        _ => vec![Edit::insert(last.value_span.end, format!(", {entry}"))],
    }
}

/// Where the first line of `text` ends: its `\n`, or the `\r` of its `\r\n`.
pub fn line_break(text: &str) -> Option<usize> {
    let newline = text.find('\n')?;
    Some(if text[..newline].ends_with('\r') {
        newline - 1
    } else {
        newline
    })
}

/// The whitespace before the entry starting at `at`, when nothing else precedes it on its line.
fn line_indent(text: &str, at: usize) -> Option<&str> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..at];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(indent)
}

/// Replaces an entry's value.
pub fn replace_value(entry: &WrittenEntry, value: &str) -> Edit {
    Edit::replace(entry.value_span.clone(), value)
}

/// Renames an entry's key, keeping its quotes.
pub fn rename_key(text: &str, entry: &WrittenEntry, new: &str) -> Edit {
    let written = &text[entry.key_span.clone()];
    match written.chars().next() {
        Some(quote @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(quote) => {
            Edit::replace(entry.key_span.start + 1..entry.key_span.end - 1, new)
        }
        _ => Edit::replace(entry.key_span.clone(), new),
    }
}

/// Removes an entry with its comma; on a line of its own, the whole line.
pub fn remove_entry(text: &str, object: &ObjectLiteral, index: usize) -> Edit {
    let entry = &object.entries[index];
    let close = object.span.end.saturating_sub(1);
    let next_start = object
        .entries
        .get(index + 1)
        .map_or(close, |next| next.key_span.start);
    let after = &text[entry.value_span.end..next_start];
    // The comma after the entry, if any (before a comment on the same line).
    let comma_end = after
        .find(',')
        .filter(|i| !after[..*i].contains(['\n', '#']) && !after[..*i].contains("//"))
        .map(|i| entry.value_span.end + i + 1);
    if let Some(indent) = line_indent(text, entry.key_span.start) {
        let line_start = entry.key_span.start - indent.len();
        let end = comma_end.unwrap_or(entry.value_span.end);
        let rest_of_line = &text[end..];
        let line_end = line_break(rest_of_line).map(|i| end + i);
        if let Some(line_end) = line_end
            && text[end..line_end].trim().is_empty()
        {
            if comma_end.is_none() && index > 0 {
                // The last entry of several: the previous entry's comma goes with it.
                let previous = &object.entries[index - 1];
                let between = &text[previous.value_span.end..line_start];
                if let Some(comma) = between.find(',') {
                    let comma = previous.value_span.end + comma;
                    return Edit::delete(comma..line_end);
                }
            }
            let next_line = text[line_end..]
                .find('\n')
                .map_or(text.len(), |i| line_end + i + 1);
            return Edit::delete(line_start..next_line);
        }
    }
    match comma_end {
        // `a, b` → `b`: the comma and the space after it.
        Some(end) => {
            let spaces = text[end..].len() - text[end..].trim_start_matches(' ').len();
            Edit::delete(entry.key_span.start..end + spaces)
        }
        // The last entry: the comma before it goes.
        None if index > 0 => {
            let previous = &object.entries[index - 1];
            Edit::delete(previous.value_span.end..entry.value_span.end)
        }
        None => Edit::delete(entry.key_span.start..entry.value_span.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The object literal starting at the first `{`, with `key: value` entries split naively
    /// (enough for the test inputs: values hold no commas or colons outside brackets).
    fn object(text: &str) -> ObjectLiteral {
        let start = text.find('{').unwrap();
        let end = text.rfind('}').unwrap() + 1;
        let mut entries = Vec::new();
        let mut at = start + 1;
        let mut depth = 0;
        let mut entry_start = None;
        let mut colon = None;
        for (i, c) in text[start + 1..end - 1].char_indices() {
            let i = i + start + 1;
            match c {
                '[' | '(' => depth += 1,
                ']' | ')' => depth -= 1,
                ':' if depth == 0 && colon.is_none() => colon = Some(i),
                ',' if depth == 0 => {
                    push(text, &mut entries, entry_start.take(), colon.take(), i);
                    at = i + 1;
                }
                c if !c.is_whitespace() && entry_start.is_none() => entry_start = Some(i),
                _ => {}
            }
        }
        let _ = at;
        push(text, &mut entries, entry_start, colon, end - 1);
        ObjectLiteral {
            span: start..end,
            keywords: false,
            entries,
        }
    }

    fn push(
        text: &str,
        entries: &mut Vec<WrittenEntry>,
        start: Option<usize>,
        colon: Option<usize>,
        end: usize,
    ) {
        let (Some(start), Some(colon)) = (start, colon) else {
            return;
        };
        let key_end = start + text[start..colon].trim_end().len();
        let value_start =
            colon + 1 + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
        // A comment after the value is not part of it.
        let value_text = &text[value_start..end];
        let value_text = value_text.split(" #").next().unwrap_or(value_text);
        let value_end = value_start + value_text.trim_end().len();
        entries.push(WrittenEntry {
            key: text[start..key_end].trim_matches(['"', '\'']).to_string(),
            key_span: start..key_end,
            value_span: value_start..value_end,
        });
    }

    fn apply(text: &str, mut edits: Vec<Edit>) -> String {
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_string();
        for edit in edits {
            out.replace_range(edit.range, &edit.content);
        }
        out
    }

    fn inserted(text: &str, dialect: Dialect) -> String {
        let obj = object(text);
        let key = key(text, dialect, &obj, "allow_fallbacks");
        apply(text, insert_entry(text, &obj, &key, dialect.bool(false)))
    }

    #[test]
    fn an_entry_is_added_in_the_object_s_style() {
        let cases = [
            (
                r#"p = {"order": ["a"]}"#,
                Dialect::Python,
                r#"p = {"order": ["a"], "allow_fallbacks": False}"#,
            ),
            (
                "p = {'order': ['a'], }",
                Dialect::Python,
                "p = {'order': ['a'], 'allow_fallbacks': False, }",
            ),
            (
                "p = {\n    'order': ['a'],\n}",
                Dialect::Python,
                "p = {\n    'order': ['a'],\n    'allow_fallbacks': False,\n}",
            ),
            (
                "p = {\n    \"order\": [\"a\"]  # first\n}",
                Dialect::Python,
                "p = {\n    \"order\": [\"a\"],  # first\n    \"allow_fallbacks\": False\n}",
            ),
            (
                "const p = { order: ['a'] };",
                Dialect::EcmaScript,
                "const p = { order: ['a'], allow_fallbacks: false };",
            ),
            (
                "const p = {\n\t\"order\": [\"a\"],\n};",
                Dialect::EcmaScript,
                "const p = {\n\t\"order\": [\"a\"],\n\t\"allow_fallbacks\": false,\n};",
            ),
            (
                "const p = {};",
                Dialect::EcmaScript,
                "const p = {allow_fallbacks: false};",
            ),
            (
                "p = { }",
                Dialect::Python,
                "p = { \"allow_fallbacks\": False }",
            ),
        ];
        for (input, dialect, expected) in cases {
            assert_eq!(inserted(input, dialect), expected, "{input}");
        }
    }

    #[test]
    fn entries_are_removed_with_their_commas() {
        let cases = [
            ("{a: 1, b: 2}", 0, "{b: 2}"),
            ("{a: 1, b: 2}", 1, "{a: 1}"),
            ("{\n  a: 1,\n  b: 2,\n}", 0, "{\n  b: 2,\n}"),
            ("{\n  a: 1,\n  b: 2\n}", 1, "{\n  a: 1\n}"),
            ("{a: 1}", 0, "{}"),
        ];
        for (input, index, expected) in cases {
            let obj = object(input);
            assert_eq!(
                apply(input, vec![remove_entry(input, &obj, index)]),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn keys_are_renamed_inside_their_quotes() {
        let text = r#"{"allowFallbacks": true, order: []}"#;
        let obj = object(text);
        assert_eq!(
            apply(
                text,
                vec![
                    rename_key(text, &obj.entries[0], "allow_fallbacks"),
                    rename_key(text, &obj.entries[1], "only")
                ]
            ),
            r#"{"allow_fallbacks": true, only: []}"#
        );
    }
}
