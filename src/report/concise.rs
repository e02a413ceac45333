//! `--format concise`: one line per finding, `file:line:col: severity[rule]
//! message`, for editors' problem matchers and grep.

use crate::finding::Finding;
use crate::report::{human, terminal, Renderer, RulesSeen, SourceLookup, Summary};

pub struct Concise;

impl Renderer for Concise {
    fn batch(&self, findings: &[Finding], _prints: &[String], _: &dyn SourceLookup) -> String {
        let mut out = String::new();
        for finding in findings {
            let f = terminal::safe_finding(finding);
            let object = f
                .object
                .as_deref()
                .map(|o| format!("{o}: "))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {object}{}\n",
                f.file,
                f.start.line,
                f.start.column,
                f.severity,
                f.rule,
                f.message.replace('\n', " ")
            ));
        }
        out
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        format!("{}\n", human::summary_line(summary, false))
    }
}
