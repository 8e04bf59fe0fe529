use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::facts::{Prefs, RequestSite, Shape};
use crate::fix::literal::{self, Dialect};
use crate::rules::{Requirement, RuleContext, Severity, declare_rule, routing};

declare_rule! {
    /// ## What it does
    /// Finds OpenRouter requests that send no routing preferences: no `provider` object at
    /// all, or one with neither `order` nor `only`.
    ///
    /// ## Why it matters
    /// Without routing preferences OpenRouter load-balances each request across every
    /// provider that hosts the model, weighted by price and uptime, and falls back to the rest.
    /// Which company processes a prompt is then decided per request, at run time, outside your
    /// code review. For regulated data that is a finding in itself: you cannot show an auditor
    /// where the data went.
    ///
    /// Requests whose preferences orlint cannot see (built from a parameter or another file)
    /// and requests using a preset (`@preset/…`, whose routing lives in OpenRouter's settings)
    /// are not reported. When OR010 reports misplaced routing keys on the same request, this
    /// rule stays quiet: one root cause, one finding.
    ///
    /// ## Example
    /// ```python
    /// client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
    /// client.chat.completions.create(model="openai/gpt-4o", messages=messages)
    /// ```
    /// ```ts
    /// const { text } = await generateText({ model: openrouter("openai/gpt-4o"), prompt });
    /// ```
    ///
    /// ## How to fix
    /// Name the providers you have agreements with, and turn fallbacks off (see OR002):
    /// ```python
    /// client.chat.completions.create(
    ///     model="openai/gpt-4o",
    ///     messages=messages,
    ///     extra_body={"provider": {"order": ["openai", "azure"], "allow_fallbacks": False}},
    /// )
    /// ```
    /// ```ts
    /// await generateText({
    ///   model: openrouter("openai/gpt-4o"),
    ///   prompt,
    ///   providerOptions: { openrouter: { provider: { only: ["openai", "azure"] } } },
    /// });
    /// ```
    ///
    /// ## Fix safety
    /// When `[policy] approved-providers` is set for the file, the fix adds
    /// `provider: {only: [<approved>]}` to the request body or `extra_body` written as a
    /// literal in the call (creating `extra_body` for openai-python), or `only` to a literal
    /// `provider` object written in the call. It is offered only when the request's models
    /// are known and each is one whose own company's hosting is approved (`openai/…` served
    /// by `openai` or `azure`, `anthropic/…` by `anthropic`, `amazon-bedrock` or
    /// `google-vertex`, and so on), and the list names only those providers: an `only` list
    /// no provider of the model is in would make every request fail. Open-weight models
    /// (`meta-llama/…`, `qwen/…`), `:free` variants and routers are served by hosts orlint
    /// cannot know from the code: no fix. Nor is a body, `extra_body` or `provider` object
    /// shared through a constant edited (the fix would change every request that uses it).
    /// For openai-node in TypeScript the entry is added as `...{ provider: {...} }`, which
    /// the SDK's request types accept (a plain `provider:` entry fails to type-check). It is
    /// unsafe: requests that used to fall back to other providers now fail instead.
    ///
    /// ## Configuration
    /// None.
    pub static MISSING_PROVIDER_ORDER = Rule {
        code: "OR003",
        name: "missing-provider-order",
        severity: Severity::Warning,
        summary: "OpenRouter request without provider routing: any provider may serve it",
        tokens: crate::model::EVIDENCE_TOKENS,
        needs_sites: true,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::Nothing,
        tags: &["security", "compliance", "openrouter", "provider-routing"],
        precision: "high",
        security_severity: "5.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for site in &ctx.facts.sites {
        if site.uses_preset || !site.misplaced.is_empty() {
            continue;
        }
        let message = match &site.prefs {
            Prefs::Unknown => continue,
            Prefs::Absent => {
                "OpenRouter request without routing preferences: OpenRouter picks the provider per request"
            }
            Prefs::Known(prefs) => {
                if prefs.get("order").is_some() || prefs.get("only").is_some() || !prefs.complete {
                    continue;
                }
                "OpenRouter request whose `provider` preferences set neither `order` nor `only`: any provider may serve it"
            }
        };
        out.push(
            Diagnostic::new(&MISSING_PROVIDER_ORDER, ctx.path, site.callee.clone(), message)
                .with_label("no provider routing")
                .with_help(format!(
                    "Pin the providers you have agreements with: {} with `order` (and `allow_fallbacks: false`) or `only`",
                    routing::where_provider_goes(site.shape)
                ))
                .with_site(site)
                .with_fix(only_approved(ctx, site)),
        );
    }
}

/// Restricts the request to the approved providers: `only` in its `provider` object, or a
/// new `provider` object where the request would send one.
fn only_approved(ctx: &RuleContext<'_>, site: &RequestSite) -> Option<Fix> {
    let approved = ctx.policy.approved_providers.filter(|p| !p.is_empty())?;
    let dialect = ctx.dialect()?;
    let text = ctx.text;
    let approved = able_to_serve(approved, site)?;
    let approved = approved.as_slice();
    let in_call =
        |span: &std::ops::Range<usize>| site.call.start <= span.start && span.end <= site.call.end;
    let list = |quote: char| {
        let items: Vec<String> = approved.iter().map(|p| literal::string(p, quote)).collect();
        format!("[{}]", items.join(", "))
    };
    let edits = match &site.prefs {
        Prefs::Known(prefs) => {
            let written = prefs.written.as_ref().filter(|w| in_call(&w.span))?;
            let quote = literal::quote_in(text, &written.span);
            routing::set_preference(ctx, prefs, site.shape, "only", &list(quote))?
        }
        Prefs::Absent => {
            let slot = site.provider_slot.as_ref()?;
            let object = &slot.object;
            if !in_call(&object.span) {
                return None;
            }
            let quote = literal::quote_in(text, &object.span);
            let provider = match dialect {
                Dialect::Python => {
                    format!("{{{}: {}}}", literal::string("only", quote), list(quote))
                }
                Dialect::EcmaScript => {
                    let only = literal::key(text, dialect, object, "only");
                    format!("{{ {only}: {} }}", list(quote))
                }
            };
            // The entries around it, innermost first: `{"provider": {...}}` inside
            // `extra_body=`, `{ openrouter: { provider: {...} } }` inside `providerOptions:`.
            let mut value = provider;
            let mut key = "provider";
            for outer in slot.wrap.iter().rev() {
                let inner = match dialect {
                    Dialect::Python => literal::string(key, quote),
                    Dialect::EcmaScript => key.to_string(),
                };
                value = match dialect {
                    Dialect::Python => format!("{{{inner}: {value}}}"),
                    Dialect::EcmaScript => format!("{{ {inner}: {value} }}"),
                };
                key = outer;
            }
            let key = literal::key(text, dialect, object, key);
            let typed = matches!(
                ctx.kind,
                crate::language::FileKind::Code(
                    crate::language::Language::TypeScript | crate::language::Language::Tsx
                )
            );
            if site.shape == Shape::OpenAiNode && typed && slot.wrap.is_empty() {
                // openai-node's request types have no `provider`: a spread entry is not
                // checked against them (a written one fails to compile, TS2769).
                literal::insert_raw_entry(text, object, &format!("...{{ {key}: {value} }}"))
            } else {
                literal::insert_entry(text, object, &key, &value)
            }
        }
        Prefs::Unknown => return None,
    };
    Some(Fix::new(
        Applicability::Unsafe,
        format!(
            "Route only to the approved providers that serve the model ({})",
            approved.join(", ")
        ),
        edits,
    ))
}

/// Which companies' own hosting serves a model, by the model's author: the only providers
/// orlint can tell will serve it from the id alone. `None` for models hosted by others too
/// (open-weight models are served by many hosts the code does not name), `:free` variants
/// (their endpoints are their own) and OpenRouter's routers.
fn first_party_hosts(model: &str) -> Option<&'static [&'static str]> {
    let model = crate::policy::strip_model_prefix(model);
    let (id, variant) = match model.split_once(':') {
        Some((id, variant)) => (id, Some(variant)),
        None => (model, None),
    };
    if matches!(variant, Some("free")) {
        return None;
    }
    let (author, _) = id.split_once('/')?;
    Some(match author {
        "openai" => &["openai", "azure"],
        "anthropic" => &["anthropic", "amazon-bedrock", "google-vertex"],
        "google" => &["google-vertex", "google-ai-studio"],
        "mistralai" => &["mistral"],
        "x-ai" => &["xai"],
        "cohere" => &["cohere"],
        "deepseek" => &["deepseek"],
        "perplexity" => &["perplexity"],
        "amazon" => &["amazon-bedrock"],
        "ai21" => &["ai21"],
        _ => return None,
    })
}

/// The approved providers that can serve the request's models (in the configured order),
/// when every model is known and served by at least one of them.
fn able_to_serve(approved: &[String], site: &RequestSite) -> Option<Vec<String>> {
    if site.models.is_empty() {
        return None;
    }
    let mut hosts: Vec<&str> = Vec::new();
    for model in &site.models {
        let serving = first_party_hosts(&model.id)?;
        if !approved.iter().any(|a| serving.contains(&a.as_str())) {
            return None;
        }
        hosts.extend(serving);
    }
    let able: Vec<String> = approved
        .iter()
        .filter(|a| hosts.contains(&a.as_str()))
        .cloned()
        .collect();
    (!able.is_empty()).then_some(able)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_first_party_hosts_are_known_to_serve_a_model() {
        assert_eq!(
            first_party_hosts("openai/gpt-4o"),
            Some(&["openai", "azure"][..])
        );
        assert_eq!(
            first_party_hosts("openrouter/anthropic/claude-sonnet-4:nitro").map(|h| h[0]),
            Some("anthropic")
        );
        for unknown in [
            "minimax/minimax-m2.5",
            "meta-llama/llama-3.3-70b-instruct:free",
            "openai/gpt-oss-20b:free",
            "openrouter/auto",
            "gpt-4o",
        ] {
            assert_eq!(first_party_hosts(unknown), None, "{unknown}");
        }
    }
}
