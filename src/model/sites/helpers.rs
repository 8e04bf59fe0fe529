//! Calls of the project's own request helpers.
//!
//! A helper is a function whose body makes a request, such as `fetchWithTimeout(url, init)`
//! forwarding to `fetch(url, {...init})`, or `chat(client, messages)` calling
//! `client.chat.completions.create(...)`. Its requests are evaluated again for each call,
//! with the call's arguments bound to its parameters; when that makes one an OpenRouter
//! request, the call is a site, anchored where the caller supplies the values, with the
//! helper's request as its related location. Helpers calling helpers compose, up to a fixed
//! depth.
//!
//! A helper's request that is a site on its own (the helper builds everything itself) is
//! judged where it is. A call of it is then a site only for what its arguments add: routing
//! preferences the helper's request leaves to its caller, and models it does not name itself.

use std::sync::Arc;

use super::{Found, RequestAt, SiteParts, looks_like_request, recognise};
use crate::facts::Prefs;
use crate::model::eval::{Budget, Evaluator, FnValue, Value};
use crate::model::ir::{Call, Expr};
use crate::model::{Bound, Candidate, Module};

/// How many helpers deep a request is followed from the call being judged. Past it, a call of
/// a helper that may make a request is counted as not followed (see [`take_unfollowed`]).
pub const MAX_HELPER_DEPTH: u32 = 10;

thread_local! {
    static UNFOLLOWED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The helpers being followed on this thread, innermost last: a helper reached again
    /// through itself (mutual recursion) is a cycle, not a deeper request.
    static FOLLOWING: std::cell::RefCell<Vec<(usize, usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// What each helper request is on its own, for the module being linted.
    static STANDALONE: std::cell::RefCell<foldhash::HashMap<(usize, usize), Vec<Found>>> =
        std::cell::RefCell::new(foldhash::HashMap::default());
}

/// A helper on the [`FOLLOWING`] stack while its requests are evaluated for a call.
struct Following;

impl Following {
    /// `None` when the helper is already being followed.
    fn enter(key: (usize, usize)) -> Option<Following> {
        FOLLOWING.with(|stack| {
            let mut stack = stack.borrow_mut();
            if stack.contains(&key) {
                return None;
            }
            stack.push(key);
            Some(Following)
        })
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        FOLLOWING.with(|stack| {
            stack.borrow_mut().pop();
        });
    }
}

/// Whether a helper that may make a request was left unfollowed at the depth limit since the
/// last call, and starts over.
pub fn take_unfollowed() -> bool {
    UNFOLLOWED.with(|u| u.replace(false))
}

/// Steps allowed to find which function a callee names.
const CALLEE_STEPS: u32 = 64;

/// The project function a callee names without calling anything to find out: `helper` (a
/// function of this file, or imported), `this.helper`, `module.helper`.
fn function_named(ev: &Evaluator<'_>, callee: &Expr) -> Option<FnValue> {
    let bindings = &ev.module.program.bindings;
    let named = |name: &str, at: usize| match bindings.lookup(name, at)? {
        Bound::Value(Expr::Function(_)) | Bound::Import(_) => Some(()),
        _ => None,
    };
    match callee {
        Expr::Name(name, span) => named(name, span.start)?,
        Expr::Attr { object, name, .. } => match &**object {
            Expr::This(span) => match bindings.lookup_member(name, span.start)? {
                Expr::Function(_) => {}
                _ => return None,
            },
            Expr::Name(root, span) => match bindings.lookup(root, span.start)? {
                Bound::Import(_) => {}
                _ => return None,
            },
            _ => return None,
        },
        _ => return None,
    }
    match ev.eval(callee).or_fallback() {
        Value::Function(function) => Some(function),
        _ => None,
    }
}

/// The sites a call of the project function `function` is.
pub(super) fn sites(ev: &Evaluator<'_>, call: &Call, function: &FnValue) -> Vec<Found> {
    let key = (Arc::as_ptr(&function.module.0) as usize, function.start);
    let Some(_following) = Following::enter(key) else {
        return Vec::new();
    };
    if ev.budget.calls() >= MAX_HELPER_DEPTH {
        if may_request(ev, function, 0) {
            UNFOLLOWED.with(|u| u.set(true));
        }
        return Vec::new();
    }
    if !may_request(ev, function, 0) {
        return Vec::new();
    }
    let module = &function.module.0;
    let Some(definition) = module.program.function(function.start) else {
        return Vec::new();
    };
    let frame = ev
        .budget
        .nested(|| ev.bind_args(function, definition, call));
    // The helper's own values are anchored at this call, wherever the helper is.
    let inner = Evaluator {
        anchor: Some(ev.anchor.clone().unwrap_or_else(|| call.callee_span())),
        ..ev.inside(function, frame, &call.callee_span())
    };
    let name = definition
        .name
        .clone()
        .unwrap_or_else(|| "<anonymous>".into());
    let mut out = Vec::new();
    for candidate in module.candidates_in(function.start) {
        let with_args = ev.budget.nested(|| recognise(&inner, &candidate.call));
        if with_args.is_empty() {
            continue;
        }
        let on_its_own = ev.budget.nested(|| standalone(ev, module, candidate));
        for found in with_args {
            let request = found.request.clone().unwrap_or_else(|| RequestAt {
                module: Arc::clone(module),
                span: candidate.call.callee_span(),
            });
            let mut via = vec![name.clone()];
            via.extend(found.via);
            let Some(parts) = what_the_call_adds(found.parts, on_its_own.first()) else {
                continue;
            };
            out.push(Found {
                parts,
                request: Some(request),
                via,
                judged_at_helper: !on_its_own.is_empty(),
            });
        }
    }
    out
}

/// The sites `candidate` is in its own module, with nothing bound from a caller: what linting
/// that module reports there, over its own alternatives, with a budget of its own (it is the
/// same answer wherever the helper is called from, so it is remembered for the module being
/// linted).
fn standalone(ev: &Evaluator<'_>, module: &Arc<Module>, candidate: &Candidate) -> Vec<Found> {
    let key = (Arc::as_ptr(module) as usize, candidate.call.span.start);
    if let Some(known) = STANDALONE.with(|s| s.borrow().get(&key).cloned()) {
        return known;
    }
    // The caller's pass goes on after this: what it noted so far is kept.
    let cut_short = crate::model::eval::take_cut_short();
    let unfollowed = take_unfollowed();
    let budget = Budget::default();
    let own = Evaluator::new(module, ev.env, &budget);
    let found: Vec<Found> = super::judge(&own, &candidate.call)
        .sites
        .into_iter()
        .map(|merged| merged.found)
        .collect();
    if cut_short {
        crate::model::eval::note_cut_short();
    }
    if unfollowed {
        UNFOLLOWED.with(|u| u.set(true));
    }
    STANDALONE.with(|s| s.borrow_mut().insert(key, found.clone()));
    found
}

/// Forgets the remembered standalone sites (a new module is being linted).
pub fn forget_standalone() {
    STANDALONE.with(|s| s.borrow_mut().clear());
}

/// A call of a helper whose request is a site on its own adds what the helper leaves open:
/// preferences (when the helper's are unknown) and models the helper does not name.
fn what_the_call_adds(mut parts: SiteParts, on_its_own: Option<&Found>) -> Option<SiteParts> {
    let Some(own) = on_its_own else {
        return Some(parts);
    };
    if own.parts.prefs != Prefs::Unknown {
        parts.prefs = Prefs::Unknown;
        parts.misplaced.clear();
    }
    parts
        .models
        .retain(|m| !own.parts.models.iter().any(|o| o.id == m.id));
    (parts.prefs != Prefs::Unknown || !parts.models.is_empty()).then_some(parts)
}

/// Whether `function` can make a request: it calls something shaped like a library request,
/// or a project function that can (within the helper depth). Most functions cannot, and
/// this keeps their calls cheap.
fn may_request(ev: &Evaluator<'_>, function: &FnValue, depth: u32) -> bool {
    requests_within(ev, function, depth).0
}

/// [`may_request`], and whether the answer was cut short by the depth limit (a `false` that
/// is only true from this depth, so it is not remembered).
fn requests_within(ev: &Evaluator<'_>, function: &FnValue, depth: u32) -> (bool, bool) {
    let module = &function.module.0;
    if let Some(known) = module.requesting(function.start) {
        return (known, false);
    }
    let remember = |answer: bool| {
        module.set_requesting(function.start, answer);
        (answer, false)
    };
    let mut candidates = module.candidates_in(function.start).peekable();
    if candidates.peek().is_none() {
        return remember(false);
    }
    if module
        .candidates_in(function.start)
        .any(|c| looks_like_request(&c.call))
    {
        return remember(true);
    }
    if depth >= MAX_HELPER_DEPTH {
        return (false, true);
    }
    // Calls of other project functions (by name, as a method of `this`, or imported): look at
    // what they call, without arguments, and without calling anything to find out.
    let budget = Budget::with_limit(CALLEE_STEPS);
    let own = Evaluator::new(module, ev.env, &budget);
    let mut cut = false;
    for candidate in candidates {
        budget.reset();
        if let Some(callee) = function_named(&own, &candidate.call.callee) {
            if callee.module == function.module && callee.start == function.start {
                continue;
            }
            let (answer, was_cut) = requests_within(ev, &callee, depth + 1);
            if answer {
                return remember(true);
            }
            cut |= was_cut;
        }
    }
    if cut { (false, true) } else { remember(false) }
}
