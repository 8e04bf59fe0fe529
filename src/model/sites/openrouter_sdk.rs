//! OpenRouter's own SDKs: `@openrouter/sdk` and `@openrouter/agent` (TypeScript, camelCase
//! keys the SDK converts) and `openrouter` (Python, snake_case).

use super::{SiteParts, collect_models, provider_at, slot_in};
use crate::facts::{Prefs, Shape};
use crate::model::Family;
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::Call;
use crate::model::prefs::KeyStyle;

/// The global name alone is ambiguous with llama-index's class: only imported ones count.
pub(super) fn construct(callee: &Value) -> Option<Client> {
    callee
        .is_ref(
            &["@openrouter/sdk", "@openrouter/agent", "openrouter"],
            &["OpenRouter", "default"],
            false,
        )
        .then_some(Client {
            kind: ClientKind::OpenRouterSdk,
            openrouter: true,
            base_path: None,
        })
}

pub(super) fn method(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[&str],
) -> Option<SiteParts> {
    let request_method = matches!(
        path,
        [
            "chat",
            "send" | "send_async" | "complete" | "complete_async"
        ] | ["completions", "generate"]
            | ["beta", "responses", "send"]
            | ["responses", "send"]
            | ["callModel"]
    );
    (client.kind == ClientKind::OpenRouterSdk && request_method).then(|| request(ev, call))
}

fn request(ev: &Evaluator<'_>, call: &Call) -> SiteParts {
    match ev.family {
        Family::Python => {
            let mut parts = SiteParts::new(Shape::OpenRouterSdkPython);
            let kw = ev.keywords(call);
            let request = kw
                .get("request")
                .and_then(|e| e.value.as_object().cloned())
                .unwrap_or(kw);
            collect_models(&request, &mut parts);
            parts.prefs = provider_at(&request, KeyStyle::Wire, &mut parts.misplaced);
            parts.provider_slot = slot_in(&request, &[]);
            parts
        }
        Family::EcmaScript => {
            let mut parts = SiteParts::new(Shape::OpenRouterSdkTs);
            let Some(Value::Object(arg)) = ev.options_arg(call, 0) else {
                parts.prefs = Prefs::Unknown;
                return parts;
            };
            // Three request wrappers exist across SDK versions: flat, `chatRequest`,
            // `chatGenerationParams`.
            let request = ["chatRequest", "chatGenerationParams", "request"]
                .iter()
                .find_map(|k| arg.get(k))
                .map(|e| e.value.clone());
            let body = match request {
                Some(Value::Object(inner)) => inner,
                Some(_) => {
                    parts.prefs = Prefs::Unknown;
                    return parts;
                }
                None => arg,
            };
            collect_models(&body, &mut parts);
            parts.prefs = provider_at(&body, KeyStyle::Converted, &mut parts.misplaced);
            parts.provider_slot = slot_in(&body, &[]);
            parts
        }
    }
}
