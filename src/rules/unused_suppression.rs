use crate::diagnostic::Diagnostic;
use crate::rules::{Requirement, Rule, RuleContext, Severity, declare_rule, find_rule};
use crate::suppress::{self, Directive};

declare_rule! {
    /// ## What it does
    /// Finds `orlint: ignore[...]` comments that suppress nothing: a code whose rule is enabled
    /// but has no finding where the comment applies, an `orlint: ignore` (all codes) with no
    /// finding to suppress, an `ignore-file` directive below line 10 (where it has no effect),
    /// or a code that names no rule. With `require-suppression-reason = true`, a suppression
    /// without a ` -- reason` is reported too.
    ///
    /// ## Why it matters
    /// Suppressions outlive the code they were written for. A stale one hides the next real
    /// finding on that line: someone pastes a key next to an old `orlint: ignore[OR001]` and
    /// nobody is told. Auditors also ask why each exception exists; a reason on every
    /// suppression answers them in the code.
    ///
    /// ## Example
    /// ```python
    /// client = OpenAI(base_url=os.environ["BASE_URL"])  # orlint: ignore[OR001] -- key moved to env in 2025
    /// ```
    /// ```ts
    /// const model = "anthropic/claude-sonnet-4"; // orlint: ignore[OR999]
    /// ```
    ///
    /// ## How to fix
    /// Delete the stale comment, fix the misspelled code, or add the reason:
    /// ```python
    /// KEY = "…"  # orlint: ignore[OR001] -- revoked key kept as a regression fixture
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [lint]
    /// require-suppression-reason = true   # default false
    /// ```
    /// Codes of rules that are disabled or inactive are not judged (orlint cannot know whether
    /// they would fire). OR100 findings themselves cannot be suppressed inline; turn the rule
    /// off with `ignore = ["OR100"]` if needed.
    pub static UNUSED_SUPPRESSION = Rule {
        code: "OR100",
        name: "unused-suppression",
        severity: Severity::Warning,
        summary: "Suppression comment that suppresses nothing, names an unknown code, or lacks a required reason",
        tokens: &["orlint:"],
        needs_sites: false,
        needs_model_choices: false,
        needs_keys: false,
        requires: Requirement::Nothing,
        tags: &["maintainability", "audit"],
        precision: "very-high",
        security_severity: "2.0",
        check: no_op,
    };
}

/// OR100 judges suppression comments after the other rules ran; see [`check_directives`].
fn no_op(_: &RuleContext<'_>, _: &mut Vec<Diagnostic>) {}

/// Reports the directives of one unit that did nothing; `used[i]` holds the codes directive
/// `i` suppressed.
pub fn check_directives(
    ctx: &RuleContext<'_>,
    directives: &[Directive],
    used: &[Vec<&'static str>],
    out: &mut Vec<Diagnostic>,
) {
    let enabled = |rule: &Rule| ctx.settings.rules.iter().any(|r| r.code == rule.code);
    for (directive, used) in directives.iter().zip(used) {
        let mut problems = Vec::new();
        if directive.file_level && directive.first_line >= suppress::file_directive_lines() {
            problems.push(format!(
                "`orlint: ignore-file` has no effect below line {}",
                suppress::file_directive_lines()
            ));
        } else {
            match &directive.codes {
                None if used.is_empty() => {
                    problems.push("`orlint: ignore` suppresses nothing here".to_string())
                }
                None => {}
                Some(codes) => {
                    for code in codes {
                        match find_rule(code) {
                            None => {
                                problems.push(format!("unknown rule code `{code}` in suppression"))
                            }
                            Some(rule) if enabled(rule) && !used.contains(&rule.code) => problems
                                .push(format!(
                                    "`{code}` is suppressed here but {} ({}) reports nothing",
                                    rule.code, rule.name
                                )),
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        if ctx.settings.require_suppression_reason && directive.reason.is_none() {
            problems.push("suppression without a reason (`-- reason` is required by `require-suppression-reason`)".to_string());
        }
        for problem in problems {
            out.push(
                Diagnostic::new(&UNUSED_SUPPRESSION, ctx.path, directive.range.clone(), problem)
                    .with_label("unused suppression")
                    .with_help("Remove the stale comment or fix its codes; give kept suppressions a reason after ` -- `"),
            );
        }
    }
}
