//! Reading a `provider` object: which keys reach OpenRouter, and which do not.

use super::eval::{Obj, Value};
use crate::facts::{
    MisplacedKey, Misplacement, ObjectLiteral, PrefEntry, PrefValue, Prefs, ProviderPrefs,
    WrittenEntry,
};

/// The keys OpenRouter reads inside `provider`, by their wire (snake_case) names.
pub const WIRE_KEYS: [&str; 13] = [
    "order",
    "only",
    "ignore",
    "allow_fallbacks",
    "require_parameters",
    "data_collection",
    "zdr",
    "enforce_distillable_text",
    "quantizations",
    "sort",
    "preferred_min_throughput",
    "preferred_max_latency",
    "max_price",
];

/// How a library expects the keys inside `provider` to be spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStyle {
    /// Sent as written: only wire names work (raw HTTP, the OpenAI SDKs, LangChain, LiteLLM).
    Wire,
    /// The SDK converts camelCase to wire names (`@openrouter/sdk`); snake_case is accepted too,
    /// as the AI SDK provider's versions differ.
    Converted,
}

pub fn wire_key(key: &str) -> Option<&'static str> {
    WIRE_KEYS.iter().copied().find(|k| *k == key)
}

/// `allowFallbacks` → `allow_fallbacks`, for the known keys only.
pub fn camel_to_wire(key: &str) -> Option<&'static str> {
    if !key.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut snake = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            snake.push('_');
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push(c);
        }
    }
    wire_key(&snake)
}

/// A likely intended key for an unknown one (`allow_fallback`, `fallbacks`, `providers`).
pub fn suggest(key: &str) -> Option<&'static str> {
    let squashed: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let by_meaning =
        match squashed.as_str() {
            "fallback" | "fallbacks" | "allowfallback" | "allowfallbacks" | "usefallbacks" => {
                Some("allow_fallbacks")
            }
            "providers" | "providerorder" | "preferred" | "preferredproviders" | "prefer" => {
                Some("order")
            }
            "allow" | "allowlist" | "allowed" | "allowedproviders" | "whitelist"
            | "onlyproviders" => Some("only"),
            "exclude" | "excluded" | "deny" | "denylist" | "blocklist" | "blacklist"
            | "ignored" => Some("ignore"),
            "datacollection" | "datacollect" | "collection" => Some("data_collection"),
            "zerodataretention" => Some("zdr"),
            _ => None,
        };
    by_meaning.or_else(|| {
        WIRE_KEYS
            .iter()
            .copied()
            .find(|k| edit_distance(&squashed, &k.replace('_', "")) <= 2)
    })
}

/// Whether `key` is `wire` misspelt (a letter or two off, `_`/`-` and case aside), rather
/// than another word for it: only such a key is renamed by a fix.
pub fn is_misspelling(key: &str, wire: &str) -> bool {
    let squashed: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    edit_distance(&squashed, &wire.replace('_', "")) <= 2
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()]
}

/// The preferences a `provider` value sends, recording misplaced keys.
pub fn read_provider(value: &Value, style: KeyStyle, misplaced: &mut Vec<MisplacedKey>) -> Prefs {
    match value {
        Value::Object(obj) => Prefs::Known(read_object(obj, style, misplaced)),
        Value::Literal(_) => Prefs::Absent,
        _ => Prefs::Unknown,
    }
}

fn read_object(obj: &Obj, style: KeyStyle, misplaced: &mut Vec<MisplacedKey>) -> ProviderPrefs {
    let mut entries = Vec::new();
    for entry in &obj.entries {
        let wire = match wire_key(&entry.key) {
            Some(wire) => wire,
            None => match (camel_to_wire(&entry.key), style) {
                (Some(wire), KeyStyle::Converted) => wire,
                (Some(wire), KeyStyle::Wire) => {
                    misplaced.push(MisplacedKey {
                        key: entry.key.clone(),
                        span: entry.key_span.clone(),
                        problem: Misplacement::CamelCase { wire },
                        within: written(obj),
                        destination: None,
                    });
                    continue;
                }
                (None, _) => {
                    misplaced.push(MisplacedKey {
                        key: entry.key.clone(),
                        span: entry.key_span.clone(),
                        problem: Misplacement::UnknownKey {
                            suggestion: suggest(&entry.key),
                        },
                        within: written(obj),
                        destination: None,
                    });
                    continue;
                }
            },
        };
        entries.push(PrefEntry {
            key: wire,
            key_span: entry.key_span.clone(),
            value: pref_value(&entry.value),
        });
    }
    ProviderPrefs {
        entries,
        complete: obj.complete,
        written: written(obj),
    }
}

/// The object as written in the linted file, when it is one literal there.
pub fn written(obj: &Obj) -> Option<ObjectLiteral> {
    let values = obj.written.as_ref()?;
    Some(ObjectLiteral {
        span: obj.span.clone(),
        keywords: obj.keyword_arguments,
        entries: obj
            .entries
            .iter()
            .zip(values)
            .map(|(entry, value)| WrittenEntry {
                key: entry.key.clone(),
                key_span: entry.key_span.clone(),
                value_span: value.clone(),
            })
            .collect(),
    })
}

pub fn pref_value(value: &Value) -> PrefValue {
    match value {
        Value::Bool(b, _) => PrefValue::Bool(*b),
        Value::Str {
            text,
            partial: false,
            ..
        } => PrefValue::Str(text.clone()),
        Value::List {
            items, complete, ..
        } => {
            let mut all = *complete;
            let strings = items
                .iter()
                .filter_map(|item| match item.as_str() {
                    Some(s) => Some((s.to_string(), item.span())),
                    None => {
                        all = false;
                        None
                    }
                })
                .collect();
            PrefValue::List {
                items: strings,
                complete: all,
            }
        }
        Value::Literal(_) | Value::Object(_) => PrefValue::Other,
        _ => PrefValue::Unknown,
    }
}

/// `provider` keys written directly in an object that becomes the top level of the body (the
/// AI SDK's `providerOptions.openrouter`), where OpenRouter does not read them.
pub fn stray_routing_keys(obj: &Obj, misplaced: &mut Vec<MisplacedKey>) {
    let provider = match obj.get("provider").map(|e| &e.value) {
        Some(Value::Object(provider)) => written(provider),
        _ => None,
    };
    for entry in &obj.entries {
        let wire = wire_key(&entry.key).or_else(|| camel_to_wire(&entry.key));
        if let Some(wire) = wire {
            misplaced.push(MisplacedKey {
                key: entry.key.clone(),
                span: entry.key_span.clone(),
                problem: Misplacement::OutsideProvider { wire },
                within: written(obj),
                destination: provider.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_spellings() {
        assert_eq!(camel_to_wire("allowFallbacks"), Some("allow_fallbacks"));
        assert_eq!(camel_to_wire("dataCollection"), Some("data_collection"));
        assert_eq!(camel_to_wire("order"), None);
        assert_eq!(camel_to_wire("allowFallback"), None);
        assert_eq!(suggest("allow_fallback"), Some("allow_fallbacks"));
        assert_eq!(suggest("fallbacks"), Some("allow_fallbacks"));
        assert_eq!(suggest("providers"), Some("order"));
        assert_eq!(suggest("orders"), Some("order"));
        assert_eq!(suggest("temperature"), None);
    }
}
