//! Code actions (suppressions) and hover (a rule's documentation on a suppression comment).

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, MarkupContent,
    MarkupKind, NumberOrString, Position, TextEdit, Uri, WorkspaceEdit,
};

use super::convert::{Encoding, Text};
use crate::language::{FileKind, Language};
use crate::rules;
use crate::suppress::{self, DirectiveSpan};

/// How many lines from the top an `ignore-file` directive may sit (as `suppress` reads it).
const FILE_DIRECTIVE_LINES: usize = 10;

/// What starts a line comment in the file at `path`, if suppressions can be written there.
fn comment_marker(path: &Path) -> Option<&'static str> {
    match FileKind::for_explicit_path(path) {
        FileKind::Code(Language::Python) => Some("#"),
        FileKind::Code(_) => Some("//"),
        // JSON has no comments; a notebook's lines are JSON; in a markup file a line may be
        // script or markup.
        FileKind::Notebook | FileKind::Markup => None,
        FileKind::Text => {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            (!matches!(extension, "json" | "jsonc" | "json5" | "md" | "txt")).then_some("#")
        }
    }
}

/// `source.fixAll.orlint`: every safe fix of the document at once.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.orlint")
}

/// Whether a request limited to `only` kinds asks for `kind` (a listed kind covers its
/// sub-kinds: `source` covers `source.fixAll.orlint`).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|asked| {
            kind.as_str() == asked.as_str()
                || kind
                    .as_str()
                    .strip_prefix(asked.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// `text[range]` replaced by `new`, without what both share at their start and end.
fn trimmed<'n>(
    text: &str,
    range: std::ops::Range<usize>,
    new: &'n str,
) -> (std::ops::Range<usize>, &'n str) {
    let old = &text[range.clone()];
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (
        range.start + prefix..range.end - suffix,
        &new[prefix..new.len() - suffix],
    )
}

/// The fix of each orlint diagnostic that carries one (in its `data`): preferred when safe.
pub fn fix_actions(uri: &Uri, diagnostics: &[lsp_types::Diagnostic]) -> Vec<CodeActionOrCommand> {
    diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("orlint"))
        .filter_map(|diagnostic| {
            let data = diagnostic.data.clone()?;
            let fix: super::worker::FixData = serde_json::from_value(data).ok()?;
            let title = if fix.safe {
                fix.title
            } else {
                format!("{} (unsafe: changes behaviour)", fix.title)
            };
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                is_preferred: Some(fix.safe),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), fix.edits)])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// The action that turns the document into `fixed`: one edit per changed run of lines,
/// trimmed to the characters that change (whole lines would carry whatever else they hold,
/// a key among it, to the editor). A change that would still carry key material is left out.
pub fn fix_all(uri: &Uri, text: &Text<'_>, fixed: &str, encoding: Encoding) -> CodeActionOrCommand {
    let diff = similar::TextDiff::from_lines(text.text, fixed);
    let line_start = |line: usize| {
        if line < text.index.line_count() {
            text.index.line_start(line)
        } else {
            text.text.len()
        }
    };
    let new_lines: Vec<&str> = fixed.split_inclusive('\n').collect();
    let edits = diff
        .ops()
        .iter()
        .filter(|op| op.tag() != similar::DiffTag::Equal)
        .filter_map(|op| {
            let old = op.old_range();
            let range = line_start(old.start)..line_start(old.end);
            let new_text = new_lines[op.new_range()].concat();
            let (range, new_text) = trimmed(text.text, range, &new_text);
            if crate::redact::is_sensitive(new_text) {
                return None;
            }
            Some(TextEdit {
                range: text.range(&range, encoding),
                new_text: new_text.to_string(),
            })
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title: "Fix all safely fixable orlint problems".to_string(),
        kind: Some(fix_all_kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

/// The suppressions offered for each orlint diagnostic in `diagnostics`.
pub fn code_actions(
    uri: &Uri,
    path: &Path,
    text: &Text<'_>,
    diagnostics: &[lsp_types::Diagnostic],
    require_reason: bool,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let Some(marker) = comment_marker(path) else {
        return Vec::new();
    };
    let reason = if require_reason { " -- " } else { "" };
    let mut actions = Vec::new();
    for diagnostic in diagnostics {
        if diagnostic.source.as_deref() != Some("orlint") {
            continue;
        }
        let Some(NumberOrString::String(code)) = &diagnostic.code else {
            continue;
        };
        if rules::find_rule(code).is_none() {
            continue;
        }
        let line = diagnostic.range.start.line as usize;
        let edits = [
            (
                format!("Suppress {code} on this line"),
                line_suppression(text, line, code, marker, reason, encoding),
            ),
            (
                format!("Suppress {code} in this file"),
                file_suppression(text, code, marker, reason, encoding),
            ),
        ];
        for (title, edit) in edits {
            let Some(edit) = edit else { continue };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// Adds `code` to the line's `ignore[...]`, or appends a directive to the line. `None` when
/// the line is suppressed for it already.
fn line_suppression(
    text: &Text<'_>,
    line: usize,
    code: &str,
    marker: &str,
    reason: &str,
    encoding: Encoding,
) -> Option<TextEdit> {
    if line >= text.index.line_count() {
        return None;
    }
    let range = text.index.line_range(text.text, line);
    let line_text = &text.text[range.clone()];
    let existing = suppress::directive_spans(line_text)
        .into_iter()
        .find(|d| !d.file_level);
    match existing {
        Some(directive) => add_code(text, range.start, line_text, &directive, code, encoding),
        None => Some(insert(
            text,
            range.end,
            format!("  {marker} orlint: ignore[{code}]{reason}"),
            encoding,
        )),
    }
}

/// Adds `code` to an `ignore-file[...]` in the first lines, or writes one at the top (below a
/// `#!` line).
fn file_suppression(
    text: &Text<'_>,
    code: &str,
    marker: &str,
    reason: &str,
    encoding: Encoding,
) -> Option<TextEdit> {
    let lines = text.index.line_count().min(FILE_DIRECTIVE_LINES);
    for line in 0..lines {
        let range = text.index.line_range(text.text, line);
        let line_text = &text.text[range.clone()];
        if let Some(directive) = suppress::directive_spans(line_text)
            .into_iter()
            .find(|d| d.file_level)
        {
            return add_code(text, range.start, line_text, &directive, code, encoding);
        }
    }
    let newline = if text.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // Below a `#!` line, which must stay first; a file that is only that line gets a newline.
    let (at, prefix) = match text.text.starts_with("#!") {
        false => (0, ""),
        true if text.index.line_count() > 1 => (text.index.line_start(1), ""),
        true => (text.text.len(), newline),
    };
    Some(insert(
        text,
        at,
        format!("{prefix}{marker} orlint: ignore-file[{code}]{reason}{newline}"),
        encoding,
    ))
}

/// `, CODE` at the end of a directive's code list; `None` if the directive already covers
/// the code (or every code: no brackets).
fn add_code(
    text: &Text<'_>,
    line_start: usize,
    line_text: &str,
    directive: &DirectiveSpan,
    code: &str,
    encoding: Encoding,
) -> Option<TextEdit> {
    let codes = directive.codes.clone()?;
    let listed = &line_text[codes.clone()];
    if listed
        .split(',')
        .any(|c| c.trim().eq_ignore_ascii_case(code))
    {
        return None;
    }
    let separator = if listed.trim().is_empty() { "" } else { ", " };
    Some(insert(
        text,
        line_start + codes.end,
        format!("{separator}{code}"),
        encoding,
    ))
}

fn insert(text: &Text<'_>, at: usize, new_text: String, encoding: Encoding) -> TextEdit {
    let position = text.position(at, encoding);
    TextEdit {
        range: lsp_types::Range::new(position, position),
        new_text,
    }
}

/// The documentation of the rule whose code (or name) is under `position` in a suppression
/// comment.
pub fn hover(text: &Text<'_>, position: Position, encoding: Encoding) -> Option<Hover> {
    let offset = text.offset(position, encoding);
    let line = text.index.line_of(offset);
    let range = text.index.line_range(text.text, line);
    let line_text = &text.text[range.clone()];
    let column = offset - range.start;
    for directive in suppress::directive_spans(line_text) {
        let Some(codes) = directive.codes else {
            continue;
        };
        let mut start = codes.start;
        for item in line_text[codes.clone()].split(',') {
            let end = start + item.len();
            let trimmed = item.trim();
            let lead = item.len() - item.trim_start().len();
            let (from, to) = (start + lead, start + lead + trimmed.len());
            if (from..=to).contains(&column) && !trimmed.is_empty() {
                let rule = rules::rules_matching(trimmed).into_iter().next()?;
                let word = range.start + from..range.start + to;
                return Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: rule.explanation(),
                    }),
                    range: Some(text.range(&word, encoding)),
                });
            }
            start = end + 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line_index::LineIndex;

    /// The text after applying the edit of each action offered for a diagnostic of `code` on
    /// line `line` of `path`.
    fn applied(path: &str, text: &str, line: u32, code: &str, require_reason: bool) -> Vec<String> {
        let index = LineIndex::new(text);
        let view = Text {
            text,
            index: &index,
        };
        let uri: Uri = "file:///p/x".parse().unwrap();
        let diagnostic = lsp_types::Diagnostic {
            range: lsp_types::Range::new(Position::new(line, 0), Position::new(line, 1)),
            code: Some(NumberOrString::String(code.into())),
            source: Some("orlint".into()),
            ..lsp_types::Diagnostic::default()
        };
        let actions = code_actions(
            &uri,
            Path::new(path),
            &view,
            &[diagnostic],
            require_reason,
            Encoding::Utf16,
        );
        actions
            .iter()
            .map(|action| {
                let CodeActionOrCommand::CodeAction(action) = action else {
                    panic!("a code action")
                };
                let edit = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri][0];
                let at = view.offset(edit.range.start, Encoding::Utf16);
                format!("{}{}{}", &text[..at], edit.new_text, &text[at..])
            })
            .collect()
    }

    #[test]
    fn suppressions_use_the_comment_syntax_and_extend_existing_directives() {
        assert_eq!(
            applied("a.ts", "call();\r\nother();\r\n", 0, "OR003", false),
            [
                "call();  // orlint: ignore[OR003]\r\nother();\r\n",
                "// orlint: ignore-file[OR003]\r\ncall();\r\nother();\r\n",
            ]
        );
        assert_eq!(
            applied(
                "a.py",
                "#!/usr/bin/env python\nx = call()  # orlint: ignore[OR001]\n",
                1,
                "OR003",
                true
            ),
            [
                "#!/usr/bin/env python\nx = call()  # orlint: ignore[OR001, OR003]\n",
                "#!/usr/bin/env python\n# orlint: ignore-file[OR003] -- \nx = call()  # orlint: ignore[OR001]\n",
            ]
        );
        // Already covered on the line and in the file: nothing to offer but what is missing.
        let text = "# orlint: ignore-file[OR005]\nx = 1  # orlint: ignore[or003]\n";
        assert_eq!(
            applied(".env", text, 1, "OR003", false),
            ["# orlint: ignore-file[OR005, OR003]\nx = 1  # orlint: ignore[or003]\n"]
        );
        // No comments in JSON.
        assert!(applied("a.json", "{\"k\": 1}\n", 0, "OR001", false).is_empty());
    }

    #[test]
    fn hover_shows_the_docs_of_the_code_under_the_cursor() {
        let text = "x = 1  # orlint: ignore[OR001, key-logged]\n";
        let index = LineIndex::new(text);
        let view = Text {
            text,
            index: &index,
        };
        let on = |needle: &str| {
            let at = text.find(needle).unwrap() + 1;
            hover(&view, view.position(at, Encoding::Utf8), Encoding::Utf8).map(|h| {
                match h.contents {
                    HoverContents::Markup(m) => m.value.lines().next().unwrap().to_string(),
                    _ => panic!("markdown"),
                }
            })
        };
        assert_eq!(on("OR001").as_deref(), Some("# OR001 hardcoded-key"));
        assert_eq!(on("key-logged").as_deref(), Some("# OR008 key-logged"));
        assert_eq!(on("x = 1"), None);
    }
}
