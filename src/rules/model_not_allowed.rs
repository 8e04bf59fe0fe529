use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::facts::ModelRef;
use crate::policy::is_placeholder_model;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds model ids outside the allowed models for the file's path, wherever the code or
    /// its configuration **chooses** a model. Patterns are globs (`anthropic/*`,
    /// `openai/gpt-4o*`) matched after stripping wrapper prefixes (`openrouter/…` from
    /// LiteLLM or instructor, `openrouter:` from pydantic-ai). Model ids from environment
    /// reads are judged by their literal default; ids orlint cannot resolve are not judged;
    /// a preset (`@preset/…`) is chosen in OpenRouter's settings and not judged. Each literal
    /// gives at most one finding.
    ///
    /// ### What counts
    /// - The model of a request or model constructor, and each entry of its `models`
    ///   fallback list (`openrouter/auto`, which may pick any model, included).
    /// - A value kept under a name that says it is the model choice (`model`,
    ///   `DEFAULT_MODEL`, `summaryModelId`, `model_id`, `FALLBACK_MODELS`, …), with its list
    ///   elements and comma-separated parts, and a value that flows there (a variable, a
    ///   random pick from a list, a `??`/`or` fallback).
    /// - In config files (`.env`, JSON, YAML, TOML, INI/CFG, Dockerfile `ENV`/`ARG`): the
    ///   value of a key named as above, at any depth.
    ///
    /// Outside a request, `vendor/model` may just as well name a Hugging Face model: such a
    /// choice is judged only in a file that mentions OpenRouter (or imports what does), or
    /// when the id itself is OpenRouter's (a `:variant`, an `openrouter/…` router).
    ///
    /// ### What does not count
    /// The same as for OR004 (`orlint explain OR004`): comparisons, membership and suffix
    /// tests and assertions; collections named as exclusions (`BLOCKED_MODELS`,
    /// `denylist`, `excludeModels`) or capabilities (`VISION_CAPABLE_MODELS`); arguments of
    /// functions that are not requests; responses and stored records (`choices`, `usage`,
    /// `created`, `role`+`content`, …); config files larger than 256 KiB, lockfiles, and the
    /// fields of catalogue records (`id`, `slug`, `canonical_slug`); placeholders no provider
    /// serves (`test/model`, `a/b`, `custom/model`). A model id a request uses from another
    /// file is reported where it is written when that file's finding is part of the run.
    ///
    /// ## Why it matters
    /// The allowed-models list is where a compliance team records which model vendors have
    /// been reviewed. A request for another model (or a fallback list that reaches one, or
    /// `openrouter/auto`, which picks any model) sends data to a vendor nobody reviewed.
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(model="deepseek/deepseek-chat", messages=msgs)
    /// SUMMARY_MODEL = os.getenv("SUMMARY_MODEL", "x-ai/grok-4")    # a choice: judged
    /// BLOCKED_MODELS = {"x-ai/grok-4"}                              # an exclusion: not judged
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
        needs_model_choices: true,
        needs_keys: false,
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
    let judged = |model: &ModelRef, seen: &[Range<usize>]| {
        // A preset's model is chosen in OpenRouter's settings, not here.
        !(model.id.starts_with("@preset/")
            || allowed.allows(&model.id)
            || is_placeholder_model(&model.id)
            || seen.contains(&model.span))
    };
    let diagnostic = |model: &ModelRef| {
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
    };
    let mut seen = Vec::new();
    for site in &ctx.facts.sites {
        for model in &site.models {
            if judged(model, &seen) {
                seen.push(model.span.clone());
                out.push(diagnostic(model).with_site(site).with_model(model));
            }
        }
    }
    for model in &ctx.facts.model_choices {
        // Outside a request, `vendor/model` is only an OpenRouter model in a file about
        // OpenRouter (elsewhere it may be a Hugging Face model), unless the id itself is
        // OpenRouter's: a `:variant` or an `openrouter/` router.
        let openrouters = model.id.contains(':') || model.id.starts_with("openrouter/");
        if (ctx.facts.mentions_openrouter || openrouters) && judged(model, &seen) {
            seen.push(model.span.clone());
            out.push(diagnostic(model));
        }
    }
}
