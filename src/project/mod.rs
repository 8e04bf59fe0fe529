//! The project a linted file belongs to: where its imports lead, and the other files' request
//! models, each loaded once per run and shared by every file that imports it.
//!
//! The project root of a file is the config file's directory (when the file is inside it),
//! else the git work tree, else the file's own directory; imports never resolve outside it.
//! Whether orlint lints one staged file, a buffer from an editor or the whole tree, a file
//! sees the same project, so its findings do not depend on how orlint was invoked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::language::{FileKind, Language};
use crate::model::{Environment, Module};
use scan::{Local, Summary};

mod memo;
pub mod resolve;
pub mod scan;
mod workspaces;

pub use memo::Memo;

type Slot<T> = Arc<OnceLock<Option<Arc<T>>>>;

/// What a module-level name is made of: OpenRouter evidence, or other names, each with
/// whether reaching it is a hop into another file from a definition (re-exports are not).
enum Uses {
    Evidence,
    Names(Vec<(PathBuf, String, bool)>),
}

/// A name of a file, with the hops left.
type State = (PathBuf, String, u8);

/// How many definitions in other files the search follows from a name before it gives up:
/// a route that imports a helper that uses a client configured from a constant is three.
/// The request model follows values no further in practice, and a library whose every
/// module reaches every other (a vendored SDK) would otherwise be modelled whole.
const MAX_HOPS: u8 = 3;

/// The files of the project, loaded on demand.
pub struct Project {
    config_dir: Option<PathBuf>,
    cwd: PathBuf,
    max_file_size: u64,
    fs: resolve::FileSystem,
    modules: Memo<PathBuf, Slot<Module>>,
    summaries: Memo<PathBuf, Slot<Summary>>,
    git_roots: Memo<PathBuf, Option<PathBuf>>,
    /// Module-level names known to carry (or not) OpenRouter evidence within the hops left.
    bearing: Memo<State, bool>,
    /// Files known to reach (or not) a file that mentions OpenRouter through their imports.
    reaches: Memo<PathBuf, bool>,
    /// Directories of Python files, and whether they are inside installed packages (see
    /// [`Project::is_dependency`]).
    dependency_dirs: Memo<PathBuf, bool>,
    /// Resolved imports, by the importing file's directory, its language and the specifier.
    resolved: Memo<(PathBuf, bool, String), Option<PathBuf>>,
    /// Whether the models linted files build are kept for the files that import them: only
    /// when the linted text is not what is on disk (a buffer from stdin). In a run over a
    /// tree, an imported file is loaded from disk when first imported instead: keeping every
    /// linted file's model cost 40% of the memory of a whole-project run and saved no time.
    adopts_linted: bool,
    /// Files the project wanted to read that are not regular files (a FIFO named
    /// `tsconfig.json`, a link to `/dev/zero`), each once: warnings for the run.
    problems: std::sync::Mutex<Vec<String>>,
}

impl Project {
    /// `config_dir`: the directory of the config file in use, if any; `cwd`: for the paths
    /// shown in related locations.
    pub fn new(config_dir: Option<PathBuf>, cwd: PathBuf, max_file_size: u64) -> Project {
        Project {
            config_dir,
            cwd,
            max_file_size,
            fs: resolve::FileSystem::default(),
            modules: Memo::default(),
            summaries: Memo::default(),
            bearing: Memo::default(),
            git_roots: Memo::default(),
            reaches: Memo::default(),
            resolved: Memo::default(),
            dependency_dirs: Memo::default(),
            adopts_linted: false,
            problems: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Reads a file the project depends on (an import, a `tsconfig.json`): `None` when it
    /// cannot be read, with a warning when it is not a regular file or is too large.
    pub(crate) fn read_source(&self, path: &Path) -> Option<String> {
        match crate::discover::read(path, self.max_file_size) {
            Ok(Ok(text)) => Some(text),
            Ok(Err(reason)) => {
                self.warn(path, &reason);
                None
            }
            Err(_) => None,
        }
    }

    pub(crate) fn warn(&self, path: &Path, reason: &str) {
        let shown = crate::paths::display(path, &self.cwd);
        let line = format!("{shown}: {reason}");
        let mut problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        if !problems.contains(&line) {
            problems.push(line);
        }
    }

    /// The warnings of the run so far (see [`Project::read_source`]).
    pub fn take_problems(&self) -> Vec<String> {
        let unreadable =
            std::mem::take(&mut *self.fs.unreadable.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, reason) in unreadable {
            self.warn(&path, &format!("skipped: {reason}"));
        }
        std::mem::take(&mut *self.problems.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// A project for linting a buffer that may differ from its file on disk: files that import
    /// the buffer's file see the buffer (see [`Project::adopt`]).
    pub fn adopting_linted(self) -> Project {
        Project {
            adopts_linted: true,
            ..self
        }
    }

    /// The project root for `file` (absolute).
    pub fn root_for(&self, file: &Path) -> PathBuf {
        let dir = file.parent().unwrap_or(file);
        if let Some(config) = &self.config_dir {
            if file.starts_with(config) {
                return config.clone();
            }
        }
        self.git_root(dir).unwrap_or_else(|| dir.to_path_buf())
    }

    /// Whether `file` belongs to an installed package (under `node_modules`, `site-packages`,
    /// a `pip --target` directory): a dependency, not project code. Its requests are judged
    /// on its own text, and imports between a dependency's files are not followed.
    pub fn is_dependency(&self, file: &Path) -> bool {
        let Some(dir) = file.parent() else {
            return false;
        };
        let named = dir.components().any(|c| {
            matches!(
                c.as_os_str().to_str(),
                Some("node_modules" | "site-packages" | "dist-packages")
            )
        });
        if named {
            return true;
        }
        // `*.dist-info` metadata marks installed Python packages; JavaScript ones live under
        // `node_modules`.
        if !matches!(
            FileKind::from_path(file),
            Some(FileKind::Code(Language::Python))
        ) {
            return false;
        }
        if let Some(known) = self.dependency_dirs.get(dir) {
            return known;
        }
        let root = self.root_for(file);
        let installed = dir
            .ancestors()
            .take_while(|d| d.starts_with(&root))
            .any(|d| self.fs.holds_packages(d));
        self.dependency_dirs.insert(dir.to_path_buf(), installed);
        installed
    }

    fn git_root(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.git_roots.get(dir) {
            return known;
        }
        let found = if dir.join(".git").exists() {
            Some(dir.to_path_buf())
        } else {
            dir.parent().and_then(|p| self.git_root(p))
        };
        self.git_roots.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The request model of the code file at `path` (absolute), read from disk once.
    pub fn module(&self, path: &Path) -> Option<Arc<Module>> {
        let slot = slot(&self.modules, path)?;
        slot.get_or_init(|| self.load(path).map(Arc::new)).clone()
    }

    fn load(&self, path: &Path) -> Option<Module> {
        let Some(FileKind::Code(language)) = FileKind::from_path(path) else {
            return None;
        };
        let text = self.read_source(path)?;
        let analysable = crate::lint::Analysable::of(&text);
        if analysable.minified {
            return None;
        }
        let local = |specifier: &str| self.is_project_import(path, specifier);
        let wants = crate::extract::Wants {
            sites: Some(&local),
            helpers: !self.is_dependency(path),
        };
        let (facts, program) = crate::extract::extract(language, &analysable.text, wants);
        drop(analysable);
        Some(
            Module::new(
                path.to_path_buf(),
                crate::paths::display(path, &self.cwd).into(),
                program?,
                Arc::from(text),
            )
            .with_facts(facts),
        )
    }

    /// Whether `specifier`, imported by the file at `from`, names a file of the project (never
    /// from an installed package: imports between a dependency's files are not followed).
    pub fn is_project_import(&self, from: &Path, specifier: &str) -> bool {
        !self.is_dependency(from) && self.resolve(from, specifier).is_some()
    }

    /// The model of `path` if it is already loaded (by a file that imports it) and was read
    /// from `text`: a lint of the same text can use it instead of building its own.
    pub fn loaded(&self, path: &Path, text: &str) -> Option<Arc<Module>> {
        let slot = self.modules.get(path)?;
        let module = slot.get()?.clone()?;
        (*module.text == *text).then_some(module)
    }

    /// Records the model a lint built for `path` from its own text (the buffer, for stdin),
    /// so that files importing it use the same one.
    pub fn adopt(&self, module: Module) -> Arc<Module> {
        let module = Arc::new(module);
        // Nothing follows imports into an installed package: its models need not be kept.
        if self.adopts_linted && !self.is_dependency(&module.path) {
            if let Some(slot) = slot(&self.modules, &module.path) {
                let _ = slot.set(Some(Arc::clone(&module)));
            }
        }
        module
    }

    /// Whether the code file at `path`, which does not mention OpenRouter itself, imports a
    /// name whose definition does (directly or through further project files): a client, a
    /// URL, a helper, a config object. Only such files can hold request sites, so only they
    /// are parsed and modelled.
    pub fn imports_openrouter(&self, path: &Path, language: Language, text: &str) -> bool {
        if self.is_dependency(path) {
            return false;
        }
        let summary = Summary::imports_of(language, text);
        for bindings in summary.locals.values() {
            for local in bindings {
                let Local::Import { specifier, member } = local else {
                    continue;
                };
                let Some(target) = self.resolve(path, specifier) else {
                    continue;
                };
                let bearing = match member {
                    Some(member) => self.bearing(&target, member),
                    // `import config` / `import * as config`: the attributes read from it.
                    None => {
                        let name = summary
                            .locals
                            .iter()
                            .find(|(_, ls)| ls.contains(local))
                            .map(|(n, _)| n.as_str())
                            .unwrap_or_default();
                        summary
                            .attributes_of(text, name)
                            .iter()
                            .any(|attribute| self.bearing(&target, attribute))
                    }
                };
                if bearing {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the module-level `name` of the file at `path` carries OpenRouter evidence: its
    /// definition mentions OpenRouter, or uses (or imports) a name that carries it. A search
    /// over `(file, name)` pairs; when it finds nothing, no pair it visited carries evidence
    /// either, and all of them are remembered.
    fn bearing(&self, path: &Path, name: &str) -> bool {
        let start: State = (path.to_path_buf(), name.to_string(), MAX_HOPS);
        let mut visited: HashSet<State> = HashSet::from([start.clone()]);
        let mut stack = vec![start.clone()];
        let mut found = false;
        while let Some(state) = stack.pop() {
            match self.bearing.get(&state) {
                Some(true) => {
                    found = true;
                    break;
                }
                Some(false) => continue,
                None => {}
            }
            let (file, name, hops) = &state;
            let Some(summary) = self.summary(file) else {
                continue;
            };
            match self.uses_of(file, name, &summary) {
                Uses::Evidence => {
                    found = true;
                    break;
                }
                Uses::Names(next) => {
                    for (path, name, hop) in next {
                        let Some(hops) = hops.checked_sub(u8::from(hop)) else {
                            continue;
                        };
                        let next = (path, name, hops);
                        if visited.insert(next.clone()) {
                            stack.push(next);
                        }
                    }
                }
            }
        }
        if found {
            self.bearing.insert(start, true);
        } else {
            for state in visited {
                self.bearing.insert(state, false);
            }
        }
        found
    }

    /// What the module-level `name` of `path` is made of: OpenRouter evidence, or other names
    /// (here or in files it imports) whose evidence it carries.
    fn uses_of(&self, path: &Path, name: &str, summary: &Summary) -> Uses {
        let local = summary.exported_as.get(name).map_or(name, String::as_str);
        let mut next = Vec::new();
        let Some(bindings) = summary.locals.get(local) else {
            // Re-exported from elsewhere, a Python package's module, or a definition the scan
            // does not recognise: the whole file decides.
            for star in &summary.stars {
                if let Some(target) = self.resolve(path, star) {
                    next.push((target, name.to_string(), false));
                }
            }
            let whole = if path.file_name().is_some_and(|n| n == "__init__.py") {
                self.resolve(path, &format!(".{name}"))
                    .is_some_and(|module| self.reaches_openrouter(&module))
            } else {
                false
            };
            if whole || (next.is_empty() && self.reaches_openrouter(path)) {
                return Uses::Evidence;
            }
            return Uses::Names(next);
        };
        for binding in bindings {
            match binding {
                Local::Import { specifier, member } => {
                    let Some(target) = self.resolve(path, specifier) else {
                        continue;
                    };
                    match member {
                        Some(member) => next.push((target, member.clone(), false)),
                        None if self.reaches_openrouter(&target) => return Uses::Evidence,
                        None => {}
                    }
                }
                Local::Defined(range) => {
                    let Some(region) = summary.regions.get(range) else {
                        continue;
                    };
                    if region.evidence {
                        return Uses::Evidence;
                    }
                    for (used, attribute) in &region.uses {
                        if used == local {
                            continue;
                        }
                        let namespace = summary.locals[used].iter().find_map(|l| match l {
                            Local::Import {
                                specifier,
                                member: None,
                            } => Some(specifier),
                            _ => None,
                        });
                        match (namespace, attribute) {
                            // `config.BASE_URL` where `config` is an imported module.
                            (Some(specifier), Some(attribute)) => {
                                if let Some(target) = self.resolve(path, specifier) {
                                    next.push((target, attribute.clone(), true));
                                }
                            }
                            _ => {
                                let imported = summary.locals[used]
                                    .iter()
                                    .any(|l| matches!(l, Local::Import { .. }));
                                next.push((path.to_path_buf(), used.clone(), imported));
                            }
                        }
                    }
                }
            }
        }
        Uses::Names(next)
    }

    /// Whether the file at `path` mentions OpenRouter or imports (directly or through other
    /// project files) one that does: the fallback when the search cannot tell which names
    /// carry it.
    fn reaches_openrouter(&self, path: &Path) -> bool {
        if let Some(known) = self.reaches.get(path) {
            return known;
        }
        // A depth-first search over the import graph. When it finds nothing, nothing any
        // file it visited reaches mentions OpenRouter either: all of them are remembered.
        let mut visited: HashSet<PathBuf> = HashSet::from([path.to_path_buf()]);
        let mut stack: Vec<PathBuf> = vec![path.to_path_buf()];
        let mut found = false;
        'search: while let Some(file) = stack.pop() {
            let Some(summary) = self.summary(&file) else {
                continue;
            };
            if summary.evidence {
                found = true;
                break;
            }
            for specifier in &summary.specifiers {
                let Some(target) = self.resolve(&file, specifier) else {
                    continue;
                };
                if !visited.insert(target.clone()) {
                    continue;
                }
                match self.reaches.get(&target) {
                    Some(true) => {
                        found = true;
                        break 'search;
                    }
                    Some(false) => {}
                    None => stack.push(target),
                }
            }
        }
        if found {
            self.reaches.insert(path.to_path_buf(), true);
        } else {
            for file in visited {
                self.reaches.insert(file, false);
            }
        }
        found
    }

    /// Records the summary of a file read for linting, so the import search need not read
    /// it again.
    pub fn record_summary(&self, path: &Path, language: Language, text: &str) {
        if let Some(slot) = slot(&self.summaries, path) {
            slot.get_or_init(|| Some(Arc::new(Summary::of(language, text))));
        }
    }

    fn summary(&self, path: &Path) -> Option<Arc<Summary>> {
        let slot = slot(&self.summaries, path)?;
        slot.get_or_init(|| {
            let Some(FileKind::Code(language)) = FileKind::from_path(path) else {
                return None;
            };
            let text = self.read_source(path)?;
            Some(Arc::new(Summary::of(language, &text)))
        })
        .clone()
    }

    /// The project file `specifier` names, imported from `from`. Files of one directory
    /// resolve a specifier alike, so answers are remembered per directory.
    fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        let python = match FileKind::from_path(from)? {
            FileKind::Code(Language::Python) | FileKind::Notebook => true,
            FileKind::Code(_) | FileKind::Markup => false,
            FileKind::Text => return None,
        };
        let dir = from.parent()?.to_path_buf();
        let key = (dir, python, specifier.to_string());
        self.resolved.get_or_insert_with(key, || {
            let root = self.root_for(from);
            if python {
                resolve::python(&self.fs, from, specifier, &root)
            } else {
                resolve::ecmascript(&self.fs, from, specifier, &root)
            }
        })
    }
}

impl Environment for Project {
    fn import(&self, from: &Module, specifier: &str) -> Option<Arc<Module>> {
        if self.is_dependency(&from.path) {
            return None;
        }
        let path = self.resolve(&from.path, specifier)?;
        if path == from.path {
            return None;
        }
        self.module(&path)
    }

    fn submodule(&self, package: &Module, name: &str) -> Option<Arc<Module>> {
        let path = resolve::python_submodule(&self.fs, &package.path, name)?;
        self.module(&path)
    }
}

/// The cache slot for `path`, created empty if new.
fn slot<T>(map: &Memo<PathBuf, Slot<T>>, path: &Path) -> Option<Slot<T>> {
    Some(map.get_or_insert_with(path.to_path_buf(), || Arc::new(OnceLock::new())))
}
