//! The rule registry: one file per rule, each declaring its metadata with its documentation as
//! the doc comment (`orlint explain` and SARIF help read it from there).
//!
//! Rules only see language-neutral facts (see [`crate::facts`]); they never look at a syntax
//! tree, so one rule serves Python, TypeScript and JavaScript alike.

use std::collections::BTreeSet;
use std::fmt;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::language::FileKind;
use crate::policy::{FilePolicy, Policy};

pub mod client_exposed_key;
pub mod data_collection_allowed;
pub mod fallbacks_enabled;
pub mod free_model_regulated;
pub mod hardcoded_key;
pub mod key_logged;
pub mod misplaced_provider_prefs;
pub mod missing_provider_order;
pub mod model_not_allowed;
pub mod routing;
pub mod unapproved_provider;
pub mod unused_suppression;
pub mod unwrapped_call;

/// How bad a finding is. Errors and warnings both make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What policy a rule enforces, and so what must be configured for it to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Nothing,
    /// `[policy] regulated` (or a zone with `regulated = true`).
    RegulatedPaths,
    /// `[policy] approved-providers`.
    ApprovedProviders,
    /// `[policy] allowed-models`.
    AllowedModels,
}

impl Requirement {
    pub fn met(self, policy: &Policy) -> bool {
        match self {
            Requirement::Nothing => true,
            Requirement::RegulatedPaths => policy.has_regulated_paths(),
            Requirement::ApprovedProviders => policy.has_approved_providers(),
            Requirement::AllowedModels => policy.has_allowed_models(),
        }
    }

    /// Whether the policy of one file asks for the rule there (regulated, with approved
    /// providers or allowed models).
    pub fn met_for_file(self, policy: &crate::policy::FilePolicy<'_>) -> bool {
        match self {
            Requirement::Nothing => true,
            Requirement::RegulatedPaths => policy.regulated,
            Requirement::ApprovedProviders => policy.approved_providers.is_some(),
            Requirement::AllowedModels => policy.allowed_models.is_some(),
        }
    }

    /// Why a rule with this requirement is inactive.
    pub fn missing(self) -> &'static str {
        match self {
            Requirement::Nothing => "",
            Requirement::RegulatedPaths => "no regulated paths configured",
            Requirement::ApprovedProviders => "no approved providers configured",
            Requirement::AllowedModels => "no allowed models configured",
        }
    }
}

/// What the pipeline hands a rule for one unit of code (a file, or one notebook cell).
pub struct RuleContext<'a> {
    /// The path shown in reports.
    pub path: &'a std::sync::Arc<str>,
    /// The file's absolute path, for path-based policy (`wrapper-paths`).
    pub absolute_path: &'a std::path::Path,
    pub kind: FileKind,
    pub text: &'a str,
    pub facts: &'a Facts,
    pub settings: &'a Settings,
    /// The policy for this file (regulated or not, its providers and models).
    pub policy: FilePolicy<'a>,
}

impl RuleContext<'_> {
    /// How the file spells values, for fixes: `None` for files fixes never edit (text files).
    pub fn dialect(&self) -> Option<crate::fix::literal::Dialect> {
        match self.kind {
            FileKind::Code(language) => Some(crate::fix::literal::Dialect::of(language)),
            _ => None,
        }
    }
}

/// A rule's identity, documentation and check.
pub struct Rule {
    pub code: &'static str,
    /// Kebab-case name of the pattern flagged (ruff's convention: it reads well as "allow X").
    pub name: &'static str,
    pub severity: Severity,
    /// One line: `orlint rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// Markdown from the rule file's doc comment, one leading space per line (see [`Rule::docs`]).
    pub raw_docs: &'static str,
    /// Bytes a file must contain (case-sensitively: list the spellings that occur) for this
    /// rule to possibly fire.
    /// Files with none of the enabled rules' tokens are never parsed.
    pub tokens: &'static [&'static str],
    /// The rule reads request sites, which cost a lowering pass: files are only modelled when
    /// an enabled rule needs it.
    pub needs_sites: bool,
    /// The rule reads the model ids the code chooses outside request sites (model-named
    /// variables, keys and config entries): working them out takes the request model's
    /// evaluator.
    pub needs_model_choices: bool,
    /// The rule reads where the code gives away its OpenRouter key ([`crate::facts::KeyFacts`]).
    pub needs_keys: bool,
    /// The policy that must be configured for the rule to run.
    pub requires: Requirement,
    /// SARIF `properties.tags` (GitHub keeps at most 20).
    pub tags: &'static [&'static str],
    /// SARIF `properties.precision`: very-high, high, medium or low.
    pub precision: &'static str,
    /// SARIF `properties.security-severity`: a score from 0.1 to 10.0, as a string.
    pub security_severity: &'static str,
    pub check: fn(&RuleContext<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The rule's documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// The rule's page: `orlint explain`, the language server's hover, and
    /// `docs/rules/<CODE>.md` (which a test keeps equal to it).
    pub fn explanation(&self) -> String {
        format!(
            "# {} {}\n\nDefault severity: {}\n\n{}",
            self.code,
            self.name,
            self.severity,
            self.docs()
        )
    }

    /// A section of the documentation (`## What it does` → "What it does"), without its heading.
    pub fn docs_section(&self, heading: &str) -> Option<String> {
        let docs = self.docs();
        let marker = format!("## {heading}\n");
        let start = docs.find(&marker)? + marker.len();
        let rest = &docs[start..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        Some(rest[..end].trim().to_string())
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

/// Declares a rule whose doc comment becomes its documentation, without a proc macro:
/// `///` lines arrive as `#[doc = "…"]` attributes, which `concat!` joins at compile time.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = Rule { $($field:ident : $value:expr),* $(,)? };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            raw_docs: concat!($($doc, "\n"),*),
            $($field: $value),*
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order.
pub static ALL_RULES: &[&Rule] = &[
    &hardcoded_key::HARDCODED_KEY,
    &fallbacks_enabled::FALLBACKS_ENABLED,
    &missing_provider_order::MISSING_PROVIDER_ORDER,
    &free_model_regulated::FREE_MODEL_REGULATED,
    &unwrapped_call::UNWRAPPED_CALL,
    &unapproved_provider::UNAPPROVED_PROVIDER,
    &model_not_allowed::MODEL_NOT_ALLOWED,
    &key_logged::KEY_LOGGED,
    &data_collection_allowed::DATA_COLLECTION_ALLOWED,
    &misplaced_provider_prefs::MISPLACED_PROVIDER_PREFS,
    &client_exposed_key::CLIENT_EXPOSED_KEY,
    &unused_suppression::UNUSED_SUPPRESSION,
];

pub fn find_rule(code: &str) -> Option<&'static Rule> {
    ALL_RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// The rules a selector names: `ALL`, a code (`OR001`), a code prefix (`OR00`) or a rule name.
/// An empty result means the selector is unknown.
pub fn rules_matching(selector: &str) -> Vec<&'static Rule> {
    let selector = selector.trim();
    if selector.eq_ignore_ascii_case("ALL") {
        return ALL_RULES.to_vec();
    }
    if let Some(rule) = find_rule(selector) {
        return vec![rule];
    }
    let upper = selector.to_ascii_uppercase();
    if upper.len() >= 2 && upper.starts_with("OR") {
        return ALL_RULES
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect();
    }
    Vec::new()
}

/// One layer of rule selection (the config file, then the command line).
#[derive(Debug, Default, Clone)]
pub struct SelectionLayer {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

/// Resolves layers in order, as ruff does: a layer's `select` replaces everything decided
/// before it (including earlier ignores), and its `ignore` removes rules on top.
/// Selectors must have been validated with [`rules_matching`] already.
pub fn resolve_selection(layers: &[SelectionLayer]) -> Vec<&'static Rule> {
    let mut enabled: BTreeSet<&'static str> = ALL_RULES.iter().map(|r| r.code).collect();
    for layer in layers {
        if let Some(select) = &layer.select {
            enabled = select
                .iter()
                .flat_map(|s| rules_matching(s))
                .map(|r| r.code)
                .collect();
        }
        for ignore in &layer.ignore {
            for rule in rules_matching(ignore) {
                enabled.remove(rule.code);
            }
        }
    }
    ALL_RULES
        .iter()
        .copied()
        .filter(|r| enabled.contains(r.code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_every_section() {
        let mut codes = BTreeSet::new();
        for rule in ALL_RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(!rule.summary.is_empty() && !rule.summary.contains('\n'));
            assert!(rule.summary.len() <= 1024);
            for section in [
                "What it does",
                "Why it matters",
                "Example",
                "How to fix",
                "Configuration",
            ] {
                let text = rule.docs_section(section);
                assert!(
                    text.is_some_and(|t| !t.is_empty()),
                    "{} lacks a `## {section}` section",
                    rule.code
                );
            }
            assert!(!rule.tokens.is_empty(), "{} declares no tokens", rule.code);
            assert!(rule.tags.len() <= 20);
            let score: f64 = rule.security_severity.parse().unwrap();
            assert!((0.1..=10.0).contains(&score));
            assert!(["very-high", "high", "medium", "low"].contains(&rule.precision));
        }
    }

    #[test]
    fn selection_layers_resolve_like_ruff() {
        let all = ALL_RULES.len();
        assert_eq!(resolve_selection(&[]).len(), all);
        let ignore_key = SelectionLayer {
            select: None,
            ignore: vec!["OR001".into()],
        };
        let codes = |rules: Vec<&Rule>| rules.iter().map(|r| r.code).collect::<Vec<_>>();
        assert!(!codes(resolve_selection(std::slice::from_ref(&ignore_key))).contains(&"OR001"));
        // A later `select` resets earlier ignores.
        let select_key = SelectionLayer {
            select: Some(vec!["OR0".into()]),
            ignore: vec![],
        };
        assert!(codes(resolve_selection(&[ignore_key, select_key])).contains(&"OR001"));
        assert!(rules_matching("OR999").is_empty());
        assert!(rules_matching("bogus").is_empty());
        assert_eq!(rules_matching("hardcoded-key").len(), 1);
        assert_eq!(rules_matching("all").len(), all);
    }
}
