//! The organisation's policy, resolved from `[policy]`: the audit wrapper, which paths are
//! regulated, and which providers and models each path may use.

use std::path::Path;

use globset::{GlobBuilder, GlobMatcher};

use crate::config::PathPatterns;

/// A case-insensitive glob on function, method or class names, or on model ids.
pub fn glob(pattern: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .case_insensitive(true)
        .literal_separator(false)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

/// Model id patterns (`anthropic/*`, `openai/gpt-4o*`).
#[derive(Debug, Clone)]
pub struct ModelPatterns {
    pub patterns: Vec<String>,
    matchers: Vec<GlobMatcher>,
}

impl ModelPatterns {
    /// Patterns must have been validated with [`glob`].
    pub fn new(patterns: Vec<String>) -> ModelPatterns {
        let matchers = patterns.iter().filter_map(|p| glob(p).ok()).collect();
        ModelPatterns { patterns, matchers }
    }

    /// Whether a model id (as written, wrapper prefixes included) is allowed.
    pub fn allows(&self, id: &str) -> bool {
        // `~anthropic/claude-opus-latest` is OpenRouter's alias for Anthropic's latest Opus.
        let id = strip_model_prefix(id).trim_start_matches('~');
        self.matchers.iter().any(|m| m.is_match(id))
    }
}

/// A `[[policy.zone]]`: overrides for the paths it names.
#[derive(Debug, Clone)]
pub struct Zone {
    pub paths: PathPatterns,
    pub regulated: Option<bool>,
    pub approved_providers: Option<Vec<String>>,
    pub allowed_models: Option<ModelPatterns>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    /// Wrapper name patterns as written (for messages).
    pub wrappers: Vec<String>,
    wrapper_matchers: Vec<GlobMatcher>,
    pub wrapper_paths: Option<PathPatterns>,
    pub regulated: Option<PathPatterns>,
    /// Normalised provider names (`google-ai-studio`).
    pub approved_providers: Vec<String>,
    pub allowed_models: Option<ModelPatterns>,
    pub zones: Vec<Zone>,
}

impl Default for Policy {
    fn default() -> Self {
        let mut policy = Policy {
            wrappers: Vec::new(),
            wrapper_matchers: Vec::new(),
            wrapper_paths: None,
            regulated: None,
            approved_providers: Vec::new(),
            allowed_models: None,
            zones: Vec::new(),
        };
        policy.set_wrappers(vec!["*audit*".to_string()]);
        policy
    }
}

/// The policy that applies to one file.
#[derive(Debug, Clone, Copy)]
pub struct FilePolicy<'a> {
    pub regulated: bool,
    /// `None` (or empty) means OR006 is off for this file.
    pub approved_providers: Option<&'a [String]>,
    /// `None` means OR007 is off for this file.
    pub allowed_models: Option<&'a ModelPatterns>,
}

impl FilePolicy<'_> {
    /// No policy at all: what a file gets when nothing is configured.
    pub const NONE: FilePolicy<'static> = FilePolicy {
        regulated: false,
        approved_providers: None,
        allowed_models: None,
    };
}

impl Policy {
    pub fn set_wrappers(&mut self, patterns: Vec<String>) {
        self.wrapper_matchers = patterns.iter().filter_map(|p| glob(p).ok()).collect();
        self.wrappers = patterns;
    }

    /// Whether a function, method or class name is one of the audit wrappers.
    pub fn is_wrapper(&self, name: &str) -> bool {
        self.wrapper_matchers.iter().any(|m| m.is_match(name))
    }

    /// Whether a file (absolute path) implements the wrapper.
    pub fn in_wrapper_path(&self, path: &Path) -> bool {
        self.wrapper_paths
            .as_ref()
            .is_some_and(|p| p.matches(path, false))
    }

    /// The policy for a file (absolute path): the first zone that matches replaces the
    /// top-level keys it sets; keys a zone leaves out keep their top-level value.
    pub fn for_file(&self, path: &Path) -> FilePolicy<'_> {
        let zone = self.zones.iter().find(|z| z.paths.matches(path, false));
        let regulated = match zone.and_then(|z| z.regulated) {
            Some(regulated) => regulated,
            None => self
                .regulated
                .as_ref()
                .is_some_and(|r| r.matches(path, false)),
        };
        let approved = zone
            .and_then(|z| z.approved_providers.as_deref())
            .unwrap_or(&self.approved_providers);
        let allowed = match zone.and_then(|z| z.allowed_models.as_ref()) {
            Some(models) => Some(models),
            None => self.allowed_models.as_ref(),
        };
        FilePolicy {
            regulated,
            approved_providers: (!approved.is_empty()).then_some(approved),
            allowed_models: allowed.filter(|m| !m.patterns.is_empty()),
        }
    }

    /// Whether any path can be regulated (OR004 and OR009 are inactive otherwise).
    pub fn has_regulated_paths(&self) -> bool {
        self.regulated.is_some() || self.zones.iter().any(|z| z.regulated == Some(true))
    }

    pub fn has_approved_providers(&self) -> bool {
        !self.approved_providers.is_empty()
            || self
                .zones
                .iter()
                .any(|z| z.approved_providers.as_ref().is_some_and(|p| !p.is_empty()))
    }

    pub fn has_allowed_models(&self) -> bool {
        self.allowed_models
            .as_ref()
            .is_some_and(|m| !m.patterns.is_empty())
            || self.zones.iter().any(|z| {
                z.allowed_models
                    .as_ref()
                    .is_some_and(|m| !m.patterns.is_empty())
            })
    }
}

/// OpenRouter spells providers two ways: display names (`Google AI Studio`, `Amazon Bedrock`)
/// and slugs (`google-ai-studio`, `amazon-bedrock`). Compare them as slugs.
pub fn normalize_provider(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether a provider named in `order`/`only` is covered by the approved list: the same slug,
/// or an endpoint variant of an approved base slug (`google-vertex` covers `google-vertex/us-east5`).
pub fn provider_approved(entry: &str, approved: &[String]) -> bool {
    let entry = normalize_provider(entry);
    approved.iter().any(|a| {
        entry == *a
            || entry
                .strip_prefix(a.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// A model id without the wrapper prefixes libraries add: `openrouter/vendor/model` (LiteLLM,
/// instructor) and `openrouter:vendor/model` (pydantic-ai). OpenRouter's own routers
/// (`openrouter/auto`, `openrouter/free`) keep their name.
pub fn strip_model_prefix(id: &str) -> &str {
    if let Some(rest) = id.strip_prefix("openrouter:") {
        return rest;
    }
    match id.strip_prefix("openrouter/") {
        Some(rest) if rest.contains('/') => rest,
        _ => id,
    }
}

/// Whether a string is shaped like an OpenRouter model id: `vendor/model` with optional
/// `:variant` segments, optionally behind a wrapper prefix (`openrouter/`, `openrouter:`),
/// or one of OpenRouter's routers.
pub fn looks_like_model_id(text: &str) -> bool {
    static SHAPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:openrouter[/:])?~?[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*(?::[a-z0-9-]+)*$",
        )
        .expect("model id regex is valid")
    });
    text.len() <= 200 && SHAPE.is_match(text)
}

/// A placeholder that tests and docs write where a model goes (`test/model`, `a/b`,
/// `example/variant-model:free`, `openrouter/test`, `provider/model`): no provider serves it,
/// so no rule judges it. The vendor is a single letter or a placeholder word, or the model
/// name is `model` or starts with a placeholder word.
pub fn is_placeholder_model(id: &str) -> bool {
    const WORDS: [&str; 16] = [
        "test",
        "tests",
        "testing",
        "example",
        "fake",
        "mock",
        "dummy",
        "placeholder",
        "foo",
        "some",
        "my",
        "your",
        "vendor",
        "provider",
        "nonexistent",
        "unknown",
    ];
    let id = strip_model_prefix(id).trim_start_matches('~');
    let Some((vendor, name)) = id.split_once('/') else {
        return false;
    };
    let name = name.split(':').next().unwrap_or(name);
    let first_word = name.split(['-', '_', '.']).next().unwrap_or(name);
    vendor.len() == 1
        || WORDS.contains(&vendor)
        || name == "model"
        || WORDS[..8].contains(&first_word)
}

/// A free model: a `free` variant segment (`vendor/model:free`, `…:free:nitro`) or the
/// Free Models Router (`openrouter/free`).
pub fn is_free_model(id: &str) -> bool {
    let id = strip_model_prefix(id);
    id == "openrouter/free" || id.split(':').skip(1).any(|variant| variant == "free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_models() {
        for id in [
            "test/model",
            "a/b",
            "j/x",
            "openrouter/test",
            "openrouter/test-model",
            "example/variant-model:free",
            "nonexistent/model:free",
            "some/model",
            "custom/model",
            "provider/model",
            "~x/failed-model",
        ] {
            assert!(is_placeholder_model(id), "{id}");
        }
        for id in [
            "openai/gpt-4o",
            "openrouter/free",
            "openrouter/auto",
            "meta-llama/llama-3.3-70b-instruct:free",
            "x-ai/grok-4",
            "~anthropic/claude-sonnet-latest",
            "qwen/qwq-32b",
        ] {
            assert!(!is_placeholder_model(id), "{id}");
        }
    }

    #[test]
    fn provider_spellings() {
        assert_eq!(normalize_provider("Google AI Studio"), "google-ai-studio");
        assert_eq!(normalize_provider("Amazon Bedrock"), "amazon-bedrock");
        assert_eq!(normalize_provider(" DeepInfra "), "deepinfra");
        let approved = vec!["google-vertex".to_string(), "google-ai-studio".to_string()];
        assert!(provider_approved("Google AI Studio", &approved));
        assert!(provider_approved("google-vertex/us-east5", &approved));
        assert!(provider_approved("GOOGLE-VERTEX", &approved));
        assert!(!provider_approved("google-vertex-x", &approved));
        assert!(!provider_approved("openai", &approved));
    }

    #[test]
    fn model_ids() {
        assert_eq!(
            strip_model_prefix("openrouter/anthropic/claude-3"),
            "anthropic/claude-3"
        );
        assert_eq!(
            strip_model_prefix("openrouter:anthropic/claude-3"),
            "anthropic/claude-3"
        );
        assert_eq!(strip_model_prefix("openrouter/auto"), "openrouter/auto");
        assert!(is_free_model("meta-llama/llama-3.1-8b-instruct:free"));
        assert!(is_free_model("poolside/laguna:free:nitro"));
        assert!(is_free_model("openrouter/meta-llama/llama-3:free"));
        assert!(is_free_model("openrouter/free"));
        assert!(!is_free_model("openai/gpt-4o"));
        assert!(!is_free_model("vendor/free-model"));
        assert!(!is_free_model("free"));
        let allowed = ModelPatterns::new(vec!["anthropic/*".into(), "openai/gpt-4o*".into()]);
        assert!(allowed.allows("anthropic/claude-sonnet-4"));
        assert!(allowed.allows("openrouter/anthropic/claude-sonnet-4"));
        assert!(allowed.allows("openrouter:openai/gpt-4o-mini"));
        assert!(!allowed.allows("openai/o3"));
        assert!(allowed.allows("~anthropic/claude-opus-latest"));
        assert!(!allowed.allows("openrouter/auto"));
    }
}
