//! openai-python and openai-node pointed at OpenRouter, including openai-python's
//! module-level client and its pre-1.0 API.

use super::{
    SiteParts, base_is_openrouter, collect_models, key_is_openrouter, openai_shape, options,
    provider_at, provider_in, slot_in,
};
use crate::facts::{MisplacedKey, Misplacement, Prefs, Shape};
use crate::model::Family;
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::{Call, Expr};
use crate::model::prefs::{self, KeyStyle};
use crate::model::url;

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    if !callee.is_ref(&["openai"], &["OpenAI", "AsyncOpenAI", "default"], true) {
        return None;
    }
    let options = options(ev, call);
    let openrouter = base_is_openrouter(&options, &["base_url", "baseURL"])
        || key_is_openrouter(&options, &["api_key", "apiKey"]);
    Some(Client {
        kind: ClientKind::OpenAi,
        openrouter,
        base_path: None,
    })
}

pub(super) fn method(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[&str],
) -> Option<SiteParts> {
    match &client.kind {
        ClientKind::OpenAi if client.openrouter && is_request_method(path) => {
            Some(request(ev, call, openai_shape(ev)))
        }
        _ => None,
    }
}

pub(super) fn is_request_method(path: &[&str]) -> bool {
    matches!(
        path,
        ["chat", "completions", "create" | "parse" | "stream"]
            | ["completions", "create"]
            | ["embeddings", "create"]
            | ["responses", "create" | "stream" | "parse"]
            | ["beta", "chat", "completions", "parse" | "stream" | "create"]
    )
}

/// openai-python (`extra_body={"provider": …}`; `provider=` is a TypeError) or openai-node
/// (`provider` in the body object).
pub(super) fn request(ev: &Evaluator<'_>, call: &Call, shape: Shape) -> SiteParts {
    let mut parts = SiteParts::new(shape);
    match ev.family {
        Family::Python => {
            let kw = ev.keywords(call);
            collect_models(&kw, &mut parts);
            if let Some(entry) = kw.get("provider") {
                let extra_body = match kw.get("extra_body").map(|e| &e.value) {
                    Some(Value::Object(extra)) => prefs::written(extra),
                    _ => None,
                };
                parts.misplaced.push(MisplacedKey {
                    key: entry.key.clone(),
                    span: entry.key_span.clone(),
                    problem: Misplacement::ProviderKeyword,
                    within: prefs::written(&kw),
                    destination: extra_body,
                });
            }
            parts.prefs = provider_in(&kw, &["extra_body"], KeyStyle::Wire, &mut parts.misplaced);
            if let Some(extra) = kw.get("extra_body").and_then(|e| e.value.as_object()) {
                collect_models(extra, &mut parts);
                parts.provider_slot = slot_in(extra, &[]);
            } else if kw.get("extra_body").is_none() {
                parts.provider_slot = slot_in(&kw, &["extra_body"]);
            }
        }
        Family::EcmaScript => {
            let body = ev.options_arg(call, 0);
            match body.as_ref().and_then(Value::as_object) {
                Some(body) => {
                    collect_models(body, &mut parts);
                    parts.prefs = provider_at(body, KeyStyle::Wire, &mut parts.misplaced);
                    parts.provider_slot = slot_in(body, &[]);
                }
                None => parts.prefs = Prefs::Unknown,
            }
        }
    }
    parts
}

/// openai-python's module-level client (`openai.base_url = …`) and the pre-1.0 API
/// (`openai.api_base = …; openai.ChatCompletion.create(…)`).
pub(super) fn function(
    ev: &Evaluator<'_>,
    call: &Call,
    callee: &Value,
    full: &[&str],
) -> Option<SiteParts> {
    if callee.module() != Some("openai") {
        return None;
    }
    // The alias the file uses for the module (`import openai as oa`), to find `oa.api_base = …`.
    let alias = call.callee.dotted()?.first().map(|s| s.to_string())?;
    let module_setting = |attr: &str| {
        let expr = Expr::Attr {
            object: Box::new(Expr::Name(alias.clone(), call.span.clone())),
            name: attr.to_string(),
            span: call.span.start..call.span.start,
            name_span: call.span.clone(),
        };
        ev.eval(&expr)
            .literal_or_default()
            .is_some_and(|(text, _)| url::is_openrouter(text))
    };
    match full {
        [
            "openai",
            "ChatCompletion" | "Completion",
            "create" | "acreate",
        ] if module_setting("api_base") => {
            let mut parts = SiteParts::new(Shape::OpenAiLegacyPython);
            let kw = ev.keywords(call);
            collect_models(&kw, &mut parts);
            // Before 1.0 every keyword argument went into the body: `provider=` is right here.
            parts.prefs = provider_at(&kw, KeyStyle::Wire, &mut parts.misplaced);
            Some(parts)
        }
        ["openai", rest @ ..] if is_request_method(rest) && module_setting("base_url") => {
            Some(request(ev, call, Shape::OpenAiPython))
        }
        _ => None,
    }
}
