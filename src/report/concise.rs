//! `path:line:col: CODE message`: what editors' error formats and reviewdog parse
//! (`%f:%l:%c: %m`). Nothing else is printed, so every line is a diagnostic.

use std::io::{self, Write};

use super::Report;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files {
        for diagnostic in report.shown(file) {
            let start = file.index.position(&file.text, diagnostic.range.start);
            let marker = if diagnostic.suppression.is_some() {
                "[suppressed] "
            } else {
                ""
            };
            writeln!(
                out,
                "{}:{}:{}: {} {marker}{}{}",
                file.path,
                start.line,
                start.column,
                diagnostic.code(),
                diagnostic.message,
                report.fix_marker(diagnostic)
            )?;
        }
    }
    Ok(())
}
