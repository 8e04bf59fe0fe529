//! Raw HTTP: `requests`, `httpx` and `aiohttp` in Python (functions and client objects with a
//! base URL), `fetch` and `axios` (functions and instances) in JavaScript.

use super::{SiteParts, collect_models, options, provider_at, slot_in};
use crate::facts::{Prefs, Shape};
use crate::model::Family;
use crate::model::eval::{Client, ClientKind, Evaluator, Value};
use crate::model::ir::Call;
use crate::model::prefs::KeyStyle;
use crate::model::url;

/// HTTP client objects with a base URL: `httpx.Client(base_url=…)`, `axios.create({baseURL})`.
/// An HTTP client class (`httpx.AsyncClient`, `requests.Session`, `aiohttp.ClientSession`).
pub fn is_client_type(value: &Value) -> bool {
    value.is_ref(&["httpx"], &["Client", "AsyncClient"], false)
        || value.is_ref(&["requests"], &["Session"], false)
        || value.is_ref(&["aiohttp"], &["ClientSession"], false)
}

pub(super) fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    let constructor = is_client_type(callee) || callee.is_ref(&["axios"], &["create"], true);
    if !constructor {
        return None;
    }
    let options = options(ev, call);
    let base = options
        .as_ref()
        .and_then(|o| o.get("base_url").or_else(|| o.get("baseURL")))
        .and_then(|e| e.value.literal_or_default().map(|(t, _)| t.to_string()));
    let openrouter = base.as_deref().is_some_and(url::is_openrouter);
    Some(Client {
        kind: ClientKind::Http,
        openrouter,
        base_path: base.map(|b| base_path(&b)),
    })
}

fn base_path(base: &str) -> String {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    rest.find('/')
        .map_or(String::new(), |i| rest[i..].to_string())
}

/// `client.post("/chat/completions", json=…)` against a base URL, or a full URL.
pub(super) fn method(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[&str],
) -> Option<SiteParts> {
    if client.kind != ClientKind::Http {
        return None;
    }
    let method = match path {
        [method @ ("post" | "request" | "stream")] => *method,
        _ => return None,
    };
    let url_arg = if method == "post" { 0 } else { 1 };
    let url_value = call
        .positional(url_arg)
        .or_else(|| call.keyword("url"))
        .map(|e| ev.eval(e))?;
    let (text, _) = url_value.literal_or_default()?;
    let is_site = if url::is_openrouter(text) {
        url::is_openrouter_inference(text)
    } else {
        client.openrouter
            && url::is_inference_path(&format!(
                "{}{}",
                client.base_path.as_deref().unwrap_or(""),
                text
            ))
    };
    if !is_site || (method != "post" && !is_post(ev, call)) {
        return None;
    }
    Some(body(ev, call, if method == "post" { 1 } else { 2 }))
}

/// Calls of the HTTP libraries' functions: `requests.post(url, json=…)`, `fetch(url, init)`,
/// `axios.post(url, data)`, `axios({url, method, data})`.
pub(super) fn function(ev: &Evaluator<'_>, call: &Call, full: &[&str]) -> Option<SiteParts> {
    match ev.family {
        Family::Python => python(ev, call, full),
        Family::EcmaScript => ecmascript(ev, call, full),
    }
}

fn python(ev: &Evaluator<'_>, call: &Call, full: &[&str]) -> Option<SiteParts> {
    let method = match full {
        ["requests" | "httpx", "post"] => "post",
        ["requests" | "httpx" | "aiohttp", "request"] => "request",
        ["httpx", "stream"] => "stream",
        _ => return None,
    };
    let url_index = usize::from(method != "post");
    let url = call
        .positional(url_index)
        .or_else(|| call.keyword("url"))
        .map(|e| ev.eval(e))?;
    let (text, _) = url.literal_or_default()?;
    if !url::is_openrouter_inference(text) || (method != "post" && !is_post(ev, call)) {
        return None;
    }
    Some(body(ev, call, 0))
}

fn ecmascript(ev: &Evaluator<'_>, call: &Call, full: &[&str]) -> Option<SiteParts> {
    match full {
        // fetch(url, { method: "POST", body: JSON.stringify(…) })
        ["fetch"] | ["node-fetch", _] | ["undici", "fetch"] | ["cross-fetch", _] => {
            let url = call.positional(0).map(|e| ev.eval(e))?;
            let (text, _) = url.literal_or_default()?;
            if !url::is_openrouter_inference(text) {
                return None;
            }
            let init = ev.options_arg(call, 1);
            let mut parts = SiteParts::new(Shape::HttpJs);
            let body = match &init {
                Some(Value::Object(init)) => match init.get("body") {
                    Some(entry) => Some(entry.value.clone()),
                    None if init.complete => None,
                    None => Some(Value::Unknown(init.span.clone())),
                },
                Some(_) => Some(Value::Unknown(ev.span(&call.span))),
                None => None,
            };
            apply_body(body, &mut parts);
            Some(parts)
        }
        // axios.post(url, data, config)
        ["axios", "post"] | ["axios", "default", "post"] => {
            let url = call.positional(0).map(|e| ev.eval(e))?;
            let (text, _) = url.literal_or_default()?;
            if !url::is_openrouter_inference(text) {
                return None;
            }
            Some(body(ev, call, 1))
        }
        // axios({ url, method: "post", data }) / axios.request({...})
        ["axios"] | ["axios", "default"] | ["axios", "request"] => {
            let Some(Value::Object(config)) = ev.options_arg(call, 0) else {
                return None;
            };
            let (text, _) = config.get("url")?.value.literal_or_default()?;
            let post = config
                .get("method")
                .and_then(|m| m.value.as_str().map(|m| m.eq_ignore_ascii_case("post")))
                .unwrap_or(false);
            if !url::is_openrouter_inference(text) || !post {
                return None;
            }
            let mut parts = SiteParts::new(Shape::HttpJs);
            let body = match config.get("data") {
                Some(entry) => Some(entry.value.clone()),
                None if config.complete => None,
                None => Some(Value::Unknown(config.span.clone())),
            };
            apply_body(body, &mut parts);
            Some(parts)
        }
        _ => None,
    }
}

/// `request("POST", url)` / `stream("POST", url)`: the method is the first argument.
fn is_post(ev: &Evaluator<'_>, call: &Call) -> bool {
    call.positional(0)
        .or_else(|| call.keyword("method"))
        .map(|e| ev.eval(e))
        .and_then(|v| v.as_str().map(|m| m.eq_ignore_ascii_case("post")))
        .unwrap_or(false)
}

/// The JSON body of an HTTP call: `json=`/`data=` in Python, the data argument in JavaScript.
fn body(ev: &Evaluator<'_>, call: &Call, js_data_index: usize) -> SiteParts {
    let shape = match ev.family {
        Family::Python => Shape::HttpPython,
        Family::EcmaScript => Shape::HttpJs,
    };
    let mut parts = SiteParts::new(shape);
    let body = match ev.family {
        Family::Python => {
            let kw = ev.keywords(call);
            match kw
                .get("json")
                .or_else(|| kw.get("data"))
                .or_else(|| kw.get("content"))
            {
                Some(entry) => Some(entry.value.clone()),
                None if kw.complete => None,
                None => Some(Value::Unknown(ev.span(&call.span))),
            }
        }
        Family::EcmaScript => ev.options_arg(call, js_data_index),
    };
    apply_body(body, &mut parts);
    parts
}

fn apply_body(body: Option<Value>, parts: &mut SiteParts) {
    match body {
        Some(Value::Object(body)) => {
            collect_models(&body, parts);
            parts.uses_preset |= body.get("preset").is_some();
            parts.prefs = provider_at(&body, KeyStyle::Wire, &mut parts.misplaced);
            parts.provider_slot = slot_in(&body, &[]);
        }
        Some(_) => parts.prefs = Prefs::Unknown,
        None => parts.prefs = Prefs::Absent,
    }
}
