//! Parsing and querying: one tree-sitter `Parser` and `QueryCursor` per thread, each language's
//! queries compiled once and shared by every thread.
//!
//! The `.scm` files under `queries/<language>/` are embedded at compile time. All files of a
//! language are compiled into one `Query`, so a file is walked by the cursor once, and each
//! capture name says which fact extractor receives the node.

use std::cell::{Cell, RefCell};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use tree_sitter::{Node, Parser, Query, QueryCursor, StreamingIterator, Tree};

use crate::language::Language;

/// A query file embedded in the binary.
#[derive(Debug, Clone, Copy)]
pub struct QueryFile {
    /// Path under `queries/`, for error messages.
    pub path: &'static str,
    pub source: &'static str,
}

macro_rules! query_files {
    ($($path:literal),* $(,)?) => {
        &[$(QueryFile {
            path: $path,
            source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/queries/", $path)),
        }),*]
    };
}

const PYTHON_QUERIES: &[QueryFile] = query_files![
    "python/comments.scm",
    "python/concatenations.scm",
    "python/model.scm",
];

const JAVASCRIPT_QUERIES: &[QueryFile] = query_files![
    "javascript/comments.scm",
    "javascript/concatenations.scm",
    "javascript/model.scm",
    "javascript/fields.scm",
];

/// The JavaScript queries also serve TypeScript and TSX (their grammars extend JavaScript's
/// and keep its node names), except where TypeScript renames a node.
const TYPESCRIPT_QUERIES: &[QueryFile] = query_files![
    "javascript/comments.scm",
    "javascript/concatenations.scm",
    "javascript/model.scm",
    "typescript/fields.scm",
];

pub fn query_files(language: Language) -> &'static [QueryFile] {
    match language {
        Language::Python => PYTHON_QUERIES,
        Language::JavaScript => JAVASCRIPT_QUERIES,
        Language::TypeScript | Language::Tsx => TYPESCRIPT_QUERIES,
    }
}

/// What a capture name asks for. Every capture in a query file must be one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureKind {
    Comment,
    Concatenation,
    /// A call that may be a request site.
    Call,
    /// An assignment or other binding of a name.
    Binding,
    /// A class field with a value.
    Member,
    /// A function (for its parameters).
    Function,
    Import,
    /// An in-place change to an object bound to a name.
    Mutation,
    /// A class (a scope for `self.x` / `this.x`).
    Class,
    /// A `return` statement (what a function gives its callers).
    Return,
    /// A JavaScript `export` statement.
    Export,
}

impl CaptureKind {
    fn from_name(name: &str) -> Option<CaptureKind> {
        match name {
            "comment" => Some(CaptureKind::Comment),
            "concatenation" => Some(CaptureKind::Concatenation),
            "call" => Some(CaptureKind::Call),
            "binding" => Some(CaptureKind::Binding),
            "member" => Some(CaptureKind::Member),
            "function" => Some(CaptureKind::Function),
            "import" => Some(CaptureKind::Import),
            "mutation" => Some(CaptureKind::Mutation),
            "class" => Some(CaptureKind::Class),
            "return" => Some(CaptureKind::Return),
            "export" => Some(CaptureKind::Export),
            _ => None,
        }
    }
}

/// A language's queries, compiled.
pub struct CompiledQueries {
    query: Query,
    /// Capture index to kind; `None` for helper captures (names starting with `_`).
    kinds: Vec<Option<CaptureKind>>,
}

/// Compiles one language's query source, rejecting what tree-sitter would silently accept:
/// unknown capture names and predicates the Rust binding does not evaluate.
pub fn compile(language: Language, source: &str) -> Result<CompiledQueries, String> {
    let query = Query::new(&language.grammar(), source).map_err(|e| {
        format!(
            "{}:{}:{}: {:?} error: {}",
            language.name(),
            e.row + 1,
            e.column + 1,
            e.kind,
            e.message
        )
    })?;
    let mut kinds = Vec::new();
    for name in query.capture_names() {
        if name.starts_with('_') {
            kinds.push(None);
            continue;
        }
        match CaptureKind::from_name(name) {
            Some(kind) => kinds.push(Some(kind)),
            None => return Err(format!("unknown capture name @{name}")),
        }
    }
    for pattern in 0..query.pattern_count() {
        if let Some(predicate) = query.general_predicates(pattern).first() {
            return Err(format!(
                "predicate #{} is not evaluated by tree-sitter's Rust binding",
                predicate.operator
            ));
        }
    }
    Ok(CompiledQueries { query, kinds })
}

fn compile_language(language: Language) -> CompiledQueries {
    let source: String = query_files(language)
        .iter()
        .map(|f| f.source)
        .collect::<Vec<_>>()
        .join("\n");
    // The queries ship inside the binary and a unit test compiles each of them against every
    // grammar that uses it, so a failure here is a build defect, not a user error.
    compile(language, &source)
        .unwrap_or_else(|e| panic!("embedded queries for {} fail: {e}", language.name()))
}

/// One compiled query per language, built on first use and shared by all threads.
static COMPILED: [LazyLock<CompiledQueries>; 4] = [
    LazyLock::new(|| compile_language(Language::Python)),
    LazyLock::new(|| compile_language(Language::JavaScript)),
    LazyLock::new(|| compile_language(Language::TypeScript)),
    LazyLock::new(|| compile_language(Language::Tsx)),
];

fn compiled(language: Language) -> &'static CompiledQueries {
    &COMPILED[match language {
        Language::Python => 0,
        Language::JavaScript => 1,
        Language::TypeScript => 2,
        Language::Tsx => 3,
    }]
}

/// How deep in a tree a match may start.
const MAX_MATCH_DEPTH: u32 = 200;
/// How many in-progress matches a cursor keeps.
const MATCH_LIMIT: u32 = 512;

thread_local! {
    // Parsers and cursors hold mutable C state: one per thread, reused across files.
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
    static CURSOR: RefCell<QueryCursor> = RefCell::new({
        let mut cursor = QueryCursor::new();
        // Guards against generated code: on a 200,000-term `+` chain the cursor's in-progress
        // states pile up and matching turns quadratic (minutes for one file). Nothing orlint
        // looks for starts deeper than this in real code, and the match limit bounds the
        // states kept at once.
        cursor.set_max_start_depth(Some(MAX_MATCH_DEPTH));
        cursor.set_match_limit(MATCH_LIMIT);
        cursor
    });
}

/// How long one file's parse may take: an adversarial file must not stall a pre-commit hook.
/// Real files parse in milliseconds (the largest of the benchmark corpus, 600 KB, in about
/// 100 ms).
pub const PARSE_BUDGET: Duration = Duration::from_secs(2);

/// Limits that cut the analysis of the unit being extracted short, noted where they are hit
/// (the parser, the query cursor, lowering) and collected by the extractor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// The parse ran out of [`PARSE_BUDGET`]: nothing was analysed.
    pub parse_time: bool,
    /// The query cursor dropped matches (too many in progress at once).
    pub match_limit: bool,
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
/// means the parse ran out of its time budget (noted as a limit), or the parser refused the
/// language, which the query test rules out.
pub fn parse(language: Language, text: &str) -> Option<Tree> {
    parse_within(language, text, PARSE_BUDGET)
}

fn parse_within(language: Language, text: &str, budget: Duration) -> Option<Tree> {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        parser.set_language(&language.grammar()).ok()?;
        let started = Instant::now();
        // Returning true cancels the parse.
        let mut out_of_time = |_: &tree_sitter::ParseState| started.elapsed() > budget;
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut out_of_time);
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or(&[]),
            None,
            Some(options),
        );
        if tree.is_none() {
            // A cancelled parse is kept for resuming; the next file starts afresh.
            parser.reset();
            note_limit(|l| l.parse_time = true);
        }
        tree
    })
}

/// Runs the language's queries over `tree`, calling `visit` for each capture in match order.
pub fn for_each_capture<'tree>(
    language: Language,
    tree: &'tree Tree,
    text: &str,
    mut visit: impl FnMut(CaptureKind, Node<'tree>),
) {
    let compiled = compiled(language);
    CURSOR.with(|cursor| {
        let mut cursor = cursor.borrow_mut();
        let mut matches = cursor.matches(&compiled.query, tree.root_node(), text.as_bytes());
        while let Some(m) = matches.next() {
            for capture in m.captures {
                if let Some(kind) = compiled.kinds[capture.index as usize] {
                    visit(kind, capture.node);
                }
            }
        }
        drop(matches);
        if cursor.did_exceed_match_limit() {
            note_limit(|l| l.match_limit = true);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_file_compiles_against_every_grammar_that_uses_it() {
        for language in Language::ALL {
            for file in query_files(language) {
                if let Err(e) = compile(language, file.source) {
                    panic!("queries/{} against {}: {e}", file.path, language.name());
                }
            }
            // And all of a language's files together, as the linter loads them.
            let _ = compiled(language);
        }
    }

    #[test]
    fn unknown_captures_and_predicates_are_rejected() {
        assert!(compile(Language::Python, "(comment) @bogus").is_err());
        assert!(
            compile(
                Language::Python,
                "((comment) @comment (#my-custom? @comment))"
            )
            .is_err()
        );
        assert!(compile(Language::Python, "(no_such_node) @comment").is_err());
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
    fn syntax_errors_still_give_a_tree() {
        let tree = parse(Language::Python, "def broken(:\n  x = 'a' 'b'\n").unwrap();
        assert!(tree.root_node().has_error());
    }
}
