//! The code inside markup files: `<script>` blocks of `.vue`, `.svelte`, `.astro` and `.html`
//! files, and an Astro component's frontmatter.
//!
//! The code is parsed in place: everything outside it is blanked (each byte a space, line
//! ends kept), so every position the parser, the request model and the reports use is the
//! position in the original file, and a suppression comment inside a block works as in any
//! script. Browser code calls OpenRouter from exactly these blocks.

use crate::language::Language;

/// The file's code with everything else blanked, and the grammar it is parsed with
/// (TypeScript when a block says `lang="ts"` or the file is an Astro component, else
/// JavaScript). `None` when the file has no code.
pub fn scripts(text: &str, astro: bool) -> Option<(Language, String)> {
    let bytes = text.as_bytes();
    let mut keep: Vec<std::ops::Range<usize>> = Vec::new();
    let mut typescript = astro;
    if astro {
        if let Some(front) = frontmatter(text) {
            keep.push(front);
        }
    }
    // A small tokenizer, as a browser's: comments, tags (past quoted attribute values) and
    // the raw text of `<style>`, `<textarea>`, `<title>` and `<xmp>` are not scripts, nor
    // is a `<script>` written inside any of them.
    let mut at = match keep.last() {
        Some(front) => front.end,
        None => 0,
    };
    while let Some(lt) = memchr::memchr(b'<', &bytes[at.min(bytes.len())..]).map(|i| i + at) {
        if bytes[lt..].starts_with(b"<!--") {
            at = find_ignoring_case(bytes, b"-->", lt + 4).map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let name_start = lt + 1;
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .map_or(bytes.len(), |i| i + name_start);
        if name_end == name_start {
            // `</x>`, `<!doctype>`, `<?x?>` or a lone `<`: past its `>`.
            at = match bytes.get(name_start) {
                Some(b'/' | b'!' | b'?') => {
                    tag_end(bytes, name_start).map_or(bytes.len(), |e| e + 1)
                }
                _ => name_start,
            };
            continue;
        }
        let name = text[name_start..name_end].to_ascii_lowercase();
        let Some(tag_end) = tag_end(bytes, name_end) else {
            break;
        };
        let attributes = &text[name_end..tag_end];
        let content_start = tag_end + 1;
        let self_closing = attributes.trim_end().ends_with('/');
        match name.as_str() {
            "script" => {
                let close =
                    find_ignoring_case(bytes, b"</script", content_start).unwrap_or(bytes.len());
                if is_code(attributes) && !self_closing {
                    typescript |= says_typescript(attributes);
                    keep.push(content_start..close);
                }
                at = close;
            }
            "style" | "textarea" | "title" | "xmp" if !self_closing => {
                let closing = format!("</{name}");
                at = find_ignoring_case(bytes, closing.as_bytes(), content_start)
                    .unwrap_or(bytes.len());
            }
            _ => at = content_start,
        }
    }
    if keep.iter().all(|r| text[r.clone()].trim().is_empty()) {
        return None;
    }
    let mut blanked = vec![b' '; bytes.len()];
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'\n' | b'\r') {
            blanked[i] = *b;
        }
    }
    for range in &keep {
        blanked[range.clone()].copy_from_slice(&bytes[range.clone()]);
    }
    // Whole UTF-8 sequences were kept or replaced byte for byte by spaces.
    let blanked = String::from_utf8(blanked).ok()?;
    let language = if typescript {
        Language::TypeScript
    } else {
        Language::JavaScript
    };
    Some((language, blanked))
}

/// An Astro component's frontmatter: the code between the `---` fences that open the file.
fn frontmatter(text: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let start = text.len() - trimmed.len();
    let rest = trimmed.strip_prefix("---")?;
    // The fence's line ends at `\n`, `\r\n` or a lone `\r`.
    let fence_end = rest.find(['\n', '\r'])?;
    let mut body_start = start + 3 + fence_end + 1;
    if text[..body_start].ends_with('\r') && text[body_start..].starts_with('\n') {
        body_start += 1;
    }
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive(['\n', '\r']) {
        if line.trim_end() == "---" {
            return Some(body_start..offset);
        }
        offset += line.len();
    }
    None
}

/// Where the tag starting before `from` ends (its `>`), past quoted attribute values (a
/// Vue `generic="T extends Record<string, any>"` holds `>`).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), b) if *b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

/// A block of JavaScript or TypeScript, not data or a template (`type="application/json"`,
/// `type="text/template"`, `type="importmap"`).
fn is_code(attributes: &str) -> bool {
    match attribute(attributes, "type") {
        None => true,
        Some(kind) => matches!(
            kind.to_ascii_lowercase().as_str(),
            "module"
                | "text/javascript"
                | "application/javascript"
                | "text/typescript"
                | "application/typescript"
                | "ts"
        ),
    }
}

fn says_typescript(attributes: &str) -> bool {
    matches!(
        attribute(attributes, "lang").map(|l| l.to_ascii_lowercase()),
        Some(l) if l == "ts" || l == "typescript" || l == "tsx"
    ) || matches!(
        attribute(attributes, "type").map(|t| t.to_ascii_lowercase()),
        Some(t) if t.ends_with("typescript") || t == "ts"
    )
}

/// The value of attribute `name` in a tag's attribute text.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let lower = attributes.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let start = from + found;
        from = start + name.len();
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = attributes.len() - rest.len() + 1;
        let value = attributes[value_start..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_blocks_keep_their_positions() {
        let text = "<template>\n  <p>{{ x }}</p>\n</template>\n<script setup lang=\"ts\" generic=\"T extends Record<string, any>\">\nconst k = import.meta.env.VITE_OPENROUTER_API_KEY;\n</script>\n<style>p{}</style>\n";
        let (language, blanked) = scripts(text, false).expect("code");
        assert_eq!(language, Language::TypeScript);
        assert_eq!(blanked.len(), text.len());
        let at = text.find("const k").unwrap();
        assert_eq!(&blanked[at..at + 7], "const k");
        assert!(!blanked.contains("template") && !blanked.contains("style"));
        assert_eq!(
            blanked.matches('\n').count(),
            text.matches('\n').count(),
            "line ends kept"
        );
    }

    #[test]
    fn data_blocks_and_other_elements_are_not_code() {
        let text = "<script type=\"application/json\">{\"a\": 1}</script><scripts>x</scripts><script src=\"/a.js\"></script>";
        assert!(scripts(text, false).is_none());
        let html = "<SCRIPT>fetch('https://openrouter.ai/api/v1/chat/completions')</SCRIPT>";
        let (language, blanked) = scripts(html, false).expect("code");
        assert_eq!(language, Language::JavaScript);
        assert!(blanked.trim_start().starts_with("fetch("));
    }

    #[test]
    fn scripts_in_comments_attributes_and_raw_text_are_not_code() {
        let text = "<!-- <script>fetch('https://openrouter.ai/api/v1/chat/completions')</script> -->\n<div data-x='<script>x()</script>'></div>\n<textarea><script>y()</script></textarea>\n<title><script>z()</script></title>\n";
        assert!(scripts(text, false).is_none());
        let after = format!("{text}<script>live()</script>\n");
        let (_, blanked) = scripts(&after, false).expect("the live block");
        assert_eq!(blanked.trim(), "live()");
    }

    #[test]
    fn astro_frontmatter_after_a_bom_or_with_lone_cr() {
        let text = "\u{feff}---\rconst a = 1;\r---\r<h1/>\r";
        let (_, blanked) = scripts(text, true).expect("code");
        assert!(blanked.contains("const a = 1;") && !blanked.contains("h1"));
        let crlf = "---\r\nconst b = 2;\r\n---\r\n<p/>";
        assert!(
            scripts(crlf, true)
                .expect("code")
                .1
                .contains("const b = 2;")
        );
    }

    #[test]
    fn astro_frontmatter_is_typescript() {
        let text = "---\nconst res = await fetch(\"https://openrouter.ai/api/v1/chat/completions\");\n---\n<h1>{res.status}</h1>\n";
        let (language, blanked) = scripts(text, true).expect("code");
        assert_eq!(language, Language::TypeScript);
        assert!(blanked.contains("const res") && !blanked.contains("<h1>"));
    }
}
