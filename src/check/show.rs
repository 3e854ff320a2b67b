//! Findings for people: grouped by file, most important first within each place, with colour
//! when the terminal shows it (anstream drops it for pipes, CI logs and `NO_COLOR`).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{CheckReport, Finding};
use crate::config::Severity;

const FILE: Style = Style::new().bold().underline();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const RULE: Style = AnsiColor::BrightBlack.on_default();

/// The report as text with ANSI styles, one block per file and a summary line.
pub fn human(report: &CheckReport) -> String {
    let mut out = String::new();
    let mut current_file = None;
    for finding in &report.findings {
        if current_file != Some(&finding.file) {
            if current_file.is_some() {
                out.push('\n');
            }
            let name = finding
                .file
                .as_ref()
                .map_or("(site)".to_string(), |f| f.display().to_string());
            let _ = writeln!(out, "{FILE}{name}{FILE:#}");
            current_file = Some(&finding.file);
        }
        out.push_str(&line_of(finding));
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn line_of(finding: &Finding) -> String {
    let (style, word) = match finding.severity {
        Severity::Error => (ERROR, "error"),
        _ => (WARNING, "warning"),
    };
    let place = match (finding.line, finding.column) {
        (Some(line), Some(column)) => format!("{line}:{column}"),
        _ => String::new(),
    };
    format!(
        "  {place:>7}  {style}{word}{style:#}  {}  {RULE}{}{RULE:#}\n",
        finding.message, finding.rule
    )
}

pub fn summary(report: &CheckReport) -> String {
    if report.is_clean() {
        return "check: no problems found".to_string();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "check: {}, {}",
        plural(report.errors, "error"),
        plural(report.warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_grouped_under_their_file() {
        let finding = |file: &str, line, severity| Finding {
            rule: "broken-link",
            severity,
            file: Some(file.into()),
            line: Some(line),
            column: Some(3),
            message: "gone".into(),
        };
        let report = CheckReport {
            errors: 2,
            warnings: 1,
            findings: vec![
                finding("a.md", 4, Severity::Error),
                finding("a.md", 9, Severity::Warning),
                finding("b.md", 1, Severity::Error),
            ],
        };
        let text = anstream::adapter::strip_str(&human(&report)).to_string();
        assert_eq!(
            text,
            "a.md\n      4:3  error  gone  broken-link\n      9:3  warning  gone  broken-link\n\nb.md\n      1:3  error  gone  broken-link\n\ncheck: 2 errors, 1 warning\n"
        );
    }
}
