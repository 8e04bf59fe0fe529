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
    /// A markup file with script blocks (`.vue`, `.svelte`, `.astro`, `.html`): the blocks
    /// are linted as JavaScript or TypeScript in place, the whole file is scanned for keys.
    Markup,
    /// Any other text file (`.env`, config, docs, shell scripts, Terraform): scanned for
    /// keys, never parsed. Keys are pasted wherever a value goes, so every text file is read,
    /// as gitleaks and trufflehog read them; binary content is recognised when read.
    Text,
}

/// Extensions of formats that are binary by definition (images, archives, compiled code,
/// fonts, media, model weights): never opened while walking. Anything else is read and
/// skipped if it turns out to be binary.
const BINARY_EXTENSIONS: &[&str] = &[
    "png",
    "jpg",
    "jpeg",
    "gif",
    "bmp",
    "ico",
    "icns",
    "webp",
    "avif",
    "tif",
    "tiff",
    "psd",
    "pdf",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "xz",
    "zst",
    "7z",
    "rar",
    "jar",
    "war",
    "whl",
    "egg",
    "so",
    "dylib",
    "dll",
    "exe",
    "o",
    "a",
    "lib",
    "obj",
    "class",
    "pyc",
    "pyo",
    "pyd",
    "wasm",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "mp3",
    "mp4",
    "m4a",
    "wav",
    "ogg",
    "flac",
    "mov",
    "avi",
    "mkv",
    "webm",
    "sqlite",
    "sqlite3",
    "db",
    "npy",
    "npz",
    "pkl",
    "pt",
    "pth",
    "onnx",
    "parquet",
    "feather",
    "h5",
    "hdf5",
    "tflite",
    "safetensors",
    "gguf",
];

impl FileKind {
    /// The kind of a file found by walking a directory; `None` for formats that are binary by
    /// definition (see [`BINARY_EXTENSIONS`]). Extensions are matched in any case (`app.PY`
    /// is Python: case-insensitive file systems import it as such).
    pub fn from_path(path: &Path) -> Option<FileKind> {
        // A file name that is not UTF-8 is still linted (and shown lossily).
        let name = path.file_name()?.to_string_lossy();
        let ext = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
            _ => return Some(FileKind::Text),
        };
        let kind = match ext.as_str() {
            "py" | "pyi" => FileKind::Code(Language::Python),
            "js" | "mjs" | "cjs" | "jsx" => FileKind::Code(Language::JavaScript),
            "ts" | "mts" | "cts" => FileKind::Code(Language::TypeScript),
            "tsx" => FileKind::Code(Language::Tsx),
            "ipynb" => FileKind::Notebook,
            "vue" | "svelte" | "astro" | "html" | "htm" => FileKind::Markup,
            ext if BINARY_EXTENSIONS.contains(&ext) => return None,
            _ => FileKind::Text,
        };
        Some(kind)
    }

    /// The kind of a file the user named explicitly: read whatever its name, as ripgrep
    /// searches any file it is pointed at (binary content is still recognised when read).
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
            ("app.PY", Some(FileKind::Code(Language::Python))),
            ("App.Tsx", Some(FileKind::Code(Language::Tsx))),
            ("main.rs", Some(FileKind::Text)),
            ("Makefile", Some(FileKind::Text)),
            (".envrc", Some(FileKind::Text)),
            ("deploy.sh", Some(FileKind::Text)),
            ("main.tf", Some(FileKind::Text)),
            ("index.html", Some(FileKind::Markup)),
            ("Page.astro", Some(FileKind::Markup)),
            ("Ask.svelte", Some(FileKind::Markup)),
            ("App.vue", Some(FileKind::Markup)),
            (".py", Some(FileKind::Text)),
            ("logo.PNG", None),
            ("module.cpython-311.pyc", None),
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
