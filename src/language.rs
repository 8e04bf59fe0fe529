//! Which files orlint reads, and how: by extension or well-known file name.

use std::path::Path;

/// A tree-sitter grammar orlint parses with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    /// TypeScript with JSX. A separate grammar: `<T>expr` casts and JSX elements are
    /// mutually exclusive, so `.ts` and `.tsx` must not share one.
    Tsx,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
        }
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }

    /// Python and the ECMAScript family share fact shapes but not node names.
    pub fn is_ecmascript(self) -> bool {
        !matches!(self, Language::Python)
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Source code, parsed with a grammar.
    Code(Language),
    /// A Jupyter notebook: its code cells are linted as Python.
    Notebook,
    /// A file where keys hide (`.env`, config, docs): scanned as text, never parsed.
    Text,
}

impl FileKind {
    /// The kind of a file found by walking a directory; `None` means orlint does not read it.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        // A file name that is not UTF-8 is still linted (and shown lossily).
        let name = path.file_name()?.to_string_lossy();
        let name = name.as_ref();
        if name == ".env" || name.starts_with(".env.") {
            return Some(FileKind::Text);
        }
        if name == "Dockerfile" || name.starts_with("Dockerfile.") {
            return Some(FileKind::Text);
        }
        let ext = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext,
            _ => return None,
        };
        let kind = match ext {
            "py" | "pyi" => FileKind::Code(Language::Python),
            "js" | "mjs" | "cjs" | "jsx" => FileKind::Code(Language::JavaScript),
            "ts" | "mts" | "cts" => FileKind::Code(Language::TypeScript),
            "tsx" => FileKind::Code(Language::Tsx),
            "ipynb" => FileKind::Notebook,
            "json" | "yaml" | "yml" | "toml" | "ini" | "cfg" | "md" | "txt" | "dockerfile" => {
                FileKind::Text
            }
            _ => return None,
        };
        Some(kind)
    }

    /// The kind of a file the user named explicitly. Unknown files are still scanned as text,
    /// as ripgrep searches any file it is pointed at: a key in `secrets.conf` is still a leak.
    pub fn for_explicit_path(path: &Path) -> FileKind {
        Self::from_path(path).unwrap_or(FileKind::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_and_name() {
        let cases = [
            ("a.py", Some(FileKind::Code(Language::Python))),
            ("a.pyi", Some(FileKind::Code(Language::Python))),
            ("a.mjs", Some(FileKind::Code(Language::JavaScript))),
            ("a.cjs", Some(FileKind::Code(Language::JavaScript))),
            ("a.jsx", Some(FileKind::Code(Language::JavaScript))),
            ("a.mts", Some(FileKind::Code(Language::TypeScript))),
            ("a.cts", Some(FileKind::Code(Language::TypeScript))),
            ("a.tsx", Some(FileKind::Code(Language::Tsx))),
            ("a.ipynb", Some(FileKind::Notebook)),
            (".env", Some(FileKind::Text)),
            (".env.production", Some(FileKind::Text)),
            ("Dockerfile", Some(FileKind::Text)),
            ("settings.yml", Some(FileKind::Text)),
            ("README.md", Some(FileKind::Text)),
            ("main.rs", None),
            ("Makefile", None),
            (".py", None),
        ];
        for (name, want) in cases {
            assert_eq!(FileKind::from_path(Path::new(name)), want, "{name}");
        }
        assert_eq!(
            FileKind::for_explicit_path(Path::new("Makefile")),
            FileKind::Text
        );
    }
}
