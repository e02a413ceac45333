//! `--format json`: the versioned contract in ARCHITECTURE.md.

use serde::Serialize;

use crate::finding::{Finding, Related};
use crate::report::{
    json_array_end, json_items, pretty_json, Renderer, RulesSeen, SourceLookup, Summary,
};
use crate::rules::Severity;

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

/// `{"version": 1, "findings": [...], "summary": {...}}`, pretty-printed.
pub struct Json;

impl Renderer for Json {
    fn begin(&self) -> String {
        "{\n  \"version\": 1,\n  \"findings\": [".into()
    }

    fn batch(&self, findings: &[Finding], _prints: &[String], _: &dyn SourceLookup) -> String {
        json_items(findings.iter().map(JsonFinding::from), 4)
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        format!(
            "{},\n  \"summary\": {}\n}}\n",
            json_array_end(summary.total(), 4),
            pretty_json(summary, 2)
        )
    }
}
