use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::facts::{PrefValue, Prefs, RequestSite};
use crate::fix::literal;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule, routing};

declare_rule! {
    /// ## What it does
    /// In files that handle regulated data, finds OpenRouter requests whose routing
    /// preferences are known and set neither `data_collection: "deny"` nor `zdr: true`
    /// (a request with no preferences at all counts: it gets OpenRouter's defaults).
    ///
    /// ## Why it matters
    /// OpenRouter's default is `data_collection: "allow"`: requests may go to providers that
    /// store prompts and train on them. Account-level privacy settings can change that, but
    /// they live outside the code and outside review; for regulated data the request itself
    /// should say so. `zdr: true` restricts routing to zero-data-retention endpoints.
    ///
    /// ## Example
    /// ```python
    /// # services/billing/summary.py
    /// client.chat.completions.create(model=m, messages=msgs,
    ///     extra_body={"provider": {"only": ["anthropic"]}})
    /// ```
    ///
    /// ## How to fix
    /// ```python
    /// extra_body={"provider": {"only": ["anthropic"], "data_collection": "deny"}}   # or "zdr": True
    /// ```
    /// ```ts
    /// providerOptions: { openrouter: { provider: { only: ["anthropic"], zdr: true } } }
    /// ```
    ///
    /// ## Fix safety
    /// When the request has a `provider` object written as a literal in the call, the fix
    /// sets `data_collection: "deny"` in it (a `provider` object in a constant that other
    /// requests share is not edited: the finding is about this request). It is unsafe:
    /// providers that store prompts are no longer used, so a request that only they can
    /// serve fails.
    ///
    /// ## Configuration
    /// Active only when regulated paths are configured (`[policy] regulated`, or a zone with
    /// `regulated = true`).
    pub static DATA_COLLECTION_ALLOWED = Rule {
        code: "OR009",
        name: "data-collection-allowed",
        severity: Severity::Warning,
        summary: "Request in a regulated path that allows providers to store or train on prompts",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::RegulatedPaths,
        tags: &["security", "compliance", "privacy", "openrouter"],
        precision: "high",
        security_severity: "6.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.policy.regulated {
        return;
    }
    for site in &ctx.facts.sites {
        if site.uses_preset {
            continue;
        }
        match &site.prefs {
            Prefs::Unknown => continue,
            Prefs::Known(prefs) => {
                let denies = matches!(prefs.get("data_collection").map(|e| &e.value), Some(PrefValue::Str(v)) if v == "deny");
                let zdr = matches!(
                    prefs.get("zdr").map(|e| &e.value),
                    Some(PrefValue::Bool(true))
                );
                let unknown = [prefs.get("data_collection"), prefs.get("zdr")]
                    .iter()
                    .flatten()
                    .any(|e| e.value == PrefValue::Unknown);
                if denies || zdr || unknown || !prefs.complete {
                    continue;
                }
            }
            Prefs::Absent => {}
        }
        out.push(
            Diagnostic::new(
                &DATA_COLLECTION_ALLOWED,
                ctx.path,
                site.callee.clone(),
                "Request in a regulated path lets providers store and train on prompts (OpenRouter's default `data_collection: \"allow\"`)",
            )
            .with_label("data collection allowed")
            .with_help(format!(
                "Set `data_collection: \"deny\"` or `zdr: true` in the routing preferences: {}",
                routing::where_provider_goes(site.shape)
            ))
            .with_site(site)
            .with_fix(deny_data_collection(ctx, site)),
        );
    }
}

/// Sets `data_collection` to `"deny"` in a `provider` object written as a literal in the call
/// (the finding is about this request: a constant other requests share is not edited).
fn deny_data_collection(ctx: &RuleContext<'_>, site: &RequestSite) -> Option<Fix> {
    let (Prefs::Known(prefs), shape) = (&site.prefs, site.shape) else {
        return None;
    };
    let written = prefs.written.as_ref()?;
    if written.span.start < site.call.start || site.call.end < written.span.end {
        return None;
    }
    let quote = literal::quote_in(ctx.text, &written.span);
    let deny = literal::string("deny", quote);
    let edits = routing::set_preference(ctx, prefs, shape, "data_collection", &deny)?;
    Some(Fix::new(
        Applicability::Unsafe,
        format!(
            "Set `{}` to \"deny\"",
            routing::spelt(shape, "data_collection")
        ),
        edits,
    ))
}
