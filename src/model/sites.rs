//! Which calls are OpenRouter request sites, per client library, and what each sends.
//!
//! A call is a site only when the code shows OpenRouter: an OpenRouter URL (or an environment
//! read whose literal default is one), a client built with one or with an `OPENROUTER_*` key,
//! one of OpenRouter's own SDKs and integrations, or an `openrouter/`/`openrouter:` model id.
//! A plain OpenAI client, an unrelated `provider` dict or a client passed in as a parameter is
//! never a site: precision first.

use super::eval::{Client, ClientKind, Evaluator, Obj, Value};
use super::ir::{Call, Expr};
use super::prefs::{self, KeyStyle};
use super::{Candidate, Family, Program, url};
use crate::facts::{MisplacedKey, Misplacement, ModelRef, Prefs, RequestSite, Shape};

/// Last names of callees that can be (or build) a request site. Extractors lower only calls
/// whose callee ends in one of these.
pub const CANDIDATE_NAMES: &[&str] = &[
    // SDK methods
    "create",
    "parse",
    "stream",
    "acreate",
    "create_partial",
    "create_iterable",
    "create_with_completion",
    "send",
    "send_async",
    "complete",
    "complete_async",
    "generate",
    // HTTP
    "post",
    "request",
    "fetch",
    "axios",
    // LiteLLM
    "completion",
    "acompletion",
    // Vercel AI SDK
    "generateText",
    "streamText",
    "generateObject",
    "streamObject",
    // constructors that are sites themselves
    "ChatOpenAI",
    "ChatOpenRouter",
    "OpenRouter",
    "Agent",
];

pub fn is_candidate(last_name: &str) -> bool {
    CANDIDATE_NAMES.contains(&last_name)
}

/// Finds the request sites among a file's candidate calls.
pub fn request_sites(program: &Program) -> Vec<RequestSite> {
    let ev = Evaluator::new(&program.bindings, program.family);
    program
        .candidates
        .iter()
        .filter_map(|candidate| recognise(&ev, candidate))
        .collect()
}

/// What a recognised site sends, before it becomes a fact.
struct SiteParts {
    shape: Shape,
    prefs: Prefs,
    misplaced: Vec<MisplacedKey>,
    models: Vec<ModelRef>,
    uses_preset: bool,
}

impl SiteParts {
    fn new(shape: Shape) -> Self {
        SiteParts {
            shape,
            prefs: Prefs::Absent,
            misplaced: Vec::new(),
            models: Vec::new(),
            uses_preset: false,
        }
    }
}

fn recognise(ev: &Evaluator<'_>, candidate: &Candidate) -> Option<RequestSite> {
    let call = &candidate.call;
    let callee = ev.eval(&call.callee);
    let parts = match &callee {
        Value::Method { client, path } => method_site(ev, call, client, path)?,
        Value::Ref(_) => function_site(ev, call, &callee)?,
        _ => return None,
    };
    let uses_preset = parts.uses_preset || parts.models.iter().any(|m| m.id.contains("@preset/"));
    Some(RequestSite {
        callee: call.callee_span(),
        shape: parts.shape,
        prefs: parts.prefs,
        misplaced: parts.misplaced,
        models: parts.models,
        enclosing: candidate.enclosing.clone(),
        uses_preset,
    })
}

// ---------------------------------------------------------------------------------------------
// Clients: constructors the evaluator turns into `Value::Client`.

/// Builds the client (or AI SDK model) a constructor call makes, if it is one orlint knows.
pub fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    let client = |kind, openrouter| Client {
        kind,
        openrouter,
        base_path: None,
    };
    // openai-python / openai-node
    if callee.is_ref(&["openai"], &["OpenAI", "AsyncOpenAI", "default"], true) {
        let options = options(ev, call);
        let openrouter = base_is_openrouter(&options, &["base_url", "baseURL"])
            || key_is_openrouter(&options, &["api_key", "apiKey"]);
        return Some(client(ClientKind::OpenAi, openrouter));
    }
    // The Anthropic SDK against https://openrouter.ai/api
    if callee.is_ref(
        &["anthropic", "@anthropic-ai/sdk"],
        &["Anthropic", "AsyncAnthropic", "default"],
        false,
    ) {
        let options = options(ev, call);
        let openrouter = base_is_openrouter(&options, &["base_url", "baseURL"]);
        return Some(client(ClientKind::Anthropic, openrouter));
    }
    // OpenRouter's own SDKs (the global name alone is ambiguous with llama-index's class).
    if callee.is_ref(
        &["@openrouter/sdk", "openrouter"],
        &["OpenRouter", "default"],
        false,
    ) {
        return Some(client(ClientKind::OpenRouterSdk, true));
    }
    // HTTP client objects with a base URL.
    let http_constructor = callee.is_ref(&["httpx"], &["Client", "AsyncClient"], false)
        || callee.is_ref(&["requests"], &["Session"], false)
        || callee.is_ref(&["aiohttp"], &["ClientSession"], false)
        || callee.is_ref(&["axios"], &["create"], true);
    if http_constructor {
        let options = options(ev, call);
        let base = options
            .as_ref()
            .and_then(|o| o.get("base_url").or_else(|| o.get("baseURL")))
            .and_then(|e| e.value.literal_or_default().map(|(t, _)| t.to_string()));
        let openrouter = base.as_deref().is_some_and(url::is_openrouter);
        return Some(Client {
            kind: ClientKind::Http,
            openrouter,
            base_path: base.map(|b| base_path(&b)),
        });
    }
    // instructor wraps a client, or builds one from a provider string.
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
            .map_or(Value::Unknown(call.span.clone()), |e| ev.eval(e));
        let openrouter = model.as_str().is_some_and(|m| m.starts_with("openrouter/"));
        return Some(client(
            ClientKind::Instructor {
                model: Box::new(model),
            },
            openrouter,
        ));
    }
    // The Vercel AI SDK provider.
    if callee.is_ref(
        &["@openrouter/ai-sdk-provider"],
        &["createOpenRouter"],
        true,
    ) {
        let settings = call.positional(0).map(|e| Box::new(ev.eval(e)));
        return Some(client(
            ClientKind::AiSdkProvider {
                settings,
                openai_compatible: false,
            },
            true,
        ));
    }
    if callee.is_ref(&["@ai-sdk/openai"], &["createOpenAI"], false) {
        let options = options(ev, call);
        let openrouter = base_is_openrouter(&options, &["baseURL"]);
        return openrouter.then(|| {
            client(
                ClientKind::AiSdkProvider {
                    settings: None,
                    openai_compatible: true,
                },
                true,
            )
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
        return Some(ai_sdk_model(ev, call, None, false));
    }
    if let Value::Client(Client {
        kind:
            ClientKind::AiSdkProvider {
                settings,
                openai_compatible,
            },
        ..
    }) = callee
    {
        return Some(ai_sdk_model(ev, call, settings.clone(), *openai_compatible));
    }
    if let Value::Method {
        client: provider,
        path,
    } = callee
    {
        if let ClientKind::AiSdkProvider {
            settings,
            openai_compatible,
        } = &provider.kind
        {
            if matches!(path.as_slice(), [m] if matches!(m.as_str(), "chat" | "languageModel" | "completion" | "responses"))
            {
                return Some(ai_sdk_model(ev, call, settings.clone(), *openai_compatible));
            }
        }
    }
    // pydantic-ai models and providers.
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
    if openrouter_model
        || callee.is_ref(&["pydantic_ai"], &["OpenAIModel", "OpenAIChatModel"], false)
    {
        let kw = ev.keywords(call);
        let model = call
            .positional(0)
            .or_else(|| call.keyword("model_name"))
            .map_or(Value::Unknown(call.span.clone()), |e| ev.eval(e));
        let provider_is_or = matches!(kw.get("provider").map(|e| &e.value), Some(Value::Client(c)) if c.openrouter)
            || matches!(kw.get("provider").map(|e| &e.value), Some(v) if v.as_str() == Some("openrouter"));
        let openrouter = openrouter_model
            || provider_is_or
            || base_is_openrouter(&Some(kw.clone()), &["base_url"]);
        let settings = kw.get("settings").map(|e| Box::new(e.value.clone()));
        return Some(client(
            ClientKind::PydanticModel {
                model: Box::new(model),
                settings,
            },
            openrouter,
        ));
    }
    None
}

fn ai_sdk_model(
    ev: &Evaluator<'_>,
    call: &Call,
    provider_settings: Option<Box<Value>>,
    openai_compatible: bool,
) -> Client {
    let model = call
        .positional(0)
        .map_or(Value::Unknown(call.span.clone()), |e| ev.eval(e));
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

/// A constructor's options: keyword arguments in Python, the first argument's object in
/// JavaScript.
fn options(ev: &Evaluator<'_>, call: &Call) -> Option<Obj> {
    match ev.family {
        Family::Python => Some(ev.keywords(call)),
        Family::EcmaScript => ev.options_arg(call, 0).and_then(|v| v.as_object().cloned()),
    }
}

fn base_is_openrouter(options: &Option<Obj>, keys: &[&str]) -> bool {
    let Some(options) = options else { return false };
    keys.iter().any(|k| {
        options
            .get(k)
            .and_then(|e| e.value.literal_or_default())
            .is_some_and(|(text, _)| url::is_openrouter(text))
    })
}

fn key_is_openrouter(options: &Option<Obj>, keys: &[&str]) -> bool {
    let Some(options) = options else { return false };
    keys.iter().any(|k| {
        options.get(k).is_some_and(|e| {
            e.value.is_openrouter_env()
                || e.value
                    .as_str()
                    .is_some_and(|key| key.starts_with("sk-or-"))
        })
    })
}

fn base_path(base: &str) -> String {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    rest.find('/')
        .map_or(String::new(), |i| rest[i..].to_string())
}

// ---------------------------------------------------------------------------------------------
// Sites that are method calls on a client.

fn method_site(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[String],
) -> Option<SiteParts> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match &client.kind {
        ClientKind::OpenAi if client.openrouter && is_openai_method(&path) => {
            Some(openai_call(ev, call, openai_shape(ev)))
        }
        ClientKind::Anthropic
            if client.openrouter
                && matches!(path.as_slice(), ["messages", "create" | "stream"]) =>
        {
            let mut parts = openai_call(ev, call, openai_shape(ev));
            parts.shape = Shape::Anthropic;
            Some(parts)
        }
        ClientKind::OpenRouterSdk if is_openrouter_sdk_method(&path) => {
            Some(openrouter_sdk_call(ev, call))
        }
        ClientKind::Instructor { .. } if client.openrouter && is_instructor_method(&path) => {
            let mut parts = openai_call(ev, call, Shape::Instructor);
            if let ClientKind::Instructor { model } = &client.kind {
                parts.models.extend(model_ref(model));
            }
            Some(parts)
        }
        ClientKind::OpenAi if client.openrouter && is_instructor_method(&path) => {
            // `instructor.from_openai(OpenAI(base_url=OR))` keeps the client's kind.
            Some(openai_call(ev, call, Shape::Instructor))
        }
        ClientKind::Http if matches!(path.as_slice(), ["post" | "request" | "stream"]) => {
            http_client_call(ev, call, client, path[0])
        }
        _ => None,
    }
}

fn is_openai_method(path: &[&str]) -> bool {
    matches!(
        path,
        ["chat", "completions", "create" | "parse" | "stream"]
            | ["completions", "create"]
            | ["responses", "create" | "stream" | "parse"]
            | ["beta", "chat", "completions", "parse" | "stream" | "create"]
    )
}

fn is_openrouter_sdk_method(path: &[&str]) -> bool {
    matches!(
        path,
        [
            "chat",
            "send" | "send_async" | "complete" | "complete_async"
        ] | ["completions", "generate"]
            | ["beta", "responses", "send"]
            | ["responses", "send"]
    )
}

fn is_instructor_method(path: &[&str]) -> bool {
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

fn openai_shape(ev: &Evaluator<'_>) -> Shape {
    match ev.family {
        Family::Python => Shape::OpenAiPython,
        Family::EcmaScript => Shape::OpenAiNode,
    }
}

/// openai-python (`extra_body={"provider": …}`; `provider=` is a TypeError) or openai-node
/// (`provider` in the body object).
fn openai_call(ev: &Evaluator<'_>, call: &Call, shape: Shape) -> SiteParts {
    let mut parts = SiteParts::new(shape);
    match ev.family {
        Family::Python => {
            let kw = ev.keywords(call);
            collect_models(&kw, &mut parts);
            if let Some(entry) = kw.get("provider") {
                parts.misplaced.push(MisplacedKey {
                    key: entry.key.clone(),
                    span: entry.key_span.clone(),
                    problem: Misplacement::ProviderKeyword,
                });
            }
            parts.prefs = provider_in(&kw, &["extra_body"], KeyStyle::Wire, &mut parts.misplaced);
            if let Some(extra) = kw.get("extra_body").and_then(|e| e.value.as_object()) {
                collect_models(extra, &mut parts);
            }
        }
        Family::EcmaScript => {
            let body = ev.options_arg(call, 0);
            match body.as_ref().and_then(Value::as_object) {
                Some(body) => {
                    collect_models(body, &mut parts);
                    parts.prefs = provider_at(body, KeyStyle::Wire, &mut parts.misplaced);
                }
                None => parts.prefs = Prefs::Unknown,
            }
        }
    }
    parts
}

fn openrouter_sdk_call(ev: &Evaluator<'_>, call: &Call) -> SiteParts {
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
            parts
        }
    }
}

fn http_client_call(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    method: &str,
) -> Option<SiteParts> {
    // `client.post("/chat/completions", json=…)` against a base URL, or a full URL.
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
    Some(http_body(ev, call, if method == "post" { 1 } else { 2 }))
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
fn http_body(ev: &Evaluator<'_>, call: &Call, js_data_index: usize) -> SiteParts {
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
                None => Some(Value::Unknown(call.span.clone())),
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
        }
        Some(_) => parts.prefs = Prefs::Unknown,
        None => parts.prefs = Prefs::Absent,
    }
}

// ---------------------------------------------------------------------------------------------
// Sites that are calls of imported (or global) functions and constructors.

fn function_site(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    let Value::Ref(reference) = callee else {
        return None;
    };
    let full = reference.full_path();
    let full: Vec<&str> = full.iter().map(String::as_str).collect();

    // Raw HTTP.
    let python_http = matches!(
        full.as_slice(),
        ["requests" | "httpx", "post"]
            | ["requests" | "httpx" | "aiohttp", "request"]
            | ["httpx", "stream"]
    );
    if python_http && ev.family == Family::Python {
        let method = *full.last()?;
        let url_index = usize::from(method != "post");
        let url = call
            .positional(url_index)
            .or_else(|| call.keyword("url"))
            .map(|e| ev.eval(e))?;
        let (text, _) = url.literal_or_default()?;
        if !url::is_openrouter_inference(text) || (method != "post" && !is_post(ev, call)) {
            return None;
        }
        return Some(http_body(ev, call, 0));
    }
    if ev.family == Family::EcmaScript {
        if let Some(parts) = js_http(ev, call, &full) {
            return Some(parts);
        }
    }

    // openai-python's module-level client and the pre-1.0 API.
    if callee.module() == Some("openai") {
        return openai_module_call(ev, call, &full);
    }

    // LiteLLM.
    if callee.is_ref(&["litellm"], &["completion", "acompletion"], false) {
        return litellm_call(ev, call);
    }

    // The Vercel AI SDK.
    if callee.is_ref(
        &["ai"],
        &[
            "generateText",
            "streamText",
            "generateObject",
            "streamObject",
        ],
        true,
    ) {
        return ai_sdk_call(ev, call);
    }

    // LangChain: the chat model's constructor is the site.
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
        return langchain_openai(ev, call);
    }
    if callee.is_ref(
        &["langchain_openrouter", "@langchain/openrouter"],
        &["ChatOpenRouter"],
        true,
    ) {
        return Some(langchain_openrouter(ev, call));
    }

    // llama-index's OpenRouter LLM.
    if callee.is_ref(&["llama_index"], &["OpenRouter"], false) {
        return Some(llama_index(ev, call));
    }

    // pydantic-ai: the agent bound to an OpenRouter model is the site.
    if callee.is_ref(&["pydantic_ai"], &["Agent"], false) {
        return pydantic_agent(ev, call);
    }
    None
}

fn js_http(ev: &Evaluator<'_>, call: &Call, full: &[&str]) -> Option<SiteParts> {
    match full {
        // fetch(url, { method: "POST", body: JSON.stringify(…) })
        ["fetch"] | ["node-fetch", _] | ["undici", "fetch"] => {
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
                Some(_) => Some(Value::Unknown(call.span.clone())),
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
            Some(http_body(ev, call, 1))
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

fn openai_module_call(ev: &Evaluator<'_>, call: &Call, full: &[&str]) -> Option<SiteParts> {
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
        ["openai", rest @ ..] if is_openai_method(rest) && module_setting("base_url") => {
            Some(openai_call(ev, call, Shape::OpenAiPython))
        }
        _ => None,
    }
}

fn litellm_call(ev: &Evaluator<'_>, call: &Call) -> Option<SiteParts> {
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

fn ai_sdk_call(ev: &Evaluator<'_>, call: &Call) -> Option<SiteParts> {
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
    parts.prefs = prefs;
    Some(parts)
}

fn langchain_openai(ev: &Evaluator<'_>, call: &Call) -> Option<SiteParts> {
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
            parts.prefs = langchain_python_prefs(&kw, &mut parts.misplaced);
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

fn langchain_python_prefs(kw: &Obj, misplaced: &mut Vec<MisplacedKey>) -> Prefs {
    if let Some(entry) = kw.get("openrouter_provider") {
        return prefs::read_provider(&entry.value, KeyStyle::Wire, misplaced);
    }
    let from_extra = provider_in(kw, &["extra_body"], KeyStyle::Wire, misplaced);
    if from_extra != Prefs::Absent {
        return from_extra;
    }
    provider_in(kw, &["model_kwargs"], KeyStyle::Wire, misplaced)
}

fn langchain_openrouter(ev: &Evaluator<'_>, call: &Call) -> SiteParts {
    match ev.family {
        Family::Python => {
            let mut parts = SiteParts::new(Shape::LangChainPython);
            let kw = ev.keywords(call);
            collect_models_named(&kw, &["model", "model_name"], &mut parts);
            if let Some(first) = call.positional(0) {
                parts.models.extend(model_ref(&ev.eval(first)));
            }
            parts.prefs = langchain_python_prefs(&kw, &mut parts.misplaced);
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

fn llama_index(ev: &Evaluator<'_>, call: &Call) -> SiteParts {
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
    parts
}

fn pydantic_agent(ev: &Evaluator<'_>, call: &Call) -> Option<SiteParts> {
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

// ---------------------------------------------------------------------------------------------
// Helpers.

/// The preferences under `provider` in `obj`: absent when the object is complete and has none.
fn provider_at(obj: &Obj, style: KeyStyle, misplaced: &mut Vec<MisplacedKey>) -> Prefs {
    match obj.get("provider") {
        Some(entry) => prefs::read_provider(&entry.value, style, misplaced),
        None if obj.complete => Prefs::Absent,
        None => Prefs::Unknown,
    }
}

/// The preferences under `<container>.provider` (`extra_body`, `model_kwargs`).
fn provider_in(
    obj: &Obj,
    containers: &[&str],
    style: KeyStyle,
    misplaced: &mut Vec<MisplacedKey>,
) -> Prefs {
    for container in containers {
        match obj.get(container).map(|e| &e.value) {
            Some(Value::Object(inner)) => return provider_at(inner, style, misplaced),
            Some(Value::Literal(_)) => return Prefs::Absent,
            Some(_) => return Prefs::Unknown,
            None => {}
        }
    }
    if obj.complete {
        Prefs::Absent
    } else {
        Prefs::Unknown
    }
}

fn model_ref(value: &Value) -> Option<ModelRef> {
    value.literal_or_default().map(|(id, span)| ModelRef {
        id: id.to_string(),
        span,
    })
}

fn collect_models(obj: &Obj, parts: &mut SiteParts) {
    collect_models_named(obj, &["model"], parts);
}

fn collect_models_named(obj: &Obj, keys: &[&str], parts: &mut SiteParts) {
    for key in keys {
        if let Some(entry) = obj.get(key) {
            parts.models.extend(model_ref(&entry.value));
        }
    }
    collect_models_list(obj, parts);
}

/// The `models` fallback list.
fn collect_models_list(obj: &Obj, parts: &mut SiteParts) {
    if let Some(Value::List { items, .. }) = obj.get("models").map(|e| &e.value) {
        parts.models.extend(items.iter().filter_map(model_ref));
    }
}
