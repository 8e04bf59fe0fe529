//! A small expression language both grammar families are lowered into.
//!
//! The request model reasons about calls, literals, objects and names; how Python spells a
//! keyword argument or TypeScript a spread does not matter to it. Each extractor lowers the
//! nodes it needs into these types, and everything after that is shared.

use std::ops::Range;

pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string literal (also an f-string or template literal without substitutions, and
    /// adjacent literals joined), with its escapes decoded.
    Str {
        value: String,
        span: Span,
    },
    Num(Span),
    Bool(bool, Span),
    Null(Span),
    Name(String, Span),
    /// `self` in Python, `this` in JavaScript.
    This(Span),
    Attr {
        object: Box<Expr>,
        name: String,
        span: Span,
        name_span: Span,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
        span: Span,
    },
    Call(Box<Call>),
    Object {
        entries: Vec<Entry>,
        span: Span,
    },
    List {
        items: Vec<Expr>,
        span: Span,
    },
    /// An f-string or a template literal with substitutions.
    Template {
        parts: Vec<TemplatePart>,
        span: Span,
    },
    /// `a + b`, `a or b`, `a || b`, `a ?? b`.
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
        span: Span,
    },
    /// `c ? a : b`, `a if c else b`: one of its options, decided at run time.
    Either {
        options: Vec<Expr>,
        span: Span,
    },
    /// `"key: %s" % key`: a string formatted from its operands by an operation the request
    /// model does not compute. Evaluates to unknown; what it is made of still matters (a key
    /// formatted into a log message has leaked).
    Formatted {
        operands: Vec<Expr>,
        span: Span,
    },
    /// A function, method, arrow function or lambda defined in this file: the program's
    /// [`Function`](super::Function) whose span starts here.
    Function(Span),
    /// A class defined in this file (the program's [`Class`](super::Class) starting here).
    Class(Span),
    /// Anything else: comprehensions, arithmetic, comparisons…
    Other(Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    /// `or`, `||` and `??`: the right side is a default.
    Or,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub callee: Expr,
    pub args: Vec<Arg>,
    pub span: Span,
    /// `new X(...)` in JavaScript.
    pub is_new: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Positional(Expr),
    Keyword {
        name: String,
        name_span: Span,
        value: Expr,
    },
    /// `*args` or `...args`: positions unknown from here on.
    Spread(Expr),
    /// `**kwargs`: keyword arguments from a mapping.
    KeywordSpread(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Pair {
        key: String,
        key_span: Span,
        value: Expr,
    },
    /// `**d` or `...o`.
    Spread(Expr),
    /// A computed key (`[k]: v`, `{k: v}` with a non-literal key in Python).
    Computed(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    Expr(Expr),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Str { span, .. }
            | Expr::Num(span)
            | Expr::Bool(_, span)
            | Expr::Null(span)
            | Expr::Name(_, span)
            | Expr::This(span)
            | Expr::Attr { span, .. }
            | Expr::Index { span, .. }
            | Expr::Object { span, .. }
            | Expr::List { span, .. }
            | Expr::Template { span, .. }
            | Expr::Binary { span, .. }
            | Expr::Either { span, .. }
            | Expr::Formatted { span, .. }
            | Expr::Function(span)
            | Expr::Class(span)
            | Expr::Other(span) => span.clone(),
            Expr::Call(call) => call.span.clone(),
        }
    }

    /// `a.b.c` as `["a", "b", "c"]` when the chain is plain names (used for callees).
    pub fn dotted(&self) -> Option<Vec<&str>> {
        match self {
            Expr::Name(name, _) => Some(vec![name.as_str()]),
            Expr::This(_) => Some(vec!["this"]),
            Expr::Attr { object, name, .. } => {
                let mut path = object.dotted()?;
                path.push(name.as_str());
                Some(path)
            }
            _ => None,
        }
    }
}

impl Call {
    pub fn keyword(&self, name: &str) -> Option<&Expr> {
        self.args.iter().find_map(|a| match a {
            Arg::Keyword { name: n, value, .. } if n == name => Some(value),
            _ => None,
        })
    }

    pub fn positional(&self, index: usize) -> Option<&Expr> {
        let mut seen = 0;
        for arg in &self.args {
            match arg {
                Arg::Positional(expr) => {
                    if seen == index {
                        return Some(expr);
                    }
                    seen += 1;
                }
                // After `*args`, positions are unknown.
                Arg::Spread(_) => return None,
                _ => {}
            }
        }
        None
    }

    /// The span of the callee, the anchor for findings about the call as a whole.
    pub fn callee_span(&self) -> Span {
        self.callee.span()
    }
}
