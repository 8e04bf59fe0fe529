//! Configuration: `orlint.toml`, `.orlint.toml` or `[tool.orlint]` in `pyproject.toml`,
//! found from a directory upward (first hit wins), and resolved into [`Settings`].
//!
//! Every problem in a config file is one line naming the file and line, and exit code 2:
//! a typo in a compliance tool's config must never silently turn a rule off.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::line_index::LineIndex;
use crate::policy::{ModelPatterns, Policy, Zone, normalize_provider};
use crate::rules::{self, Rule, SelectionLayer};

/// File names tried in each directory, in this order.
pub const CONFIG_NAMES: [&str; 3] = ["orlint.toml", ".orlint.toml", "pyproject.toml"];

/// The `[lint]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintOptions {
    pub select: Option<Vec<Spanned<String>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    /// Gitignore-style globs, relative to the config file's directory.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// A baseline file (relative to the config file): only findings not in it are reported.
    pub baseline: Option<Spanned<String>>,
    /// Make a suppression without a ` -- reason` an OR100 finding.
    pub require_suppression_reason: Option<bool>,
    /// Exit 2 when any file could not be read or fully analysed (`--strict`).
    pub strict: Option<bool>,
    /// Rules whose fixes `--fix` may apply (codes, prefixes, names, `ALL`; default all).
    pub fixable: Option<Vec<Spanned<String>>>,
    /// Rules whose fixes are never applied, on top of `fixable`.
    pub unfixable: Option<Vec<Spanned<String>>>,
}

/// The `[policy]` table: what the organisation requires of OpenRouter calls.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PolicyOptions {
    /// Glob patterns on function, method or class names that implement the audit wrapper.
    pub wrappers: Option<Vec<Spanned<String>>>,
    /// Gitignore-style globs of files that implement the wrapper, relative to the config file.
    pub wrapper_paths: Option<Vec<Spanned<String>>>,
    /// Gitignore-style globs of files that handle regulated data.
    pub regulated: Option<Vec<Spanned<String>>>,
    /// Providers requests may be routed to (OR006).
    pub approved_providers: Option<Vec<Spanned<String>>>,
    /// Model id globs requests may use (OR007).
    pub allowed_models: Option<Vec<Spanned<String>>>,
    /// Per-path overrides, first match wins.
    pub zone: Option<Vec<ZoneOptions>>,
}

/// A `[[policy.zone]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ZoneOptions {
    pub paths: Spanned<Vec<Spanned<String>>>,
    pub regulated: Option<bool>,
    pub approved_providers: Option<Vec<Spanned<String>>>,
    pub allowed_models: Option<Vec<Spanned<String>>>,
}

/// The whole config document (or `[tool.orlint]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub lint: Option<LintOptions>,
    pub policy: Option<PolicyOptions>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyProjectTools>,
}

#[derive(Deserialize)]
struct PyProjectTools {
    orlint: Option<Options>,
}

/// A loaded config file.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    options: Options,
    text: String,
}

/// A config problem, rendered as one line: `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Relative to the working directory, like every other path orlint prints.
        let cwd = crate::paths::absolute(&crate::paths::cwd());
        write!(f, "{}", crate::paths::display(&self.path, &cwd))?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn at(path: &Path, text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        let position = span.map(|span| {
            let p = LineIndex::new(text).position(text, span.start);
            (p.line, p.column)
        });
        // toml's messages may span lines; the contract is one line per error.
        let message = message.into().trim().replace('\n', " ");
        ConfigError {
            path: path.to_path_buf(),
            position,
            message,
        }
    }
}

/// Searches `start` and its ancestors for a config file. A `pyproject.toml` without a
/// `[tool.orlint]` table is not a config file.
pub fn discover(start: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    for dir in start.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                // A FIFO or a link to a device under a config's name is never read (reading
                // it could block or never end), but it is said: the config it stands for is
                // not applied.
                let special = std::fs::symlink_metadata(&candidate)
                    .is_ok_and(|m| !m.is_dir() && !candidate.is_dir());
                if special {
                    let shown = crate::paths::display(&candidate, &crate::paths::cwd());
                    crate::redact::eprint_line(&format!(
                        "warning: {shown}: not a regular file; not read as a config"
                    ));
                }
                continue;
            }
            if let Some(config) = load_candidate(&candidate, name == "pyproject.toml")? {
                return Ok(Some(config));
            }
        }
    }
    Ok(None)
}

/// Loads a config file named with `--config`.
pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    load_candidate(path, is_pyproject)?.ok_or_else(|| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: "no [tool.orlint] table in this pyproject.toml".into(),
    })
}

fn load_candidate(path: &Path, is_pyproject: bool) -> Result<Option<ConfigFile>, ConfigError> {
    let text = crate::discover::read_text(path).map_err(|reason| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read config file: {reason}"),
    })?;
    parse(path, text, is_pyproject)
}

/// Reads a config file's text (`path` is where it lives, for errors and relative paths):
/// `None` for a `pyproject.toml` without a `[tool.orlint]` table.
pub fn parse(
    path: &Path,
    text: String,
    is_pyproject: bool,
) -> Result<Option<ConfigFile>, ConfigError> {
    let options = if is_pyproject {
        match toml::from_str::<PyProject>(&text) {
            Ok(pyproject) => match pyproject.tool.and_then(|t| t.orlint) {
                Some(options) => options,
                None => return Ok(None),
            },
            // A broken pyproject.toml is someone else's problem unless it configures orlint.
            Err(_) if !text.contains("orlint") => return Ok(None),
            Err(e) => return Err(ConfigError::at(path, &text, e.span(), e.message())),
        }
    } else {
        toml::from_str::<Options>(&text)
            .map_err(|e| ConfigError::at(path, &text, e.span(), e.message()))?
    };
    let absolute = crate::paths::absolute(path);
    let config = ConfigFile {
        path: absolute,
        options,
        text,
    };
    config.validate()?;
    Ok(Some(config))
}

impl ConfigFile {
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    fn lint(&self) -> Option<&LintOptions> {
        self.options.lint.as_ref()
    }

    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(&self.path, &self.text, Some(span), message)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.policy()?;
        let Some(lint) = self.lint() else {
            return Ok(());
        };
        for list in [&lint.select, &lint.ignore, &lint.fixable, &lint.unfixable]
            .into_iter()
            .flatten()
        {
            for code in list {
                if rules::rules_matching(code.get_ref()).is_empty() {
                    return Err(self.error(
                        code.span(),
                        format!(
                            "unknown rule code `{}` (see `orlint rules`)",
                            code.get_ref()
                        ),
                    ));
                }
            }
        }
        self.exclude_matcher()?;
        Ok(())
    }

    fn selection(&self) -> SelectionLayer {
        let lint = self.lint();
        SelectionLayer {
            select: lint.and_then(|l| strings(&l.select)),
            ignore: lint.and_then(|l| strings(&l.ignore)).unwrap_or_default(),
        }
    }

    /// `[lint] fixable` / `unfixable` as a selection of rules.
    fn fixable_selection(&self) -> SelectionLayer {
        let lint = self.lint();
        SelectionLayer {
            select: lint.and_then(|l| strings(&l.fixable)),
            ignore: lint.and_then(|l| strings(&l.unfixable)).unwrap_or_default(),
        }
    }

    fn exclude_matcher(&self) -> Result<Option<PathPatterns>, ConfigError> {
        match self.lint().and_then(|l| l.exclude.as_ref()) {
            Some(patterns) => self.path_patterns(patterns, "exclude").map(Some),
            None => Ok(None),
        }
    }

    /// Gitignore-style globs relative to this file, each error pointing at its pattern.
    fn path_patterns(
        &self,
        patterns: &[Spanned<String>],
        what: &str,
    ) -> Result<PathPatterns, ConfigError> {
        let mut builder = strict_builder(self.dir());
        for pattern in patterns {
            builder.add_line(None, pattern.get_ref()).map_err(|e| {
                self.error(
                    pattern.span(),
                    format!(
                        "invalid {what} glob `{}`: {}",
                        pattern.get_ref(),
                        glob_error(&e)
                    ),
                )
            })?;
        }
        let matcher = builder.build().map_err(|e| ConfigError {
            path: self.path.clone(),
            position: None,
            message: format!("invalid {what} globs: {}", glob_error(&e)),
        })?;
        Ok(PathPatterns {
            root: self.dir().to_path_buf(),
            matcher,
        })
    }

    /// The `[policy]` table resolved; defaults for what it leaves out.
    fn policy(&self) -> Result<Policy, ConfigError> {
        let mut policy = Policy::default();
        let Some(options) = self.options.policy.as_ref() else {
            return Ok(policy);
        };
        if let Some(wrappers) = &options.wrappers {
            policy.set_wrappers(self.globs(wrappers, "wrappers")?);
        }
        if let Some(paths) = &options.wrapper_paths {
            policy.wrapper_paths = Some(self.path_patterns(paths, "wrapper-paths")?);
        }
        if let Some(paths) = options.regulated.as_ref().filter(|p| !p.is_empty()) {
            policy.regulated = Some(self.path_patterns(paths, "regulated")?);
        }
        if let Some(providers) = &options.approved_providers {
            policy.approved_providers = providers
                .iter()
                .map(|p| normalize_provider(p.get_ref()))
                .collect();
        }
        if let Some(models) = &options.allowed_models {
            policy.allowed_models = Some(ModelPatterns::new(self.globs(models, "allowed-models")?));
        }
        for zone in options.zone.iter().flatten() {
            if zone.paths.get_ref().is_empty() {
                return Err(self.error(zone.paths.span(), "a zone needs at least one path"));
            }
            policy.zones.push(Zone {
                paths: self.path_patterns(zone.paths.get_ref(), "zone paths")?,
                regulated: zone.regulated,
                approved_providers: zone
                    .approved_providers
                    .as_ref()
                    .map(|p| p.iter().map(|p| normalize_provider(p.get_ref())).collect()),
                allowed_models: match &zone.allowed_models {
                    Some(models) => Some(ModelPatterns::new(self.globs(models, "allowed-models")?)),
                    None => None,
                },
            });
        }
        Ok(policy)
    }

    /// Name or model globs, each validated where it is written.
    fn globs(&self, patterns: &[Spanned<String>], what: &str) -> Result<Vec<String>, ConfigError> {
        patterns
            .iter()
            .map(|pattern| {
                crate::policy::glob(pattern.get_ref())
                    .map(|_| pattern.get_ref().clone())
                    .map_err(|e| {
                        self.error(
                            pattern.span(),
                            format!("invalid {what} glob `{}`: {e}", pattern.get_ref()),
                        )
                    })
            })
            .collect()
    }
}

/// Gitignore semantics, except that an unclosed `[` is an error rather than a literal: a
/// pattern that silently matches nothing would silently lint what the user meant to skip.
fn strict_builder(root: &Path) -> GitignoreBuilder {
    let mut builder = GitignoreBuilder::new(root);
    builder.allow_unclosed_class(false);
    builder
}

fn glob_error(e: &ignore::Error) -> String {
    // ignore's errors repeat the glob; keep just the reason when it is there.
    let text = e.to_string();
    match text.rsplit_once(": ") {
        Some((_, reason)) if !reason.is_empty() => reason.to_string(),
        _ => text,
    }
}

/// Gitignore-style path patterns anchored at a directory (excludes, wrapper paths).
#[derive(Debug, Clone)]
pub struct PathPatterns {
    root: PathBuf,
    matcher: Gitignore,
}

impl PathPatterns {
    /// `--exclude` patterns from the command line, relative to the working directory.
    pub fn from_cli(cwd: &Path, patterns: &[String]) -> Result<Option<PathPatterns>, String> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut builder = strict_builder(cwd);
        for pattern in patterns {
            builder
                .add_line(None, pattern)
                .map_err(|e| format!("invalid --exclude glob `{pattern}`: {}", glob_error(&e)))?;
        }
        let matcher = builder
            .build()
            .map_err(|e| format!("invalid --exclude globs: {}", glob_error(&e)))?;
        Ok(Some(PathPatterns {
            root: cwd.to_path_buf(),
            matcher,
        }))
    }

    /// `path` must be absolute. Paths outside the root never match.
    pub fn matches(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        if relative.as_os_str().is_empty() {
            return false;
        }
        self.matcher
            .matched_path_or_any_parents(relative, is_dir)
            .is_ignore()
    }
}

/// A list of spanned strings without the spans.
fn strings(list: &Option<Vec<Spanned<String>>>) -> Option<Vec<String>> {
    list.as_ref()
        .map(|l| l.iter().map(|s| s.get_ref().clone()).collect())
}

/// Command-line settings that take part in resolution.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub exclude: Vec<String>,
}

/// Everything the linter needs, resolved: no `Option`s left.
#[derive(Debug)]
pub struct Settings {
    /// The rules that run: selected, and active under the policy.
    pub rules: Vec<&'static Rule>,
    /// The rules selected by config and command line, active or not (SARIF describes these).
    pub selected: Vec<&'static Rule>,
    pub excludes: Vec<PathPatterns>,
    pub policy: Policy,
    pub config_path: Option<PathBuf>,
    pub prefilter: crate::prefilter::Prefilter,
    pub require_suppression_reason: bool,
    /// `[lint] strict`: a file not read or not fully analysed fails the run.
    pub strict: bool,
    /// The baseline from config (`[lint] baseline`), resolved against the config's directory.
    pub baseline: Option<PathBuf>,
    /// Codes of the rules whose fixes may be applied (`[lint] fixable` minus `unfixable`).
    pub fixable: Vec<&'static str>,
}

impl Settings {
    /// Resolves the config (if any) and the command line: the command line wins.
    pub fn resolve(
        config: Option<&ConfigFile>,
        overrides: &Overrides,
        cwd: &Path,
    ) -> Result<Settings, String> {
        for selector in overrides.select.iter().flatten().chain(&overrides.ignore) {
            if rules::rules_matching(selector).is_empty() {
                return Err(format!(
                    "unknown rule code `{selector}` (see `orlint rules`)"
                ));
            }
        }
        let mut layers = Vec::new();
        let mut excludes = Vec::new();
        if let Some(config) = config {
            layers.push(config.selection());
            excludes.extend(config.exclude_matcher().map_err(|e| e.to_string())?);
        }
        layers.push(SelectionLayer {
            select: overrides.select.clone(),
            ignore: overrides.ignore.clone(),
        });
        excludes.extend(PathPatterns::from_cli(cwd, &overrides.exclude)?);
        let policy = match config {
            Some(config) => config.policy().map_err(|e| e.to_string())?,
            None => Policy::default(),
        };
        let selected = rules::resolve_selection(&layers);
        let rules: Vec<&'static Rule> = selected
            .iter()
            .copied()
            .filter(|r| r.requires.met(&policy))
            .collect();
        let prefilter = crate::prefilter::Prefilter::new(&rules);
        let lint = config.and_then(|c| c.lint().map(|l| (c, l)));
        let require_suppression_reason = lint
            .and_then(|(_, l)| l.require_suppression_reason)
            .unwrap_or(false);
        let baseline =
            lint.and_then(|(c, l)| l.baseline.as_ref().map(|b| c.dir().join(b.get_ref())));
        let strict = lint.and_then(|(_, l)| l.strict).unwrap_or(false);
        let fixable = rules::resolve_selection(&[lint
            .map(|(c, _)| c.fixable_selection())
            .unwrap_or_default()])
        .iter()
        .map(|r| r.code)
        .collect();
        Ok(Settings {
            fixable,
            require_suppression_reason,
            strict,
            baseline,
            rules,
            selected,
            excludes,
            policy,
            config_path: config.map(|c| c.path.clone()),
            prefilter,
        })
    }

    /// Selected rules that cannot run because the policy they enforce is not configured, with
    /// what is missing.
    pub fn inactive(&self) -> Vec<(&'static Rule, &'static str)> {
        self.selected
            .iter()
            .filter(|r| !self.rules.iter().any(|a| a.code == r.code))
            .map(|r| (*r, r.requires.missing()))
            .collect()
    }

    /// Whether config or `--exclude` patterns exclude `path` (absolute).
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        self.excludes.iter().any(|e| e.matches(path, is_dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "orlint.toml",
            "[lint]\nselect = [\"OR001\"]\nselec = []\n",
        );
        let err = load(&path).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(3), "{err}");
        assert!(err.message.contains("unknown field `selec`"), "{err}");

        let path = write(
            dir.path(),
            "orlint.toml",
            "[lint]\nselect = [\n  \"OR001\",\n  \"OR999\",\n]\n",
        );
        let err = load(&path).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(4), "{err}");
        assert!(err.message.contains("OR999"));

        let path = write(
            dir.path(),
            "orlint.toml",
            "[lint]\nexclude = [\"a/**\", \"b/[\"]\n",
        );
        let err = load(&path).unwrap_err();
        assert_eq!(err.position, Some((2, 20)), "{err}");

        let path = write(dir.path(), "orlint.toml", "[lint]\nselect = \"OR001\"\n");
        let err = load(&path).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2), "{err}");
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn discovery_walks_up_and_skips_foreign_pyprojects() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        write(dir.path(), ".orlint.toml", "[lint]\nignore = [\"OR001\"]\n");
        write(
            &dir.path().join("a"),
            "pyproject.toml",
            "[project]\nname = \"x\"\n",
        );
        let found = discover(&nested).unwrap().unwrap();
        assert!(found.path.ends_with(".orlint.toml"));

        write(
            &dir.path().join("a"),
            "pyproject.toml",
            "[tool.orlint.lint]\nselect = [\"OR001\"]\n",
        );
        let found = discover(&nested).unwrap().unwrap();
        assert!(found.path.ends_with("a/pyproject.toml"));

        write(
            &dir.path().join("a"),
            "pyproject.toml",
            "[tool.orlint.lint]\nbogus = 1\n",
        );
        let err = discover(&nested).unwrap_err();
        assert!(err.to_string().contains("pyproject.toml:2:1"), "{err}");
    }

    #[test]
    fn excludes_are_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap();
        let root = crate::paths::absolute(dir.path());
        let path = write(
            &root,
            "orlint.toml",
            "[lint]\nexclude = [\"vendor/\", \"gen/*.py\"]\n",
        );
        let config = load(&path).unwrap();
        let settings = Settings::resolve(Some(&config), &Overrides::default(), &root).unwrap();
        assert!(settings.is_excluded(&root.join("vendor/x.py"), false));
        assert!(settings.is_excluded(&root.join("src/vendor/x.py"), false));
        assert!(settings.is_excluded(&root.join("gen/a.py"), false));
        assert!(!settings.is_excluded(&root.join("src/gen/a.py"), false));
        assert!(!settings.is_excluded(&root.join("src/a.py"), false));
        assert!(!settings.is_excluded(Path::new("/elsewhere/vendor/x.py"), false));
    }
}
