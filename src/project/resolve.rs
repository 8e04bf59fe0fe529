//! Which project file an import names: Python's `import a.b`, `from ..x import y` and
//! `src/` layouts; JavaScript and TypeScript relative specifiers (with or without
//! extension, `index` files, `.js` naming a `.ts` file) and `tsconfig.json`/`jsconfig.json`
//! `baseUrl` and `paths` aliases.
//!
//! Everything stays inside the project root: an import that would leave it, or that names
//! nothing inside it, is a package (`None`).

use foldhash::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::paths::normalize;
use std::sync::Arc;

use super::Memo;

/// Extensions a JavaScript or TypeScript import may leave out, in the order TypeScript tries
/// them.
const SCRIPT_EXTENSIONS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/// A directory's entries: name → is a directory.
type Listing = Arc<HashMap<OsString, bool>>;

/// Directory listings and parsed `tsconfig.json` files, each read once per run.
#[derive(Default)]
pub struct FileSystem {
    listings: Memo<PathBuf, Option<Listing>>,
    /// Directories that hold installed packages (`*.dist-info` metadata beside them).
    installed: Memo<PathBuf, bool>,
    tsconfigs: Memo<PathBuf, Option<Arc<TsConfig>>>,
    /// Workspace packages, by project root.
    workspaces: Memo<PathBuf, Arc<super::workspaces::Workspaces>>,
    /// `tsconfig.json` files that could not be read although they are there (not regular
    /// files, too large), with why.
    pub(super) unreadable: std::sync::Mutex<Vec<(PathBuf, String)>>,
}

impl FileSystem {
    /// The entries of `dir` (name → is a directory), or `None` if it cannot be read.
    fn listing(&self, dir: &Path) -> Option<Listing> {
        if let Some(known) = self.listings.get(dir) {
            return known;
        }
        let listing = std::fs::read_dir(dir).ok().map(|entries| {
            Arc::new(
                entries
                    .filter_map(Result::ok)
                    .map(|e| {
                        let is_dir = match e.file_type() {
                            Ok(t) if t.is_symlink() => e.path().is_dir(),
                            Ok(t) => t.is_dir(),
                            Err(_) => false,
                        };
                        (e.file_name(), is_dir)
                    })
                    .collect(),
            )
        });
        self.listings.insert(dir.to_path_buf(), listing.clone());
        listing
    }

    fn entry(&self, path: &Path) -> Option<bool> {
        let listing = self.listing(path.parent()?)?;
        listing.get(path.file_name()?).copied()
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.entry(path) == Some(false)
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        self.entry(path) == Some(true)
    }

    /// Whether `dir` holds installed Python packages: `*.dist-info` metadata beside them
    /// (`pip install --target`).
    pub fn holds_packages(&self, dir: &Path) -> bool {
        if let Some(known) = self.installed.get(dir) {
            return known;
        }
        let holds = self.listing(dir).is_some_and(|entries| {
            entries
                .iter()
                .any(|(name, is_dir)| *is_dir && name.to_string_lossy().ends_with(".dist-info"))
        });
        self.installed.insert(dir.to_path_buf(), holds);
        holds
    }

    /// The nearest `tsconfig.json` or `jsconfig.json` from `dir` up to `root`.
    fn tsconfig(&self, dir: &Path, root: &Path) -> Option<Arc<TsConfig>> {
        let mut current = Some(dir);
        while let Some(d) = current {
            if !d.starts_with(root) {
                break;
            }
            for name in ["tsconfig.json", "jsconfig.json"] {
                let path = d.join(name);
                if self.is_file(&path) {
                    return self.load_tsconfig(&path, 0);
                }
            }
            current = d.parent();
        }
        None
    }

    fn load_tsconfig(&self, path: &Path, depth: u32) -> Option<Arc<TsConfig>> {
        if let Some(known) = self.tsconfigs.get(path) {
            return known;
        }
        let config = TsConfig::read(path, depth, self).map(Arc::new);
        self.tsconfigs.insert(path.to_path_buf(), config.clone());
        config
    }
}

/// The parts of a `tsconfig.json` that map import specifiers to files.
#[derive(Debug, Default)]
pub struct TsConfig {
    /// Absolute; `paths` substitutions are relative to it (or to the config's directory).
    base_url: Option<PathBuf>,
    paths_base: PathBuf,
    paths: Vec<(String, Vec<String>)>,
}

impl TsConfig {
    fn read(path: &Path, depth: u32, fs: &FileSystem) -> Option<TsConfig> {
        let text = match crate::discover::read_text(path) {
            Ok(text) => text,
            Err(reason) => {
                fs.unreadable
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((path.to_path_buf(), reason));
                return None;
            }
        };
        let value = jsonc_parser::parse_to_value(&text, &Default::default()).ok()??;
        let jsonc_parser::JsonValue::Object(root) = value else {
            return None;
        };
        let dir = path.parent()?.to_path_buf();
        // `extends` a relative base config (monorepos): its settings apply unless overridden.
        let mut config = match root.get_string("extends") {
            Some(base) if depth < 4 && base.starts_with('.') => {
                let mut base_path = dir.join(base.as_ref());
                if base_path.extension().is_none() {
                    base_path.set_extension("json");
                }
                fs.load_tsconfig(&normalize(&base_path), depth + 1)
                    .map(|b| TsConfig {
                        base_url: b.base_url.clone(),
                        paths_base: b.paths_base.clone(),
                        paths: b.paths.clone(),
                    })
                    .unwrap_or_default()
            }
            _ => TsConfig::default(),
        };
        if config.paths_base.as_os_str().is_empty() {
            config.paths_base = dir.clone();
        }
        if let Some(options) = root.get_object("compilerOptions") {
            if let Some(base) = options.get_string("baseUrl") {
                let base = normalize(&dir.join(base.as_ref()));
                config.paths_base = base.clone();
                config.base_url = Some(base);
            }
            if let Some(paths) = options.get_object("paths") {
                if config.base_url.is_none() {
                    config.paths_base = dir.clone();
                }
                config.paths = paths
                    .clone()
                    .into_iter()
                    .map(|(pattern, targets)| {
                        let targets = match targets {
                            jsonc_parser::JsonValue::Array(items) => items
                                .iter()
                                .filter_map(|t| match t {
                                    jsonc_parser::JsonValue::String(s) => Some(s.to_string()),
                                    _ => None,
                                })
                                .collect(),
                            _ => Vec::new(),
                        };
                        (pattern.to_string(), targets)
                    })
                    .collect();
            }
        }
        Some(config)
    }

    /// The candidate paths an alias maps `specifier` to.
    fn candidates(&self, specifier: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for (pattern, targets) in &self.paths {
            let matched = match pattern.split_once('*') {
                Some((prefix, suffix)) => specifier
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(suffix))
                    .map(str::to_string),
                None => (pattern == specifier).then(String::new),
            };
            if let Some(star) = matched {
                for target in targets {
                    out.push(normalize(
                        &self.paths_base.join(target.replacen('*', &star, 1)),
                    ));
                }
            }
        }
        if let Some(base) = &self.base_url {
            out.push(normalize(&base.join(specifier)));
        }
        out
    }
}

/// Python client libraries the request model recognises: an absolute import of one is the
/// library, never a project file of the same name.
const MODELLED_LIBRARIES: [&str; 10] = [
    "openai",
    "anthropic",
    "requests",
    "httpx",
    "aiohttp",
    "litellm",
    "langchain_openai",
    "langchain_openrouter",
    "instructor",
    "pydantic_ai",
];

/// The Python file `specifier` names, imported from `from` in a project rooted at `root`.
pub fn python(fs: &FileSystem, from: &Path, specifier: &str, root: &Path) -> Option<PathBuf> {
    let dots = specifier.chars().take_while(|c| *c == '.').count();
    let rest = &specifier[dots..];
    let parts: Vec<&str> = rest.split('.').filter(|p| !p.is_empty()).collect();
    if dots > 0 {
        let mut base = from.parent()?.to_path_buf();
        for _ in 1..dots {
            base = base.parent()?.to_path_buf();
        }
        if !base.starts_with(root) {
            return None;
        }
        return python_module(fs, &base, &parts);
    }
    // `import openai` beside a project file named `openai.py` (a wrapper, often) means the
    // library whenever the directory is not the entry script's: the libraries orlint models
    // are never looked for in the project.
    if parts.is_empty() || MODELLED_LIBRARIES.contains(&parts[0]) {
        return None;
    }
    python_roots(fs, from, root)
        .into_iter()
        .find_map(|r| python_module(fs, &r, &parts))
}

/// `base/a/b.py` or `base/a/b/__init__.py` (just `base/__init__.py` for no parts).
fn python_module(fs: &FileSystem, base: &Path, parts: &[&str]) -> Option<PathBuf> {
    let mut dir = base.to_path_buf();
    for part in parts {
        dir.push(part);
    }
    if let Some(last) = parts.last() {
        let file = dir.with_file_name(format!("{last}.py"));
        if fs.is_file(&file) {
            return Some(file);
        }
    }
    let init = dir.join("__init__.py");
    fs.is_file(&init).then_some(init)
}

/// Where absolute imports of `from` are looked for: the directories from its own up to the
/// root that are not themselves packages (a directory with `__init__.py` is imported
/// through its parent, never put on `sys.path`), nearest first, then `root/src`.
fn python_roots(fs: &FileSystem, from: &Path, root: &Path) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    let mut current = from.parent();
    while let Some(dir) = current {
        if !dir.starts_with(root) {
            break;
        }
        if !fs.is_file(&dir.join("__init__.py")) {
            roots.push(dir.to_path_buf());
        }
        current = dir.parent();
    }
    let src = root.join("src");
    if fs.is_dir(&src) && !roots.contains(&src) {
        roots.push(src);
    }
    roots
}

/// The module `name` of the Python package whose `__init__.py` is `package`.
pub fn python_submodule(fs: &FileSystem, package: &Path, name: &str) -> Option<PathBuf> {
    if package.file_name()? != "__init__.py" {
        return None;
    }
    python_module(fs, package.parent()?, &[name])
}

/// The JavaScript or TypeScript file `specifier` names, imported from `from`.
pub fn ecmascript(fs: &FileSystem, from: &Path, specifier: &str, root: &Path) -> Option<PathBuf> {
    let dir = from.parent()?;
    let relative = specifier.starts_with("./") || specifier.starts_with("../") || specifier == ".";
    let bases = if relative {
        vec![normalize(&dir.join(specifier))]
    } else if specifier.starts_with('/') {
        return None;
    } else {
        fs.tsconfig(dir, root)
            .map(|config| config.candidates(specifier))
            .unwrap_or_default()
    };
    let found = bases
        .into_iter()
        .filter(|b| b.starts_with(root))
        .find_map(|b| script_file(fs, &b));
    if found.is_some() || relative {
        return found;
    }
    // A package of the monorepo (`@acme/ai`), by its name.
    let workspaces = fs.workspaces.get_or_insert_with(root.to_path_buf(), || {
        Arc::new(super::workspaces::Workspaces::of(root))
    });
    workspaces
        .resolve(fs, specifier)
        .filter(|file| file.starts_with(root))
}

/// The file a module path names: itself, with an extension added, a `.js` written for a `.ts`
/// file, or an `index` file in the directory.
pub(super) fn script_file(fs: &FileSystem, base: &Path) -> Option<PathBuf> {
    let has_script_extension = base
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SCRIPT_EXTENSIONS.contains(&e));
    if has_script_extension {
        if fs.is_file(base) {
            return Some(base.to_path_buf());
        }
        // TypeScript's ESM convention: `import "./x.js"` names `x.ts`.
        let stem = base.with_extension("");
        for ext in SCRIPT_EXTENSIONS {
            let file = stem.with_extension(ext);
            if fs.is_file(&file) {
                return Some(file);
            }
        }
    }
    let name = base.file_name()?.to_string_lossy().into_owned();
    for ext in SCRIPT_EXTENSIONS {
        let file = base.with_file_name(format!("{name}.{ext}"));
        if fs.is_file(&file) {
            return Some(file);
        }
    }
    if fs.is_dir(base) {
        for ext in SCRIPT_EXTENSIONS {
            let file = base.join(format!("index.{ext}"));
            if fs.is_file(&file) {
                return Some(file);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        dir
    }

    #[test]
    fn python_absolute_relative_and_packages() {
        let dir = tree(&[
            "backend/app/__init__.py",
            "backend/app/client.py",
            "backend/app/services/quiz.py",
            "backend/app/core/__init__.py",
            "backend/app/core/config.py",
            "lib/pkg/__init__.py",
            "lib/pkg/openai.py",
            "lib/pkg/main.py",
            "src/core/settings.py",
        ]);
        let root = crate::paths::absolute(dir.path());
        let fs = FileSystem::default();
        let quiz = root.join("backend/app/services/quiz.py");
        assert_eq!(
            python(&fs, &quiz, "app.client", &root),
            Some(root.join("backend/app/client.py"))
        );
        assert_eq!(
            python(&fs, &quiz, "..core.config", &root),
            Some(root.join("backend/app/core/config.py"))
        );
        assert_eq!(
            python(&fs, &quiz, "..core", &root),
            Some(root.join("backend/app/core/__init__.py"))
        );
        assert_eq!(
            python(&fs, &quiz, "core.settings", &root),
            Some(root.join("src/core/settings.py"))
        );
        // A package directory is not on sys.path: `import openai` is the library; a library
        // orlint models is never a project file, even beside one of its name.
        let main = root.join("lib/pkg/main.py");
        assert_eq!(python(&fs, &main, "openai", &root), None);
        let beside = tree(&["svc/openai.py", "svc/main.py", "svc/helpers.py"]);
        let beside_root = crate::paths::absolute(beside.path());
        let service = beside_root.join("svc/main.py");
        assert_eq!(python(&fs, &service, "openai", &beside_root), None);
        assert_eq!(
            python(&fs, &service, "helpers", &beside_root),
            Some(beside_root.join("svc/helpers.py"))
        );
        assert_eq!(
            python(&fs, &main, ".openai", &root),
            Some(root.join("lib/pkg/openai.py"))
        );
        // Nothing outside the root.
        assert_eq!(python(&fs, &quiz, "....x", &root.join("backend")), None);
    }

    #[test]
    fn ecmascript_relative_index_and_aliases() {
        let dir = tree(&[
            "src/lib/openrouter.ts",
            "src/lib/config/index.js",
            "src/app/api/route.ts",
            "src/esm/util.ts",
        ]);
        let root = crate::paths::absolute(dir.path());
        std::fs::write(
            root.join("tsconfig.json"),
            "{ // comment\n \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"], }, }, }",
        )
        .unwrap();
        let fs = FileSystem::default();
        let route = root.join("src/app/api/route.ts");
        assert_eq!(
            ecmascript(&fs, &route, "../../lib/openrouter", &root),
            Some(root.join("src/lib/openrouter.ts"))
        );
        assert_eq!(
            ecmascript(&fs, &route, "@/lib/openrouter", &root),
            Some(root.join("src/lib/openrouter.ts"))
        );
        assert_eq!(
            ecmascript(&fs, &route, "@/lib/config", &root),
            Some(root.join("src/lib/config/index.js"))
        );
        assert_eq!(
            ecmascript(&fs, &route, "../../esm/util.js", &root),
            Some(root.join("src/esm/util.ts"))
        );
        assert_eq!(ecmascript(&fs, &route, "openai", &root), None);
        assert_eq!(ecmascript(&fs, &route, "../../../../x", &root), None);
    }
}
