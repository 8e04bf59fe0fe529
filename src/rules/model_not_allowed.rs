use crate::diagnostic::Diagnostic;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds model ids, including each entry of a `models` fallback list, that are outside the
    /// allowed models for the file's path. Patterns are globs (`anthropic/*`,
    /// `openai/gpt-4o*`) matched after stripping wrapper prefixes (`openrouter/…` from LiteLLM
    /// or instructor, `openrouter:` from pydantic-ai). Model ids from environment reads are
    /// judged by their literal default; ids orlint cannot resolve are not judged.
    ///
    /// ## Why it matters
    /// The allowed-models list is where a compliance team records which model vendors have
    /// been reviewed. A request for another model (or a fallback list that reaches one, or
    /// `openrouter/auto`, which picks any model) sends data to a vendor nobody reviewed.
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(model="deepseek/deepseek-chat", messages=msgs)
    /// ```
    /// ```ts
    /// await client.chat.completions.create({ model: "anthropic/claude-sonnet-4", models: ["x-ai/grok-4"], messages });
    /// ```
    ///
    /// ## How to fix
    /// Use an allowed model, or have the model reviewed and add it to `allowed-models`.
    ///
    /// ## Configuration
    /// Active only when allowed models are configured (empty or absent: off):
    /// ```toml
    /// [policy]
    /// allowed-models = ["anthropic/*", "openai/gpt-4o*"]
    ///
    /// [[policy.zone]]
    /// paths = ["services/phi/**"]
    /// allowed-models = ["anthropic/claude-*"]
    /// ```
    pub static MODEL_NOT_ALLOWED = Rule {
        code: "OR007",
        name: "model-not-allowed",
        severity: Severity::Error,
        summary: "Model outside the allowed models for this path",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_literals: false,
        requires: Requirement::AllowedModels,
        tags: &["compliance", "openrouter", "model-governance"],
        precision: "high",
        security_severity: "5.5",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(allowed) = ctx.policy.allowed_models else {
        return;
    };
    let mut seen = Vec::new();
    for site in &ctx.facts.sites {
        for model in &site.models {
            // A preset's model is chosen in OpenRouter's settings, not here.
            if model.id.starts_with("@preset/")
                || allowed.allows(&model.id)
                || seen.contains(&model.span)
            {
                continue;
            }
            seen.push(model.span.clone());
            out.push(
                Diagnostic::new(
                    &MODEL_NOT_ALLOWED,
                    ctx.path,
                    model.span.clone(),
                    format!("Model `{}` is not allowed for this path", model.id),
                )
                .with_label("not allowed")
                .with_help(format!(
                    "Allowed here: {}. Use an allowed model, or have this one reviewed and add it to `[policy] allowed-models`",
                    allowed.patterns.join(", ")
                ))
                .with_site(site),
            );
        }
    }
}
