//! The project a linted file belongs to: where its imports lead, and the other files' request
//! models, each loaded once per run and shared by every file that imports it.
//!
//! The project root of a file is the config file's directory (when the file is inside it),
//! else the git work tree, else the file's own directory; imports never resolve outside it.
//! Whether orlint lints one staged file, a buffer from an editor or the whole tree, a file
//! sees the same project, so its findings do not depend on how orlint was invoked.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::language::{FileKind, Language};
use crate::model::{self, Environment, Family, Module};

pub mod resolve;
pub mod scan;

/// What the import scan learned about a file.
#[derive(Debug)]
struct FileFacts {
    /// The file mentions OpenRouter in a way the request model recognises.
    evidence: bool,
    imports: Vec<String>,
}

type Slot<T> = Arc<OnceLock<Option<Arc<T>>>>;

/// The files of the project, loaded on demand.
pub struct Project {
    config_dir: Option<PathBuf>,
    cwd: PathBuf,
    max_file_size: u64,
    fs: resolve::FileSystem,
    modules: Mutex<HashMap<PathBuf, Slot<Module>>>,
    facts: Mutex<HashMap<PathBuf, Slot<FileFacts>>>,
    git_roots: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Files known to reach (or not) a file that mentions OpenRouter through their imports.
    reaches: Mutex<HashMap<PathBuf, bool>>,
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
            modules: Mutex::default(),
            facts: Mutex::default(),
            git_roots: Mutex::default(),
            reaches: Mutex::default(),
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

    fn git_root(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.git_roots.lock().ok()?.get(dir) {
            return known.clone();
        }
        let found = if dir.join(".git").exists() {
            Some(dir.to_path_buf())
        } else {
            dir.parent().and_then(|p| self.git_root(p))
        };
        if let Ok(mut roots) = self.git_roots.lock() {
            roots.insert(dir.to_path_buf(), found.clone());
        }
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
        let text = crate::discover::read(path, self.max_file_size).ok()?.ok()?;
        if crate::lint::looks_minified(&text) {
            return None;
        }
        let program = crate::extract::program_of(language, &text)?;
        Some(Module::new(
            path.to_path_buf(),
            crate::paths::display(path, &self.cwd).into(),
            program,
            Arc::from(text),
        ))
    }

    /// Records the model a lint built for `path` from its own text (the buffer, for stdin),
    /// so that files importing it use the same one.
    pub fn adopt(&self, module: Module) -> Arc<Module> {
        let module = Arc::new(module);
        if let Some(slot) = slot(&self.modules, &module.path) {
            let _ = slot.set(Some(Arc::clone(&module)));
        }
        module
    }

    /// Whether the code file at `path`, which does not mention OpenRouter itself, imports
    /// (directly or through other project files) one that does. Only such files can hold
    /// request sites, so only they are modelled.
    pub fn imports_openrouter(&self, path: &Path, language: Language, text: &str) -> bool {
        if let Some(known) = self.reaches.lock().ok().and_then(|m| m.get(path).copied()) {
            return known;
        }
        let own = FileFacts {
            evidence: false,
            imports: scan::imports(language, text),
        };
        if own.imports.is_empty() {
            return false;
        }
        // A depth-first search over the import graph. When it finds nothing, nothing any
        // file it visited reaches mentions OpenRouter either: all of them are remembered.
        let mut visited: HashSet<PathBuf> = HashSet::from([path.to_path_buf()]);
        let mut stack: Vec<(PathBuf, Arc<FileFacts>)> = vec![(path.to_path_buf(), Arc::new(own))];
        let mut found = false;
        'search: while let Some((file, facts)) = stack.pop() {
            for specifier in &facts.imports {
                let Some(target) = self.resolve(&file, specifier) else {
                    continue;
                };
                if !visited.insert(target.clone()) {
                    continue;
                }
                let known = self
                    .reaches
                    .lock()
                    .ok()
                    .and_then(|m| m.get(&target).copied());
                match known {
                    Some(true) => {
                        found = true;
                        break 'search;
                    }
                    Some(false) => continue,
                    None => {}
                }
                let Some(target_facts) = self.file_facts(&target) else {
                    continue;
                };
                if target_facts.evidence {
                    found = true;
                    break 'search;
                }
                stack.push((target, target_facts));
            }
        }
        if let Ok(mut reaches) = self.reaches.lock() {
            if found {
                reaches.insert(path.to_path_buf(), true);
            } else {
                for file in visited {
                    reaches.insert(file, false);
                }
            }
        }
        found
    }

    /// Records that the file at `path` was read and does (or does not) mention OpenRouter,
    /// so the import search need not read it again.
    pub fn record_evidence(&self, path: &Path, language: Language, text: &str, evidence: bool) {
        if let Some(slot) = slot(&self.facts, path) {
            slot.get_or_init(|| {
                Some(Arc::new(FileFacts {
                    evidence,
                    imports: if evidence {
                        Vec::new()
                    } else {
                        scan::imports(language, text)
                    },
                }))
            });
        }
    }

    fn file_facts(&self, path: &Path) -> Option<Arc<FileFacts>> {
        let slot = slot(&self.facts, path)?;
        slot.get_or_init(|| {
            let Some(FileKind::Code(language)) = FileKind::from_path(path) else {
                return None;
            };
            let text = crate::discover::read(path, self.max_file_size).ok()?.ok()?;
            let evidence = model::mentions_openrouter(&text);
            Some(Arc::new(FileFacts {
                evidence,
                imports: if evidence {
                    Vec::new()
                } else {
                    scan::imports(language, &text)
                },
            }))
        })
        .clone()
    }

    /// The project file `specifier` names, imported from `from`.
    fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        let root = self.root_for(from);
        match FileKind::from_path(from)? {
            FileKind::Code(Language::Python) | FileKind::Notebook => {
                resolve::python(&self.fs, from, specifier, &root)
            }
            FileKind::Code(_) => resolve::ecmascript(&self.fs, from, specifier, &root),
            FileKind::Text => None,
        }
    }
}

impl Environment for Project {
    fn import(&self, from: &Module, specifier: &str) -> Option<Arc<Module>> {
        let root = self.root_for(&from.path);
        let path = match from.family() {
            Family::Python => resolve::python(&self.fs, &from.path, specifier, &root)?,
            Family::EcmaScript => resolve::ecmascript(&self.fs, &from.path, specifier, &root)?,
        };
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
fn slot<T>(map: &Mutex<HashMap<PathBuf, Slot<T>>>, path: &Path) -> Option<Slot<T>> {
    let mut map = map.lock().ok()?;
    Some(Arc::clone(
        map.entry(path.to_path_buf())
            .or_insert_with(|| Arc::new(OnceLock::new())),
    ))
}
