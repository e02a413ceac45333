//! `--format gitlab`: GitLab's code quality report (a Code Climate subset).

use serde::Serialize;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::report::{json_array_end, json_items, Renderer, RulesSeen, SourceLookup, Summary};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// GitLab's code quality report: a JSON array of issues.
pub struct Gitlab;

impl Renderer for Gitlab {
    fn begin(&self) -> String {
        "[".into()
    }

    fn batch(&self, findings: &[Finding], prints: &[String], _: &dyn SourceLookup) -> String {
        json_items(
            findings.iter().zip(prints).map(|(f, fingerprint)| Issue {
                description: match &f.object {
                    Some(object) => format!("{object}: {}", f.message),
                    None => f.message.clone(),
                },
                check_name: &f.rule,
                fingerprint: fingerprint.clone(),
                severity: match f.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                location: Location {
                    path: &f.file,
                    lines: Lines {
                        begin: f.start.line,
                        end: f.end.line,
                    },
                },
            }),
            2,
        )
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        json_array_end(summary.total(), 2) + "\n"
    }
}
