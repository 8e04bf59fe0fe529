//! Which settings each document is linted with: the config `orlint check` would use for its
//! path, with the client's initialization options in place of command-line flags. Resolved
//! once per directory and kept until a config file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::baseline::Baseline;
use crate::config::{self, ConfigError, Overrides, Settings};
use crate::paths;

/// `initializationOptions`, mirroring `orlint check`'s flags of the same names.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InitOptions {
    /// `--select`
    pub select: Option<Vec<String>>,
    /// `--ignore`
    pub ignore: Vec<String>,
    /// `--config`: one config file for every document (relative to the first workspace
    /// folder).
    pub config: Option<PathBuf>,
}

/// The settings of a document, and what else linting it needs.
pub struct Resolved {
    pub settings: Settings,
    /// Where its project starts when no config file says (the workspace folder holding it).
    pub root: PathBuf,
    pub baseline: Option<(PathBuf, Baseline)>,
}

/// Why a document cannot be linted: its config is broken, or the options are (or, never
/// expected, linting it panicked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannotLint {
    /// The config file at fault, when there is one, with a 1-based line and column.
    pub path: Option<PathBuf>,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl std::fmt::Display for CannotLint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, column)) = self.position {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl From<ConfigError> for CannotLint {
    fn from(e: ConfigError) -> Self {
        CannotLint {
            path: Some(e.path),
            position: e.position,
            message: e.message,
        }
    }
}

pub struct Configs {
    options: InitOptions,
    /// Workspace folders, longest first so the innermost holding a path wins.
    folders: Vec<PathBuf>,
    by_dir: HashMap<PathBuf, Result<Arc<Resolved>, CannotLint>>,
}

impl Configs {
    pub fn new(options: InitOptions, mut folders: Vec<PathBuf>) -> Configs {
        folders.sort_by_key(|f| std::cmp::Reverse(f.as_os_str().len()));
        Configs {
            options,
            folders,
            by_dir: HashMap::new(),
        }
    }

    /// Forgets every resolved config (a config file changed).
    pub fn clear(&mut self) {
        self.by_dir.clear();
    }

    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    pub fn set_folders(&mut self, folders: Vec<PathBuf>) {
        *self = Configs::new(std::mem::take(&mut self.options), folders);
    }

    /// The settings for the document at `path` (absolute).
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Resolved>, CannotLint> {
        let dir = path.parent().unwrap_or(path).to_path_buf();
        if let Some(resolved) = self.by_dir.get(&dir) {
            return resolved.clone();
        }
        let resolved = self.resolve(&dir).map(Arc::new);
        self.by_dir.insert(dir, resolved.clone());
        resolved
    }

    fn resolve(&self, dir: &Path) -> Result<Resolved, CannotLint> {
        let root = self
            .folders
            .iter()
            .find(|folder| dir.starts_with(folder))
            .or(self.folders.last())
            .cloned()
            .unwrap_or_else(|| dir.to_path_buf());
        let config = match &self.options.config {
            Some(path) => Some(config::load(&paths::absolute_in(path, &root))?),
            None => config::discover(dir)?,
        };
        let overrides = Overrides {
            select: self.options.select.clone(),
            ignore: self.options.ignore.clone(),
            exclude: Vec::new(),
        };
        let settings =
            Settings::resolve(config.as_ref(), &overrides, &root).map_err(|message| {
                CannotLint {
                    path: config.as_ref().map(|c| c.path.clone()),
                    position: None,
                    message,
                }
            })?;
        let baseline = match &settings.baseline {
            Some(path) => {
                let baseline = crate::baseline::load(path).map_err(|message| CannotLint {
                    path: None,
                    position: None,
                    message,
                })?;
                Some((path.clone(), baseline))
            }
            None => None,
        };
        Ok(Resolved {
            settings,
            root,
            baseline,
        })
    }
}

/// Whether a change to `path` can change any document's settings.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| config::CONFIG_NAMES.contains(&name))
}
