//! How each client library spells routing preferences, for help texts: the exact fix for the
//! shape a site uses.

use crate::diagnostic::Edit;
use crate::facts::{ProviderPrefs, Shape};
use crate::fix::literal;
use crate::model::prefs;
use crate::rules::RuleContext;

/// Where `provider` goes for this shape, as code to paste.
pub fn where_provider_goes(shape: Shape) -> &'static str {
    match shape {
        Shape::OpenAiPython | Shape::Instructor | Shape::Anthropic => {
            r#"extra_body={"provider": {...}}"#
        }
        Shape::OpenAiLegacyPython => {
            r#"provider={...} (openai<1.0 sends extra keyword arguments in the body)"#
        }
        Shape::OpenAiNode | Shape::HttpJs => "`provider: {...}` in the request body",
        Shape::HttpPython => r#""provider": {...} in the JSON body"#,
        Shape::OpenRouterSdkTs => {
            "`provider: {...}` in the request (camelCase keys: `allowFallbacks`)"
        }
        Shape::OpenRouterSdkPython => "provider={...}",
        Shape::AiSdk => {
            "`providerOptions: { openrouter: { provider: {...} } }` (or `provider` in the model settings)"
        }
        Shape::LangChainPython => {
            r#"extra_body={"provider": {...}} (ChatOpenRouter: openrouter_provider={...})"#
        }
        Shape::LangChainJs => {
            "`modelKwargs: { provider: {...} }` (ChatOpenRouter: `provider: {...}`)"
        }
        Shape::LiteLlm => r#"extra_body={"provider": {...}}"#,
        Shape::PydanticAi => r#"model_settings=OpenRouterModelSettings(openrouter_provider={...})"#,
        Shape::LlamaIndex => r#"additional_kwargs={"extra_body": {"provider": {...}}}"#,
    }
}

/// Whether the shape's keys are camelCase (`allowFallbacks`) rather than wire snake_case.
pub fn uses_camel_case(shape: Shape) -> bool {
    matches!(shape, Shape::OpenRouterSdkTs)
}

/// Pinned routing (`order` with fallbacks off) as this shape writes it.
pub fn pinned_example(shape: Shape) -> &'static str {
    match shape {
        Shape::OpenAiPython
        | Shape::Instructor
        | Shape::Anthropic
        | Shape::LiteLlm
        | Shape::LangChainPython => {
            r#"extra_body={"provider": {"order": [...], "allow_fallbacks": False}}"#
        }
        Shape::OpenAiLegacyPython | Shape::OpenRouterSdkPython => {
            r#"provider={"order": [...], "allow_fallbacks": False}"#
        }
        Shape::PydanticAi => {
            r#"OpenRouterModelSettings(openrouter_provider={"order": [...], "allow_fallbacks": False})"#
        }
        Shape::LlamaIndex => {
            r#"additional_kwargs={"extra_body": {"provider": {"order": [...], "allow_fallbacks": False}}}"#
        }
        Shape::HttpPython => r#""provider": {"order": [...], "allow_fallbacks": False}"#,
        Shape::OpenRouterSdkTs => "provider: { order: [...], allowFallbacks: false }",
        Shape::OpenAiNode | Shape::HttpJs | Shape::AiSdk | Shape::LangChainJs => {
            "provider: { order: [...], allow_fallbacks: false }"
        }
    }
}

/// How the shape spells a wire key inside `provider` (`allowFallbacks` for `@openrouter/sdk`).
pub fn spelt(shape: Shape, wire: &str) -> String {
    if !uses_camel_case(shape) {
        return wire.to_string();
    }
    let mut out = String::with_capacity(wire.len());
    let mut upper = false;
    for c in wire.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The edits that set the preference `wire` to `value` (already spelt for the file) in the
/// `provider` object as written: its value when the key is there, else a new last entry.
/// `None` when the object is not a literal in this file, or the file is not code.
pub fn set_preference(
    ctx: &RuleContext<'_>,
    prefs: &ProviderPrefs,
    shape: Shape,
    wire: &str,
    value: &str,
) -> Option<Vec<Edit>> {
    let (dialect, object) = (ctx.dialect()?, prefs.written.as_ref()?);
    Some(match prefs.get(wire) {
        Some(entry) => {
            let written = object
                .entries
                .iter()
                .find(|e| e.key_span == entry.key_span)?;
            vec![literal::replace_value(written, value)]
        }
        // A misspelt or camelCase spelling of the key is there: OR010's fix renames it, and
        // a second entry for the same key would be a duplicate.
        None if object.entries.iter().any(|e| {
            prefs::camel_to_wire(&e.key) == Some(wire)
                || prefs::suggest(&e.key) == Some(wire) && prefs::is_misspelling(&e.key, wire)
        }) =>
        {
            return None;
        }
        None => {
            let key = literal::key(ctx.text, dialect, object, &spelt(shape, wire));
            literal::insert_entry(ctx.text, object, &key, value)
        }
    })
}
