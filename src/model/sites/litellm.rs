//! LiteLLM with an `openrouter/…` model.

use super::{SiteParts, collect_models, model_ref, provider_in};
use crate::facts::{Prefs, Shape};
use crate::model::eval::{Evaluator, Value};
use crate::model::ir::Call;
use crate::model::prefs::{self, KeyStyle};

pub(super) fn function(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    if !callee.is_ref(&["litellm"], &["completion", "acompletion"], false) {
        return None;
    }
    let kw = ev.keywords(call);
    let model = kw
        .get("model")
        .map(|e| e.value.clone())
        .or_else(|| call.positional(0).map(|e| ev.eval(e)))?;
    let (id, _) = model.literal_or_default()?;
    if !id.starts_with("openrouter/") {
        return None;
    }
    let mut parts = SiteParts::new(Shape::LiteLlm);
    collect_models(&kw, &mut parts);
    if kw.get("model").is_none() {
        parts.models.extend(model_ref(&model));
    }
    // LiteLLM forwards `provider=` to OpenRouter's body as it does other provider-specific
    // parameters; `extra_body` is the documented place and wins.
    let from_extra = provider_in(&kw, &["extra_body"], KeyStyle::Wire, &mut parts.misplaced);
    parts.prefs = match (&from_extra, kw.get("provider")) {
        (Prefs::Absent, Some(entry)) => {
            prefs::read_provider(&entry.value, KeyStyle::Wire, &mut parts.misplaced)
        }
        _ => from_extra,
    };
    Some(parts)
}
