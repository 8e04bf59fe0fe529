use crate::diagnostic::Diagnostic;
use crate::facts::{ModelRef, RequestSite};
use crate::policy::{is_free_model, is_placeholder_model};
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// In files that handle regulated data, finds free models: a model id with a `free`
    /// variant segment (`vendor/model:free`, also `vendor/model:free:nitro`) or the Free Models
    /// Router `openrouter/free`, wherever the code or its configuration **chooses** a model.
    /// Wrapper prefixes (`openrouter/…` from LiteLLM or instructor, `openrouter:` from
    /// pydantic-ai) are looked through. Each literal gives at most one finding: a constant
    /// that is also a request's model is reported once, where it is written; a request that
    /// uses a model id written in another file is reported (pointing at where the id is
    /// written) only when that file's own finding is not part of the run, as when a
    /// pre-commit hook lints the request's file alone.
    ///
    /// ### What counts
    /// - The model of a request or model constructor: `model=`, each `models` entry,
    ///   `openrouter("…")`, `ChatOpenRouter("…")`, LiteLLM `openrouter/…`, pydantic-ai
    ///   `openrouter:…`, an environment read's default.
    /// - A value kept under a name that says it is the model choice (the word `model` or
    ///   `models` in any spelling: `model`, `DEFAULT_MODEL`, `summaryModelId`, `model_id`,
    ///   `FALLBACK_MODELS`, `MODELS_LIST`): a variable, constant, attribute, class field,
    ///   dict or object key, keyword argument, parameter default or environment variable,
    ///   including list, tuple and set elements, the values of a table of choices
    ///   (`MODELS = {"fast": "…:free"}`), the `id` of each record in a menu of models
    ///   (`FREE_MODELS = [{"id": "…:free", "name": …}]`) and comma-separated parts
    ///   (`os.getenv("MODELS", "a:free,b")`).
    /// - A value that flows there: through a variable, a random pick from a list, a `??` or
    ///   `or` fallback (`process.env.MODEL ?? "…:free"`).
    /// - In config files (`.env`, JSON, YAML, TOML, INI/CFG, Dockerfile `ENV`/`ARG`): the
    ///   value of a key named as above, at any depth, with its list elements and
    ///   comma-separated parts; and the string values of a table or mapping under such a
    ///   key (`[models]` / `default = "…"`). A file that does not parse (a Helm template) is
    ///   read line by line as `key: value` / `key = value`.
    ///
    /// ### What does not count
    /// - Comparisons, membership and suffix tests, assertions: `model == "…:free"`,
    ///   `model in (…)`, `id.endsWith(":free")`, `assert f(x) == "…"`,
    ///   `expect(x).toBe("…")`.
    /// - Collections whose name says the models are excluded: a name containing `block`,
    ///   `blacklist`, `deny`/`denied`, `exclu`, `disallow`, `reject`, `forbid`, `ignore`,
    ///   `unsupported`, `deprecated`, or the word `ban`/`banned` (`DIRECT_UPLOAD_BLOCKLIST`,
    ///   `DENIED_MODELS`, `excludeModels`); names that negate (`NOT_A_MODEL`), name a
    ///   catalogue identity (`model_variant_slug`) or what models can do
    ///   (`VISION_CAPABLE_MODELS`, `PHASE_SUPPORTED_MODELS`: words `supported`, `capable`,
    ///   `compatible`), or test data standing in for the API (`MOCK_MODELS_RESPONSE`: words
    ///   `mock`, `fake`, `stub`, `fixture`, `response`).
    /// - Placeholders that no provider serves: a one-letter or placeholder vendor (`a/b`,
    ///   `test/…`, `example/…`, `fake/…`, `some/…`, `provider/…`, `unknown/…`), a model named
    ///   `model` (`custom/model`), or one starting with `test`, `example`, `fake`, `mock`,
    ///   `dummy` or `placeholder` (`openrouter/test-model`).
    /// - Arguments of functions that are not requests or model constructors
    ///   (`is_zdr_capable("…:free")`), unless they flow into a model position.
    /// - Responses and stored records: an object or mapping with `choices`, `usage`,
    ///   `created`, `finish_reason`, `message_timestamp`, `delta`, both `role` and `content`, or
    ///   `object: "chat.completion…"` (a mocked response, a saved chat-message row).
    /// - Data files: any config file larger than 256 KiB (a dump of OpenRouter's model
    ///   catalogue), lockfiles (a file name containing `lock`), and in config files the
    ///   fields of records (a mapping with an `id`, `slug` or `canonical_slug` key) other than
    ///   their own model-named keys, even in a list under a model-named key. Prose (`.md`,
    ///   `.txt`) never counts.
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
    /// FALLBACK_MODELS = ["qwen/qwen3-coder:free"]            # a choice: reported
    /// BLOCKED_MODELS = {"qwen/qwen3-coder:free"}             # an exclusion: not reported
    /// assert pick() == "qwen/qwen3-coder:free"               # an assertion: not reported
    /// ```
    /// ```ts
    /// // services/billing/summary.ts
    /// await generateText({ model: openrouter("openrouter/free"), prompt });
    /// const reply = { model: "qwen/qwen3-coder:free", choices: [] };  // a response: not reported
    /// ```
    /// ```yaml
    /// # services/billing/settings.yaml
    /// llm:
    ///   fallback_models: [qwen/qwen3-coder:free]             # reported
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
        needs_model_choices: true,
        needs_keys: false,
        requires: Requirement::RegulatedPaths,
        tags: &["security", "compliance", "privacy", "openrouter"],
        precision: "high",
        security_severity: "7.5",
        check: check,
    };
}

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
    for model in &ctx.facts.model_choices {
        add_free(&mut found, model, None);
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
            Some(site) => diagnostic.with_site(site).with_model(&model),
            None => diagnostic,
        });
    }
}

/// Records a free model once per place it is written: a literal that is a request's model and
/// also stored under a model-named variable gives one finding, pointing at the request.
fn add_free<'a>(
    found: &mut Vec<(ModelRef, Option<&'a RequestSite>)>,
    model: &ModelRef,
    site: Option<&'a RequestSite>,
) {
    if is_free_model(&model.id)
        && !is_placeholder_model(&model.id)
        && !found.iter().any(|(f, _)| f.span == model.span)
    {
        found.push((model.clone(), site));
    }
}
