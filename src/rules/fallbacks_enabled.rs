use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::facts::{PrefValue, Prefs, ProviderPrefs, Shape};
use crate::rules::{Requirement, RuleContext, Severity, declare_rule, routing};

declare_rule! {
    /// ## What it does
    /// Finds OpenRouter requests that list providers in `provider.order` but leave fallbacks
    /// on: `allow_fallbacks` missing (its default is `true`) or set to `true`, without an
    /// `only` allowlist. Also reports `allow_fallbacks: true` written out without `only`.
    ///
    /// ## Why it matters
    /// `order` only says which providers to *try first*. With fallbacks on, when those
    /// providers are down, rate-limited or cannot serve the request, OpenRouter silently sends
    /// the prompt to any other provider hosting the model, including ones your data-processing
    /// agreements do not cover. Teams write `order` believing it pins providers; it does not.
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(
    ///     model="anthropic/claude-sonnet-4",
    ///     messages=messages,
    ///     extra_body={"provider": {"order": ["anthropic", "amazon-bedrock"]}},
    /// )
    /// ```
    /// ```ts
    /// await fetch("https://openrouter.ai/api/v1/chat/completions", {
    ///   method: "POST",
    ///   body: JSON.stringify({ model, messages, provider: { order: ["anthropic"], allow_fallbacks: true } }),
    /// });
    /// ```
    ///
    /// ## How to fix
    /// Turn fallbacks off, so OpenRouter returns an error instead of rerouting:
    /// ```python
    /// extra_body={"provider": {"order": ["anthropic", "amazon-bedrock"], "allow_fallbacks": False}}
    /// ```
    /// or restrict the providers with `only` (a hard allowlist):
    /// ```ts
    /// provider: { only: ["anthropic", "amazon-bedrock"] }
    /// ```
    /// With `@openrouter/sdk` the key is `allowFallbacks`.
    ///
    /// ## Fix safety
    /// When the `provider` object is written as a literal in the file, the fix sets
    /// `allow_fallbacks` to false (adding the key, or changing `true`). It is unsafe: requests
    /// that used to fall back to another provider will fail instead.
    ///
    /// ## Configuration
    /// None. Preferences orlint cannot resolve in the file (a parameter, a function result,
    /// an import) are not judged.
    pub static FALLBACKS_ENABLED = Rule {
        code: "OR002",
        name: "fallbacks-enabled",
        severity: Severity::Error,
        summary: "Provider order set with fallbacks still on: OpenRouter may reroute to any provider",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::Nothing,
        tags: &["security", "compliance", "openrouter", "provider-routing"],
        precision: "high",
        security_severity: "6.5",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for site in &ctx.facts.sites {
        let Prefs::Known(prefs) = &site.prefs else {
            continue;
        };
        if prefs.get("only").is_some() || !prefs.complete {
            // `only` is a hard allowlist; an incomplete object may hide one.
            continue;
        }
        let fallbacks = prefs.get("allow_fallbacks");
        let order = prefs.get("order");
        let allow_key = routing::spelt(site.shape, "allow_fallbacks");
        let (anchor, message) = match (fallbacks.map(|f| &f.value), order) {
            (Some(PrefValue::Bool(false)) | Some(PrefValue::Unknown), _) => continue,
            (Some(PrefValue::Bool(true)), _) => (
                fallbacks.map(|f| f.key_span.clone()),
                format!(
                    "`{allow_key}` is true: when the listed providers cannot serve a request, OpenRouter sends it to any other provider"
                ),
            ),
            (Some(_), Some(_)) => (
                fallbacks.map(|f| f.key_span.clone()),
                format!(
                    "`{allow_key}` is not `false`: OpenRouter may fall back to providers outside `order`"
                ),
            ),
            (None, Some(order)) => (
                Some(order.key_span.clone()),
                format!(
                    "`order` without `{allow_key}: false` only sets preference: OpenRouter falls back to any other provider"
                ),
            ),
            _ => continue,
        };
        let Some(anchor) = anchor else { continue };
        let fix = fallbacks_off(ctx, prefs, site.shape);
        out.push(
            Diagnostic::new(&FALLBACKS_ENABLED, ctx.path, anchor, message)
                .with_label("fallbacks stay on")
                .with_help(format!(
                    "Set `{allow_key}` to false so OpenRouter returns an error instead of rerouting \
                     ({}), or list the allowed providers in `only`",
                    routing::pinned_example(site.shape)
                ))
                .with_site(site)
                .with_fix(fix),
        );
    }
}

/// Sets `allow_fallbacks` to false in the object as written.
fn fallbacks_off(ctx: &RuleContext<'_>, prefs: &ProviderPrefs, shape: Shape) -> Option<Fix> {
    let off = ctx.dialect()?.bool(false);
    let edits = routing::set_preference(ctx, prefs, shape, "allow_fallbacks", off)?;
    Some(Fix::new(
        Applicability::Unsafe,
        format!(
            "Set `{}` to false",
            routing::spelt(shape, "allow_fallbacks")
        ),
        edits,
    ))
}
