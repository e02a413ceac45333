//! `--statistics`: how many findings each rule reported, instead of the
//! findings, most frequent first (as ruff's `--statistics`).

use crate::finding::Finding;
use crate::report::{human, Renderer, RuleSeen, RulesSeen, SourceLookup, Summary};
use crate::rules;

pub struct Statistics {
    /// A JSON array of `{rule, severity, count}` rather than a table.
    pub json: bool,
}

impl Renderer for Statistics {
    fn batch(&self, _: &[Finding], _prints: &[String], _: &dyn SourceLookup) -> String {
        String::new()
    }

    fn end(&self, summary: &Summary, rules: &RulesSeen) -> String {
        let mut seen: Vec<(&String, &RuleSeen)> = rules.iter().collect();
        seen.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        if self.json {
            let rows: Vec<serde_json::Value> = seen
                .iter()
                .map(|(rule, s)| serde_json::json!({"rule": rule, "severity": s.severity, "count": s.count}))
                .collect();
            return serde_json::to_string_pretty(&rows).expect("counts serialize") + "\n";
        }
        let width = seen.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
        let digits = seen.first().map_or(1, |(_, s)| s.count.to_string().len());
        let mut out = String::new();
        for (rule, s) in seen {
            let summary = rules::find(rule).map_or("", |meta| meta.summary);
            out.push_str(&format!(
                "{:>digits$}  {rule:width$}  {:7}  {summary}\n",
                s.count, s.severity
            ));
        }
        out.push_str(&human::summary_line(summary, false));
        out.push('\n');
        out
    }
}
