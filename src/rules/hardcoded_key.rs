use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::fix::literal::Dialect;
use crate::language::{FileKind, Language};
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
    /// `os.environ["OPENROUTER_API_KEY"]` (adding `import os` after the module's docstring and
    /// `from __future__` imports when nothing binds `os` yet) or
    /// `process.env.OPENROUTER_API_KEY` (in TypeScript `process.env.OPENROUTER_API_KEY!`, a
    /// `string` as the literal was, and an `as const` after the literal goes with it). It is
    /// unsafe: the program now needs that variable set. The fix does not revoke the key,
    /// which has leaked all the same.
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
    let found = secrets::find_keys(ctx.text, &ctx.facts.concatenations);
    for key in &ctx.facts.keys.built {
        // Pieces joined by `+` between literals alone are the concatenation scan's.
        let seen = found.iter().any(|f| {
            key.parts
                .iter()
                .all(|p| f.parts.iter().any(|q| q.start <= p.start && p.end <= q.end))
        });
        if seen {
            continue;
        }
        out.push(
            Diagnostic::new(
                &HARDCODED_KEY,
                ctx.path,
                key.anchor.clone(),
                format!(
                    "Hardcoded OpenRouter API key `{}` (assembled from string pieces)",
                    key.redacted
                ),
            )
            .with_label("hardcoded key")
            .with_help(HELP),
        );
    }
    for key in found {
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
    let mut literal = open..content.end + 1;
    let mut edits = Vec::new();
    let read = match dialect {
        Dialect::EcmaScript => {
            let typed = matches!(
                ctx.kind,
                FileKind::Code(Language::TypeScript | Language::Tsx)
            );
            if typed {
                // `<const>"…"` would need the assertion removed as well: left to a person.
                if text[..open].trim_end().ends_with("<const>") {
                    return None;
                }
                // `"…" as const` asserts a literal type an environment read cannot have
                // (TS1355): the assertion goes with the literal.
                if let Some(assertion) = const_assertion(&text[literal.end..]) {
                    literal.end += assertion;
                }
                // `string`, as the literal was: `string | undefined` would not type-check
                // where a string is required.
                format!("process.env.{KEY_VARIABLE}!")
            } else {
                format!("process.env.{KEY_VARIABLE}")
            }
        }
        Dialect::Python => {
            let quote = if quote == '`' { '"' } else { quote };
            let imports = python_imports(text)?;
            if !imports.binds_os {
                edits.push(Edit::insert(imports.insert_at, "import os\n"));
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

/// The length of ` as const` at the start of `after`, if it is there.
fn const_assertion(after: &str) -> Option<usize> {
    let rest = after.trim_start();
    let rest = rest.strip_prefix("as")?;
    let rest_trimmed = rest.trim_start();
    if rest_trimmed.len() == rest.len() {
        return None;
    }
    let rest_after = rest_trimmed.strip_prefix("const")?;
    if rest_after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
        return None;
    }
    Some(after.len() - rest_after.len())
}

/// What the fix needs to know of a Python module's top-level imports.
struct PythonImports {
    /// `import os` (or `import os.path`, which binds `os` too) at the top level.
    binds_os: bool,
    /// Where `import os` goes: at the start of the line of the first top-level import, after
    /// the module's docstring and `from __future__` imports; else after those (and after a
    /// byte order mark).
    insert_at: usize,
}

/// Reads the module's top-level statements with the parser. `None` when the file does not
/// parse or the place for the import is not at the start of a line.
fn python_imports(text: &str) -> Option<PythonImports> {
    let tree = crate::parse::parse(Language::Python, text)?;
    let root = tree.root_node();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut binds_os = false;
    // After the leading comments (a shebang, an encoding cookie, a licence header), the
    // docstring and `from __future__` imports: what must stay first.
    let mut after_preamble = bom;
    let mut first_import = None;
    let mut statements = 0;
    let mut cursor = root.walk();
    for statement in root.named_children(&mut cursor) {
        let kind = statement.kind();
        if kind == "comment" {
            if statements == 0 && first_import.is_none() {
                after_preamble = line_after(text, statement.end_byte());
            }
            continue;
        }
        statements += 1;
        match kind {
            "expression_statement"
                if statements == 1
                    && statement.named_child_count() == 1
                    && statement
                        .named_child(0)
                        .is_some_and(|c| c.kind() == "string") =>
            {
                after_preamble = line_after(text, statement.end_byte());
            }
            "future_import_statement" => after_preamble = line_after(text, statement.end_byte()),
            "import_statement" => {
                let mut names = statement.walk();
                binds_os |= statement
                    .children_by_field_name("name", &mut names)
                    .any(|name| {
                        name.kind() == "dotted_name"
                            && text[name.byte_range()].split('.').next() == Some("os")
                            || name.kind() == "aliased_import"
                                && name
                                    .child_by_field_name("alias")
                                    .is_some_and(|a| &text[a.byte_range()] == "os")
                    });
                first_import.get_or_insert(statement.start_byte());
            }
            "import_from_statement" => {
                first_import.get_or_insert(statement.start_byte());
            }
            _ => {}
        }
    }
    let insert_at = match first_import {
        Some(at) => line_start(text, at).max(after_preamble),
        None => after_preamble,
    };
    // The import must start a line of its own.
    let at_line_start = insert_at == bom || text[..insert_at].ends_with(['\n', '\r']);
    at_line_start.then_some(PythonImports {
        binds_os,
        insert_at,
    })
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The start of the line after the one holding `offset` (the end of the text if there is
/// none), past a `\r\n`.
fn line_after(text: &str, offset: usize) -> usize {
    match text[offset..].find(['\n', '\r']) {
        Some(i) => {
            let end = offset + i;
            if text[end..].starts_with("\r\n") {
                end + 2
            } else {
                end + 1
            }
        }
        None => text.len(),
    }
}
