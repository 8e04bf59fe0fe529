//! Workspace packages of a JavaScript monorepo: `package.json` `workspaces` (npm, yarn,
//! bun) and `pnpm-workspace.yaml` `packages`, by package name, and the file a specifier of one
//! names (`@acme/ai`, `@acme/ai/models`) through its `exports`, `types`, `module`, `main` or
//! `source` fields.
//!
//! Resolvers made for bundlers (`oxc_resolver`, enhanced-resolve) find workspace packages
//! through `node_modules`, where the package manager links them; a fresh clone, a CI job
//! before `npm install` or an unpacked archive has none. So the packages are found from the
//! workspace globs, and a package's entry that points at a build output that is not there
//! (`dist/index.js`) is looked for as source (`src/index.ts`).

use std::path::{Path, PathBuf};

use foldhash::HashMap;
use globset::{Glob, GlobSetBuilder};
use serde_json::Value as JsonValue;

use super::resolve::{FileSystem, script_file};

/// How deep below the root workspace globs are matched (`packages/*`, `apps/*/packages/*`).
const MAX_WORKSPACE_DEPTH: usize = 4;

/// The workspace packages of a root, by name: each package's directory and manifest, read
/// once.
#[derive(Debug, Default)]
pub struct Workspaces {
    packages: HashMap<String, (PathBuf, serde_json::Map<String, JsonValue>)>,
}

impl Workspaces {
    /// The packages `root`'s `package.json` or `pnpm-workspace.yaml` declares.
    pub fn of(root: &Path) -> Workspaces {
        let mut globs = Vec::new();
        if let Some(manifest) = read_json(&root.join("package.json")) {
            match manifest.get("workspaces") {
                Some(JsonValue::Array(items)) => globs.extend(strings(items)),
                Some(JsonValue::Object(object)) => {
                    if let Some(JsonValue::Array(items)) = object.get("packages") {
                        globs.extend(strings(items));
                    }
                }
                _ => {}
            }
        }
        if let Ok(text) = crate::discover::read_text(&root.join("pnpm-workspace.yaml")) {
            globs.extend(pnpm_packages(&text));
        }
        let mut workspaces = Workspaces::default();
        if globs.is_empty() {
            return workspaces;
        }
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        for glob in &globs {
            let (set, pattern) = match glob.strip_prefix('!') {
                Some(negated) => (&mut exclude, negated),
                None => (&mut include, glob.as_str()),
            };
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            if let Ok(glob) = Glob::new(pattern) {
                set.add(glob);
            }
        }
        let (Ok(include), Ok(exclude)) = (include.build(), exclude.build()) else {
            return workspaces;
        };
        let walker = walkdir_dirs(root, MAX_WORKSPACE_DEPTH);
        for dir in walker {
            let Ok(relative) = dir.strip_prefix(root) else {
                continue;
            };
            if relative.as_os_str().is_empty()
                || !include.is_match(relative)
                || exclude.is_match(relative)
            {
                continue;
            }
            let Some(manifest) = read_json(&dir.join("package.json")) else {
                continue;
            };
            if let Some(JsonValue::String(name)) = manifest.get("name") {
                workspaces.packages.insert(name.clone(), (dir, manifest));
            }
        }
        workspaces
    }

    /// The file `specifier` names when it names a workspace package or a path inside one.
    pub fn resolve(&self, fs: &FileSystem, specifier: &str) -> Option<PathBuf> {
        if self.packages.is_empty() {
            return None;
        }
        let (name, subpath) = split_specifier(specifier)?;
        let (dir, manifest) = self.packages.get(name)?;
        let manifest = Some(manifest);
        let export_key = match subpath {
            "" => ".".to_string(),
            sub => format!("./{sub}"),
        };
        let mut targets: Vec<String> = Vec::new();
        if let Some(manifest) = &manifest {
            if let Some(exports) = manifest.get("exports") {
                targets.extend(export_targets(exports, &export_key));
            }
            if subpath.is_empty() {
                for field in ["source", "types", "typings", "module", "main"] {
                    if let Some(JsonValue::String(target)) = manifest.get(field) {
                        targets.push(target.to_string());
                    }
                }
            }
        }
        if !subpath.is_empty() {
            targets.push(format!("./{subpath}"));
            targets.push(format!("./src/{subpath}"));
        }
        targets.push("./src/index".to_string());
        targets.push("./index".to_string());
        targets.iter().find_map(|target| {
            let path = crate::paths::normalize(&dir.join(target));
            script_file(fs, &path).or_else(|| as_source(fs, dir, &path))
        })
    }
}

/// A build output's source: `dist/index.js` or `dist/index.d.ts` as `src/index.ts`.
fn as_source(fs: &FileSystem, dir: &Path, built: &Path) -> Option<PathBuf> {
    let relative = built.strip_prefix(dir).ok()?;
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?;
    if !matches!(first, "dist" | "build" | "lib" | "out" | "esm" | "cjs") {
        return None;
    }
    let rest = parts.as_path().to_string_lossy().replace(".d.ts", ".ts");
    script_file(fs, &crate::paths::normalize(&dir.join("src").join(rest)))
}

/// `@scope/name/sub/path` as (`@scope/name`, `sub/path`); `name/sub` as (`name`, `sub`).
fn split_specifier(specifier: &str) -> Option<(&str, &str)> {
    if specifier.starts_with('.') || specifier.starts_with('/') {
        return None;
    }
    let mut slashes = specifier.match_indices('/').map(|(i, _)| i);
    let end = if specifier.starts_with('@') {
        slashes.nth(1)
    } else {
        slashes.next()
    };
    Some(match end {
        Some(end) => (&specifier[..end], &specifier[end + 1..]),
        None => (specifier, ""),
    })
}

/// The targets `exports` gives for `key` (`.` or `./sub`), source-like conditions first:
/// a string, a conditions object (`types`, `import`, `default`, …), or a subpath map with
/// `./*` patterns.
fn export_targets(exports: &JsonValue, key: &str) -> Vec<String> {
    match exports {
        JsonValue::String(target) if key == "." => vec![target.to_string()],
        JsonValue::Object(map) => {
            let is_subpath_map = map.keys().any(|k| k.starts_with('.'));
            if !is_subpath_map {
                return if key == "." {
                    conditions(exports)
                } else {
                    Vec::new()
                };
            }
            for (pattern, value) in map {
                if pattern == key {
                    return conditions(value);
                }
                if let Some((prefix, suffix)) = pattern.split_once('*') {
                    if let Some(star) = key
                        .strip_prefix(prefix)
                        .and_then(|rest| rest.strip_suffix(suffix))
                    {
                        return conditions(value)
                            .into_iter()
                            .map(|t| t.replacen('*', star, 1))
                            .collect();
                    }
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The paths of a conditions object (or a string, or an array of either), in the order a
/// source reader prefers.
fn conditions(value: &JsonValue) -> Vec<String> {
    match value {
        JsonValue::String(target) => vec![target.to_string()],
        JsonValue::Array(items) => items.iter().flat_map(conditions).collect(),
        JsonValue::Object(map) => {
            let mut out = Vec::new();
            for condition in [
                "source",
                "types",
                "typescript",
                "import",
                "module",
                "default",
                "require",
                "node",
                "browser",
            ] {
                if let Some(inner) = map.get(condition) {
                    out.extend(conditions(inner));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

fn strings(items: &[JsonValue]) -> impl Iterator<Item = String> + '_ {
    items.iter().filter_map(|item| match item {
        JsonValue::String(s) => Some(s.to_string()),
        _ => None,
    })
}

/// The `packages:` list of a `pnpm-workspace.yaml`.
fn pnpm_packages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_packages = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            in_packages = trimmed.starts_with("packages:");
            continue;
        }
        if in_packages {
            if let Some(item) = trimmed.strip_prefix('-') {
                let item = item.split(" #").next().unwrap_or(item).trim();
                out.push(item.trim_matches(['"', '\'']).to_string());
            }
        }
    }
    out
}

/// A `package.json` (strict JSON), as an object.
fn read_json(path: &Path) -> Option<serde_json::Map<String, JsonValue>> {
    let text = crate::discover::read_text(path).ok()?;
    match serde_json::from_str(&text).ok()? {
        JsonValue::Object(object) => Some(object),
        _ => None,
    }
}

/// Directories under `root`, `depth` levels deep, skipping `node_modules` and hidden ones.
fn walkdir_dirs(root: &Path, depth: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut level = vec![root.to_path_buf()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for dir in &level {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') || name == "node_modules" {
                    continue;
                }
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    next.push(entry.path());
                }
            }
        }
        out.extend(next.iter().cloned());
        level = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifiers_and_pnpm_globs() {
        assert_eq!(split_specifier("@acme/ai"), Some(("@acme/ai", "")));
        assert_eq!(
            split_specifier("@acme/ai/models/x"),
            Some(("@acme/ai", "models/x"))
        );
        assert_eq!(split_specifier("lodash/fp"), Some(("lodash", "fp")));
        assert_eq!(split_specifier("./x"), None);
        assert_eq!(
            pnpm_packages(
                "packages:\n  - 'apps/*'\n  - packages/** # all\n  - '!**/test/**'\nother:\n  - x\n"
            ),
            ["apps/*", "packages/**", "!**/test/**"]
        );
    }

    #[test]
    fn exports_conditions_and_patterns() {
        let exports: JsonValue = serde_json::json!({
            ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" },
            "./models/*": { "default": "./src/models/*.ts" }
        });
        assert_eq!(
            export_targets(&exports, "."),
            ["./dist/index.d.ts", "./dist/index.js"]
        );
        assert_eq!(
            export_targets(&exports, "./models/fast"),
            ["./src/models/fast.ts"]
        );
        assert!(export_targets(&exports, "./other").is_empty());
        let plain: JsonValue = serde_json::json!("./index.js");
        assert_eq!(export_targets(&plain, "."), ["./index.js"]);
    }
}
