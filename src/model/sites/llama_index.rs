//! llama-index's `OpenRouter` LLM: the constructor is the site.

use super::{SiteParts, collect_models, provider_in};
use crate::facts::{Prefs, Shape};
use crate::model::eval::{Evaluator, Value};
use crate::model::ir::Call;
use crate::model::prefs::{self, KeyStyle};

pub(super) fn function(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    if !callee.is_ref(&["llama_index"], &["OpenRouter"], false) {
        return None;
    }
    let mut parts = SiteParts::new(Shape::LlamaIndex);
    let kw = ev.keywords(call);
    collect_models(&kw, &mut parts);
    parts.prefs = match kw.get("additional_kwargs").map(|e| &e.value) {
        Some(Value::Object(additional)) => {
            if let Some(entry) = additional.get("provider") {
                prefs::read_provider(&entry.value, KeyStyle::Wire, &mut parts.misplaced)
            } else {
                provider_in(
                    additional,
                    &["extra_body"],
                    KeyStyle::Wire,
                    &mut parts.misplaced,
                )
            }
        }
        Some(_) => Prefs::Unknown,
        None if kw.complete => Prefs::Absent,
        None => Prefs::Unknown,
    };
    Some(parts)
}
