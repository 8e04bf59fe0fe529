//! instructor: a wrapped OpenAI client, or a client built from `from_provider("openrouter/…")`.

use super::{SiteParts, model_ref, openai};
use crate::facts::Shape;
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::Call;

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    if callee.is_ref(&["instructor"], &["from_openai", "patch", "apatch"], false) {
        let inner = call.positional(0).or_else(|| call.keyword("client"))?;
        return match ev.eval(inner) {
            Value::Client(c) => Some(c),
            _ => None,
        };
    }
    if callee.is_ref(&["instructor"], &["from_provider"], false) {
        let model = call
            .positional(0)
            .map_or(Value::Unknown(ev.span(&call.span)), |e| ev.eval(e));
        let openrouter = model.as_str().is_some_and(|m| m.starts_with("openrouter/"));
        return Some(Client {
            kind: ClientKind::Instructor {
                model: Box::new(model),
            },
            openrouter,
            base_path: None,
        });
    }
    None
}

pub(super) fn method(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[&str],
) -> Option<SiteParts> {
    if !client.openrouter || !is_request_method(path) {
        return None;
    }
    match &client.kind {
        ClientKind::Instructor { model } => {
            let mut parts = openai::request(ev, call, Shape::Instructor);
            parts.models.extend(model_ref(model));
            Some(parts)
        }
        // `instructor.from_openai(OpenAI(base_url=OR))` keeps the client's kind.
        ClientKind::OpenAi => Some(openai::request(ev, call, Shape::Instructor)),
        _ => None,
    }
}

fn is_request_method(path: &[&str]) -> bool {
    matches!(
        path,
        ["create" | "create_partial" | "create_iterable" | "create_with_completion"]
            | [
                "chat",
                "completions",
                "create" | "create_partial" | "create_iterable" | "create_with_completion"
            ]
            | ["messages", "create"]
    )
}
