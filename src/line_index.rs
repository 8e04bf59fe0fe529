//! Byte offsets to lines and columns, in the unit each output format needs.
//!
//! Diagnostics store byte ranges; line and column are computed only when rendering, because
//! each consumer counts columns differently: JSON and the terminal in Unicode code points,
//! SARIF (and LSP) in UTF-16 code units.

/// Start offsets of every line in a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

/// A 1-based line and 1-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line, as in Python, in
        // editors and in the language server protocol.
        let bytes = text.as_bytes();
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex { line_starts }
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        // The terminator is the byte at `end`: a `\n` may follow a `\r` that is part of it.
        if end > start
            && text.as_bytes().get(end) == Some(&b'\n')
            && text.as_bytes()[end - 1] == b'\r'
        {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column in Unicode code points.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let (line, before) = self.line_and_prefix(text, offset);
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
        }
    }

    /// 1-based line and 1-based column in UTF-16 code units.
    pub fn position_utf16(&self, text: &str, offset: usize) -> Position {
        let (line, before) = self.line_and_prefix(text, offset);
        Position {
            line: line + 1,
            column: before.encode_utf16().count() + 1,
        }
    }

    /// The 0-based line of `offset` and the text of that line before it: what every column
    /// unit is counted over.
    pub fn line_and_prefix<'t>(&self, text: &'t str, offset: usize) -> (usize, &'t str) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        (line, &text[self.line_starts[line]..offset])
    }
}

/// Offsets come from byte ranges that always sit on char boundaries; this guards the
/// renderers against an off-by-one ever turning into a panic on multi-byte text.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_and_utf16_differ_after_astral_chars() {
        let text = "a\n😄 key = 1\r\nlast";
        let index = LineIndex::new(text);
        let key = text.find("key").unwrap();
        assert_eq!(index.position(text, key), Position { line: 2, column: 3 });
        assert_eq!(
            index.position_utf16(text, key),
            Position { line: 2, column: 4 }
        );
        let last = text.find("last").unwrap();
        assert_eq!(index.position(text, last), Position { line: 3, column: 1 });
        assert_eq!(index.line_range(text, 1), 2..text.find("\r\n").unwrap());
        assert_eq!(index.position(text, text.len()).line, 3);
    }

    #[test]
    fn offsets_inside_a_char_never_panic() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), Position { line: 1, column: 1 });
    }
}
