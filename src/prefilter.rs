//! The cheap byte search that decides whether a file is worth parsing.
//!
//! Most files in a codebase never mention OpenRouter or a key. Each rule declares the tokens
//! that must appear for it to fire; a file with none of the enabled rules' tokens is neither
//! parsed nor scanned further.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::rules::Rule;

#[derive(Debug, Clone)]
pub struct Prefilter {
    /// `None` when no rule is enabled: nothing can match.
    tokens: Option<AhoCorasick>,
}

impl Prefilter {
    pub fn new(rules: &[&'static Rule]) -> Prefilter {
        let mut tokens: Vec<&str> = rules
            .iter()
            .flat_map(|r| r.tokens.iter().copied())
            .collect();
        // A rule that reads request sites can fire in any file that talks to OpenRouter: a
        // free model imported from another file leaves no token of OR004's own in the file.
        if rules.iter().any(|r| r.needs_sites) {
            tokens.extend(crate::model::EVIDENCE_TOKENS);
        }
        // The key rules follow the key from where the code names it, and from clients.
        if rules.iter().any(|r| r.needs_keys) {
            tokens.extend(crate::model::keys::KEY_NAME_TOKENS);
            tokens.extend(crate::model::EVIDENCE_TOKENS);
        }
        tokens.sort_unstable();
        tokens.dedup();
        if tokens.is_empty() {
            return Prefilter { tokens: None };
        }
        // Case-sensitive on purpose: rules list the spellings that occur (`OPENROUTER_`,
        // `openrouter/`, `OpenRouter`). A case-insensitive automaton loses the SIMD search and
        // cost a fifth of a whole run over a large corpus.
        // A contiguous NFA, not the DFA the builder would pick for so few tokens: building a
        // DFA cost more than a small file's whole lint, and the search itself runs in the
        // packed (SIMD) prefilter either way.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostFirst)
            .build(&tokens)
            .expect("prefilter tokens are plain strings");
        Prefilter {
            tokens: Some(automaton),
        }
    }

    pub fn matches(&self, text: &[u8]) -> bool {
        self.tokens.as_ref().is_some_and(|t| t.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ALL_RULES;

    #[test]
    fn files_without_tokens_are_skipped() {
        let prefilter = Prefilter::new(ALL_RULES);
        assert!(prefilter.matches(b"key = 'sk-or-v1-'"));
        assert!(prefilter.matches(b"os.environ['OPENROUTER_API_KEY']"));
        assert!(prefilter.matches(b"from langchain_openrouter import ChatOpenRouter"));
        assert!(!prefilter.matches(b"import os\nprint('hello')\n"));
        assert!(!Prefilter::new(&[]).matches(b"sk-or-v1-"));
    }

    #[test]
    fn a_site_rule_alone_still_reads_files_that_talk_to_openrouter() {
        let free_models =
            Prefilter::new(&[&crate::rules::free_model_regulated::FREE_MODEL_REGULATED]);
        assert!(free_models.matches(b"OpenAI(base_url=\"https://openrouter.ai/api/v1\")"));
        assert!(!free_models.matches(b"import os\n"));
    }

    #[test]
    fn key_rules_read_files_that_name_the_key_or_talk_to_openrouter() {
        let logged = Prefilter::new(&[&crate::rules::key_logged::KEY_LOGGED]);
        assert!(logged.matches(b"print(settings.openrouter_api_key[:8])"));
        assert!(!logged.matches(b"print(settings.api_key)"));
        let exposed = Prefilter::new(&[&crate::rules::client_exposed_key::CLIENT_EXPOSED_KEY]);
        assert!(exposed.matches(b"VITE_OPENROUTER_API_KEY="));
        assert!(exposed.matches(b"new OpenAI({ baseURL: \"https://openrouter.ai/api/v1\" })"));
        // A public variable or the browser option on some other service's client: not read.
        assert!(
            !exposed.matches(b"VITE_APP_TITLE=x\nnew OpenAI({ dangerouslyAllowBrowser: true })")
        );
    }
}
