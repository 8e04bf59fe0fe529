//! A file's imports and top-level definitions, found with a byte-level scan (no parse):
//! enough to tell whether a file that never mentions OpenRouter imports a name whose
//! definition does (a client, a URL, a helper, a config object).
//!
//! The scan may see more than the file really has (an import written in a string); that
//! only costs a parse of a file that then shows nothing. Where it cannot tell (a definition
//! it does not recognise), callers fall back to the whole file: it must never see less.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::language::Language;

/// What a module-level name is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    /// `from m import x` (`member: Some("x")`), `import m` / `import * as m` (`None`).
    Import {
        specifier: String,
        member: Option<String>,
    },
    /// Defined here: `def`, `class`, `x = …`, `export const x = …`; the region it spans
    /// (an index into [`Summary::regions`] once the summary is complete).
    Defined(Range<usize>),
}

/// A top-level statement that defines names: whether it mentions OpenRouter, and which
/// module-level names it uses (with the attribute read from each, `cfg.BASE_URL`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Region {
    pub evidence: bool,
    pub uses: Vec<(String, Option<String>)>,
}

/// A file as the import search sees it.
#[derive(Debug, Default)]
pub struct Summary {
    /// The file mentions OpenRouter (the request model's evidence tokens).
    pub evidence: bool,
    /// The defining statements, by their byte range.
    pub regions: HashMap<Range<usize>, Region>,
    /// Module-level names (for JavaScript also `default` and the names `module.exports`
    /// and `exports.x` give).
    pub locals: HashMap<String, Vec<Local>>,
    /// `export { a as b }`: exported name → local name.
    pub exported_as: HashMap<String, String>,
    /// `export * from "./m"`.
    pub stars: Vec<String>,
    /// Every specifier the file imports (for the search over the import graph).
    pub specifiers: Vec<String>,
}

impl Summary {
    /// Everything: imports, definitions and what each definition mentions and uses.
    pub fn of(language: Language, text: &str) -> Summary {
        let mut summary = Summary::scan(language, text, true);
        summary.evidence = crate::model::mentions_openrouter(text);
        summary.read_regions(text);
        summary
    }

    /// The imports alone: what a file that may import OpenRouter evidence needs to know of
    /// itself.
    pub fn imports_of(language: Language, text: &str) -> Summary {
        Summary::scan(language, text, false)
    }

    fn scan(language: Language, text: &str, definitions: bool) -> Summary {
        match language {
            Language::Python => python(text, definitions),
            _ => ecmascript(text, definitions),
        }
    }

    /// What each defining statement mentions and uses.
    fn read_regions(&mut self, text: &str) {
        static IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"[A-Za-z_$][\w$]*(?:\s*\.\s*([A-Za-z_$][\w$]*))?").expect("a valid regex")
        });
        let ranges: Vec<Range<usize>> = self
            .locals
            .values()
            .flatten()
            .filter_map(|l| match l {
                Local::Defined(r) => Some(r.clone()),
                Local::Import { .. } => None,
            })
            .collect();
        for range in ranges {
            if self.regions.contains_key(&range) {
                continue;
            }
            let region_text = &text[range.clone()];
            let mut region = Region {
                evidence: self.evidence && crate::model::mentions_openrouter(region_text),
                uses: Vec::new(),
            };
            for caps in IDENTIFIER.captures_iter(region_text) {
                let whole = caps.get(0).map_or("", |m| m.as_str());
                let name = whole.split('.').next().unwrap_or(whole).trim();
                if !self.locals.contains_key(name) {
                    continue;
                }
                let used = (
                    name.to_string(),
                    caps.get(1).map(|a| a.as_str().to_string()),
                );
                if !region.uses.contains(&used) {
                    region.uses.push(used);
                }
            }
            self.regions.insert(range, region);
        }
    }

    /// The attributes `text` reads from the module-level name `local` (`cfg.BASE_URL`).
    pub fn attributes_of<'t>(&self, text: &'t str, local: &str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find(local) {
            let start = from + i;
            from = start + local.len();
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
                continue;
            }
            let rest = text[from..].trim_start();
            if let Some(rest) = rest.strip_prefix('.') {
                let rest = rest.trim_start();
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(rest.len());
                if end > 0 && !out.contains(&&rest[..end]) {
                    out.push(&rest[..end]);
                }
            }
        }
        out
    }
}

fn push(locals: &mut HashMap<String, Vec<Local>>, name: &str, local: Local) {
    locals.entry(name.to_string()).or_default().push(local);
}

// ---------------------------------------------------------------------------------------------
// Python

fn python(text: &str, definitions: bool) -> Summary {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)")
            .expect("a valid regex")
    });
    static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[ \t]*import[ \t]+([\w.][\w. \t,]*)").expect("a valid regex")
    });
    static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)").expect("a valid regex")
    });
    static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([\w, \t]+?)[ \t]*(?::[^=\n]*)?=[^=]").expect("a valid regex")
    });
    let mut summary = Summary::default();
    if text.contains("import") {
        for caps in FROM.captures_iter(text) {
            let module = caps[1].to_string();
            // Imports inside functions (lazy imports) bind names too: the search treats them
            // as the file's.
            for (member, local) in python_names(&caps[2]) {
                let sep = if module.ends_with('.') { "" } else { "." };
                summary.specifiers.push(format!("{module}{sep}{member}"));
                push(
                    &mut summary.locals,
                    &local,
                    Local::Import {
                        specifier: module.clone(),
                        member: Some(member),
                    },
                );
            }
            if !module.chars().all(|c| c == '.') {
                summary.specifiers.push(module);
            }
        }
        for caps in IMPORT.captures_iter(text) {
            for (module, local) in python_names(&caps[1]) {
                summary.specifiers.push(module.clone());
                // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
                let (local, specifier) = if local == module {
                    let root = module.split('.').next().unwrap_or(&module).to_string();
                    (root.clone(), root)
                } else {
                    (local, module)
                };
                push(
                    &mut summary.locals,
                    &local,
                    Local::Import {
                        specifier,
                        member: None,
                    },
                );
            }
        }
    }
    if !definitions {
        return summary;
    }
    for (start, end) in statements(text, Language::Python) {
        let line = &text[start..text[start..end].find('\n').map_or(end, |i| start + i)];
        let names: Vec<String> = if let Some(caps) = DEFINITION.captures(line) {
            vec![caps[1].to_string()]
        } else if line.starts_with("import ") || line.starts_with("from ") {
            continue;
        } else if let Some(caps) = ASSIGNMENT.captures(line) {
            caps[1]
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        for name in names {
            push(&mut summary.locals, &name, Local::Defined(start..end));
        }
    }
    summary
}

/// `a, b as c, (d)` as `[("a", "a"), ("b", "c"), ("d", "d")]`.
fn python_names(list: &str) -> Vec<(String, String)> {
    list.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
        .split(',')
        .filter_map(|part| {
            let mut words = part.split_whitespace().map(|w| w.trim_end_matches('\\'));
            let name = words.next().filter(|n| !n.is_empty() && *n != "*")?;
            let local = match (words.next(), words.next()) {
                (Some("as"), Some(alias)) => alias,
                _ => name,
            };
            Some((name.to_string(), local.to_string()))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

fn ecmascript(text: &str, definitions: bool) -> Summary {
    static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?s)\bimport\s+(?:type\s+)?([\w$]+\s*,?\s*)?(\*\s*as\s+[\w$]+|\{[^}]*\})?\s*from\s*['"]([^'"\n]+)['"]"#,
        )
        .expect("a valid regex")
    });
    static REEXPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?s)\bexport\s+(?:type\s+)?(\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]"#)
            .expect("a valid regex")
    });
    static REQUIRE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?:\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*)?(?:await\s+)?\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)"#,
        )
        .expect("a valid regex")
    });
    static SIDE_EFFECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\bimport\s*['"]([^'"\n]+)['"]"#).expect("a valid regex"));
    static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(export\s+)?(default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|const|let|var|enum)\s+([\w$]+)",
        )
        .expect("a valid regex")
    });
    static COMMONJS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:module\.)?exports(?:\.([\w$]+))?\s*=[^=]").expect("a valid regex")
    });
    static LOCAL_EXPORTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?s)^export\s+(?:type\s+)?\{([^}]*)\}\s*;?\s*$").expect("a valid regex")
    });
    let mut summary = Summary::default();
    let has_imports = text.contains("import") || text.contains("require");
    if has_imports || text.contains("export") {
        for caps in IMPORT.captures_iter(text) {
            let specifier = caps[3].to_string();
            if let Some(default) = caps.get(1) {
                let local = default
                    .as_str()
                    .trim_matches(|c: char| c == ',' || c.is_whitespace());
                push(
                    &mut summary.locals,
                    local,
                    import(&specifier, Some("default")),
                );
            }
            if let Some(names) = caps.get(2) {
                bind_js_names(names.as_str(), &specifier, &mut summary);
            }
            summary.specifiers.push(specifier);
        }
        for caps in REEXPORT.captures_iter(text) {
            let specifier = caps[2].to_string();
            let what = caps[1].trim();
            if let Some(rest) = what.strip_prefix('*') {
                match rest.trim().strip_prefix("as") {
                    Some(name) => push(&mut summary.locals, name.trim(), import(&specifier, None)),
                    None => summary.stars.push(specifier.clone()),
                }
            } else {
                bind_js_names(what, &specifier, &mut summary);
            }
            summary.specifiers.push(specifier);
        }
        for caps in REQUIRE.captures_iter(text) {
            let specifier = caps[2].to_string();
            if let Some(target) = caps.get(1) {
                let target = target.as_str();
                if target.starts_with('{') {
                    bind_js_names(&target.replace(':', " as "), &specifier, &mut summary);
                } else {
                    push(
                        &mut summary.locals,
                        target,
                        import(&specifier, Some("default")),
                    );
                }
            }
            summary.specifiers.push(specifier);
        }
        for caps in SIDE_EFFECT.captures_iter(text) {
            summary.specifiers.push(caps[1].to_string());
        }
    }
    if !definitions {
        return summary;
    }
    for (start, end) in statements(text, Language::JavaScript) {
        let statement = &text[start..end];
        if let Some(caps) = DEFINITION.captures(statement) {
            let name = caps[3].to_string();
            if caps.get(2).is_some() {
                push(&mut summary.locals, "default", Local::Defined(start..end));
            }
            push(&mut summary.locals, &name, Local::Defined(start..end));
        } else if let Some(caps) = COMMONJS.captures(statement) {
            let name = caps.get(1).map_or("default", |n| n.as_str());
            push(&mut summary.locals, name, Local::Defined(start..end));
        } else if statement.starts_with("export default") {
            push(&mut summary.locals, "default", Local::Defined(start..end));
        } else if let Some(caps) = LOCAL_EXPORTS.captures(statement) {
            for part in caps[1].split(',') {
                let mut words = part.split_whitespace();
                if let Some(local) = words.next() {
                    let exported = match (words.next(), words.next()) {
                        (Some("as"), Some(alias)) => alias,
                        _ => local,
                    };
                    summary
                        .exported_as
                        .insert(exported.to_string(), local.to_string());
                }
            }
        }
    }
    summary
}

fn import(specifier: &str, member: Option<&str>) -> Local {
    Local::Import {
        specifier: specifier.to_string(),
        member: member.map(str::to_string),
    }
}

/// `{ a, b as c }` or `* as ns`.
fn bind_js_names(list: &str, specifier: &str, summary: &mut Summary) {
    let list = list.trim();
    if let Some(rest) = list.strip_prefix('*') {
        if let Some(name) = rest.trim().strip_prefix("as") {
            push(&mut summary.locals, name.trim(), import(specifier, None));
        }
        return;
    }
    for part in list.trim_matches(|c| c == '{' || c == '}').split(',') {
        let mut words = part.split_whitespace().filter(|w| *w != "type");
        let Some(name) = words.next() else { continue };
        let local = match (words.next(), words.next()) {
            (Some("as"), Some(alias)) => alias,
            _ => name,
        };
        let name = name.trim_matches(['"', '\'']);
        push(&mut summary.locals, local, import(specifier, Some(name)));
    }
}

// ---------------------------------------------------------------------------------------------
// Top-level statements

/// The byte ranges of the top-level statements of `text`: each starts on a line that begins
/// outside any bracket, string or comment, at column 0, and runs to the next such line.
fn statements(text: &str, language: Language) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let python = language == Language::Python;
    let mut starts = Vec::new();
    let mut depth: i32 = 0;
    let mut i = 0;
    let mut line_start = true;
    let mut continued = false;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start {
            line_start = false;
            let opens_statement = depth == 0
                && !continued
                && !b.is_ascii_whitespace()
                && !matches!(
                    b,
                    b'#' | b')' | b']' | b'}' | b'/' | b'*' | b'.' | b',' | b'@'
                );
            if opens_statement {
                starts.push(i);
            }
        }
        match b {
            b'\n' => {
                line_start = true;
                continued = python && i > 0 && bytes[i - 1] == b'\\';
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = (depth - 1).max(0);
                i += 1;
            }
            b'#' if python => i = skip_line(bytes, i),
            b'/' if !python && bytes.get(i + 1) == Some(&b'/') => i = skip_line(bytes, i),
            b'/' if !python && bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
            }
            b'"' | b'\'' | b'`' => i = skip_string(bytes, i, python),
            _ => i += 1,
        }
    }
    let mut out = Vec::with_capacity(starts.len());
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(bytes.len());
        out.push((*start, end));
    }
    out
}

fn skip_line(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|n| from + n)
}

/// Past the string starting at `i` (Python triple quotes; JavaScript template literals,
/// whose `${…}` are treated as text).
fn skip_string(bytes: &[u8], i: usize, python: bool) -> usize {
    let quote = bytes[i];
    if python && bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
        let triple = [quote; 3];
        return find(bytes, i + 3, &triple).map_or(bytes.len(), |e| e + 3);
    }
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' if quote != b'`' => return j,
            b if b == quote => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defined(summary: &Summary, name: &str, text: &str) -> Vec<String> {
        summary
            .locals
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|l| match l {
                Local::Defined(r) => Some(text[r.clone()].trim_end().to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn python_imports_and_definitions() {
        let text = "import os, app.config as cfg\nfrom .client import (\n  llm,\n  other as o,\n)\nfrom . import settings\nfrom ..core.x import y  # c\n\n@decorator\ndef ask(q):\n    s = \"\"\"\ndef not_top(): pass\n\"\"\"\n    return llm(q)\n\nBASE, URL = (\n  'a',\n)\nclass K(Base):\n    x = 1\n";
        let summary = Summary::of(Language::Python, text);
        assert_eq!(
            summary.specifiers,
            [
                ".client.llm",
                ".client.other",
                ".client",
                ".settings",
                "..core.x.y",
                "..core.x",
                "os",
                "app.config"
            ]
        );
        assert_eq!(
            summary.locals["o"],
            [Local::Import {
                specifier: ".client".into(),
                member: Some("other".into())
            }]
        );
        assert_eq!(
            summary.locals["cfg"],
            [Local::Import {
                specifier: "app.config".into(),
                member: None
            }]
        );
        assert_eq!(
            summary.locals["os"],
            [Local::Import {
                specifier: "os".into(),
                member: None
            }]
        );
        assert!(defined(&summary, "ask", text)[0].ends_with("return llm(q)"));
        assert!(!summary.locals.contains_key("not_top"));
        assert_eq!(defined(&summary, "URL", text), ["BASE, URL = (\n  'a',\n)"]);
        assert_eq!(defined(&summary, "K", text), ["class K(Base):\n    x = 1"]);
    }

    #[test]
    fn ecmascript_imports_and_definitions() {
        let text = "import OpenAI from 'openai';\nimport {\n  a,\n  b as c,\n} from \"@/lib/openrouter\";\nimport * as ns from './ns';\nexport * from './x';\nexport { d as e } from './y';\nconst { f, g: h } = require( './cjs' );\nconst whole = require('./whole');\nimport './side-effect';\nconst dyn = await import('./dynamic');\nexport const client = new OpenAI({\n  baseURL: URL,\n});\nexport default async function handler() {\n  // }\n  return `}`;\n}\nmodule.exports.helper = () => 1;\nexport { client as llm };\n";
        let summary = Summary::of(Language::TypeScript, text);
        assert_eq!(
            summary.specifiers,
            [
                "openai",
                "@/lib/openrouter",
                "./ns",
                "./x",
                "./y",
                "./cjs",
                "./whole",
                "./side-effect"
            ]
        );
        assert_eq!(summary.locals["c"], [import("@/lib/openrouter", Some("b"))]);
        assert_eq!(summary.locals["ns"], [import("./ns", None)]);
        assert_eq!(summary.locals["e"], [import("./y", Some("d"))]);
        assert_eq!(summary.locals["h"], [import("./cjs", Some("g"))]);
        assert!(summary.locals["whole"].contains(&import("./whole", Some("default"))));
        assert_eq!(summary.stars, ["./x"]);
        assert_eq!(
            defined(&summary, "client", text),
            ["export const client = new OpenAI({\n  baseURL: URL,\n});"]
        );
        assert_eq!(defined(&summary, "default", text).len(), 1);
        assert_eq!(
            defined(&summary, "helper", text),
            ["module.exports.helper = () => 1;"]
        );
        assert_eq!(summary.exported_as["llm"], "client");
    }
}
