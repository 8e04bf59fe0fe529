//! GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.

use std::io::{self, Write};

use super::Report;
use crate::rules::Severity;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files {
        // Annotations are for what needs attention: suppressed findings never become one.
        for diagnostic in file.visible() {
            let start = file.index.position(&file.text, diagnostic.range.start);
            let end = file.index.position(&file.text, diagnostic.range.end);
            let command = match diagnostic.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", diagnostic.code(), diagnostic.name())),
                escape_data(&diagnostic.message),
            )?;
        }
    }
    // A file orlint could not read or fully analyse is an annotation too: a pull request must
    // not look checked when part of it was not.
    for problem in report.problems.iter().filter(|p| !p.is_error()) {
        match problem.path() {
            Some(path) => writeln!(
                out,
                "::warning file={},title=orlint::{}",
                escape_property(path),
                escape_data(&problem.message())
            )?,
            None => writeln!(
                out,
                "::warning title=orlint::{}",
                escape_data(&problem.message())
            )?,
        }
    }
    Ok(())
}

/// Workflow-command escaping for the message part.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping for `key=value` properties, where `:` and `,` are delimiters.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
