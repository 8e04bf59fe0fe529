//! Finding the files to lint: the `ignore` crate's parallel walker for directories, and
//! explicit file arguments taken as given; reading them, and every other file orlint reads
//! (configs, baselines, `tsconfig.json`, ignore files), only when it is a regular file.

mod ignores;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{WalkBuilder, WalkState};

use crate::config::Settings;
use crate::language::FileKind;
use crate::paths;

/// A file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line (read failures are then errors, not warnings).
    pub explicit: bool,
}

/// A problem met while discovering or linting, reported on stderr (and in SARIF's
/// `toolExecutionNotifications` and JSON's `warnings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Something the user named that cannot be linted: exit code 2.
    Error(String),
    /// Something found along the way that could not be read: reported, exit code unchanged
    /// (2 with `--strict`).
    Warning(String),
    /// A file linted only in part, because a limit was hit (an overlong line, a minified
    /// file, the parse time budget, deep nesting): one per file, with every reason.
    Unanalysed {
        path: std::sync::Arc<str>,
        reasons: Vec<String>,
    },
}

impl Problem {
    pub fn is_error(&self) -> bool {
        matches!(self, Problem::Error(_))
    }

    /// The one-line message, without the `error:`/`warning:` prefix.
    pub fn message(&self) -> String {
        match self {
            Problem::Error(message) | Problem::Warning(message) => message.clone(),
            Problem::Unanalysed { path, reasons } => {
                format!("{path}: not fully analysed: {}", reasons.join("; "))
            }
        }
    }

    /// The file it is about, when it is about one file.
    pub fn path(&self) -> Option<&str> {
        match self {
            Problem::Unanalysed { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = if self.is_error() { "error" } else { "warning" };
        write!(f, "{level}: {}", self.message())
    }
}

#[derive(Debug, Clone, Copy)]
pub struct WalkOptions {
    pub respect_gitignore: bool,
}

/// Version-control directories are never linted.
const SKIPPED_DIRS: [&str; 3] = [".git", ".hg", ".svn"];

/// Resolves path arguments and hands each target to `sink` as soon as it is found, so files
/// are linted while the walk goes on (ripgrep's model). Every file is handed over once, even
/// when arguments overlap; a file named explicitly keeps its explicit status.
pub fn discover_each(
    args: &[PathBuf],
    settings: &Settings,
    options: WalkOptions,
    sink: &(dyn Fn(Target) + Sync),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut dirs = Vec::new();
    // With one argument nothing can be found twice; only then is the shared set skipped.
    let seen = (args.len() > 1).then(|| Mutex::new(HashSet::new()));
    let first_time = |path: &Path| match &seen {
        Some(seen) => seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(paths::absolute(path)),
        None => true,
    };
    for arg in args {
        // `symlink_metadata` first: a dangling symlink named explicitly is "no such file".
        let metadata = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                let reason = if std::fs::symlink_metadata(arg).is_ok() {
                    "broken symbolic link".to_string()
                } else {
                    io_reason(&e)
                };
                problems.push(Problem::Error(format!("{}: {reason}", arg.display())));
                continue;
            }
        };
        let absolute = paths::absolute(arg);
        if settings.is_excluded(&absolute, metadata.is_dir()) {
            continue;
        }
        if metadata.is_dir() {
            dirs.push(arg.clone());
        } else if !metadata.is_file() {
            // A FIFO or a device: opening it could block forever.
            problems.push(Problem::Warning(format!(
                "{}: skipped: not a regular file",
                arg.display()
            )));
        } else if first_time(arg) {
            sink(Target {
                path: arg.clone(),
                kind: FileKind::for_explicit_path(arg),
                explicit: true,
            });
        }
    }
    if !dirs.is_empty() {
        problems.extend(walk(&dirs, settings, options, &|target: Target| {
            if first_time(&target.path) {
                sink(target);
            }
        }));
    }
    problems
}

/// Per-thread problem collector: each walker thread keeps its own `Vec` and merges it once,
/// when the thread's visitor is dropped (ripgrep's and ruff's pattern), so the hot path takes
/// no lock.
struct Collector {
    problems: Vec<Problem>,
    shared: Arc<Mutex<Vec<Problem>>>,
}

impl Drop for Collector {
    fn drop(&mut self) {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        shared.append(&mut self.problems);
    }
}

fn walk(
    dirs: &[PathBuf],
    settings: &Settings,
    options: WalkOptions,
    sink: &(dyn Fn(Target) + Sync),
) -> Vec<Problem> {
    let mut builder = WalkBuilder::new(&dirs[0]);
    for dir in &dirs[1..] {
        builder.add(dir);
    }
    builder
        // Hidden files stay in: `.env` files are where keys hide.
        .hidden(false)
        // Ignore files are read by `ignores`, which never opens anything but a regular file
        // (the walker's own reading blocks on a FIFO and reads a link to /dev/zero forever).
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .ignore(false)
        .parents(false)
        .require_git(false)
        // Never follow symlinks: they can leave the tree or loop, and the target is linted
        // where it really lives.
        .follow_links(false);

    let cwd = paths::cwd();
    let has_excludes = !settings.excludes.is_empty();
    let excludes = settings.excludes.clone();
    let ignores = Arc::new(
        options
            .respect_gitignore
            .then(|| ignores::Ignores::new(dirs, &cwd)),
    );
    let roots: Vec<PathBuf> = dirs.to_vec();
    let respect = options.respect_gitignore;
    let filter_ignores = Arc::clone(&ignores);
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && SKIPPED_DIRS.iter().any(|d| entry.file_name() == *d) {
            return false;
        }
        if entry.depth() == 0 {
            return true;
        }
        if has_excludes {
            let absolute = paths::normalize(&cwd.join(entry.path()));
            if excludes.iter().any(|e| e.matches(&absolute, is_dir)) {
                return false;
            }
        }
        if let Some(ignores) = filter_ignores.as_ref() {
            let path = entry.path();
            let root = roots
                .iter()
                .filter(|r| path.starts_with(r))
                .max_by_key(|r| r.as_os_str().len())
                .unwrap_or(&roots[0]);
            if ignores.skips(root, path, is_dir) {
                return false;
            }
        }
        true
    });

    let shared = Arc::new(Mutex::new(Vec::new()));
    builder.build_parallel().run(|| {
        let mut collector = Collector {
            problems: Vec::new(),
            shared: Arc::clone(&shared),
        };
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let file_type = entry.file_type();
                    let is_file = file_type.is_some_and(|t| t.is_file());
                    let special =
                        file_type.is_some_and(|t| !t.is_file() && !t.is_dir() && !t.is_symlink());
                    // Ignore files are read (and warned about) by `ignores`.
                    let ignore_file = respect
                        && matches!(entry.file_name().to_str(), Some(".gitignore" | ".ignore"));
                    if special && entry.depth() > 0 && !ignore_file {
                        // A FIFO, socket or device in the tree: never opened, but said.
                        let shown = paths::display(entry.path(), &paths::cwd());
                        collector.problems.push(Problem::Warning(format!(
                            "{shown}: skipped: not a regular file"
                        )));
                    }
                    if is_file {
                        if let Some(kind) = FileKind::from_path(entry.path()) {
                            sink(Target {
                                path: entry.into_path(),
                                kind,
                                explicit: false,
                            });
                        }
                    }
                }
                Err(err) => collector.problems.push(Problem::Warning(walk_error(&err))),
            }
            WalkState::Continue
        })
    });
    let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
    let mut problems = std::mem::take(&mut *shared);
    if let Some(ignores) = ignores.as_ref() {
        problems.extend(ignores.take_problems());
    }
    problems
}

fn walk_error(err: &ignore::Error) -> String {
    // ignore's messages already name the path ("./locked: Permission denied (os error 13)"):
    // one line, in the words the rest of orlint uses.
    let text = err.to_string().replace('\n', " ");
    let text = text.strip_prefix("./").unwrap_or(&text);
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => text,
    };
    match text.rsplit_once(": ") {
        Some((path, reason)) => format!("{path}: cannot read: {reason}"),
        None => text.to_string(),
    }
}

/// `No such file or directory`, without Rust's `(os error 2)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Opens `path` for reading only if it is a regular file (following symlinks to one).
/// `Ok(Err(reason))` for anything else: a FIFO, socket or device is never read (opening a
/// FIFO for reading blocks until a writer comes; a device can be read forever). The file is
/// opened without blocking and checked once open, so nothing swapped in between the check
/// and the open is read either.
pub fn open_regular(path: &Path) -> std::io::Result<Result<(std::fs::File, u64), String>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    #[cfg(not(unix))]
    if !std::fs::metadata(path)?.is_file() {
        return Ok(Err("skipped: not a regular file".into()));
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Err("skipped: not a regular file".into()));
    }
    Ok(Ok((file, metadata.len())))
}

/// Reads the regular file at `path`, at most `max_size` bytes of it (even when it grows
/// while it is read). `Ok(Err(reason))` when it is not a regular file or is larger.
pub fn read_regular(path: &Path, max_size: u64) -> std::io::Result<Result<Vec<u8>, String>> {
    use std::io::Read;
    let (file, len) = match open_regular(path)? {
        Ok(opened) => opened,
        Err(reason) => return Ok(Err(reason)),
    };
    if len > max_size {
        return Ok(Err(format!(
            "skipped: {len} bytes is over the {max_size} byte limit"
        )));
    }
    // `File::read_to_end` would ask the file for its size and position again (a statx and an
    // lseek per file, a third of the syscalls of a run): the size is known, so read into a
    // buffer one byte larger, which also sees the end. A file growing meanwhile is read up to
    // the limit.
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Ok(Err(format!("skipped: over the {max_size} byte limit")));
    }
    Ok(Ok(bytes))
}

/// Reads a small text file orlint depends on (a config, a baseline, a `tsconfig.json`):
/// a regular file of at most 16 MiB, decoded as `read` decodes source. The error is one line.
pub fn read_text(path: &Path) -> Result<String, String> {
    const MAX_CONFIG: u64 = 16 << 20;
    match read_regular(path, MAX_CONFIG) {
        Ok(Ok(bytes)) => Ok(decode_utf16(&bytes).unwrap_or_else(|| decode(bytes))),
        Ok(Err(reason)) => Err(reason.trim_start_matches("skipped: ").to_string()),
        Err(e) => Err(io_reason(&e)),
    }
}

/// Reads a file for linting. `Ok(Err(reason))` is a file skipped on purpose (binary, too
/// large, not a regular file); `Err` is an I/O failure.
pub fn read(path: &Path, max_size: u64) -> std::io::Result<Result<String, String>> {
    use std::io::Read;
    /// ripgrep's heuristic: a NUL byte in the first 8 KiB means binary.
    const HEAD: usize = 8192;
    let (mut file, len) = match open_regular(path)? {
        Ok(opened) => opened,
        Err(reason) => return Ok(Err(reason)),
    };
    // The head first: a binary file is recognised (and skipped quietly) whatever its size,
    // without reading the rest of it. A file no larger than the head is read in one go (most
    // source files: one read and the read that sees the end, as before the head was read
    // apart).
    let mut bytes = Vec::with_capacity(len.min(max_size) as usize + 1);
    let head = if len <= HEAD as u64 {
        max_size.saturating_add(1)
    } else {
        HEAD as u64
    };
    (&mut file).take(head).read_to_end(&mut bytes)?;
    // Windows editors still save UTF-16 with a byte order mark: text, NUL bytes and all.
    let utf16 = matches!(bytes.as_slice(), [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    if !utf16 {
        if let Some(at) = memchr::memchr(0, &bytes) {
            return Ok(Err(format!(
                "skipped: binary content (a NUL byte at offset {at})"
            )));
        }
    }
    if len > max_size {
        return Ok(Err(format!(
            "skipped: {len} bytes is over the {max_size} byte limit (--max-file-size)"
        )));
    }
    // The size is known, so read into a buffer one byte larger, which also sees the end
    // (`read_to_end` alone would ask for the size again). A file growing meanwhile is read
    // up to the limit.
    if head == HEAD as u64 {
        let left = (max_size + 1).saturating_sub(bytes.len() as u64);
        file.take(left).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > max_size {
        return Ok(Err(format!(
            "skipped: over the {max_size} byte limit (--max-file-size)"
        )));
    }
    if let Some(text) = decode_utf16(&bytes) {
        return Ok(Ok(text));
    }
    Ok(Ok(decode(bytes)))
}

/// Text that starts with a UTF-16 byte order mark, decoded (unpaired surrogates become U+FFFD).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let big_endian = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match (pair, big_endian) {
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        // An odd trailing byte: not a code unit.
        _ => 0xFFFD,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// UTF-8 text as is; anything else decoded lossily (each invalid byte becomes U+FFFD, one
/// code point, so columns still count the way editors show them).
pub fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}
