//! `--format github`: workflow commands that GitHub Actions turns into annotations.

use crate::finding::Finding;
use crate::finding::Severity;
use crate::report::{human, terminal, Renderer, RulesSeen, SourceLookup, Summary};

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=...,title=...`), where `:` and `,` are separators.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one annotation per finding.
pub struct Github;

impl Renderer for Github {
    fn batch(&self, findings: &[Finding], _prints: &[String], _: &dyn SourceLookup) -> String {
        let mut out = String::new();
        for f in findings {
            let f = terminal::safe_finding(f);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let object = f
                .object
                .as_deref()
                .map(|o| format!("{o}: "))
                .unwrap_or_default();
            let message = format!("{object}{}\nhelp: {}", f.message, f.help);
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&f.file),
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                escape_property(&f.rule),
                escape_data(&message)
            ));
        }
        out
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        human::summary_line(summary, false) + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_github() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
