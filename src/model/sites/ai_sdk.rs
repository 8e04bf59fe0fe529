//! The Vercel AI SDK with `@openrouter/ai-sdk-provider` (or `createOpenAI` pointed at
//! OpenRouter): providers and models are values; `generateText`/`streamText`/… are the sites.

use super::{SiteParts, base_is_openrouter, collect_models_list, model_ref, options, slot_in};
use crate::facts::{MisplacedKey, Prefs, ProviderSlot, Shape};
use crate::model::eval::{Client, ClientKind, Evaluator, Obj, Value};
use crate::model::ir::Call;
use crate::model::prefs::{self, KeyStyle};

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    let client = |kind| Client {
        kind,
        openrouter: true,
        base_path: None,
    };
    if callee.is_ref(
        &["@openrouter/ai-sdk-provider"],
        &["createOpenRouter"],
        true,
    ) {
        let settings = call.positional(0).map(|e| Box::new(ev.eval(e)));
        return Some(client(ClientKind::AiSdkProvider {
            settings,
            openai_compatible: false,
        }));
    }
    if callee.is_ref(&["@ai-sdk/openai"], &["createOpenAI"], false) {
        let options = options(ev, call);
        return base_is_openrouter(&options, &["baseURL"]).then(|| {
            client(ClientKind::AiSdkProvider {
                settings: None,
                openai_compatible: true,
            })
        });
    }
    // `openrouter("id", settings)` / `openrouter.chat("id")` with the default instance.
    if callee.is_ref(&["@openrouter/ai-sdk-provider"], &["openrouter"], false)
        || callee.is_ref(
            &["@openrouter/ai-sdk-provider"],
            &["chat", "languageModel", "completion"],
            false,
        )
    {
        return Some(model(ev, call, None, false));
    }
    match callee {
        Value::Client(Client {
            kind:
                ClientKind::AiSdkProvider {
                    settings,
                    openai_compatible,
                },
            ..
        }) => Some(model(ev, call, settings.clone(), *openai_compatible)),
        Value::Method {
            client: provider,
            path,
        } => match &provider.kind {
            ClientKind::AiSdkProvider {
                settings,
                openai_compatible,
            } if matches!(path.as_slice(), [m] if matches!(m.as_str(), "chat" | "languageModel" | "completion" | "responses")) => {
                Some(model(ev, call, settings.clone(), *openai_compatible))
            }
            _ => None,
        },
        _ => None,
    }
}

fn model(
    ev: &Evaluator<'_>,
    call: &Call,
    provider_settings: Option<Box<Value>>,
    openai_compatible: bool,
) -> Client {
    let model = call
        .positional(0)
        .map_or(Value::Unknown(ev.span(&call.span)), |e| ev.eval(e));
    let settings = call.positional(1).map(|e| Box::new(ev.eval(e)));
    Client {
        kind: ClientKind::AiSdkModel {
            model: Box::new(model),
            settings,
            provider_settings,
            openai_compatible,
        },
        openrouter: true,
        base_path: None,
    }
}

pub(super) fn function(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    if !callee.is_ref(
        &["ai"],
        &[
            "generateText",
            "streamText",
            "generateObject",
            "streamObject",
        ],
        true,
    ) {
        return None;
    }
    let Some(Value::Object(options)) = ev.options_arg(call, 0) else {
        return None;
    };
    let Value::Client(Client {
        kind:
            ClientKind::AiSdkModel {
                model,
                settings,
                provider_settings,
                openai_compatible,
            },
        ..
    }) = &options.get("model")?.value
    else {
        return None;
    };
    let mut parts = SiteParts::new(Shape::AiSdk);
    parts.models.extend(model_ref(model));
    if let Some(Value::Object(settings)) = settings.as_deref() {
        collect_models_list(settings, &mut parts);
    }
    if *openai_compatible {
        // `createOpenAI` has no way to send `provider`: OpenRouter's defaults apply.
        parts.prefs = Prefs::Absent;
        return Some(parts);
    }
    // The provider builds the body as `{...extraBody (provider), ...extraBody (model),
    // provider: settings.provider, ...providerOptions.openrouter}`: the last source that sets
    // `provider` wins as a whole.
    let mut prefs = Prefs::Absent;
    let consider =
        |value: Option<&Value>, prefs: &mut Prefs, misplaced: &mut Vec<MisplacedKey>| match value {
            Some(Value::Object(obj)) => {
                if let Some(entry) = obj.get("provider") {
                    *prefs = prefs::read_provider(&entry.value, KeyStyle::Converted, misplaced);
                } else if !obj.complete {
                    *prefs = Prefs::Unknown;
                }
            }
            Some(Value::Unknown(_)) | Some(Value::Env { .. }) => *prefs = Prefs::Unknown,
            _ => {}
        };
    let extra_body = |v: Option<&Value>| {
        v.and_then(Value::as_object)
            .and_then(|o| o.get("extraBody"))
            .map(|e| e.value.clone())
    };
    consider(
        extra_body(provider_settings.as_deref()).as_ref(),
        &mut prefs,
        &mut parts.misplaced,
    );
    consider(
        extra_body(settings.as_deref()).as_ref(),
        &mut prefs,
        &mut parts.misplaced,
    );
    if let Some(Value::Object(settings)) = settings.as_deref() {
        if let Some(entry) = settings.get("provider") {
            prefs = prefs::read_provider(&entry.value, KeyStyle::Converted, &mut parts.misplaced);
        }
    }
    if let Some(entry) = options.get("providerOptions") {
        match &entry.value {
            Value::Object(provider_options) => {
                match provider_options.get("openrouter").map(|e| &e.value) {
                    Some(Value::Object(openrouter)) => {
                        prefs::stray_routing_keys(openrouter, &mut parts.misplaced);
                        consider(
                            Some(&Value::Object(openrouter.clone())),
                            &mut prefs,
                            &mut parts.misplaced,
                        );
                    }
                    Some(_) => prefs = Prefs::Unknown,
                    None if !provider_options.complete => prefs = Prefs::Unknown,
                    None => {}
                }
            }
            _ => prefs = Prefs::Unknown,
        }
    } else if !options.complete {
        prefs = Prefs::Unknown;
    }
    if prefs == Prefs::Absent {
        parts.provider_slot = provider_slot(&options);
    }
    parts.prefs = prefs;
    Some(parts)
}

/// Where `provider` goes in the call's options: `providerOptions.openrouter.provider`,
/// creating what is missing of that path in the literal that exists.
fn provider_slot(options: &Obj) -> Option<ProviderSlot> {
    let provider_options = match options.get("providerOptions").map(|e| &e.value) {
        None => return slot_in(options, &["providerOptions", "openrouter"]),
        Some(Value::Object(obj)) => obj,
        Some(_) => return None,
    };
    match provider_options.get("openrouter").map(|e| &e.value) {
        None => slot_in(provider_options, &["openrouter"]),
        Some(Value::Object(openrouter)) => slot_in(openrouter, &[]),
        Some(_) => None,
    }
}
