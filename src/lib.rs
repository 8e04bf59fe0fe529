//! orlint: a fast linter for how a codebase talks to OpenRouter.
//!
//! Data flows one way: [`discover`] (parallel walk) → [`prefilter`] (cheap byte search) →
//! [`parse`] (tree-sitter, per-thread parsers, one walk per tree) → [`extract`] (language-neutral
//! [`facts`], request sites through the [`model`], which reads the other files of the
//! [`project`] a file imports) → [`rules`] (one file per rule) → [`suppress`] → [`report`]
//! (renderers over one [`diagnostic::Diagnostic`] type that stores byte ranges).

pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod extract;
pub mod facts;
pub mod fix;
pub mod init;
pub mod language;
pub mod line_index;
pub mod lint;
pub mod markup;
pub mod model;
pub mod notebook;
pub mod parse;
pub mod paths;
pub mod policy;
pub mod prefilter;
pub mod project;
pub mod redact;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod server;
pub mod suppress;
