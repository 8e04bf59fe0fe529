//! Which calls are OpenRouter request sites, and what each sends.
//!
//! A call is a site only when the code shows OpenRouter: an OpenRouter URL (or an environment
//! read whose literal default is one), a client built with one or with an `OPENROUTER_*` key,
//! one of OpenRouter's own SDKs and integrations, or an `openrouter/`/`openrouter:` model id.
//! A plain OpenAI client, an unrelated `provider` dict or a client nobody in view supplies is
//! never a site: precision first.
//!
//! One module per client library recognises its clients (`construct`), its request methods
//! (`method`) and its request functions (`function`); `helpers` makes a call of one of the
//! project's own functions a site when the function sends a request built from its
//! parameters.

use std::sync::Arc;

use super::eval::{Budget, Client, Evaluator, MAX_WORLDS, Obj, Value};
use super::ir::{Call, Expr, Span};
use super::prefs::{self, KeyStyle};
use super::{Environment, Family, Module};
use crate::facts::{
    Alternatives, Location, MisplacedKey, ModelRef, Prefs, ProviderSlot, RequestSite, Shape,
};

mod ai_sdk;
mod anthropic;
mod helpers;
pub use helpers::MAX_HELPER_DEPTH;
mod http;
pub use http::is_client_type as is_http_client_type;
mod instructor;
mod langchain;
mod litellm;
mod llama_index;
mod openai;
mod openrouter_sdk;
mod pydantic_ai;

/// Last names of callees that can be (or build) a request site. Extractors lower calls whose
/// callee ends in one of these (and calls of names the file binds, for its helpers).
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
    "callModel",
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
    // `super().__init__(...)`, `super(...)`: a subclass's base client or model is built there
    "__init__",
    "super",
    // dependency_injector's `providers.Singleton(ChatOpenAI, base_url=…)`
    "Singleton",
    "ThreadSafeSingleton",
    "Factory",
];

pub fn is_candidate(last_name: &str) -> bool {
    CANDIDATE_NAMES.contains(&last_name)
}

/// Finds the request sites among a module's candidate calls, following its imports through
/// `env`.
/// Also returns how many calls were left unjudged because the helpers they go through are
/// nested deeper than [`helpers::MAX_HELPER_DEPTH`].
pub fn request_sites(module: &Arc<Module>, env: &dyn Environment) -> (Vec<RequestSite>, usize) {
    let budget = Budget::default();
    let ev = Evaluator::new(module, env, &budget);
    let mut sites = Vec::new();
    let mut unfollowed = 0;
    helpers::forget_standalone();
    for candidate in &module.program.candidates {
        let judged = judge(&ev, &candidate.call);
        if judged.unfollowed {
            unfollowed += 1;
        }
        for merged in judged.sites {
            let parts = merged.found.parts;
            let routing_cut_short =
                (merged.cut_short || judged.unjudged) && matches!(parts.prefs, Prefs::Unknown);
            let uses_preset =
                parts.uses_preset || parts.models.iter().any(|m| m.id.contains("@preset/"));
            sites.push(RequestSite {
                callee: candidate.call.callee_span(),
                call: candidate.call.span.clone(),
                shape: parts.shape,
                prefs: parts.prefs,
                misplaced: parts.misplaced,
                models: parts.models,
                enclosing: candidate.enclosing.clone(),
                place: candidate.place.clone(),
                uses_preset,
                request: merged.found.request.map(|r| r.location()),
                via: merged.found.via,
                judged_at_helper: merged.found.judged_at_helper,
                routing_cut_short,
                provider_slot: parts.provider_slot,
                alternatives: (merged.worlds < judged.total).then_some(Alternatives {
                    openrouter: merged.worlds,
                    total: judged.total,
                }),
            });
        }
    }
    (sites, unfollowed)
}

/// The sites a call is, over its alternatives.
struct Judged {
    sites: Vec<Merged>,
    /// How many alternatives were judged.
    total: usize,
    /// Alternatives were left unjudged (too many): what they send is unknown.
    unjudged: bool,
    /// No alternative is a site, and a helper that may make a request was left unfollowed.
    unfollowed: bool,
}

/// Judges `call` once per alternative its values allow (usually one), with `ev`'s budget,
/// and merges what the alternatives send.
fn judge(ev: &Evaluator<'_>, call: &Call) -> Judged {
    let budget = ev.budget;
    let mut worlds = Vec::new();
    let mut any_unfollowed = false;
    // All the alternatives of one call share twice one question's steps: a call whose
    // alternatives are each expensive is left unjudged rather than costing 32 questions.
    let mut spent: u64 = 0;
    budget.choices.start();
    loop {
        budget.reset();
        budget.choices.begin_pass();
        super::eval::take_cut_short();
        helpers::take_unfollowed();
        let found = recognise(ev, call);
        spent += u64::from(budget.steps());
        let cut_short = super::eval::take_cut_short();
        any_unfollowed |= helpers::take_unfollowed() && found.is_empty();
        // A path that fails before the request (a member of `None`) sends nothing.
        if found.is_empty() && budget.choices.impossible() {
            if worlds.len() + 1 >= MAX_WORLDS || !budget.choices.next() {
                break;
            }
            continue;
        }
        worlds.push(World {
            found,
            cut_short,
            took_unknown: budget.choices.took_unknown(),
        });
        if spent > 2 * u64::from(super::eval::MAX_STEPS) {
            break;
        }
        if worlds.len() >= MAX_WORLDS || !budget.choices.next() {
            break;
        }
    }
    // Left unjudged: alternatives past the last judged one, or too many to enumerate.
    let unjudged = budget.choices.next() || budget.choices.overflowed();
    budget.choices.stop();
    let unfollowed = any_unfollowed && worlds.iter().all(|w| w.found.is_empty());
    let total = worlds.len();
    Judged {
        sites: merge_worlds(worlds, unjudged),
        total,
        unjudged,
        unfollowed,
    }
}

/// What one alternative of a call is.
struct World {
    found: Vec<Found>,
    cut_short: bool,
    /// An unknown value was taken on the way: what it would have sent is not known.
    took_unknown: bool,
}

/// One site of a call, over the alternatives in which it is one.
struct Merged {
    found: Found,
    /// In how many alternatives the call is this site.
    worlds: usize,
    cut_short: bool,
}

/// The sites a call is over its alternatives: one per request (the call itself, or each
/// helper request it reaches), in every alternative that makes it. What they send is what
/// every one of those alternatives sends: preferences that differ, or an alternative that
/// is not a site because a value was unknown, leave the preferences unknown (a rule holds
/// only when it holds in every alternative that goes to OpenRouter). Models are those of
/// every alternative.
fn merge_worlds(worlds: Vec<World>, unjudged: bool) -> Vec<Merged> {
    if worlds.len() == 1 && !unjudged {
        let world = worlds.into_iter().next().expect("one");
        return world
            .found
            .into_iter()
            .map(|found| Merged {
                found,
                worlds: 1,
                cut_short: world.cut_short,
            })
            .collect();
    }
    let key = |found: &Found| {
        found
            .request
            .as_ref()
            .map(|r| (Arc::as_ptr(&r.module) as usize, r.span.clone()))
    };
    // Per request: its key, the site so far, and the alternatives that make it.
    type Request = (Option<(usize, Span)>, Merged, Vec<usize>);
    let mut merged: Vec<Request> = Vec::new();
    for (index, world) in worlds.iter().enumerate() {
        for found in &world.found {
            let k = key(found);
            match merged.iter_mut().find(|(known, _, _)| *known == k) {
                Some((_, into, seen)) => {
                    if seen.last() != Some(&index) {
                        seen.push(index);
                        into.worlds += 1;
                    }
                    into.cut_short |= world.cut_short;
                    combine(&mut into.found.parts, &found.parts);
                }
                None => merged.push((
                    k,
                    Merged {
                        found: Found {
                            parts: found.parts.clone(),
                            request: found.request.clone(),
                            via: found.via.clone(),
                            judged_at_helper: found.judged_at_helper,
                        },
                        worlds: 1,
                        cut_short: world.cut_short,
                    },
                    vec![index],
                )),
            }
        }
    }
    for (_, site, seen) in &mut merged {
        let unknown_elsewhere = worlds
            .iter()
            .enumerate()
            .any(|(i, w)| w.took_unknown && !seen.contains(&i));
        if unknown_elsewhere || unjudged {
            site.found.parts.prefs = Prefs::Unknown;
            site.found.parts.provider_slot = None;
        }
    }
    merged.into_iter().map(|(_, site, _)| site).collect()
}

/// Adds what another alternative of the same site sends.
fn combine(into: &mut SiteParts, other: &SiteParts) {
    if into.prefs != other.prefs {
        into.prefs = Prefs::Unknown;
    }
    if into.provider_slot != other.provider_slot {
        into.provider_slot = None;
    }
    for model in &other.models {
        if !into
            .models
            .iter()
            .any(|m| m.id == model.id && m.span == model.span)
        {
            into.models.push(model.clone());
        }
    }
    for key in &other.misplaced {
        if !into.misplaced.contains(key) {
            into.misplaced.push(key.clone());
        }
    }
    into.uses_preset |= other.uses_preset;
}

/// What a recognised site sends, before it becomes a fact.
#[derive(Debug, Clone)]
struct SiteParts {
    shape: Shape,
    prefs: Prefs,
    misplaced: Vec<MisplacedKey>,
    models: Vec<ModelRef>,
    uses_preset: bool,
    provider_slot: Option<ProviderSlot>,
}

impl SiteParts {
    fn new(shape: Shape) -> Self {
        SiteParts {
            shape,
            prefs: Prefs::Absent,
            misplaced: Vec::new(),
            models: Vec::new(),
            uses_preset: false,
            provider_slot: None,
        }
    }
}

/// Where `provider` would go in `obj` (a request body, `extra_body`), when it sends none
/// and is written here.
/// `wrap` names the entries to create around it, outermost first.
fn slot_in(obj: &Obj, wrap: &'static [&'static str]) -> Option<ProviderSlot> {
    let first = wrap.first().copied().unwrap_or("provider");
    if obj.get(first).is_some() || !obj.complete {
        return None;
    }
    Some(ProviderSlot {
        object: prefs::written(obj)?,
        wrap,
    })
}

/// A site found at a call: what it sends and, when the call is a helper's, where the request
/// itself is made.
#[derive(Debug, Clone)]
struct Found {
    parts: SiteParts,
    request: Option<RequestAt>,
    via: Vec<String>,
    judged_at_helper: bool,
}

impl Found {
    fn direct(parts: SiteParts) -> Found {
        Found {
            parts,
            request: None,
            via: Vec::new(),
            judged_at_helper: false,
        }
    }
}

/// A request call in some module.
#[derive(Debug, Clone)]
struct RequestAt {
    module: Arc<Module>,
    span: Span,
}

impl RequestAt {
    fn location(&self) -> Location {
        let module = &self.module;
        Location::new(
            &module.shown,
            &module.path,
            &module.text,
            &module.index,
            self.span.clone(),
        )
    }
}

/// The sites a call is: a library request, or requests a project function makes with this
/// call's arguments.
fn recognise(ev: &Evaluator<'_>, call: &Call) -> Vec<Found> {
    let callee = ev.callee_of(call);
    let parts = match &callee {
        Value::Method { client, path } => method_site(ev, call, client, path),
        Value::Ref(_) => function_site(ev, call, &callee),
        Value::Function(function) => return helpers::sites(ev, call, function),
        // A subclass of a library class (`class ChatOpenRouter(ChatOpenAI)`): built by its
        // constructor's `super` call, or, without a constructor, as the base is.
        Value::Class(class) => {
            return match ev.constructor_of(class) {
                Some(constructor) => helpers::sites(ev, call, &constructor),
                None => match ev.library_base(class) {
                    Some(base) => function_site(ev, call, &base)
                        .map(Found::direct)
                        .into_iter()
                        .collect(),
                    None => Vec::new(),
                },
            };
        }
        _ => None,
    };
    parts.map(Found::direct).into_iter().collect()
}

/// Calls that may be library requests by their shape alone: a candidate name, or a computed
/// callee (`(opts.fetchFn ?? fetch)(…)`).
fn looks_like_request(call: &Call) -> bool {
    match &call.callee {
        Expr::Name(name, _) | Expr::Attr { name, .. } => is_candidate(name),
        Expr::Binary { .. } | Expr::Other(_) => true,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Dispatch to the libraries.

/// Builds the client (or AI SDK model) a constructor call makes, if it is one orlint knows.
pub fn construct(ev: &Evaluator<'_>, callee: &Value, call: &Call) -> Option<Client> {
    openai::construct(ev, callee, call)
        .or_else(|| anthropic::construct(ev, callee, call))
        .or_else(|| openrouter_sdk::construct(callee))
        .or_else(|| http::construct(ev, callee, call))
        .or_else(|| instructor::construct(ev, callee, call))
        .or_else(|| ai_sdk::construct(ev, callee, call))
        .or_else(|| pydantic_ai::construct(ev, callee, call))
}

/// Sites that are method calls on a client.
fn method_site(
    ev: &Evaluator<'_>,
    call: &Call,
    client: &Client,
    path: &[String],
) -> Option<SiteParts> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    openai::method(ev, call, client, &path)
        .or_else(|| anthropic::method(ev, call, client, &path))
        .or_else(|| openrouter_sdk::method(ev, call, client, &path))
        .or_else(|| instructor::method(ev, call, client, &path))
        .or_else(|| http::method(ev, call, client, &path))
}

/// Sites that are calls of imported (or global) functions and constructors.
fn function_site(ev: &Evaluator<'_>, call: &Call, callee: &Value) -> Option<SiteParts> {
    let Value::Ref(reference) = callee else {
        return None;
    };
    // `providers.Singleton(ChatOpenAI, model=…)` builds `ChatOpenAI(model=…)` when first
    // asked for: the same construction.
    if callee.is_ref(
        &["dependency_injector"],
        &["Singleton", "ThreadSafeSingleton", "Factory"],
        false,
    ) {
        let (built, rest) = call.args.split_first()?;
        let super::ir::Arg::Positional(built) = built else {
            return None;
        };
        let inner = Call {
            callee: built.clone(),
            args: rest.to_vec(),
            span: call.span.clone(),
            is_new: false,
        };
        let built = ev.eval(built);
        return matches!(built, Value::Ref(_))
            .then(|| function_site(ev, &inner, &built))
            .flatten();
    }
    let full = reference.full_path();
    let full: Vec<&str> = full.iter().map(String::as_str).collect();
    http::function(ev, call, &full)
        .or_else(|| openai::function(ev, call, callee, &full))
        .or_else(|| litellm::function(ev, call, callee))
        .or_else(|| ai_sdk::function(ev, call, callee))
        .or_else(|| langchain::function(ev, call, callee))
        .or_else(|| llama_index::function(ev, call, callee))
        .or_else(|| pydantic_ai::function(ev, call, callee))
}

// ---------------------------------------------------------------------------------------------
// Shared by the recognisers.

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
            .is_some_and(|(text, _)| super::url::is_openrouter(text))
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
        written_at: value.written().map(super::eval::Written::location),
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

/// The request shape of an OpenAI SDK in this file's language.
fn openai_shape(ev: &Evaluator<'_>) -> Shape {
    match ev.family {
        Family::Python => Shape::OpenAiPython,
        Family::EcmaScript => Shape::OpenAiNode,
    }
}
