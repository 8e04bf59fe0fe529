//! The command line: `orlint check`, `orlint rules`, `orlint explain`.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{self, CheckOutcome};
use crate::config::{self, ConfigFile, Overrides, Settings};
use crate::discover::{self, Problem, WalkOptions};
use crate::fix::FixPolicy;
use crate::language::FileKind;
use crate::paths;
use crate::report::{self, Format, PrettyOptions, Report, plural};
use crate::rules::{self, ALL_RULES};

/// Exit codes, as ruff and ESLint use them.
/// `orlint --version`: the version and the commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("ORLINT_COMMIT"), ")");

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "orlint",
    version = VERSION,
    about = "A fast linter for how a codebase talks to OpenRouter.",
    long_about = "orlint finds hardcoded OpenRouter keys, provider routing that can silently fall \
                  back to unapproved providers, free models in regulated code and LLM calls that \
                  bypass your audit wrapper, in Python, TypeScript and JavaScript.",
    after_help = "Exit codes: 0 no findings, 1 findings, 2 usage, config or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, default severity and summary.
    Rules(RulesArgs),
    /// Print a rule's full documentation.
    Explain {
        /// A rule code (OR001) or name (hardcoded-key).
        rule: String,
    },
    /// Run the language server on stdin and stdout (for editors).
    Server {
        /// Documents larger than this are not linted (as `check --max-file-size`).
        #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
        max_file_size: u64,
    },
    /// Write a commented orlint.toml with every key into the current directory.
    Init {
        /// Overwrite an existing orlint.toml.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads stdin (with --stdin-filename).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,

    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour the pretty output (NO_COLOR turns `auto` off).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Only these rules (codes, prefixes such as OR00, names, or ALL); replaces the config's selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,

    /// Disable these rules, on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,

    /// Skip paths matching this gitignore-style glob (repeatable; relative to the working directory).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Lint files that .gitignore, .ignore or git's excludes would skip.
    #[arg(long)]
    pub no_respect_gitignore: bool,

    /// Use this config file instead of discovering one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all config files.
    #[arg(long)]
    pub isolated: bool,

    /// Lint stdin as if it were this file (language, config and excludes come from the path).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Skip files larger than this (bytes, or with a KiB/MiB/GiB suffix).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Exit 0 even when problems are found (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit 2 when any file could not be read or fully analysed (also `[lint] strict`).
    #[arg(long)]
    pub strict: bool,

    /// Report only findings not recorded in this baseline file (overrides `[lint] baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in FILE (a baseline for `--baseline`) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Also show findings suppressed by `orlint: ignore` comments, marked as such (in SARIF as
    /// `suppressions` of kind `inSource`). They never count towards the exit code.
    #[arg(long)]
    pub show_suppressed: bool,

    /// Apply safe fixes, then report what is left. With --stdin-filename, the fixed code goes
    /// to stdout and the report to stderr.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,

    /// Also apply unsafe fixes (they change behaviour: requests that used to fall back may fail).
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and change nothing (exit 1 when there
    /// is a diff).
    #[arg(long, help_heading = "Fixes", conflicts_with_all = ["fix_only", "write_baseline"])]
    pub diff: bool,

    /// Apply fixes and report nothing else (exit 0 unless an error occurred).
    #[arg(long, help_heading = "Fixes", conflicts_with = "write_baseline")]
    pub fix_only: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,

    /// Use this config file instead of discovering one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all config files.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (try 10MiB or 1048576)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        other => return Err(format!("unknown size unit `{other}` (use KiB, MiB or GiB)")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    // clap's own errors echo the argument (`--format sk-or-v1-…`): rendered here, redacted.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let written = if e.use_stderr() {
                let mut err = crate::redact::stderr();
                err.write_all(text.as_bytes()).and_then(|()| err.flush())
            } else {
                crate::redact::print(&text)
            };
            drop(written);
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_ERROR));
        }
    };
    let code = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Rules(args) => run_rules(&args),
        Command::Explain { rule } => run_explain(&rule),
        Command::Server { max_file_size } => crate::server::run(max_file_size),
        Command::Init { force } => match crate::init::write(Path::new("orlint.toml"), force) {
            Ok(()) => print_or_fail(
                "Wrote orlint.toml: set `regulated`, `approved-providers` and `allowed-models` to turn on the policy rules.\n",
            ),
            Err(e) => fail(e),
        },
    };
    ExitCode::from(code)
}

fn fail(message: impl std::fmt::Display) -> u8 {
    crate::redact::eprint_line(&format!("error: {message}"));
    EXIT_ERROR
}

fn run_check(args: &CheckArgs) -> u8 {
    let started = Instant::now();
    let cwd = paths::absolute(&paths::cwd());
    let stdin_mode =
        args.stdin_filename.is_some() || args.paths.iter().any(|p| p == Path::new("-"));
    if stdin_mode && args.stdin_filename.is_none() {
        return fail("reading stdin (`-`) needs --stdin-filename to know the language and config");
    }
    if stdin_mode && args.paths.iter().any(|p| p != Path::new("-")) {
        return fail("--stdin-filename lints stdin only; do not pass other paths");
    }

    let config = match load_config(args, &cwd) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        exclude: args.exclude.clone(),
    };
    let settings = match Settings::resolve(config.as_ref(), &overrides, &cwd) {
        Ok(settings) => settings,
        Err(e) => return fail(e),
    };

    let policy = FixPolicy {
        unsafe_fixes: args.unsafe_fixes,
        fixable: settings.fixable.clone(),
    };
    let fixing = (args.fix || args.fix_only || args.diff).then(|| check::Fixing {
        policy: policy.clone(),
        // Stdin is never written: the fixed code is printed instead.
        write: !args.diff && args.stdin_filename.is_none(),
    });
    let mut stdin_text = None;
    let mut outcome = if let Some(stdin_path) = &args.stdin_filename {
        match lint_stdin(
            stdin_path,
            &settings,
            &cwd,
            args.max_file_size,
            fixing.as_ref(),
        ) {
            Ok((outcome, text)) => {
                stdin_text = Some(text);
                outcome
            }
            Err(e) => return fail(e),
        }
    } else {
        let roots = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let walk = WalkOptions {
            respect_gitignore: !args.no_respect_gitignore,
        };
        check::check_paths(&roots, &settings, walk, args.max_file_size, fixing.as_ref())
    };
    outcome.files.sort_by(|a, b| a.path.cmp(&b.path));

    if let Some(path) = &args.write_baseline {
        for problem in &outcome.problems {
            crate::redact::eprint_line(&problem.to_string());
        }
        return match crate::baseline::write(path, &outcome.files) {
            Ok(count) => {
                let _ = crate::redact::print(&format!(
                    "Wrote {count} finding{} to {}\n",
                    if count == 1 { "" } else { "s" },
                    path.display()
                ));
                if outcome
                    .problems
                    .iter()
                    .any(|p| matches!(p, Problem::Error(_)))
                {
                    EXIT_ERROR
                } else {
                    EXIT_CLEAN
                }
            }
            Err(e) => fail(e),
        };
    }
    let mut baselined = 0;
    if let Some(path) = args.baseline.clone().or_else(|| settings.baseline.clone()) {
        match crate::baseline::load(&path) {
            Ok(baseline) => {
                baselined = crate::baseline::apply(&path, &baseline, &mut outcome.files)
            }
            // A baseline that cannot be read hides nothing: every finding is reported, and
            // the run fails (a committed FIFO in its place must not silence a report).
            Err(e) => outcome
                .problems
                .push(Problem::Error(format!("{e}; every finding is reported"))),
        }
    }

    for problem in &outcome.problems {
        crate::redact::eprint_line(&problem.to_string());
    }
    if args.diff {
        return match write_diff(&outcome, &policy) {
            Ok(0) if outcome.problems.iter().any(Problem::is_error) => EXIT_ERROR,
            Ok(0) => EXIT_CLEAN,
            Ok(_) => EXIT_FINDINGS,
            Err(e) => fail(e),
        };
    }
    if let (Some(text), true) = (&stdin_text, args.fix || args.fix_only) {
        // The fixed code (or the code as it was) is the output; the report goes to stderr.
        let fixed = outcome
            .files
            .first()
            .filter(|f| f.original.is_some())
            .map_or(text.as_str(), |f| &f.text);
        // The buffer the editor sent, fixed: its own bytes go back unmasked (masking a key
        // here would write the mask into the user's code). Fix edits never carry a key.
        #[allow(clippy::disallowed_methods)]
        let mut stdout = io::stdout().lock();
        if let Err(e) = stdout
            .write_all(fixed.as_bytes())
            .and_then(|()| stdout.flush())
        {
            return fail(format!("cannot write the fixed code: {e}"));
        }
    }
    // `--strict`: anything not read or not fully analysed fails the run, as a usage error
    // does, for teams that need the guarantee that every file was checked in full.
    let strict = args.strict || settings.strict;
    let had_error = outcome.problems.iter().any(|p| p.is_error() || strict);

    let inactive = settings.inactive();
    let fixed: usize = outcome.files.iter().map(|f| f.fixed).sum();
    let report = Report {
        fixes: policy,
        fixed,
        files: &outcome.files,
        rules: &settings.selected,
        inactive: &inactive,
        checked: outcome.checked,
        elapsed: {
            let to_stderr = stdin_text.is_some() && args.fix;
            let terminal = if to_stderr {
                crate::redact::stderr_is_terminal()
            } else {
                crate::redact::stdout_is_terminal()
            };
            (args.output.is_none() && terminal).then(|| started.elapsed())
        },
        show_suppressed: args.show_suppressed,
        baselined,
        problems: &outcome.problems,
    };
    if args.fix_only {
        if fixed > 0 {
            crate::redact::eprint_line(&format!("Fixed {}.", plural(fixed, "problem")));
        }
        let dropped: usize = outcome.files.iter().map(|f| f.dropped).sum();
        if dropped > 0 {
            crate::redact::eprint_line(&format!(
                "Dropped {} that would have broken a file.",
                plural(dropped, "fix")
            ));
        }
        return if had_error { EXIT_ERROR } else { EXIT_CLEAN };
    }
    // With the fixed code on stdout, the report goes to stderr.
    if let Err(e) = write_report(args, &report, stdin_text.is_some() && args.fix) {
        return fail(e);
    }

    if had_error {
        EXIT_ERROR
    } else if report.visible_count() > 0 && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn load_config(args: &CheckArgs, cwd: &Path) -> Result<Option<ConfigFile>, config::ConfigError> {
    if args.isolated {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        return config::load(path).map(Some);
    }
    config::discover(&discovery_start(args, cwd))
}

/// Where config discovery starts: the directory holding everything being linted (the common
/// ancestor of the path arguments, or of the stdin buffer's path), else the working directory.
/// `orlint check` and `orlint check .` start at the working directory; `orlint check
/// testdata/demo` uses the demo's own config, as ruff would; an editor's buffer gets the config
/// its path would find, whatever directory the editor runs from.
fn discovery_start(args: &CheckArgs, cwd: &Path) -> PathBuf {
    let named: Vec<PathBuf> = match &args.stdin_filename {
        Some(path) => vec![path.clone()],
        None => args.paths.clone(),
    };
    let mut common: Option<PathBuf> = None;
    for path in named {
        let absolute = paths::absolute(&path);
        let dir = if absolute.is_dir() {
            absolute
        } else {
            absolute
                .parent()
                .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
        };
        common = Some(match common {
            None => dir,
            Some(so_far) => so_far
                .ancestors()
                .find(|a| dir.starts_with(a))
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
        });
    }
    common.unwrap_or_else(|| cwd.to_path_buf())
}

/// Lints stdin; returns the outcome and the text read.
fn lint_stdin(
    path: &Path,
    settings: &Settings,
    cwd: &Path,
    max_file_size: u64,
    fixing: Option<&check::Fixing>,
) -> Result<(CheckOutcome, String), String> {
    // Bounded like any file: stdin can be `/dev/zero`.
    let mut bytes = Vec::new();
    io::stdin()
        .take(max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read stdin: {}", discover::io_reason(&e)))?;
    if bytes.len() as u64 > max_file_size {
        return Err(format!(
            "stdin: over the {max_file_size} byte limit (--max-file-size)"
        ));
    }
    let text = discover::decode(bytes);
    if settings.is_excluded(&paths::absolute(path), false) {
        return Ok((CheckOutcome::default(), text));
    }
    let file = crate::lint::FilePath {
        shown: paths::display(path, cwd).into(),
        absolute: paths::absolute(path),
    };
    let kind = FileKind::for_explicit_path(path);
    let outcome = check::check_stdin(file, kind, text.clone(), settings, max_file_size, fixing);
    Ok((outcome, text))
}

fn write_report(args: &CheckArgs, report: &Report<'_>, to_stderr: bool) -> Result<(), String> {
    let terminal = if to_stderr {
        crate::redact::stderr_is_terminal()
    } else {
        crate::redact::stdout_is_terminal()
    };
    let to_terminal = args.output.is_none() && terminal;
    let pretty = PrettyOptions {
        color: use_color(args.color, to_terminal),
        width: if to_terminal {
            terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0))
        } else {
            100
        },
    };
    match &args.output {
        Some(path) => {
            let mut buffer = Vec::new();
            report::render(args.format, report, pretty, &mut buffer)
                .map_err(|e| format!("cannot render the report: {e}"))?;
            crate::redact::write_file(path, &buffer).map_err(|e| {
                format!(
                    "cannot write {}: {}",
                    path.display(),
                    discover::io_reason(&e)
                )
            })
        }
        None => {
            let mut out: Box<dyn Write> = if to_stderr {
                Box::new(crate::redact::stderr())
            } else {
                Box::new(crate::redact::stdout())
            };
            let written =
                report::render(args.format, report, pretty, &mut out).and_then(|()| out.flush());
            match written {
                // `orlint check | head` closing the pipe early is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write the report: {e}")),
                Ok(()) => Ok(()),
            }
        }
    }
}

/// `--diff`: a unified diff per fixed file, then what it would fix. Returns how many fixes.
fn write_diff(outcome: &CheckOutcome, policy: &FixPolicy) -> Result<usize, String> {
    let mut out = crate::redact::stdout();
    let mut fixes = 0;
    for file in &outcome.files {
        let Some(original) = &file.original else {
            continue;
        };
        fixes += file.fixed;
        // Both sides masked by their own key offsets, then by everything the run knows is
        // key material: a literal whose use the fix removed is still masked in its comment
        // copy on both sides, so no line differs that did not change.
        let fixed = crate::secrets::masked(&file.text, 0..file.text.len(), &file.secrets);
        let (before, after) = (crate::redact::text(original), crate::redact::text(&fixed));
        let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
        let unified = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", file.path), &format!("b/{}", file.path))
            .to_string();
        out.write_all(unified.as_bytes())
            .map_err(|e| format!("cannot write the diff: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write the diff: {e}"))?;
    let report = Report {
        fixes: policy.clone(),
        ..Report::of(outcome, &[])
    };
    let (_, hidden) = report.fixable_counts();
    let hidden = if hidden > 0 {
        let fixes = if hidden == 1 { "fix" } else { "fixes" };
        format!(" ({hidden} more {fixes} available with `--unsafe-fixes`)")
    } else {
        String::new()
    };
    if fixes > 0 {
        crate::redact::eprint_line(&format!("Would fix {}{hidden}.", plural(fixes, "problem")));
    } else {
        crate::redact::eprint_line(&format!("No fixes would be applied{hidden}."));
    }
    Ok(fixes)
}

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env_set("NO_COLOR") {
                false
            } else if env_set("FORCE_COLOR") {
                true
            } else {
                to_terminal && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

fn run_rules(args: &RulesArgs) -> u8 {
    // Which rules run depends on the config: show that too.
    let cwd = paths::absolute(&paths::cwd());
    let config = if args.isolated {
        Ok(None)
    } else if let Some(path) = &args.config {
        config::load(path).map(Some)
    } else {
        config::discover(&cwd)
    };
    let config = match config {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let settings = match Settings::resolve(config.as_ref(), &Overrides::default(), &cwd) {
        Ok(settings) => settings,
        Err(e) => return fail(e),
    };
    let status = |rule: &'static rules::Rule| -> (&'static str, &'static str) {
        if settings.rules.iter().any(|r| r.code == rule.code) {
            ("active", "")
        } else if settings.selected.iter().any(|r| r.code == rule.code) {
            ("inactive", rule.requires.missing())
        } else {
            ("disabled", "not selected")
        }
    };
    let mut out = String::new();
    match args.format {
        RulesFormat::Text => {
            for rule in ALL_RULES {
                let (state, reason) = status(rule);
                let state = if reason.is_empty() {
                    state.to_string()
                } else {
                    format!("{state} ({reason})")
                };
                out.push_str(&format!(
                    "{:<6} {:<26} {:<8} {:<48} {}\n",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    state,
                    rule.summary
                ));
            }
        }
        RulesFormat::Json => {
            let rules: Vec<_> = ALL_RULES
                .iter()
                .map(|r| {
                    let (state, reason) = status(r);
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.as_str(),
                        "status": state,
                        "reason": (!reason.is_empty()).then_some(reason),
                        "summary": r.summary,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n";
        }
    }
    print_or_fail(&out)
}

fn run_explain(code: &str) -> u8 {
    let Some(rule) = rules::find_rule(code) else {
        return fail(format!("unknown rule `{code}` (see `orlint rules`)"));
    };
    print_or_fail(&rule.explanation())
}

fn print_or_fail(text: &str) -> u8 {
    match crate::redact::print(text) {
        Ok(()) => EXIT_CLEAN,
        Err(e) => fail(format!("cannot write output: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5PB").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
