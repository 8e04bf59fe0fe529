use crate::diagnostic::Diagnostic;
use crate::facts::{PrefValue, Prefs};
use crate::policy::provider_approved;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds providers named in a request's `provider.order` or `provider.only` that are not
    /// in the approved providers for the file's path. Provider names compare
    /// case-insensitively and across OpenRouter's two spellings (display name
    /// `Google AI Studio` = slug `google-ai-studio`), and an approved base slug covers its
    /// endpoint variants (`google-vertex` covers `google-vertex/us-east5`).
    ///
    /// ## Why it matters
    /// Which providers may see your data is a contract question: data-processing agreements,
    /// residency, sub-processor lists. A provider in `order` or `only` that is not on the
    /// approved list is one a request can be sent to.
    ///
    /// ## Example
    /// ```python
    /// extra_body={"provider": {"only": ["anthropic", "deepinfra"]}}   # deepinfra is not approved
    /// ```
    /// ```ts
    /// provider: { order: ["Together"], allow_fallbacks: false }     // not approved
    /// ```
    ///
    /// ## How to fix
    /// Route only to approved providers, or get the provider approved and add it to the list:
    /// ```python
    /// extra_body={"provider": {"only": ["anthropic"]}}
    /// ```
    ///
    /// ## Configuration
    /// Active only when approved providers are configured (empty or absent: off):
    /// ```toml
    /// [policy]
    /// approved-providers = ["anthropic", "openai", "Google AI Studio"]
    ///
    /// [[policy.zone]]              # stricter lists per path; first matching zone wins
    /// paths = ["services/phi/**"]
    /// approved-providers = ["anthropic"]
    /// ```
    pub static UNAPPROVED_PROVIDER = Rule {
        code: "OR006",
        name: "unapproved-provider",
        severity: Severity::Error,
        summary: "Provider in `order`/`only` that is not approved for this path",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::ApprovedProviders,
        tags: &["security", "compliance", "openrouter", "provider-routing"],
        precision: "very-high",
        security_severity: "7.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(approved) = ctx.policy.approved_providers else {
        return;
    };
    for site in &ctx.facts.sites {
        let Prefs::Known(prefs) = &site.prefs else {
            continue;
        };
        for key in ["order", "only"] {
            let Some(PrefValue::List { items, .. }) = prefs.get(key).map(|e| &e.value) else {
                continue;
            };
            for (provider, span) in items {
                if provider_approved(provider, approved) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &UNAPPROVED_PROVIDER,
                        ctx.path,
                        span.clone(),
                        format!("Provider `{provider}` in `{key}` is not approved for this path"),
                    )
                    .with_label("not approved")
                    .with_help(format!(
                        "Approved here: {}. Route only to approved providers, or have `{provider}` approved and add it to `[policy] approved-providers`",
                        approved.join(", ")
                    ))
                    .with_site(site),
                );
            }
        }
    }
}
