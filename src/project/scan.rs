//! The import specifiers of a file, found with a byte-level scan (no parse): enough to tell
//! whether a file that never mentions OpenRouter imports a project file that does.
//!
//! The scan may find more than the file really imports (an import written in a string or a
//! comment); that only costs a parse of the file, which then finds nothing. It must not find
//! less.

use std::sync::LazyLock;

use regex::Regex;

use crate::language::Language;

/// The module specifiers `text` imports: `a.b`, `.client`, `..config.settings` in Python
/// (plus `pkg.name` for each `from pkg import name`, which may be a module); `./x`, `@/lib/y`
/// in JavaScript and TypeScript.
pub fn imports(language: Language, text: &str) -> Vec<String> {
    match language {
        Language::Python => python(text),
        _ => ecmascript(text),
    }
}

fn python(text: &str) -> Vec<String> {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)")
            .expect("a valid regex")
    });
    static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[ \t]*import[ \t]+([\w.][\w. \t,]*)").expect("a valid regex")
    });
    let mut out = Vec::new();
    if !text.contains("import") {
        return out;
    }
    for caps in FROM.captures_iter(text) {
        let module = caps[1].to_string();
        for name in names(&caps[2]) {
            let sep = if module.ends_with('.') { "" } else { "." };
            out.push(format!("{module}{sep}{name}"));
        }
        if !module.chars().all(|c| c == '.') {
            out.push(module);
        }
    }
    for caps in IMPORT.captures_iter(text) {
        out.extend(names(&caps[1]));
    }
    out
}

/// `a, b as c, (d)` as `["a", "b", "d"]`.
fn names(list: &str) -> Vec<String> {
    list.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
        .split(',')
        .filter_map(|part| {
            let name = part.split_whitespace().next()?;
            let name = name.trim_end_matches('\\');
            (!name.is_empty() && name != "*").then(|| name.to_string())
        })
        .collect()
}

fn ecmascript(text: &str) -> Vec<String> {
    static SPECIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]"#)
            .expect("a valid regex")
    });
    if !text.contains("from") && !text.contains("import") && !text.contains("require") {
        return Vec::new();
    }
    SPECIFIER
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_imports() {
        let text = "import os, app.config as cfg\nfrom .client import (\n  llm,\n  other as o,\n)\nfrom . import settings\nfrom ..core.x import y  # c\n    from pkg import *\n";
        assert_eq!(
            imports(Language::Python, text),
            [
                ".client.llm",
                ".client.other",
                ".client",
                ".settings",
                "..core.x.y",
                "..core.x",
                "pkg",
                "os",
                "app.config"
            ]
        );
    }

    #[test]
    fn ecmascript_imports() {
        let text = "import OpenAI from 'openai';\nimport {\n  a,\n  b,\n} from \"@/lib/openrouter\";\nexport * from './x';\nconst c = require( './cjs' );\nimport './side-effect';\nconst d = await import('./dynamic');\n";
        assert_eq!(
            imports(Language::TypeScript, text),
            [
                "openai",
                "@/lib/openrouter",
                "./x",
                "./cjs",
                "./side-effect"
            ]
        );
    }
}
