//! A batch: the findings of one file (or of one file's share of a project
//! rule), sorted, checked against the baseline and rendered for every
//! output while the file's text is at hand.

use std::collections::HashSet;

use crate::baseline::{self, BaselineEntry};
use crate::facts::FileFacts;
use crate::finding::{Finding, Severity};
use crate::lint::FileReport;
use crate::report::{Renderer, SourceLookup, Summary};
use crate::timings::{self, Phase};

/// What a run does with findings besides rendering them.
#[derive(Debug, Default)]
pub struct Handling {
    /// Fingerprints of a baseline (`--baseline`): findings that have one are hidden.
    pub baseline: Option<HashSet<String>>,
    /// Collect baseline entries for `--write-baseline` (before hiding any).
    pub record_baseline: bool,
    /// Keep the findings in the outcome, for callers of the library.
    pub keep_findings: bool,
}

/// Sorted by (file, line, column, rule, message).
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The findings of one file (or of the project rules), rendered for every
/// output, with what the run adds up from them.
pub struct Batch {
    pub rendered: Vec<String>,
    /// The findings reported, and those the baseline hid.
    pub counts: Summary,
    pub rules: Vec<(String, Severity)>,
    pub baseline: Vec<BaselineEntry>,
    /// Kept only when the caller asked for the findings.
    pub findings: Vec<Finding>,
    pub facts: FileFacts,
    /// Whether the batch is a file's, and whether that file was skipped.
    pub file: Option<bool>,
    /// Why a file named on the command line could not be read.
    pub unreadable: Option<String>,
}

impl Batch {
    pub fn of_file(report: FileReport, renderers: &[&dyn Renderer], handling: &Handling) -> Batch {
        let FileReport {
            mut findings,
            skipped,
            facts,
            source,
            unreadable,
        } = report;
        sort(&mut findings);
        let mut batch = Batch::of_findings(findings, &source, renderers, handling);
        batch.facts = facts;
        batch.file = Some(skipped);
        batch.unreadable = unreadable;
        batch
    }

    pub fn of_findings(
        mut findings: Vec<Finding>,
        sources: &dyn SourceLookup,
        renderers: &[&dyn Renderer],
        handling: &Handling,
    ) -> Batch {
        let mut counts = Summary::default();
        let needs_prints = handling.baseline.is_some()
            || handling.record_baseline
            || renderers.iter().any(|r| r.needs_fingerprints());
        let mut prints = if needs_prints && !findings.is_empty() {
            baseline::fingerprints(&findings)
        } else {
            vec![String::new(); findings.len()]
        };
        let baseline = if handling.record_baseline {
            baseline::entries(&findings, &prints)
        } else {
            Vec::new()
        };
        if let Some(known) = &handling.baseline {
            counts.baselined = baseline::hide(known, &mut findings, &mut prints);
        }
        counts.count(&findings);
        let mut rules: Vec<(String, Severity)> = Vec::new();
        for finding in &findings {
            if !rules.iter().any(|(id, _)| *id == finding.rule) {
                rules.push((finding.rule.to_string(), finding.severity));
            }
        }
        let rendered = if findings.is_empty() {
            vec![String::new(); renderers.len()]
        } else {
            timings::measure(Phase::Render, || {
                renderers
                    .iter()
                    .map(|r| r.batch(&findings, &prints, sources))
                    .collect()
            })
        };
        if !handling.keep_findings {
            findings = Vec::new();
        }
        Batch {
            rendered,
            counts,
            rules,
            baseline,
            findings,
            facts: FileFacts::default(),
            file: None,
            unreadable: None,
        }
    }
}
