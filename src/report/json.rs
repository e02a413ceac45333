//! `--format json`: the versioned contract in ARCHITECTURE.md.

use serde::Serialize;

use crate::finding::{Finding, Related};
use crate::report::{Report, Summary};
use crate::rules::Severity;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    object: Option<&'a str>,
    message: &'a str,
    help: &'a str,
    related: &'a [Related],
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<&'a serde_json::Value>,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule: &f.rule,
            severity: f.severity,
            file: &f.file,
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            object: f.object.as_deref(),
            message: &f.message,
            help: &f.help,
            related: &f.related,
            extra: f.extra.as_ref(),
        }
    }
}

pub fn render(report: &Report) -> String {
    let json = JsonReport {
        version: 1,
        findings: report.findings.iter().map(JsonFinding::from).collect(),
        summary: report.summary,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("the report serializes");
    text.push('\n');
    text
}
