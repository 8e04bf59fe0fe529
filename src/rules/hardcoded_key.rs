use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::fix::literal::Dialect;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};
use crate::secrets;

declare_rule! {
    /// ## What it does
    /// Finds OpenRouter API keys written into source, configuration or documentation: the
    /// `sk-or-v1-` prefix followed by exactly 64 lowercase hexadecimal characters, in any
    /// string literal (including f-strings and template literals), comment, `.env` file,
    /// JSON/YAML/TOML/INI config, Markdown, text file, Dockerfile or notebook. A key split
    /// across literals that are joined at compile time (`"sk-or-v1-" "3f9a…"`,
    /// `"sk-or-v1-" + "3f9a…"`) is found too.
    ///
    /// Besides that format, any string literal used as the key of an OpenRouter client or
    /// request is a hardcoded key: `api_key=` / `apiKey:` of a client pointed at OpenRouter
    /// (`OpenAI`, `createOpenRouter`, `OpenRouterProvider`, LangChain's `openai_api_key=`),
    /// LiteLLM's `api_key=` on an `openrouter/` model, `openai.api_key = …` beside an
    /// OpenRouter base URL, and the `Authorization: Bearer …` header of an OpenRouter request,
    /// written there or in a variable or constant (also one imported from the project).
    /// Placeholders are not keys: empty strings, strings under 16 characters or with fewer
    /// than 8 distinct characters, `your…`, `xxx…`, `…`, `<…>`, `${…}`, `changeme`, `dummy`,
    /// `fake`, `test`, `placeholder`, and an environment variable's name.
    ///
    /// ## Why it matters
    /// Anyone who can read the repository, a build artefact or a browser bundle can spend the
    /// account's credits and read whatever the key's account can reach. Deleting the line does
    /// not help: the key stays in git history, forks and caches. OpenRouter is a GitHub
    /// secret-scanning partner, so a key pushed to a public repository is revoked for you,
    /// usually after it has already been copied.
    ///
    /// Placeholders such as `sk-or-v1-...` or `sk-or-v1-your-key-here` are not reported.
    ///
    /// ## Example
    /// ```python
    /// client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="sk-or-v1-3f9a…c21e")
    /// ```
    /// ```ts
    /// const openrouter = createOpenRouter({ apiKey: "sk-or-v1-" + "3f9a…c21e" });
    /// ```
    ///
    /// ## How to fix
    /// 1. Revoke the key now at <https://openrouter.ai/settings/keys>: it has leaked.
    /// 2. Create a new key and load it at run time from the environment or a secrets manager:
    /// ```python
    /// client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
    /// ```
    /// ```ts
    /// const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
    /// ```
    /// 3. Keep `.env` files out of git (`.gitignore`) and commit a `.env.example` with a placeholder.
    ///
    /// orlint never prints a key whole: messages, snippets, JSON and SARIF show only
    /// `sk-or-v1-` with the first and last four hex characters.
    ///
    /// ## Fix safety
    /// A key written as a whole string literal under a key-named name (`api_key="…"`,
    /// `apiKey: "…"`, `OPENROUTER_API_KEY = "…"`) is replaced with an environment read:
    /// `os.environ["OPENROUTER_API_KEY"]` (adding `import os` when the file lacks it) or
    /// `process.env.OPENROUTER_API_KEY`. It is unsafe: the program now needs that variable
    /// set. The fix does not revoke the key, which has leaked all the same.
    ///
    /// ## Configuration
    /// None. To accept a known test fixture, suppress the line with
    /// `# orlint: ignore[OR001] -- reason` (or `//` in JavaScript and TypeScript).
    pub static HARDCODED_KEY = Rule {
        code: "OR001",
        name: "hardcoded-key",
        severity: Severity::Error,
        summary: "OpenRouter API key hardcoded in source, config or docs",
        // Not the full prefix: a key split as `"sk-or-" + "v1-…"` must still reach the
        // concatenation check, which needs a parse. Not `sk-or` either: CSS's `mask-origin`
        // would send every DOM typing file to the parser. (A literal key of another format
        // given to an OpenRouter client needs the key model, whose tokens the prefilter adds.)
        tokens: &["sk-or-"],
        needs_sites: false,
        needs_model_choices: false,
        needs_keys: true,
        requires: Requirement::Nothing,
        tags: &["security", "secrets", "external/cwe/cwe-798"],
        precision: "very-high",
        security_severity: "8.5",
        check: check,
    };
}

const HELP: &str = "Revoke this key at https://openrouter.ai/settings/keys (it has leaked), then load \
     a new one at run time from the environment (e.g. OPENROUTER_API_KEY) or a secrets manager.";

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for key in secrets::find_keys(ctx.text, &ctx.facts.concatenations) {
        let how = if key.parts.len() > 1 {
            " (split across string literals)"
        } else {
            ""
        };
        out.push(
            Diagnostic::new(
                &HARDCODED_KEY,
                ctx.path,
                key.anchor.clone(),
                format!("Hardcoded OpenRouter API key `{}`{how}", key.redacted),
            )
            .with_label("hardcoded key")
            .with_help(HELP)
            .with_fix(
                (key.parts.len() == 1)
                    .then(|| env_read(ctx, key.anchor.clone()))
                    .flatten(),
            ),
        );
    }
    for literal in &ctx.facts.keys.literals {
        out.push(
            Diagnostic::new(
                &HARDCODED_KEY,
                ctx.path,
                literal.range.clone(),
                format!(
                    "Hardcoded API key `{}` given as {}",
                    literal.redacted, literal.given_as
                ),
            )
            .with_label("hardcoded key")
            .with_help(HELP)
            .with_fix(env_read(ctx, literal.range.clone())),
        );
    }
}

/// The environment variable the fix reads the key from.
const KEY_VARIABLE: &str = "OPENROUTER_API_KEY";

/// Replaces the string literal whose contents are `content` with an environment read: only a
/// plain literal (no prefix, no triple quotes) that the model knows is stored under a
/// key-named name or given to a client as its key.
fn env_read(ctx: &RuleContext<'_>, content: Range<usize>) -> Option<Fix> {
    let (dialect, text, keys) = (ctx.dialect()?, ctx.text, &ctx.facts.keys);
    let known = keys.key_like.iter().any(|(range, _)| *range == content)
        || keys.literals.iter().any(|l| l.range == content);
    if !known {
        return None;
    }
    let quote = text[..content.start].chars().next_back()?;
    if !matches!(quote, '"' | '\'' | '`') || !text[content.end..].starts_with(quote) {
        return None;
    }
    let open = content.start - 1;
    // `r"…"`, `f"…"`, `"""…"""`, a tagged template: not a plain literal.
    let before = text[..open].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == quote) {
        return None;
    }
    let literal = open..content.end + 1;
    let mut edits = Vec::new();
    let read = match dialect {
        Dialect::EcmaScript => format!("process.env.{KEY_VARIABLE}"),
        Dialect::Python => {
            let quote = if quote == '`' { '"' } else { quote };
            if !imports_os(text) {
                edits.push(Edit::insert(import_position(text)?, "import os\n"));
            }
            format!("os.environ[{quote}{KEY_VARIABLE}{quote}]")
        }
    };
    edits.push(Edit::replace(literal, read));
    Some(Fix::new(
        Applicability::Unsafe,
        format!("Read the key from the `{KEY_VARIABLE}` environment variable"),
        edits,
    ))
}

/// Whether a Python file imports `os` under its own name at the top level.
fn imports_os(text: &str) -> bool {
    static IMPORT_OS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^import\s+(?:[\w.]+\s*,\s*)*os\s*(?:,|$|#)").expect("valid regex")
    });
    IMPORT_OS.is_match(text)
}

/// Where `import os` goes: before the first top-level import (after `from __future__`
/// imports), else after the leading comments. `None` when the file opens with a docstring
/// and has no imports (placing it would take parsing the docstring).
fn import_position(text: &str) -> Option<usize> {
    static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s)").expect("valid regex")
    });
    let mut offset = 0;
    let mut after_comments = None;
    let mut after_future = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed.starts_with("from __future__ import") {
            after_future = Some(offset + line.len());
        } else if IMPORT.is_match(trimmed) {
            return Some(after_future.unwrap_or(offset));
        } else if after_comments.is_none() && !trimmed.starts_with('#') && !trimmed.is_empty() {
            after_comments = Some(offset);
        }
        offset += line.len();
    }
    if let Some(after) = after_future {
        return Some(after);
    }
    let at = after_comments.unwrap_or(text.len());
    let rest = &text[at..];
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") || rest.starts_with(['"', '\'']) {
        return None;
    }
    Some(at)
}
