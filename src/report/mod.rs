//! Renderers: one per output format, all over the same sorted findings.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;

use serde::Serialize;

use crate::finding::Finding;
use crate::rules::Severity;

/// Counts for the closing line and the JSON `summary`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub elapsed_ms: u128,
    /// Findings hidden by `--baseline` (not part of the JSON contract).
    #[serde(skip)]
    pub baselined: usize,
}

impl Summary {
    /// Counts the findings afresh (after a baseline removed some).
    pub fn recount(&mut self, findings: &[Finding]) {
        self.errors = 0;
        self.warnings = 0;
        self.infos = 0;
        self.count(findings);
    }

    pub fn count(&mut self, findings: &[Finding]) {
        for finding in findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// Everything a renderer needs.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub sources: &'a crate::sources::Sources,
    pub summary: &'a Summary,
}
