use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::facts::{ModelRef, RequestSite};
use crate::language::FileKind;
use crate::policy::is_free_model;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// In files that handle regulated data, finds free models: a model id with a `free`
    /// variant segment (`vendor/model:free`, also `vendor/model:free:nitro`) or the Free Models
    /// Router `openrouter/free`, in any model position (the model argument, a `models`
    /// fallback list, `openrouter("…")`, an environment read's default) or as a model-id-shaped
    /// string constant. Wrapper prefixes (`openrouter/…` from LiteLLM or instructor,
    /// `openrouter:` from pydantic-ai) are looked through. In config files of a regulated path
    /// (`.env`, YAML, JSON, TOML, INI), free model ids are reported too.
    ///
    /// ## Why it matters
    /// Free endpoints are paid for with data: their providers commonly log prompts and may
    /// train on them, they have their own (smaller) rate limits and context windows, and
    /// `openrouter/free` picks a random free model per request. None of that is acceptable for
    /// payment data, health records or anything under a data-processing agreement.
    ///
    /// ## Example
    /// ```python
    /// # services/billing/summary.py
    /// client.chat.completions.create(model="meta-llama/llama-3.3-70b-instruct:free", messages=msgs)
    /// ```
    /// ```ts
    /// // services/billing/summary.ts
    /// await generateText({ model: openrouter("openrouter/free"), prompt });
    /// ```
    ///
    /// ## How to fix
    /// Use the paid endpoint of an approved model (and pin its providers, see OR002/OR003):
    /// ```python
    /// client.chat.completions.create(model="meta-llama/llama-3.3-70b-instruct", messages=msgs,
    ///     extra_body={"provider": {"only": ["together"], "data_collection": "deny"}})
    /// ```
    ///
    /// ## Configuration
    /// Active only when regulated paths are configured:
    /// ```toml
    /// [policy]
    /// regulated = ["services/billing/**", "**/phi/**"]   # globs relative to the config file
    ///
    /// [[policy.zone]]          # or per zone
    /// paths = ["services/phi/**"]
    /// regulated = true
    /// ```
    pub static FREE_MODEL_REGULATED = Rule {
        code: "OR004",
        name: "free-model-regulated",
        severity: Severity::Error,
        summary: "Free model (`:free` or `openrouter/free`) in code that handles regulated data",
        tokens: &[":free", "openrouter/free"],
        needs_sites: true,
        needs_model_literals: true,
        requires: Requirement::RegulatedPaths,
        tags: &["security", "compliance", "privacy", "openrouter"],
        precision: "high",
        security_severity: "7.5",
        check: check,
    };
}

/// Config files where a model id is configuration, not prose.
const CONFIG_EXTENSIONS: [&str; 7] = ["json", "yaml", "yml", "toml", "ini", "cfg", "env"];

static MODEL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:openrouter[/:])?~?[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*(?::[a-z0-9-]+)*")
        .expect("model token regex is valid")
});

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.policy.regulated {
        return;
    }
    let mut found: Vec<(ModelRef, Option<&RequestSite>)> = Vec::new();
    for site in &ctx.facts.sites {
        for model in &site.models {
            add_free(&mut found, model, Some(site));
        }
    }
    for model in &ctx.facts.model_literals {
        add_free(&mut found, model, None);
    }
    if ctx.kind == FileKind::Text && is_config_file(ctx.path) {
        for m in MODEL_TOKEN.find_iter(ctx.text) {
            let model = ModelRef {
                id: m.as_str().to_string(),
                span: m.range(),
            };
            add_free(&mut found, &model, None);
        }
    }
    found.sort_by_key(|(m, _)| m.span.start);
    for (model, site) in found {
        let what = if model.id.ends_with("openrouter/free") {
            "the Free Models Router"
        } else {
            "a free model"
        };
        let diagnostic = Diagnostic::new(
                &FREE_MODEL_REGULATED,
                ctx.path,
                model.span.clone(),
                format!("`{}` is {what}, in a path that handles regulated data", model.id),
            )
            .with_label("free model")
            .with_help(
                "Free endpoints may log prompts and train on them: use the paid endpoint of an approved model \
                 (drop `:free`), with pinned providers and `data_collection: \"deny\"`",
            );
        out.push(match site {
            Some(site) => diagnostic.with_site(site),
            None => diagnostic,
        });
    }
}

/// Records a free model once per place it is written.
fn add_free<'a>(
    found: &mut Vec<(ModelRef, Option<&'a RequestSite>)>,
    model: &ModelRef,
    site: Option<&'a RequestSite>,
) {
    if is_free_model(&model.id) && !found.iter().any(|(f, _)| f.span == model.span) {
        found.push((model.clone(), site));
    }
}

fn is_config_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with(".env")
        || name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| CONFIG_EXTENSIONS.contains(&ext))
}
