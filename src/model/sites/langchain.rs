//! LangChain: `ChatOpenAI` pointed at OpenRouter and `ChatOpenRouter`, in Python and
//! JavaScript. The chat model's constructor is the site.

use super::{
    SiteParts, base_is_openrouter, collect_models_named, key_is_openrouter, model_ref, provider_in,
};
use crate::facts::{MisplacedKey, Prefs, Shape};
use crate::model::Family;
use crate::model::eval::{Evaluator, Obj, Value};
use crate::model::ir::Call;
use crate::model::prefs::{self, KeyStyle};

pub(super) fn function(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    if callee.is_ref(
        &[
            "langchain_openai",
            "langchain_community",
            "langchain.chat_models",
            "@langchain/openai",
        ],
        &["ChatOpenAI"],
        true,
    ) {
        return chat_openai(ev, call);
    }
    if callee.is_ref(
        &["langchain_openrouter", "@langchain/openrouter"],
        &["ChatOpenRouter"],
        true,
    ) {
        return Some(chat_openrouter(ev, call));
    }
    None
}

fn chat_openai(ev: &Evaluator<'_>, call: &Call) -> Option<SiteParts> {
    let mut parts = SiteParts::new(match ev.family {
        Family::Python => Shape::LangChainPython,
        Family::EcmaScript => Shape::LangChainJs,
    });
    match ev.family {
        Family::Python => {
            let kw = ev.keywords(call);
            let openrouter =
                base_is_openrouter(&Some(kw.clone()), &["base_url", "openai_api_base"])
                    || key_is_openrouter(&Some(kw.clone()), &["api_key", "openai_api_key"]);
            if !openrouter {
                return None;
            }
            collect_models_named(&kw, &["model", "model_name"], &mut parts);
            parts.prefs = python_prefs(&kw, &mut parts.misplaced);
        }
        Family::EcmaScript => {
            let fields = ev
                .options_arg(call, 0)
                .and_then(|v| v.as_object().cloned())?;
            // The client options sit under `configuration`, or in a second argument in older
            // versions.
            let configuration = fields
                .get("configuration")
                .and_then(|e| e.value.as_object().cloned())
                .or_else(|| ev.options_arg(call, 1).and_then(|v| v.as_object().cloned()));
            let openrouter = base_is_openrouter(&configuration, &["baseURL", "basePath"])
                || key_is_openrouter(&Some(fields.clone()), &["apiKey", "openAIApiKey"])
                || key_is_openrouter(&configuration, &["apiKey"]);
            if !openrouter {
                return None;
            }
            collect_models_named(&fields, &["model", "modelName"], &mut parts);
            parts.prefs = provider_in(
                &fields,
                &["modelKwargs"],
                KeyStyle::Wire,
                &mut parts.misplaced,
            );
        }
    }
    Some(parts)
}

fn python_prefs(kw: &Obj, misplaced: &mut Vec<MisplacedKey>) -> Prefs {
    if let Some(entry) = kw.get("openrouter_provider") {
        return prefs::read_provider(&entry.value, KeyStyle::Wire, misplaced);
    }
    let from_extra = provider_in(kw, &["extra_body"], KeyStyle::Wire, misplaced);
    if from_extra != Prefs::Absent {
        return from_extra;
    }
    provider_in(kw, &["model_kwargs"], KeyStyle::Wire, misplaced)
}

fn chat_openrouter(ev: &Evaluator<'_>, call: &Call) -> SiteParts {
    match ev.family {
        Family::Python => {
            let mut parts = SiteParts::new(Shape::LangChainPython);
            let kw = ev.keywords(call);
            collect_models_named(&kw, &["model", "model_name"], &mut parts);
            if let Some(first) = call.positional(0) {
                parts.models.extend(model_ref(&ev.eval(first)));
            }
            parts.prefs = python_prefs(&kw, &mut parts.misplaced);
            parts
        }
        Family::EcmaScript => {
            let mut parts = SiteParts::new(Shape::LangChainJs);
            // `new ChatOpenRouter("id", {...})` or `new ChatOpenRouter({ model, ... })`.
            let first = ev.options_arg(call, 0);
            let fields = match &first {
                Some(Value::Object(obj)) => Some(obj.clone()),
                Some(model) => {
                    parts.models.extend(model_ref(model));
                    ev.options_arg(call, 1).and_then(|v| v.as_object().cloned())
                }
                None => None,
            };
            let Some(fields) = fields else {
                return parts;
            };
            collect_models_named(&fields, &["model"], &mut parts);
            parts.prefs = match fields.get("provider") {
                Some(entry) => {
                    prefs::read_provider(&entry.value, KeyStyle::Wire, &mut parts.misplaced)
                }
                None => provider_in(
                    &fields,
                    &["modelKwargs"],
                    KeyStyle::Wire,
                    &mut parts.misplaced,
                ),
            };
            parts
        }
    }
}
