//! Between orlint's byte offsets and paths and the protocol's positions and URIs.

use std::path::{Path, PathBuf};

use lsp_types::{Position, PositionEncodingKind, Range, Uri};

use crate::line_index::LineIndex;

/// How the client counts characters in a line: UTF-16 code units unless it offered UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use among those the client offers (LSP 3.17 `general.positionEncodings`).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A text and its line starts, for converting in both directions.
pub struct Text<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl Text<'_> {
    /// The protocol position of a byte offset.
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let (line, before) = self.index.line_and_prefix(self.text, offset);
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, range: &std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    /// The byte offset of a protocol position. Past the end of a line means its end (the
    /// protocol says so); past the last line, the end of the text.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let line_range = self.index.line_range(self.text, line);
        let line_text = &self.text[line_range.clone()];
        let wanted = position.character as usize;
        let mut counted = 0;
        for (at, c) in line_text.char_indices() {
            if counted >= wanted {
                return line_range.start + at;
            }
            counted += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        line_range.end
    }
}

/// The path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri
        .scheme()
        .is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"))
    {
        return None;
    }
    let bytes = uri.path().as_estr().decode().into_bytes();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8_lossy(&bytes);
        // `file:///C:/dir` has the path `/C:/dir`.
        let text = text
            .strip_prefix('/')
            .filter(|t| t.get(1..2) == Some(":"))
            .unwrap_or(&text);
        Some(PathBuf::from(text.to_string()))
    }
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    let encoded = crate::report::sarif::uri_for(&text);
    format!("file://{encoded}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_in_the_negotiated_unit_both_ways() {
        let text = "a = 'é😀'\nb = 1\r\nc";
        let index = LineIndex::new(text);
        let t = Text {
            text,
            index: &index,
        };
        let quote = text.rfind('\'').unwrap();
        assert_eq!(t.position(quote, Encoding::Utf8), Position::new(0, 11));
        assert_eq!(t.position(quote, Encoding::Utf16), Position::new(0, 8));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(t.offset(t.position(quote, encoding), encoding), quote);
        }
        // Past the end of a line: its end, before `\r\n`; past the last line: the end.
        assert_eq!(t.offset(Position::new(1, 99), Encoding::Utf16), 18);
        assert_eq!(t.offset(Position::new(9, 0), Encoding::Utf16), text.len());
        assert_eq!(t.position(text.len(), Encoding::Utf16), Position::new(2, 1));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/work/my project/é.py");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///work/my%20project/%C3%A9.py");
        assert_eq!(path_of(&uri).unwrap(), path);
        let other: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(path_of(&other), None);
    }
}
