//! The source excerpt miette shows under a diagnostic.
//!
//! miette reads spans out of whatever `SourceCode` it is given. Instead of handing it the
//! whole file, each diagnostic gets a small excerpt: its lines plus one line of context, with
//! every key masked and overlong lines (minified code) cut to a window around the finding.
//! The excerpt reports the file's real line numbers and the finding's real column.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::secrets;

/// Lines longer than this many bytes are shown as a window.
const MAX_LINE: usize = 160;
/// The window starts this many bytes before the finding.
const WINDOW_BEFORE: usize = 40;
/// Context lines shown around the finding (miette's default, stated here so both agree).
pub const CONTEXT_LINES: usize = 1;
/// Findings spanning more lines are underlined on their first line only.
const MAX_SPAN_LINES: usize = 8;

pub struct Snippet {
    name: String,
    text: String,
    /// 0-based file line of the excerpt's first line.
    first_line: usize,
    /// The label's span in the excerpt, and the finding's real 0-based line and column.
    primary: SourceSpan,
    primary_line: usize,
    primary_column: usize,
}

impl Snippet {
    /// Builds the excerpt for `diagnostic` and returns it with the label's span in it.
    pub fn new(file: &FileReport, diagnostic: &Diagnostic) -> (Snippet, SourceSpan) {
        let text = &*file.text;
        let index = &file.index;
        let mut range = diagnostic.range.clone();
        let first = index.line_of(range.start);
        let mut last = index.line_of(range.end.saturating_sub(1).max(range.start));
        if last - first >= MAX_SPAN_LINES {
            last = first;
            range.end = index.line_range(text, first).end.max(range.start);
        }
        let context_start = first.saturating_sub(CONTEXT_LINES);
        let context_end = (last + CONTEXT_LINES).min(index.line_count() - 1);

        // What the file's analysis knows is key material, and whatever else the output
        // redaction step would mask there (key-shaped text next to any character, literals
        // other files showed are keys), masked here so that labels stay aligned.
        let excerpt = index.line_start(context_start)..index.line_range(text, context_end).end;
        let mut secrets_here = file.secrets.clone();
        secrets_here.extend(secrets::parts_in(text, excerpt));
        let mut builder = Builder {
            out: String::new(),
            label_start: None,
            label_end: None,
            range: range.clone(),
        };
        for line in context_start..=context_end {
            if line > context_start {
                builder.out.push('\n');
            }
            let line_range = index.line_range(text, line);
            let window = window(text, line_range.clone(), &range);
            if window.start > line_range.start {
                builder.out.push('…');
            }
            builder.push_masked(text, window.clone(), &secrets_here);
            if window.end < line_range.end {
                builder.out.push('…');
            }
        }
        let start = builder.label_start.unwrap_or(0);
        let end = builder.label_end.unwrap_or(builder.out.len()).max(start);
        let span = SourceSpan::from(start..end);
        let position = index.position(text, range.start);
        (
            Snippet {
                name: file.path.to_string(),
                text: builder.out,
                first_line: context_start,
                primary: span,
                primary_line: position.line - 1,
                primary_column: position.column - 1,
            },
            span,
        )
    }
}

/// The part of a line to show: all of it, or a window around the finding.
fn window(text: &str, line: Range<usize>, finding: &Range<usize>) -> Range<usize> {
    if line.len() <= MAX_LINE {
        return line;
    }
    let anchor = if line.contains(&finding.start) {
        finding.start
    } else if line.contains(&finding.end) {
        finding.end
    } else {
        line.start
    };
    let mut start = anchor.saturating_sub(WINDOW_BEFORE).max(line.start);
    let mut end = (start + MAX_LINE).min(line.end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

struct Builder {
    out: String,
    label_start: Option<usize>,
    label_end: Option<usize>,
    range: Range<usize>,
}

impl Builder {
    /// Appends `text[window]` with key material replaced, recording where the label lands.
    fn push_masked(
        &mut self,
        text: &str,
        window: Range<usize>,
        secrets_in_file: &[secrets::SecretPart],
    ) {
        let mut cursor = window.start;
        let mut parts: Vec<_> = secrets_in_file
            .iter()
            .filter(|p| p.start < window.end && p.end > window.start)
            .collect();
        parts.sort_by_key(|p| p.start);
        for part in parts {
            let start = part.start.max(cursor);
            let end = part.end.min(window.end);
            if start >= end {
                continue;
            }
            self.push_verbatim(text, cursor..start);
            let masked = secrets::mask_part(
                &text[start..end],
                part,
                part.key_offset + (start - part.start),
            );
            if (start..end).contains(&self.range.start) && self.label_start.is_none() {
                self.label_start = Some(self.out.len());
            }
            self.out.push_str(&masked);
            if start < self.range.end && self.range.end <= end {
                self.label_end = Some(self.out.len());
            }
            cursor = end;
        }
        self.push_verbatim(text, cursor..window.end);
    }

    fn push_verbatim(&mut self, text: &str, range: Range<usize>) {
        if range.start > range.end {
            return;
        }
        if self.label_start.is_none() && range.contains(&self.range.start) {
            self.label_start = Some(self.out.len() + (self.range.start - range.start));
        }
        if self.label_end.is_none() && range.start < self.range.end && self.range.end <= range.end {
            self.label_end = Some(self.out.len() + (self.range.end - range.start));
        }
        self.out.push_str(&text[range]);
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_bytes()
                .read_span(span, context_lines_before, context_lines_after)?;
        // miette asks for the primary label with no context to print `[path:line:col]`:
        // answer with the finding's position in the file, in code points.
        let (line, column) = if *span == self.primary && context_lines_before == 0 {
            (self.primary_line, self.primary_column)
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}
