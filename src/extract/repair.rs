//! Syntax errors that would hide code from the analysis.
//!
//! tree-sitter recovers from an error by folding what follows it into an ERROR node, and a
//! request on the next line goes with it: one stray line (`->`, `from x`, `1 +`, merge-conflict
//! markers) was enough to hide the request below it. A file that will be modelled and does not
//! parse cleanly is parsed again with the offending lines blanked (spaces, so every offset
//! stays valid): merge-conflict markers first, then, a line at a time, the line where the
//! first error starts or the line before it, whichever leaves fewer errors. What was left out,
//! and any error that remains where statements go, is reported, never silently dropped.

use tree_sitter::{Node, Tree};

use crate::language::Language;
use crate::parse;

/// Lines blanked one after another, at most.
const MAX_REPAIRS: usize = 4;
/// Larger files are not parsed again to get past an error (each try is a whole parse);
/// their errors are only reported.
const MAX_REPAIRED_SIZE: usize = 256 * 1024;
/// A file with more errors than this is not one with a stray line (another dialect, a
/// template, a file cut short): its errors are only reported.
const MAX_REPAIRED_ERRORS: usize = 12;

/// What repairing a file's parse did, for its warning.
#[derive(Debug, Default)]
pub struct Repair {
    /// 1-based lines of merge-conflict markers, left out.
    pub conflict_markers: Vec<usize>,
    /// 1-based lines left out to get past a syntax error.
    pub skipped: Vec<usize>,
    /// 1-based lines where errors remain that swallow code where statements go.
    pub remaining: Vec<usize>,
}

impl Repair {
    /// The warnings to give, if any.
    pub fn reasons(&self) -> Vec<String> {
        let lines = |lines: &[usize]| {
            let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
            let more = if lines.len() > 5 { ", …" } else { "" };
            let word = if lines.len() == 1 { "line" } else { "lines" };
            format!("{word} {}{more}", shown.join(", "))
        };
        let mut out = Vec::new();
        if !self.conflict_markers.is_empty() {
            out.push(format!(
                "merge-conflict markers ({}) were left out of the analysis",
                lines(&self.conflict_markers)
            ));
        }
        if !self.skipped.is_empty() {
            let (errors, those) = if self.skipped.len() == 1 {
                ("a syntax error", "that line was")
            } else {
                ("syntax errors", "those lines were")
            };
            out.push(format!(
                "{errors} on {}: {those} left out of the analysis",
                lines(&self.skipped)
            ));
        }
        if !self.remaining.is_empty() {
            out.push(format!(
                "a syntax error ({}) hides the code around it from the analysis",
                lines(&self.remaining)
            ));
        }
        out
    }
}

/// Parses `text` again with the lines that break it blanked, when it has errors. Returns the
/// text and tree to analyse (`None`: the original ones) and what was done.
pub fn repair(language: Language, text: &str, tree: &Tree) -> (Option<(String, Tree)>, Repair) {
    let mut repair = Repair::default();
    if !tree.root_node().has_error() {
        return (None, repair);
    }
    let mut current: Option<(String, Tree)> = None;
    let markers = conflict_markers(text);
    if !markers.is_empty() {
        let mut blanked = text.to_string();
        for &line in &markers {
            blank_line(&mut blanked, line);
        }
        if let Some(tree) = parse::parse(language, &blanked) {
            repair.conflict_markers = markers.iter().map(|l| l + 1).collect();
            current = Some((blanked, tree));
        }
    }
    let starting = match &current {
        Some((_, tree)) => error_count(tree),
        None => error_count(tree),
    };
    let broken = match &current {
        Some((t, tree)) => may_hide_a_request(t, tree),
        None => may_hide_a_request(text, tree),
    };
    let tries = if text.len() > MAX_REPAIRED_SIZE || starting > MAX_REPAIRED_ERRORS || !broken {
        0
    } else {
        MAX_REPAIRS
    };
    for _ in 0..tries {
        let (text_now, tree_now) = match &current {
            Some((t, tree)) => (t.as_str(), tree),
            None => (text, tree),
        };
        let errors = error_count(tree_now);
        if errors == 0 {
            break;
        }
        let Some((first, parent)) = first_error(tree_now) else {
            break;
        };
        // The error's own line, the line before it (an unclosed bracket or a stray operator
        // shows on the next line) and where the node holding it starts (an unterminated
        // string runs to the end of the file).
        let line = line_of(text_now, first);
        let mut candidates = vec![line];
        candidates.extend(previous_nonblank_line(text_now, line));
        candidates.extend(parent.map(|at| line_of(text_now, at)));
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, usize, usize, String, Tree)> = None;
        for candidate in candidates {
            let mut blanked = text_now.to_string();
            let weight = blank_line(&mut blanked, candidate);
            if weight == 0 {
                continue;
            }
            let Some(tree) = parse::reparse(language, tree_now, text_now, &blanked) else {
                continue;
            };
            let left = error_count(&tree);
            let better = left < errors
                && best
                    .as_ref()
                    .is_none_or(|(l, w, ..)| (left, weight) < (*l, *w));
            if better {
                best = Some((left, weight, candidate, blanked, tree));
            }
            // Nothing is left to get past: the other lines need no try.
            if left == 0 {
                break;
            }
        }
        let Some((_, _, line, blanked, tree)) = best else {
            break;
        };
        repair.skipped.push(line + 1);
        current = Some((blanked, tree));
    }
    repair.skipped.sort_unstable();
    let (text_now, tree_now) = match &current {
        Some((t, tree)) => (t.as_str(), tree),
        None => (text, tree),
    };
    repair.remaining = statement_errors(tree_now)
        .into_iter()
        .map(|offset| line_of(text_now, offset) + 1)
        .collect();
    repair.remaining.dedup();
    (current, repair)
}

/// 0-based lines that are merge-conflict markers (`<<<<<<< `, `=======`, `>>>>>>> `, `|||||||`).
fn conflict_markers(text: &str) -> Vec<usize> {
    if !text.contains("<<<<<<<") && !text.contains(">>>>>>>") {
        return Vec::new();
    }
    let index = crate::line_index::LineIndex::new(text);
    (0..index.line_count())
        .filter(|&line| {
            let line = &text[index.line_range(text, line)];
            ["<<<<<<<", ">>>>>>>", "|||||||", "======="]
                .iter()
                .any(|marker| {
                    line.strip_prefix(marker)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                })
        })
        .collect()
}

/// A stray line is short: a longer one is code, which blanking would hide instead.
const MAX_BLANKED: usize = 200;

/// Replaces the characters of 0-based `line` with spaces (line breaks and offsets stay);
/// returns how many non-space characters it held (0 when it is not blanked: missing, empty,
/// or too long to be a stray line).
fn blank_line(text: &mut String, line: usize) -> usize {
    let Some(range) = line_range(text, line) else {
        return 0;
    };
    let weight = text[range.clone()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if weight > MAX_BLANKED {
        return 0;
    }
    let spaces = " ".repeat(range.len());
    text.replace_range(range, &spaces);
    weight
}

/// The byte range of 0-based `line`, without its line break (`\n`, `\r\n` and a lone `\r`
/// end lines, as reports count them).
fn line_range(text: &str, line: usize) -> Option<std::ops::Range<usize>> {
    let index = crate::line_index::LineIndex::new(text);
    (line < index.line_count()).then(|| index.line_range(text, line))
}

fn line_of(text: &str, offset: usize) -> usize {
    crate::line_index::LineIndex::new(text).line_of(offset.min(text.len()))
}

fn previous_nonblank_line(text: &str, line: usize) -> Option<usize> {
    (0..line)
        .rev()
        .find(|&l| line_range(text, l).is_some_and(|r| !text[r].trim().is_empty()))
}

/// Whether the statements the errors sit in mention a call that can be a request: only then
/// is it worth parsing again (each try is a parse, and an editor lints every keystroke). An
/// error elsewhere is still reported.
fn may_hide_a_request(text: &str, tree: &Tree) -> bool {
    static NAMES: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(crate::model::sites::CANDIDATE_NAMES).expect("plain strings")
    });
    let root = tree.root_node();
    let mut cursor = root.walk();
    let broken: Vec<std::ops::Range<usize>> = root
        .children(&mut cursor)
        .filter(|child| child.has_error() || child.is_missing())
        .map(|child| child.byte_range())
        .collect();
    broken
        .iter()
        .any(|range| text.get(range.clone()).is_some_and(|t| NAMES.is_match(t)))
}

/// Calls `visit` with every error and missing node of `tree`, in pre-order, with its parent:
/// only subtrees that hold an error are entered (a clean one costs one check).
fn walk_errors<'t>(tree: &'t Tree, mut visit: impl FnMut(Node<'t>, Option<Node<'t>>)) {
    let mut stack: Vec<(Node<'t>, Option<Node<'t>>)> = vec![(tree.root_node(), None)];
    while let Some((node, parent)) = stack.pop() {
        if node.is_error() || node.is_missing() {
            visit(node, parent);
        }
        if !node.has_error() {
            continue;
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.children(&mut cursor).collect();
        // Reversed onto the stack: visited in source order.
        stack.extend(children.into_iter().rev().map(|child| (child, Some(node))));
    }
}

fn error_count(tree: &Tree) -> usize {
    let mut count = 0;
    walk_errors(tree, |_, _| count += 1);
    count
}

/// Where the first innermost error (an ERROR node holding no other, or a missing node)
/// starts, and where its parent starts (when that is not the whole file).
fn first_error(tree: &Tree) -> Option<(usize, Option<usize>)> {
    let mut first: Option<(Node<'_>, Option<Node<'_>>)> = None;
    walk_errors(tree, |node, parent| {
        let error = node.is_missing() || node.is_error() && !has_error_inside(node);
        if error && first.is_none_or(|(f, _)| node.start_byte() < f.start_byte()) {
            first = Some((node, parent));
        }
    });
    let (first, parent) = first?;
    let parent = parent
        .filter(|p| p.parent().is_some())
        .map(|p| p.start_byte());
    Some((first.start_byte(), parent))
}

/// Whether an ERROR node holds another error.
fn has_error_inside(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|child| child.is_error() || child.is_missing() || child.has_error())
}

/// Where ERROR nodes start that sit where statements go (a module's, a function's or a
/// block's body) and hold more than a token: code there is not analysed.
fn statement_errors(tree: &Tree) -> Vec<usize> {
    let mut out = Vec::new();
    walk_errors(tree, |node, parent| {
        if !node.is_error() || node.named_child_count() == 0 {
            return;
        }
        let at_statement = parent.is_none_or(|p| {
            matches!(
                p.kind(),
                "module" | "program" | "block" | "statement_block" | "class_body" | "ERROR"
            )
        });
        if at_statement {
            out.push(node.start_byte());
        }
    });
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(language: Language, text: &str) -> (String, Repair) {
        let tree = parse::parse(language, text).unwrap();
        let (fixed, repair) = repair(language, text, &tree);
        (fixed.map_or(text.to_string(), |(t, _)| t), repair)
    }

    #[test]
    fn a_stray_line_is_left_out_and_the_code_after_it_kept() {
        let request = "resp = client.chat.completions.create(model='m', messages=[])\n";
        for garbage in [
            "->",
            "** import",
            "is from",
            "from x",
            "1 +",
            "print(",
            "def (",
        ] {
            let text = format!("x = 1\n{garbage}\n{request}");
            let (fixed, repair) = repaired(Language::Python, &text);
            assert_eq!(repair.skipped, [2], "{garbage:?}");
            assert!(repair.remaining.is_empty(), "{garbage:?}");
            assert!(fixed.ends_with(request), "{garbage:?}: {fixed:?}");
            assert_eq!(fixed.len(), text.len());
        }
    }

    #[test]
    fn merge_conflict_markers_are_left_out() {
        let text = "const a = 1;\n<<<<<<< HEAD\nconst b = 2;\n=======\nconst b = 3;\n>>>>>>> topic\nfetch('https://openrouter.ai/api/v1/chat/completions');\n";
        let (fixed, repair) = repaired(Language::TypeScript, text);
        assert_eq!(repair.conflict_markers, [2, 4, 6]);
        assert!(fixed.contains("fetch('https://openrouter.ai"));
        assert_eq!(repair.reasons().len(), 1, "{:?}", repair.reasons());
    }

    #[test]
    fn clean_files_are_left_alone() {
        let (_, repair) = repaired(Language::Python, "x = 1\n");
        assert!(repair.reasons().is_empty());
    }
}
