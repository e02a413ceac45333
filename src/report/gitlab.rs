//! `--format gitlab`: GitLab's code quality report (a Code Climate subset).

use serde::Serialize;

use crate::baseline;
use crate::report::Report;
use crate::rules::Severity;

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

pub fn render(report: &Report) -> String {
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .zip(baseline::fingerprints(report.findings))
        .map(|(f, fingerprint)| Issue {
            description: match &f.object {
                Some(object) => format!("{object}: {}", f.message),
                None => f.message.clone(),
            },
            check_name: &f.rule,
            fingerprint,
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
        })
        .collect();
    serde_json::to_string_pretty(&issues).expect("the report serializes") + "\n"
}
