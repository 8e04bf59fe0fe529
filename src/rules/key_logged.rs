use crate::diagnostic::Diagnostic;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds log calls that write the OpenRouter API key, whole or in part: `print`,
    /// `logging.*` / `logger.*` / `log.*`, `console.*`, `warnings.warn`,
    /// `sys.stdout.write` / `process.stderr.write`, `pprint` and `rich.print`, with the key
    /// anywhere in their arguments: in an f-string or template literal, a `%` or `.format()`
    /// argument, a concatenation, a slice (`key[:8]`, `key.slice(0, 10)`), `repr`/`str`, or
    /// an object or dict logged whole (`console.log({ apiKey })`, `logger.info(headers)` where
    /// the headers hold `Authorization: Bearer <key>`).
    ///
    /// "The key" is an environment read of a variable whose name mentions OpenRouter and
    /// ends in `KEY` (`os.environ[…]`, `os.getenv`, `process.env.X`, `import.meta.env.X`,
    /// `decouple.config`, pydantic settings fields), any variable the file passes to an
    /// OpenRouter client or request as its key (`OPENAI_API_KEY` for a repointed OpenAI
    /// SDK), the `api_key` of an OpenRouter client, and whatever is bound from them:
    /// variables, constants, `self.api_key` / `this.apiKey`, parameters, dict entries,
    /// values imported from the project's files. A name that says it holds the OpenRouter
    /// key (`settings.openrouter_api_key`) counts when its value is not a known literal.
    ///
    /// Not a leak: presence and length checks (`bool(key)`, `!!key`, `len(key)`,
    /// `key.length`, `key ? "set" : "missing"`, `key.startsWith("sk-or-")`), slices that keep
    /// at most four characters (`key[:4] + "…"`, `key.slice(-4)`), and calls of functions
    /// orlint does not see into (a masking helper).
    ///
    /// ## Why it matters
    /// Logs are copied to places with far wider access than the secret store: CI output,
    /// log aggregators, error trackers, screenshots in bug reports. A prefix is a leak too:
    /// eight characters of a key narrow it down, identify the account, and are often followed
    /// by the rest in a later debug line. Secret scanners cannot see this, because the log
    /// line holds a variable, not a key.
    ///
    /// ## Example
    /// ```python
    /// print(f"OpenRouter key: {OPENROUTER_API_KEY[:8]}...")
    /// logger.debug("headers: %s", headers)   # {"Authorization": f"Bearer {key}"}
    /// ```
    /// ```ts
    /// console.log("key", process.env.OPENROUTER_API_KEY?.slice(0, 10));
    /// ```
    ///
    /// ## How to fix
    /// Log whether the key is set, never its value:
    /// ```python
    /// print(f"OpenRouter key set: {bool(OPENROUTER_API_KEY)}")
    /// ```
    /// ```ts
    /// console.log("key", process.env.OPENROUTER_API_KEY ? "set" : "missing");
    /// ```
    /// If a key was logged where others can read the logs, rotate it at
    /// <https://openrouter.ai/settings/keys>.
    ///
    /// ## Configuration
    /// None.
    pub static KEY_LOGGED = Rule {
        code: "OR008",
        name: "key-logged",
        severity: Severity::Error,
        summary: "OpenRouter API key (whole or in part) written to a log",
        tokens: crate::model::keys::KEY_NAME_TOKENS,
        needs_sites: false,
        needs_model_choices: false,
        needs_keys: true,
        requires: Requirement::Nothing,
        tags: &["security", "secrets", "logging", "external/cwe/cwe-532"],
        precision: "high",
        security_severity: "7.5",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for logged in &ctx.facts.keys.logged {
        let what = if logged.partial {
            "part of the OpenRouter API key"
        } else {
            "the OpenRouter API key"
        };
        let mut diagnostic = Diagnostic::new(
            &KEY_LOGGED,
            ctx.path,
            logged.sink.clone(),
            format!("`{}` logs {what} ({})", logged.sink_name, logged.key),
        )
        .with_label(if logged.partial {
            "logs part of the key"
        } else {
            "logs the key"
        })
        .with_help(
            "Log whether the key is set (`bool(key)`, `key ? \"set\" : \"missing\"`), never its \
             value or a prefix of it; rotate the key if these logs were shared.",
        );
        if let Some(read_at) = &logged.read_at {
            diagnostic = diagnostic.with_related(read_at.clone(), "the key is read here");
        }
        out.push(diagnostic);
    }
}
