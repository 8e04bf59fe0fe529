//! SARIF 2.1.0 for GitHub code scanning, built with serde-sarif.
//!
//! One run; every enabled rule described in `tool.driver.rules` (GitHub needs the rule
//! metadata to show help and to filter); relative URIs against `%SRCROOT%`; regions in UTF-16
//! code units; `primaryLocationLineHash` as GitHub's action computes it. No snippets: the
//! message says everything, and a snippet is one more place a key could leak.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_sarif::sarif;

use super::{Report, fingerprint};
use crate::rules::{Rule, Severity};

pub const TOOL_NAME: &str = "orlint";
/// The schema URL GitHub's documentation and most tools use.
const SCHEMA_URL: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// GitHub shows at most this many characters of a rule's descriptions.
const MAX_DESCRIPTION: usize = 1024;
/// GitHub accepts at most this many results per run.
pub const MAX_RESULTS: usize = 25_000;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let log = build(report);
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn build(report: &Report<'_>) -> sarif::Sarif {
    // Every enabled rule, plus any rule a result names (results only come from enabled rules,
    // but `ruleIndex` must never point at the wrong descriptor).
    let mut rules: Vec<&'static Rule> = report.rules.to_vec();
    for file in report.files {
        for diagnostic in report.shown(file) {
            if !rules.iter().any(|r| r.code == diagnostic.code()) {
                rules.push(diagnostic.rule);
            }
        }
    }
    let rule_index: BTreeMap<&str, usize> =
        rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();

    let mut results = Vec::new();
    for file in report.files {
        let mut shown = report.shown(file).peekable();
        if shown.peek().is_none() {
            continue;
        }
        // Hashed with key material masked: a fingerprint never takes a key as input.
        let masked = crate::secrets::masked(&file.text, 0..file.text.len(), &file.secrets);
        let hashes = fingerprint::line_hashes(&crate::redact::key_shaped(&masked));
        for diagnostic in shown {
            let start = file
                .index
                .position_utf16(&file.text, diagnostic.range.start);
            let end = file.index.position_utf16(&file.text, diagnostic.range.end);
            let region = region_of(start, end);
            let primary = location(&file.path, region);
            let mut fingerprints = BTreeMap::new();
            if let Some(hash) = hashes.get(start.line - 1) {
                fingerprints.insert("primaryLocationLineHash".to_string(), hash.clone());
            }
            // GitHub shows related locations through links in the message: `[text](id)`.
            let mut text = diagnostic.message.clone();
            for (id, related) in diagnostic.related.iter().enumerate() {
                text.push_str(&format!(" ([{}]({id}))", related.message));
            }
            let mut result = sarif::Result::builder()
                .rule_id(diagnostic.code())
                .rule_index(rule_index[diagnostic.code()] as i64)
                .level(level(diagnostic.severity()))
                .message(sarif::Message::builder().text(text).build())
                .locations(vec![primary])
                .partial_fingerprints(fingerprints)
                .build();
            if !diagnostic.related.is_empty() {
                result.related_locations = Some(
                    diagnostic
                        .related
                        .iter()
                        .enumerate()
                        .map(|(id, related)| {
                            let at = &related.location;
                            let region = region_of(at.start_utf16, at.end_utf16);
                            let mut location = location(&at.path, region);
                            location.id = Some(id as i64);
                            location.message = Some(
                                sarif::Message::builder()
                                    .text(related.message.clone())
                                    .build(),
                            );
                            location
                        })
                        .collect(),
                );
            }
            if let Some(fix) = &diagnostic.fix {
                result.fixes = Some(vec![sarif_fix(file, fix)]);
            }
            if let Some(suppression) = &diagnostic.suppression {
                let mut entry = sarif::Suppression::builder()
                    .kind(serde_json::Value::String("inSource".into()))
                    .build();
                entry.justification = suppression.reason.clone();
                result.suppressions = Some(vec![entry]);
            }
            results.push((diagnostic.severity(), result));
        }
    }
    if results.len() > MAX_RESULTS {
        // GitHub rejects a run with more results; keep the most severe (the sort is stable, so
        // path order holds within a severity).
        crate::redact::eprint_line(&format!(
            "warning: {} results exceed GitHub's limit of {MAX_RESULTS} per SARIF run; keeping the {MAX_RESULTS} most severe",
            results.len()
        ));
        results.sort_by_key(|r| std::cmp::Reverse(r.0));
        results.truncate(MAX_RESULTS);
    }
    let results: Vec<sarif::Result> = results.into_iter().map(|(_, r)| r).collect();

    let driver = sarif::ToolComponent::builder()
        .name(TOOL_NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let mut run = sarif::Run::builder()
        .tool(driver)
        .results(results)
        .column_kind(serde_json::Value::String("utf16CodeUnits".into()))
        .build();
    if !report.problems.is_empty() {
        run.invocations = Some(vec![invocation(report.problems)]);
    }
    sarif::Sarif::builder()
        .schema(SCHEMA_URL)
        .version(serde_json::Value::String("2.1.0".into()))
        .runs(vec![run])
        .build()
}

/// What did not go to plan: files not read, not fully analysed, paths that do not exist. Code
/// scanning shows these as tool notifications, so a partial analysis is never taken for a
/// clean one.
fn invocation(problems: &[crate::discover::Problem]) -> sarif::Invocation {
    let notifications = problems
        .iter()
        .map(|problem| {
            let level = if problem.is_error() {
                "error"
            } else {
                "warning"
            };
            let mut notification = sarif::Notification::builder()
                .message(sarif::Message::builder().text(problem.message()).build())
                .level(serde_json::Value::from(level))
                .build();
            if let Some(path) = problem.path() {
                let artifact = sarif::ArtifactLocation::builder()
                    .uri(uri_for(path))
                    .uri_base_id("%SRCROOT%")
                    .build();
                notification.locations = Some(vec![
                    sarif::Location::builder()
                        .physical_location(
                            sarif::PhysicalLocation::builder()
                                .artifact_location(artifact)
                                .build(),
                        )
                        .build(),
                ]);
            }
            notification
        })
        .collect::<Vec<_>>();
    sarif::Invocation::builder()
        .execution_successful(!problems.iter().any(|p| p.is_error()))
        .tool_execution_notifications(notifications)
        .build()
}

/// A fix as SARIF describes one: its edits as replacements of regions (UTF-16 columns, as
/// every region here), an insertion being an empty region.
fn sarif_fix(file: &crate::lint::FileReport, fix: &crate::diagnostic::Fix) -> sarif::Fix {
    let replacements = fix
        .edits
        .iter()
        .map(|edit| {
            let start = file.index.position_utf16(&file.text, edit.range.start);
            let end = file.index.position_utf16(&file.text, edit.range.end);
            let region = region_of(start, end);
            sarif::Replacement::builder()
                .deleted_region(region)
                .inserted_content(
                    sarif::ArtifactContent::builder()
                        .text(edit.content.clone())
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    let change = sarif::ArtifactChange::builder()
        .artifact_location(
            sarif::ArtifactLocation::builder()
                .uri(uri_for(&file.path))
                .uri_base_id("%SRCROOT%")
                .build(),
        )
        .replacements(replacements)
        .build();
    sarif::Fix::builder()
        .description(
            sarif::Message::builder()
                .text(format!(
                    "{} ({} fix)",
                    fix.title,
                    fix.applicability.as_str()
                ))
                .build(),
        )
        .artifact_changes(vec![change])
        .build()
}

/// A region from 1-based positions in UTF-16 code units.
fn region_of(
    start: crate::line_index::Position,
    end: crate::line_index::Position,
) -> sarif::Region {
    sarif::Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .build()
}

/// A location in a file of the run, relative to `%SRCROOT%`.
fn location(path: &str, region: sarif::Region) -> sarif::Location {
    let artifact = sarif::ArtifactLocation::builder()
        .uri(uri_for(path))
        .uri_base_id("%SRCROOT%")
        .build();
    sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact)
                .region(region)
                .build(),
        )
        .build()
}

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    }
}

fn descriptor(rule: &Rule) -> sarif::ReportingDescriptor {
    let docs = rule.docs();
    let what = rule
        .docs_section("What it does")
        .unwrap_or_else(|| rule.summary.to_string());
    let mut properties = BTreeMap::new();
    properties.insert(
        "precision".to_string(),
        serde_json::Value::from(rule.precision),
    );
    properties.insert(
        "security-severity".to_string(),
        serde_json::Value::from(rule.security_severity),
    );
    sarif::ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(truncate(&what.replace('\n', " "), MAX_DESCRIPTION))
                .build(),
        )
        .help(
            sarif::MultiformatMessageString::builder()
                .text(docs.clone())
                .markdown(docs)
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(serde_json::Value::from(level(rule.severity).to_string()))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(rule.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>())
                .additional_properties(properties)
                .build(),
        )
        .build()
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// A relative URI reference for a `/`-separated path: unreserved characters and `/` as is,
/// everything else percent-encoded (`:` too, so a first segment never reads as a scheme).
pub fn uri_for(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri_for("src/app.py"), "src/app.py");
        assert_eq!(uri_for("my dir/é.py"), "my%20dir/%C3%A9.py");
        assert_eq!(uri_for("a:b/c#d"), "a%3Ab/c%23d");
    }
}
