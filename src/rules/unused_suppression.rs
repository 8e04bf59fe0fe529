use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
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
    /// ## Fix safety
    /// `--fix` removes the unused and unknown codes from the comment, or the whole comment
    /// when nothing is left (a stale `ignore-file` too). It is safe: the comment suppressed
    /// nothing. A comment that holds other text besides the directive is left alone, and a
    /// missing reason has no fix (only a person can give it).
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
        // Codes that do nothing here: the fix drops them all (None: the whole comment).
        let mut dropped: Option<Vec<&str>> = Some(Vec::new());
        if directive.file_level && directive.first_line >= suppress::file_directive_lines() {
            problems.push(format!(
                "`orlint: ignore-file` has no effect below line {}",
                suppress::file_directive_lines()
            ));
            dropped = None;
        } else {
            match &directive.codes {
                None if used.is_empty() => {
                    problems.push("`orlint: ignore` suppresses nothing here".to_string());
                    dropped = None;
                }
                None => {}
                Some(codes) => {
                    for code in codes {
                        match find_rule(code) {
                            None => {
                                problems.push(format!("unknown rule code `{code}` in suppression"));
                                dropped.iter_mut().for_each(|d| d.push(code));
                            }
                            Some(rule) if enabled(rule) && !used.contains(&rule.code) => {
                                problems.push(format!(
                                    "`{code}` is suppressed here but {} ({}) reports nothing",
                                    rule.code, rule.name
                                ));
                                dropped.iter_mut().for_each(|d| d.push(code));
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        let fix = (!problems.is_empty())
            .then(|| removal(ctx.text, directive, dropped.as_deref()))
            .flatten();
        if ctx.settings.require_suppression_reason && directive.reason.is_none() {
            problems.push("suppression without a reason (`-- reason` is required by `require-suppression-reason`)".to_string());
        }
        for problem in problems {
            out.push(
                Diagnostic::new(&UNUSED_SUPPRESSION, ctx.path, directive.range.clone(), problem)
                    .with_label("unused suppression")
                    .with_help("Remove the stale comment or fix its codes; give kept suppressions a reason after ` -- `")
                    .with_fix(fix.clone()),
            );
        }
    }
}

/// The edit that drops `codes` from the directive's list, or (with `None`, or when no code
/// would be left) the whole comment. `None` when the comment holds more than the directive.
fn removal(text: &str, directive: &Directive, codes: Option<&[&str]>) -> Option<Fix> {
    let comment = &text[directive.range.clone()];
    let spans = suppress::directive_spans(comment);
    let [span] = spans.as_slice() else {
        return None;
    };
    if let (Some(codes), Some(list), Some(written)) = (codes, &span.codes, &directive.codes) {
        let kept: Vec<&str> = written
            .iter()
            .map(String::as_str)
            .filter(|c| !codes.contains(c))
            .collect();
        if codes.is_empty() {
            return None;
        }
        if !kept.is_empty() {
            let range = directive.range.start + list.start..directive.range.start + list.end;
            return Some(Fix::new(
                Applicability::Safe,
                format!("Remove {} from the suppression", codes.join(", ")),
                vec![Edit::replace(range, kept.join(", "))],
            ));
        }
    }
    // The whole comment, when it is nothing but the directive.
    let body = comment
        .trim_start_matches(['#', '/', '*', '{', ' ', '\t'])
        .trim_end_matches(['/', '*', '}', ' ', '\t']);
    if !body.starts_with("orlint:") {
        return None;
    }
    let index = crate::line_index::LineIndex::new(text);
    let line = index.line_of(directive.range.start);
    // The line without its ending (`\n`, `\r\n` or a lone `\r`): the ending is kept.
    let line_range = index.line_range(text, line);
    let before = &text[line_range.start..directive.range.start];
    let after = text.get(directive.range.end..line_range.end).unwrap_or("");
    if !after.trim().is_empty() {
        return None;
    }
    let range = if before.trim().is_empty() {
        // Alone on its line: the line goes with its ending, unless it ends a backslash
        // continuation (the line before would then continue into whatever follows).
        if line > 0 {
            let previous = index.line_range(text, line - 1);
            if text[previous].trim_end().ends_with('\\') {
                return None;
            }
        }
        if line + 1 < index.line_count() {
            line_range.start..index.line_start(line + 1)
        } else if line > 0 {
            // The last line, with no ending: the ending before it goes instead, so that the
            // file still ends as it did.
            index.line_range(text, line - 1).end..line_range.end
        } else {
            line_range
        }
    } else {
        // After code: the comment and the spaces before it.
        line_range.start + before.trim_end().len()..line_range.end
    };
    Some(Fix::new(
        Applicability::Safe,
        "Remove the unused suppression comment",
        vec![Edit::delete(range)],
    ))
}
