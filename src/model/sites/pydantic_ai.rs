//! pydantic-ai: models and providers are values; the `Agent` bound to an OpenRouter model is
//! the site.

use super::{SiteParts, base_is_openrouter, model_ref, options};
use crate::facts::{ModelRef, Prefs, Shape};
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::Call;
use crate::model::prefs::{self, KeyStyle};

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    let client = |kind, openrouter| Client {
        kind,
        openrouter,
        base_path: None,
    };
    if callee.is_ref(&["pydantic_ai"], &["OpenRouterProvider"], false) {
        return Some(client(ClientKind::OpenAi, true));
    }
    if callee.is_ref(&["pydantic_ai"], &["OpenAIProvider"], false) {
        let options = options(ev, call);
        return Some(client(
            ClientKind::OpenAi,
            base_is_openrouter(&options, &["base_url"]),
        ));
    }
    let openrouter_model = callee.is_ref(&["pydantic_ai"], &["OpenRouterModel"], false);
    if !openrouter_model
        && !callee.is_ref(&["pydantic_ai"], &["OpenAIModel", "OpenAIChatModel"], false)
    {
        return None;
    }
    let kw = ev.keywords(call);
    let model = call
        .positional(0)
        .or_else(|| call.keyword("model_name"))
        .map_or(Value::Unknown(ev.span(&call.span)), |e| ev.eval(e));
    let provider = kw.get("provider").map(|e| &e.value);
    let provider_is_or = matches!(provider, Some(Value::Client(c)) if c.openrouter)
        || matches!(provider, Some(v) if v.as_str() == Some("openrouter"));
    let openrouter =
        openrouter_model || provider_is_or || base_is_openrouter(&Some(kw.clone()), &["base_url"]);
    let settings = kw.get("settings").map(|e| Box::new(e.value.clone()));
    Some(client(
        ClientKind::PydanticModel {
            model: Box::new(model),
            settings,
        },
        openrouter,
    ))
}

pub(super) fn function(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    if !callee.is_ref(&["pydantic_ai"], &["Agent"], false) {
        return None;
    }
    let kw = ev.keywords(call);
    let model = call
        .positional(0)
        .map(|e| ev.eval(e))
        .or_else(|| kw.get("model").map(|e| e.value.clone()))?;
    let mut parts = SiteParts::new(Shape::PydanticAi);
    let mut model_settings = None;
    match &model {
        Value::Client(Client {
            kind: ClientKind::PydanticModel { model, settings },
            openrouter: true,
            ..
        }) => {
            parts.models.extend(model_ref(model));
            model_settings = settings.as_deref().cloned();
        }
        other => {
            let (id, span) = other.literal_or_default()?;
            if !id.starts_with("openrouter:") {
                return None;
            }
            parts.models.push(ModelRef {
                id: id.to_string(),
                span,
                written_at: other.written().map(super::super::eval::Written::location),
            });
        }
    }
    let settings = kw
        .get("model_settings")
        .map(|e| e.value.clone())
        .or(model_settings);
    parts.prefs = match settings {
        Some(Value::Object(settings)) => match settings.get("openrouter_provider") {
            Some(entry) => prefs::read_provider(&entry.value, KeyStyle::Wire, &mut parts.misplaced),
            None if settings.complete => Prefs::Absent,
            None => Prefs::Unknown,
        },
        Some(_) => Prefs::Unknown,
        None if kw.complete => Prefs::Absent,
        None => Prefs::Unknown,
    };
    Some(parts)
}
