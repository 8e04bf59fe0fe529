//! Parsing and walking: one tree-sitter `Parser` per thread, reused across files, and one
//! pre-order walk of each tree that hands every node to the extractor.
//!
//! orlint used to find its candidate nodes with tree-sitter queries. Every one of them picked
//! nodes by kind (with a field or two checked), which a walk does as well and more plainly;
//! and compiling them cost more than linting a file: 27 ms of a 36 ms TypeScript run through
//! `--stdin-filename`, which an editor pays on every save.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tree_sitter::{Node, Parser, Tree};

use crate::language::Language;

/// How deep in a tree the walk goes. Real code stays well above it (of the files the
/// benchmark corpus parses, the deepest, litellm's `__init__.py`, nests 80 to 120 levels);
/// generated code can nest tens of thousands, and what lies below the limit is noted.
pub const MAX_WALK_DEPTH: usize = 200;

thread_local! {
    // A parser holds mutable C state: one per thread, reused across files.
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
    /// Set while a cancellable lint runs on this thread (see [`cancellable`]).
    static CANCEL: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Runs `lint` so that setting `flag` stops any parse it is in (the language server cancels
/// the lint of a document version that a newer one replaced). A cancelled parse gives no
/// tree, like one out of time, but is not noted as a limit: its result is thrown away.
pub fn cancellable<R>(flag: Arc<AtomicBool>, lint: impl FnOnce() -> R) -> R {
    CANCEL.with(|cancel| *cancel.borrow_mut() = Some(flag));
    let result = lint();
    CANCEL.with(|cancel| *cancel.borrow_mut() = None);
    result
}

fn cancelled() -> bool {
    CANCEL.with(|cancel| {
        cancel
            .borrow()
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    })
}

/// How long one file's parse may take: an adversarial file must not stall a pre-commit hook.
/// Real files parse in milliseconds (the largest of the benchmark corpus, 600 KB, in about
/// 100 ms).
pub const PARSE_BUDGET: Duration = Duration::from_secs(2);

/// Limits that cut the analysis of the unit being extracted short, noted where they are hit
/// (the parser, the walk, lowering) and collected by the extractor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// The parse ran out of [`PARSE_BUDGET`]: nothing was analysed.
    pub parse_time: bool,
    /// Part of the tree is nested deeper than [`MAX_WALK_DEPTH`] and was not walked.
    pub walk_depth: bool,
    /// An expression nested deeper than lowering follows.
    pub depth: bool,
}

thread_local! {
    static LIMITS: Cell<Limits> = Cell::new(Limits::default());
}

/// Notes a limit hit by the current unit.
pub fn note_limit(note: impl FnOnce(&mut Limits)) {
    LIMITS.with(|limits| {
        let mut current = limits.get();
        note(&mut current);
        limits.set(current);
    });
}

/// The limits hit since the last call, and starts over.
pub fn take_limits() -> Limits {
    LIMITS.with(|limits| limits.replace(Limits::default()))
}

/// Parses `text`. tree-sitter always returns a tree (syntax errors become ERROR nodes); `None`
/// means the parse ran out of its time budget (noted as a limit) or was cancelled, or the
/// parser refused the grammar, which the parse tests rule out.
pub fn parse(language: Language, text: &str) -> Option<Tree> {
    parse_within(language, text, PARSE_BUDGET)
}

/// Parses `text`, which is `previous`'s text with one stretch replaced by as many bytes
/// (a line blanked to get past a syntax error): tree-sitter reuses every subtree the change
/// did not touch, so trying a repair costs a fraction of a parse.
pub fn reparse(language: Language, previous: &Tree, old_text: &str, text: &str) -> Option<Tree> {
    let mut tree = previous.clone();
    tree.edit(&edit_between(old_text, text));
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        parser.set_language(&language.grammar()).ok()?;
        let started = Instant::now();
        let mut stop =
            |_: &tree_sitter::ParseState| started.elapsed() > PARSE_BUDGET || cancelled();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut stop);
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or(&[]),
            Some(&tree),
            Some(options),
        );
        if tree.is_none() {
            parser.reset();
        }
        tree
    })
}

fn parse_within(language: Language, text: &str, budget: Duration) -> Option<Tree> {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        parser.set_language(&language.grammar()).ok()?;
        let started = Instant::now();
        // Returning true cancels the parse.
        let mut stop = |_: &tree_sitter::ParseState| started.elapsed() > budget || cancelled();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut stop);
        let bytes = text.as_bytes();
        let previous = previous_tree(language, text);
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or(&[]),
            previous.as_ref(),
            Some(options),
        );
        if let Some(tree) = &tree {
            remember_tree(language, text, tree);
        }
        if tree.is_none() {
            // A cancelled parse is kept for resuming; the next file starts afresh.
            parser.reset();
            if !cancelled() {
                note_limit(|l| l.parse_time = true);
            }
        }
        tree
    })
}

/// The tree of a document's last version, to reparse its next version from: tree-sitter
/// reuses every subtree an edit did not touch, so a keystroke in a large file costs a
/// fraction of a full parse (the language server keeps one per open document).
#[derive(Clone)]
pub struct Previous {
    language: Language,
    text: Arc<str>,
    tree: Tree,
}

/// The document a lint on this thread is for (see [`reparsing`]).
struct Document {
    text: Arc<str>,
    previous: Option<Previous>,
    parsed: Option<Previous>,
}

thread_local! {
    static DOCUMENT: RefCell<Option<Document>> = const { RefCell::new(None) };
}

/// Runs `lint` for the version `text` of a document last parsed as `previous`: the parse of
/// exactly this text (not of the files it imports) starts from the previous tree. Returns
/// what `lint` returns and the tree of this version, for the next.
pub fn reparsing<R>(
    text: Arc<str>,
    previous: Option<Previous>,
    lint: impl FnOnce() -> R,
) -> (R, Option<Previous>) {
    DOCUMENT.with(|document| {
        *document.borrow_mut() = Some(Document {
            text,
            previous,
            parsed: None,
        })
    });
    let result = lint();
    let parsed = DOCUMENT.with(|document| document.borrow_mut().take().and_then(|d| d.parsed));
    (result, parsed)
}

/// The previous tree of the document being linted, edited to match `text`, if `text` is the
/// document's.
fn previous_tree(language: Language, text: &str) -> Option<Tree> {
    DOCUMENT.with(|document| {
        let mut document = document.borrow_mut();
        let document = document.as_mut().filter(|d| *d.text == *text)?;
        let previous = document
            .previous
            .take()
            .filter(|p| p.language == language)?;
        let mut tree = previous.tree;
        tree.edit(&edit_between(&previous.text, text));
        Some(tree)
    })
}

fn remember_tree(language: Language, text: &str, tree: &Tree) {
    DOCUMENT.with(|document| {
        if let Some(document) = document.borrow_mut().as_mut().filter(|d| *d.text == *text) {
            document.parsed = Some(Previous {
                language,
                text: Arc::clone(&document.text),
                tree: tree.clone(),
            });
        }
    });
}

/// The one edit that turns `old` into `new`: everything between their common prefix and
/// common suffix replaced.
fn edit_between(old: &str, new: &str) -> tree_sitter::InputEdit {
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    let prefix = old_bytes
        .iter()
        .zip(new_bytes)
        .take_while(|(a, b)| a == b)
        .count();
    let room = old_bytes.len().min(new_bytes.len()) - prefix;
    let suffix = old_bytes
        .iter()
        .rev()
        .zip(new_bytes.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old_bytes.len() - suffix, new_bytes.len() - suffix);
    tree_sitter::InputEdit {
        start_byte: prefix,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position: point(old_bytes, prefix),
        old_end_position: point(old_bytes, old_end),
        new_end_position: point(new_bytes, new_end),
    }
}

/// tree-sitter's row and byte column of an offset.
fn point(text: &[u8], offset: usize) -> tree_sitter::Point {
    let before = &text[..offset];
    let row = memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    tree_sitter::Point::new(row, offset - line_start)
}

/// Calls `visit` with every node of `tree` in pre-order (a parent before its children,
/// siblings in source order), down to [`MAX_WALK_DEPTH`].
pub fn walk<'tree>(tree: &'tree Tree, mut visit: impl FnMut(Node<'tree>)) {
    let mut cursor = tree.walk();
    let mut depth = 0;
    loop {
        visit(cursor.node());
        if depth < MAX_WALK_DEPTH && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        if depth == MAX_WALK_DEPTH && cursor.node().child_count() > 0 {
            note_limit(|l| l.walk_depth = true);
        }
        // Up until there is a next sibling; done when back at the root.
        while !cursor.goto_next_sibling() {
            if depth == 0 || !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_visits_every_node_in_pre_order_down_to_its_depth() {
        let text = "def f(a):\n    return g(a, [1])\n";
        let tree = parse(Language::Python, text).unwrap();
        let mut kinds = Vec::new();
        walk(&tree, |node| {
            if node.is_named() {
                kinds.push(node.kind())
            }
        });
        assert_eq!(
            kinds,
            [
                "module",
                "function_definition",
                "identifier",
                "parameters",
                "identifier",
                "block",
                "return_statement",
                "call",
                "identifier",
                "argument_list",
                "identifier",
                "list",
                "integer",
            ]
        );
        assert_eq!(take_limits(), Limits::default());

        let deep = format!("x = {}1{}\n", "(".repeat(300), ")".repeat(300));
        let tree = parse(Language::Python, &deep).unwrap();
        let mut deepest = 0;
        walk(&tree, |node| {
            let mut depth = 0;
            let mut up = node;
            while let Some(parent) = up.parent() {
                depth += 1;
                up = parent;
            }
            deepest = deepest.max(depth);
        });
        assert_eq!(deepest, MAX_WALK_DEPTH);
        assert!(take_limits().walk_depth);
    }

    #[test]
    fn a_parse_out_of_time_is_cancelled_noted_and_the_parser_reusable() {
        take_limits();
        let big = "x = [1, 2, 3]\n".repeat(50_000);
        assert!(parse_within(Language::Python, &big, Duration::ZERO).is_none());
        assert!(take_limits().parse_time);
        // The next file parses from scratch, whole.
        let tree = parse(Language::Python, "y = 1\n").unwrap();
        assert!(!tree.root_node().has_error());
        assert_eq!(take_limits(), Limits::default());
    }

    #[test]
    fn a_new_version_is_parsed_from_the_previous_tree_to_the_same_tree() {
        let v1: Arc<str> = Arc::from("def f(a):\n    return g(a)\n\nx = 1\n");
        let v2: Arc<str> = Arc::from("def f(a):\n    return g(a, 'é')\n\nx = 1\n");
        let ((), first) = reparsing(Arc::clone(&v1), None, || {
            parse(Language::Python, &v1).unwrap();
        });
        let first = first.expect("the document's tree is kept");
        // Another file parsed during the lint does not take the document's tree.
        let (sexp, second) = reparsing(Arc::clone(&v2), Some(first), || {
            parse(Language::Python, "y = 2\n").unwrap();
            parse(Language::Python, &v2).unwrap().root_node().to_sexp()
        });
        assert_eq!(
            sexp,
            parse(Language::Python, &v2).unwrap().root_node().to_sexp()
        );
        assert_eq!(&*second.unwrap().text, &*v2);
        let edit = edit_between(&v1, &v2);
        assert_eq!(
            (edit.start_byte, edit.old_end_byte, edit.new_end_byte),
            (24, 24, 30)
        );
        assert_eq!(edit.start_position, tree_sitter::Point::new(1, 14));
    }

    #[test]
    fn syntax_errors_still_give_a_tree() {
        let tree = parse(Language::Python, "def broken(:\n  x = 'a' 'b'\n").unwrap();
        assert!(tree.root_node().has_error());
    }
}
