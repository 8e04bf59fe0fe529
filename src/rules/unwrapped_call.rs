use crate::diagnostic::Diagnostic;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds OpenRouter requests made outside the organisation's audit wrapper: calls that are
    /// not lexically inside a function, method or class whose name matches one of the
    /// `wrappers` patterns, in a file that is not one of the `wrapper-paths`. A call inside
    /// an anonymous function passed to a wrapper (`withAudit(() => client.send(…))`) is
    /// wrapped. The message names where the call is: the enclosing function, or for an
    /// anonymous one the call it is passed to (``in the callback passed to `app.post` ``),
    /// or `in an anonymous function`.
    ///
    /// ## Why it matters
    /// Compliance teams route every LLM call through one wrapper that logs who sent what to
    /// which model and provider, applies redaction, and enforces budgets. A direct call to the
    /// SDK skips all of that: the request leaves no audit record, and nobody can answer "which
    /// customer data went to which provider" for it.
    ///
    /// ## Example
    /// ```python
    /// def summarise(ticket):
    ///     return client.chat.completions.create(model="openai/gpt-4o", messages=[...])
    /// ```
    /// ```ts
    /// export async function summarise(ticket: string) {
    ///   return generateText({ model: openrouter("openai/gpt-4o"), prompt: ticket });
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Call the model through the audited wrapper (here `audited_completion`), or move the call
    /// into it:
    /// ```python
    /// def summarise(ticket):
    ///     return audited_completion(model="openai/gpt-4o", messages=[...])
    /// ```
    /// ```ts
    /// export const auditedGenerate = (options: GenerateOptions) => generateText(options); // the wrapper
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [policy]
    /// wrappers = ["*audit*"]            # globs on function, method or class names (case-insensitive); default ["*audit*"]
    /// wrapper-paths = ["src/llm/gateway.py"]   # files that implement the wrapper (relative to the config file)
    /// ```
    pub static UNWRAPPED_CALL = Rule {
        code: "OR005",
        name: "unwrapped-call",
        severity: Severity::Warning,
        summary: "OpenRouter call outside the audit wrapper",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::Nothing,
        tags: &["compliance", "audit", "openrouter"],
        precision: "medium",
        security_severity: "4.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.facts.sites.is_empty() {
        return;
    }
    let policy = &ctx.settings.policy;
    if policy.in_wrapper_path(ctx.absolute_path) {
        return;
    }
    let patterns = policy
        .wrappers
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for site in &ctx.facts.sites {
        // A call of a helper whose request is a site on its own was reported there; a request
        // that goes through a wrapper (around the call, or the helper itself) is audited.
        if site.judged_at_helper
            || site
                .request
                .as_ref()
                .is_some_and(|r| policy.in_wrapper_path(&r.file))
            || site
                .enclosing
                .iter()
                .chain(&site.via)
                .any(|name| policy.is_wrapper(name))
        {
            continue;
        }
        let place = &site.place;
        out.push(
            Diagnostic::new(
                &UNWRAPPED_CALL,
                ctx.path,
                site.callee.clone(),
                format!("OpenRouter call {place} bypasses the audit wrapper (no enclosing function matches {patterns})"),
            )
            .with_label("not audited")
            .with_help(
                "Call the model through the audited wrapper, or configure `[policy] wrappers` (name globs) \
                 and `wrapper-paths` (files that implement it)",
            )
            .with_site(site),
        );
    }
}
