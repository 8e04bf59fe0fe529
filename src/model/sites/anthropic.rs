//! The Anthropic SDK pointed at `https://openrouter.ai/api`.

use super::{SiteParts, base_is_openrouter, openai, openai_shape, options};
use crate::facts::Shape;
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::Call;

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    if !callee.is_ref(
        &["anthropic", "@anthropic-ai/sdk"],
        &["Anthropic", "AsyncAnthropic", "default"],
        false,
    ) {
        return None;
    }
    let options = options(ev, call);
    Some(Client {
        kind: ClientKind::Anthropic,
        openrouter: base_is_openrouter(&options, &["base_url", "baseURL"]),
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
        ClientKind::Anthropic
            if client.openrouter && matches!(path, ["messages", "create" | "stream"]) =>
        {
            let mut parts = openai::request(ev, call, openai_shape(ev));
            parts.shape = Shape::Anthropic;
            Some(parts)
        }
        _ => None,
    }
}
