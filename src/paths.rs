//! Path helpers: lexical absolutisation and the `/`-separated display form users see.

use std::path::{Component, Path, PathBuf};

/// The process's working directory, or `.` if it is gone (a deleted cwd must not panic).
pub fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// `path` made absolute against the working directory, with `.` and `..` resolved lexically
/// (without touching the file system, so symlinks are never followed).
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        normalize(&cwd().join(path))
    }
}

/// [`absolute`] against a working directory the caller already has: `getcwd` is a system call,
/// and the hot path runs this once per file.
pub fn absolute_in(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        normalize(&cwd.join(path))
    }
}

pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// How a path is shown in reports: relative to `cwd` when inside it, `/`-separated, without a
/// leading `./`. Paths outside `cwd` are shown relative with `..` so reports stay free of
/// machine-specific absolute paths.
pub fn display(path: &Path, cwd: &Path) -> String {
    let abs = absolute_in(path, cwd);
    let relative = match abs.strip_prefix(cwd) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => relative_with_parents(&abs, cwd),
    };
    let shown = relative.to_string_lossy().replace('\\', "/");
    if shown.is_empty() { ".".into() } else { shown }
}

fn relative_with_parents(path: &Path, base: &Path) -> PathBuf {
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        let cwd = Path::new("/repo");
        assert_eq!(display(Path::new("/repo/./src/a.py"), cwd), "src/a.py");
        assert_eq!(display(Path::new("/other/a.py"), cwd), "../other/a.py");
        assert_eq!(display(Path::new("/repo/src/../b.py"), cwd), "b.py");
    }
}
