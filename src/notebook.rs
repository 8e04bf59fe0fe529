//! Jupyter notebooks: the code cells become one Python unit (they run in one namespace, so an
//! import in the first cell serves a call in the last), with a map from that text back to byte
//! offsets in the `.ipynb` file, so diagnostics point at the notebook's own lines.

use std::ops::Range;

use jsonc_parser::ast::{StringLit, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

/// The code cells' source, decoded from their JSON strings and joined in order.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub map: OffsetMap,
    /// Byte ranges of the JSON string literals holding the source (quotes included).
    pub json_ranges: Vec<Range<usize>>,
}

/// Maps offsets in decoded text to offsets in the raw file. Decoded text is made of segments
/// that are copied verbatim (linear mapping); each escape sequence starts a new segment.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// `(decoded offset, file offset)` of each segment start, ascending.
    segments: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn push(&mut self, decoded: usize, file: usize) {
        if let Some(last) = self.segments.last_mut() {
            if last.0 == decoded {
                *last = (decoded, file);
                return;
            }
        }
        self.segments.push((decoded, file));
    }

    pub fn to_file(&self, decoded: usize) -> usize {
        let i = self.segments.partition_point(|(d, _)| *d <= decoded);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some((d, f)) => f + (decoded - d),
            None => decoded,
        }
    }

    pub fn range_to_file(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_file(range.start);
        let end = self.to_file(range.end).max(start);
        start..end
    }
}

/// The notebook's Python code, or `None` when its kernel is not Python (an R or Julia
/// notebook is still scanned as text for keys, but not parsed).
pub struct Notebook {
    pub python: Option<Cell>,
}

/// Reads the cells of a notebook. Errors are one-line descriptions of malformed JSON.
pub fn parse(text: &str) -> Result<Notebook, String> {
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .map_err(|e| format!("not a valid notebook: {}", e.kind()))?;
    let root = parsed
        .value
        .as_ref()
        .and_then(Value::as_object)
        .ok_or("not a valid notebook: top level is not an object")?;
    let language = root
        .get_object("metadata")
        .and_then(|m| {
            m.get_object("kernelspec")
                .and_then(|k| k.get_string("language"))
                .or_else(|| {
                    m.get_object("language_info")
                        .and_then(|l| l.get_string("name"))
                })
        })
        .map(|s| s.value.to_ascii_lowercase());
    if language.as_deref().is_some_and(|l| l != "python") {
        return Ok(Notebook { python: None });
    }
    let mut code = Cell {
        text: String::new(),
        map: OffsetMap::default(),
        json_ranges: Vec::new(),
    };
    for cell in root.get_array("cells").map_or(&[][..], |a| &a.elements) {
        let Some(cell) = cell.as_object() else {
            continue;
        };
        if cell
            .get_string("cell_type")
            .is_none_or(|t| t.value != "code")
        {
            continue;
        }
        let lines: Vec<&StringLit<'_>> = match cell.get("source").map(|p| &p.value) {
            Some(Value::StringLit(s)) => vec![s],
            Some(Value::Array(a)) => a.elements.iter().filter_map(Value::as_string_lit).collect(),
            _ => continue,
        };
        if !code.text.is_empty() && !code.text.ends_with('\n') {
            // Cells are separate blocks of code: end the previous one. The separator maps to
            // where the previous cell's text ended.
            let end = code
                .json_ranges
                .last()
                .map_or(0, |r| r.end.saturating_sub(1));
            code.map.push(code.text.len(), end);
            code.text.push('\n');
        }
        for line in lines {
            decode_json_string(text, line.range.start, line.range.end, &mut code);
        }
    }
    Ok(Notebook { python: Some(code) })
}

/// Appends the decoded contents of the JSON string literal at `start..end` (quotes included).
fn decode_json_string(file: &str, start: usize, end: usize, cell: &mut Cell) {
    cell.json_ranges.push(start..end);
    let content_start = start + 1;
    let content_end = end.saturating_sub(1).max(content_start);
    let raw = &file[content_start..content_end];
    let bytes = raw.as_bytes();
    cell.map.push(cell.text.len(), content_start);
    let mut i = 0;
    let mut verbatim_from = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        cell.text.push_str(&raw[verbatim_from..i]);
        cell.map.push(cell.text.len(), content_start + i);
        let (ch, len) = decode_escape(&raw[i..]);
        cell.text.push(ch);
        i += len;
        verbatim_from = i;
        cell.map.push(cell.text.len(), content_start + i);
    }
    cell.text.push_str(&raw[verbatim_from..]);
}

/// Decodes one escape at the start of `s` (which begins with `\`): the char and bytes used.
fn decode_escape(s: &str) -> (char, usize) {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'n') => ('\n', 2),
        Some(b't') => ('\t', 2),
        Some(b'r') => ('\r', 2),
        Some(b'b') => ('\u{8}', 2),
        Some(b'f') => ('\u{c}', 2),
        Some(b'u') => {
            let unit = |at: usize| {
                s.get(at..at + 4)
                    .and_then(|h| u16::from_str_radix(h, 16).ok())
            };
            match unit(2) {
                Some(high @ 0xD800..=0xDBFF) if s.get(6..8) == Some("\\u") => match unit(8) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let code = 0x10000
                            + ((u32::from(high) - 0xD800) << 10)
                            + (u32::from(low) - 0xDC00);
                        (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                    }
                    _ => ('\u{FFFD}', 6),
                },
                Some(unit) => (char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'), 6),
                None => ('\u{FFFD}', 2.min(s.len())),
            }
        }
        Some(&c) if c.is_ascii() => (c as char, 2),
        // A backslash before a multi-byte char is invalid JSON; keep the text intact.
        _ => ('\\', 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_decode_and_map_back_to_the_file() {
        let file = r#"{"cells": [
  {"cell_type": "markdown", "source": ["ignored"]},
  {"cell_type": "code", "source": ["import os\n", "x = \"a\tb\" # \u00e9\n", "y = 1"]},
  {"cell_type": "code", "source": "z = 2"}
 ], "metadata": {"kernelspec": {"language": "python"}}}"#;
        let notebook = parse(file).unwrap();
        let cell = notebook.python.unwrap();
        assert_eq!(cell.text, "import os\nx = \"a\tb\" # é\ny = 1\nz = 2");
        for needle in ["import", "x = ", "y = 1", "z = 2"] {
            let at = cell.text.find(needle).unwrap();
            assert_eq!(
                &file[cell.map.to_file(at)..][..needle.len()],
                needle,
                "{needle}"
            );
        }
        // After an escape the mapping stays exact.
        let b = cell.text.find("b\"").unwrap();
        assert_eq!(&file[cell.map.to_file(b)..][..1], "b");
        let hash = cell.text.find('#').unwrap();
        assert_eq!(&file[cell.map.to_file(hash)..][..1], "#");
    }

    #[test]
    fn other_kernels_and_bad_json() {
        let r = r#"{"cells": [], "metadata": {"kernelspec": {"language": "R"}}}"#;
        assert!(parse(r).unwrap().python.is_none());
        assert!(parse("{not json").is_err());
        assert!(parse("[]").is_err());
    }
}
