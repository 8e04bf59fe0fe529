//! `.gitignore`, `.ignore`, `.git/info/exclude` and the global excludes file, read by orlint
//! itself rather than by the `ignore` crate's walker.
//!
//! The walker opens every ignore file it meets with a plain blocking `open` and reads it to
//! the end: a FIFO named `.gitignore` blocks the run forever, and a committed symlink
//! `.gitignore -> /dev/zero` reads until memory runs out. Here each ignore file is read only
//! when it is a regular file, within a size limit ([`super::read_regular`]); anything else
//! is a one-line warning and no rules. Matching follows the walker's own precedence: for
//! each kind of file the rules of the nearest directory that has a matching pattern decide
//! (`.ignore` before `.gitignore` before `.git/info/exclude` before the global file), and
//! directories above the walked roots count too (as ruff and ripgrep do, with or without a
//! git repository).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::Problem;

/// Ignore files larger than this are not ignore files.
const MAX_IGNORE_FILE: u64 = 1 << 20;

/// The rules of one directory, and of the directories around it that have any.
#[derive(Debug)]
struct Level {
    ignore: Gitignore,
    gitignore: Gitignore,
    exclude: Gitignore,
    parent: Option<Arc<Level>>,
}

impl Level {
    fn is_empty(&self) -> bool {
        self.ignore.is_empty() && self.gitignore.is_empty() && self.exclude.is_empty()
    }

    fn levels(self: &Arc<Level>) -> impl Iterator<Item = &Level> {
        std::iter::successors(Some(self.as_ref()), |level| level.parent.as_deref())
    }
}

/// The ignore rules of one walk.
pub struct Ignores {
    /// Rules from the directories above each root (matched with absolute paths).
    above: HashMap<PathBuf, Option<Arc<Level>>>,
    /// Rules by directory as the walker names it (the nearest directory with rules, or
    /// `None` when no directory from the root down to it has any).
    dirs: RwLock<HashMap<PathBuf, Option<Arc<Level>>>>,
    global: Gitignore,
    cwd: PathBuf,
    problems: Mutex<Vec<Problem>>,
    /// This walk, among the walks of the process.
    id: usize,
}

/// A walk's id, a directory, and the rules inside it.
type LastLookup = (usize, PathBuf, Option<Arc<Level>>);

thread_local! {
    /// The last directory looked up on this thread: a directory's entries are filtered one
    /// after another, so most lookups take no lock.
    /// Keyed by the walk too (its `Ignores::id`): a thread may serve two walks.
    static LAST: RefCell<Option<LastLookup>> = const { RefCell::new(None) };
}

impl Ignores {
    /// The rules for walking `roots` (as given on the command line).
    pub fn new(roots: &[PathBuf], cwd: &Path) -> Ignores {
        let ignores = Ignores {
            above: HashMap::new(),
            dirs: RwLock::new(HashMap::new()),
            global: Gitignore::empty(),
            cwd: cwd.to_path_buf(),
            problems: Mutex::new(Vec::new()),
            id: {
                static WALKS: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(0);
                WALKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        // The user's own file, outside the tree: a home directory the run cannot read (a
        // check run as another user) is not worth a warning.
        let global = ignore::gitignore::gitconfig_excludes_path()
            .filter(|path| std::fs::metadata(path).is_ok())
            .map(|path| ignores.read_rules(cwd, &path))
            .unwrap_or_else(Gitignore::empty);
        let mut above = HashMap::new();
        let mut dirs = HashMap::new();
        for root in roots {
            let absolute = crate::paths::normalize(&cwd.join(root));
            // The directories above the root, outermost first, then the root itself.
            let mut chain: Option<Arc<Level>> = None;
            let ancestors: Vec<&Path> = absolute.ancestors().skip(1).collect();
            for dir in ancestors.into_iter().rev() {
                chain = ignores.level(dir, dir, chain, true);
            }
            above.insert(root.clone(), chain);
            let own = ignores.level(root, &absolute, None, true);
            dirs.insert(root.clone(), own);
        }
        Ignores {
            above,
            dirs: RwLock::new(dirs),
            global,
            ..ignores
        }
    }

    /// Reads `dir`'s ignore files (when it has any) into a level over `parent`.
    /// `named` is the directory as paths are matched against its rules; `actual` where it is.
    fn level(
        &self,
        named: &Path,
        actual: &Path,
        parent: Option<Arc<Level>>,
        repository_root: bool,
    ) -> Option<Arc<Level>> {
        let ignore = self.read_rules(named, &actual.join(".ignore"));
        let gitignore = self.read_rules(named, &actual.join(".gitignore"));
        let exclude = if repository_root && actual.join(".git").is_dir() {
            self.read_rules(named, &actual.join(".git/info/exclude"))
        } else {
            Gitignore::empty()
        };
        let level = Level {
            ignore,
            gitignore,
            exclude,
            parent: parent.clone(),
        };
        if level.is_empty() {
            parent
        } else {
            Some(Arc::new(level))
        }
    }

    /// The rules of the ignore file at `path` (patterns relative to `root`); none when it
    /// does not exist, and a warning when it is not a regular file or cannot be read.
    fn read_rules(&self, root: &Path, path: &Path) -> Gitignore {
        let bytes = match super::read_regular(path, MAX_IGNORE_FILE) {
            Ok(Ok(bytes)) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Gitignore::empty(),
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Gitignore::empty(),
            // A directory the walk cannot read is reported by the walk, once.
            Err(e)
                if e.kind() == std::io::ErrorKind::PermissionDenied
                    && path
                        .parent()
                        .is_some_and(|dir| std::fs::read_dir(dir).is_err()) =>
            {
                return Gitignore::empty();
            }
            Err(e) => {
                self.warn(path, &format!("cannot read: {}", super::io_reason(&e)));
                return Gitignore::empty();
            }
            Ok(Err(reason)) => {
                self.warn(path, &format!("{reason}; its rules are not used"));
                return Gitignore::empty();
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut builder = GitignoreBuilder::new(root);
        for line in text.lines() {
            // A pattern that does not parse is left out, as git does.
            let _ = builder.add_line(Some(path.to_path_buf()), line);
        }
        builder.build().unwrap_or_else(|_| Gitignore::empty())
    }

    fn warn(&self, path: &Path, reason: &str) {
        let shown = crate::paths::display(path, &self.cwd);
        self.problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Problem::Warning(format!("{shown}: {reason}")));
    }

    /// Problems met reading ignore files, once the walk is over.
    pub fn take_problems(&self) -> Vec<Problem> {
        std::mem::take(&mut *self.problems.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The rules that apply inside `dir` (a directory the walk entered).
    fn rules_of(&self, dir: &Path) -> Option<Arc<Level>> {
        let walk = self.id;
        LAST.with(|last| {
            if let Some((owner, known, rules)) = last.borrow().as_ref() {
                if *owner == walk && known == dir {
                    return rules.clone();
                }
            }
            let rules = self
                .dirs
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(dir)
                .cloned()
                .flatten();
            *last.borrow_mut() = Some((walk, dir.to_path_buf(), rules.clone()));
            rules
        })
    }

    /// Whether the walk skips `path`, an entry of a directory it entered, under the walk
    /// root `root`. A directory that is not skipped has its own ignore files read here,
    /// before the walk reads its entries.
    pub fn skips(&self, root: &Path, path: &Path, is_dir: bool) -> bool {
        let parent = path.parent().unwrap_or(root);
        let inside = self.rules_of(parent);
        let above = self.above.get(root).cloned().flatten();
        if self.matched(inside.as_ref(), above.as_ref(), path, is_dir) {
            return true;
        }
        if is_dir {
            let own = self.level(path, path, inside, false);
            self.dirs
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_path_buf(), own);
        }
        false
    }

    fn matched(
        &self,
        inside: Option<&Arc<Level>>,
        above: Option<&Arc<Level>>,
        path: &Path,
        is_dir: bool,
    ) -> bool {
        let mut found = [Match::None, Match::None, Match::None];
        let mut consider = |level: &Level, path: &Path| {
            for (slot, rules) in
                found
                    .iter_mut()
                    .zip([&level.ignore, &level.gitignore, &level.exclude])
            {
                if slot.is_none() {
                    *slot = rules.matched(path, is_dir).map(|_| ());
                }
            }
        };
        for level in inside.into_iter().flat_map(Level::levels) {
            consider(level, path);
        }
        if let Some(above) = above {
            let absolute = crate::paths::normalize(&self.cwd.join(path));
            for level in above.levels() {
                consider(level, &absolute);
            }
        }
        let decided = found.into_iter().find(|m| !m.is_none());
        match decided {
            Some(m) => m.is_ignore(),
            None => self.global.matched(path, is_dir).is_ignore(),
        }
    }
}
