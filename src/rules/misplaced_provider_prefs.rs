use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::facts::{MisplacedKey, Misplacement};
use crate::fix::literal::{self, Dialect};
use crate::model::prefs;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule, routing};

declare_rule! {
    /// ## What it does
    /// Finds routing preferences placed where OpenRouter or the SDK ignores or rejects them:
    /// - `provider=` passed as a keyword argument to openai-python, which raises
    ///   `TypeError: create() got an unexpected keyword argument 'provider'`;
    /// - `order`, `only`, `ignore`, `allow_fallbacks` (or any provider key) directly under the
    ///   AI SDK's `providerOptions.openrouter`, instead of under its `provider`: sent at the top
    ///   level of the body, where OpenRouter ignores them;
    /// - camelCase keys such as `allowFallbacks` in a raw HTTP or OpenAI SDK body (camelCase is
    ///   right only for `@openrouter/sdk`, which converts it);
    /// - unknown keys inside `provider`, such as `allow_fallback`, `fallbacks` or `providers`.
    ///
    /// ## Why it matters
    /// These mistakes fail silently (or crash at run time): the code reads as if routing were
    /// pinned, reviewers approve it, and every request is load-balanced across all providers
    /// with fallbacks on. Public issue trackers are full of them (openrouter-examples#15,
    /// ai-sdk-provider#153).
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(model=m, messages=msgs, provider={"order": ["anthropic"]})
    /// ```
    /// ```ts
    /// await generateText({ model, prompt, providerOptions: { openrouter: { order: ["anthropic"] } } });
    /// await fetch(url, { method: "POST", body: JSON.stringify({ model, messages, provider: { allowFallbacks: false } }) });
    /// ```
    ///
    /// ## How to fix
    /// ```python
    /// client.chat.completions.create(model=m, messages=msgs, extra_body={"provider": {"order": ["anthropic"]}})
    /// ```
    /// ```ts
    /// await generateText({ model, prompt, providerOptions: { openrouter: { provider: { order: ["anthropic"] } } } });
    /// body: JSON.stringify({ model, messages, provider: { allow_fallbacks: false } })
    /// ```
    ///
    /// ## Fix safety
    /// Where the keys are written as literals in the file, the fix moves them where OpenRouter
    /// reads them: `provider=` into `extra_body={"provider": …}` (into an existing literal
    /// `extra_body`, or renaming the argument), keys under `providerOptions.openrouter` into
    /// its `provider` object (created when missing), camelCase keys to their snake_case names,
    /// and misspelt keys (a letter or two off) to the right ones. It is unsafe: the routing
    /// that was ignored starts to apply, so requests may go to other providers, or fail.
    /// Unknown keys that are not misspellings (`providers`) have no fix: only a person knows
    /// what was meant.
    ///
    /// ## Configuration
    /// None. orlint judges the request's other routing rules on the preferences as they really
    /// reach OpenRouter (a misplaced `order` counts as absent) and does not also report OR003.
    pub static MISPLACED_PROVIDER_PREFS = Rule {
        code: "OR010",
        name: "misplaced-provider-prefs",
        severity: Severity::Error,
        summary: "Routing preferences placed where OpenRouter or the SDK ignores or rejects them",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::Nothing,
        tags: &["correctness", "compliance", "openrouter", "provider-routing"],
        precision: "high",
        security_severity: "6.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for site in &ctx.facts.sites {
        for key in &site.misplaced {
            let (message, help) = match &key.problem {
                Misplacement::ProviderKeyword => (
                    "openai-python rejects `provider=`: `TypeError: got an unexpected keyword argument 'provider'`".to_string(),
                    format!("Pass OpenRouter fields in the request body: {}", routing::where_provider_goes(site.shape)),
                ),
                Misplacement::OutsideProvider { wire } => (
                    format!(
                        "OpenRouter ignores `{}` directly under `providerOptions.openrouter`; it reads `providerOptions.openrouter.provider.{wire}`",
                        key.key
                    ),
                    format!("Move it under `provider`: providerOptions: {{ openrouter: {{ provider: {{ {wire}: ... }} }} }}"),
                ),
                Misplacement::CamelCase { wire } => (
                    format!("OpenRouter ignores `{}`; it reads `{wire}`", key.key),
                    format!("Rename `{}` to `{wire}` (only `@openrouter/sdk` converts camelCase keys)", key.key),
                ),
                Misplacement::UnknownKey { suggestion } => (
                    match suggestion {
                        Some(s) => format!("OpenRouter ignores unknown provider key `{}`; did you mean `{s}`?", key.key),
                        None => format!("OpenRouter ignores unknown provider key `{}`", key.key),
                    },
                    "Use OpenRouter's provider keys: order, only, ignore, allow_fallbacks, require_parameters, \
                     data_collection, zdr, sort, quantizations, max_price"
                        .to_string(),
                ),
            };
            out.push(
                Diagnostic::new(
                    &MISPLACED_PROVIDER_PREFS,
                    ctx.path,
                    key.span.clone(),
                    message,
                )
                .with_label("has no effect")
                .with_help(help)
                .with_site(site)
                .with_fix(fix(ctx, key)),
            );
        }
    }
}

/// The edit that puts the key where OpenRouter reads it, when the objects are literals here.
fn fix(ctx: &RuleContext<'_>, key: &MisplacedKey) -> Option<Fix> {
    let dialect = ctx.dialect()?;
    let within = key.within.as_ref()?;
    let index = within.entries.iter().position(|e| e.key_span == key.span)?;
    let entry = &within.entries[index];
    let text = ctx.text;
    let has = |object: &crate::facts::ObjectLiteral, name: &str| {
        object.entries.iter().any(|e| e.key == name)
    };
    let (title, edits) = match &key.problem {
        Misplacement::CamelCase { wire } => {
            if has(within, wire) {
                return None;
            }
            (
                format!("Rename `{}` to `{wire}`", key.key),
                vec![literal::rename_key(text, entry, wire)],
            )
        }
        Misplacement::UnknownKey {
            suggestion: Some(wire),
        } => {
            if has(within, wire) || !prefs::is_misspelling(&key.key, wire) {
                return None;
            }
            (
                format!("Rename `{}` to `{wire}`", key.key),
                vec![literal::rename_key(text, entry, wire)],
            )
        }
        Misplacement::UnknownKey { suggestion: None } => return None,
        Misplacement::OutsideProvider { .. } => {
            let written = &text[entry.key_span.start..entry.value_span.end];
            let value = &text[entry.value_span.clone()];
            let edits = match &key.destination {
                Some(provider) if !has(provider, &key.key) => {
                    let name = &text[entry.key_span.clone()];
                    let mut edits = literal::insert_entry(text, provider, name, value);
                    edits.push(literal::remove_entry(text, within, index));
                    edits
                }
                Some(_) => return None,
                // No `provider` yet: the entry becomes one.
                None if has(within, "provider") => return None,
                None => {
                    let provider = literal::key(text, dialect, within, "provider");
                    vec![Edit::replace(
                        entry.key_span.start..entry.value_span.end,
                        format!("{provider}: {{ {written} }}"),
                    )]
                }
            };
            (format!("Move `{}` under `provider`", key.key), edits)
        }
        Misplacement::ProviderKeyword => {
            if dialect != Dialect::Python {
                return None;
            }
            let value = &text[entry.value_span.clone()];
            let quote = literal::quote_in(text, &within.span);
            let provider = literal::string("provider", quote);
            let edits = match &key.destination {
                Some(extra) if !has(extra, "provider") => {
                    let mut edits = literal::insert_entry(text, extra, &provider, value);
                    edits.push(literal::remove_entry(text, within, index));
                    edits
                }
                Some(_) => return None,
                None if has(within, "extra_body") => return None,
                None => vec![
                    Edit::replace(entry.key_span.clone(), "extra_body"),
                    Edit::insert(entry.value_span.start, format!("{{{provider}: ")),
                    Edit::insert(entry.value_span.end, "}"),
                ],
            };
            ("Pass `provider` in `extra_body`".to_string(), edits)
        }
    };
    Some(Fix::new(Applicability::Unsafe, title, edits))
}
