//! A batch: the findings of one file (or of one file's share of a project
//! rule), sorted, checked against the baseline and rendered for every
//! output while the file's text is at hand.

use std::collections::HashSet;

use crate::baseline::{self, BaselineEntry};
use crate::facts::FileFacts;
use crate::finding::{Finding, Severity};
use crate::lint::FileReport;
use crate::report::{Renderer, RuleSeen, SourceLookup, Summary};
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
    /// The least severity shown (`--quiet`: errors); every finding counts.
    pub show_from: Severity,
    /// `--report-unused-ignores`: comments that silenced nothing are findings.
    pub report_unused_ignores: bool,
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
    pub rules: Vec<(String, RuleSeen)>,
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
        let mut rules: Vec<(String, RuleSeen)> = Vec::new();
        for finding in &findings {
            match rules.iter_mut().find(|(id, _)| *id == finding.rule) {
                Some((_, seen)) => seen.count += 1,
                None => rules.push((
                    finding.rule.to_string(),
                    RuleSeen {
                        severity: finding.severity,
                        count: 1,
                    },
                )),
            }
        }
        // `--quiet`: what is shown, not what is counted.
        let (shown, shown_prints) = if handling.show_from > Severity::Info {
            findings
                .iter()
                .zip(&prints)
                .filter(|(f, _)| f.severity >= handling.show_from)
                .map(|(f, p)| (f.clone(), p.clone()))
                .unzip()
        } else {
            (Vec::new(), Vec::new())
        };
        let (to_render, render_prints) = match handling.show_from > Severity::Info {
            true => (&shown, &shown_prints),
            false => (&findings, &prints),
        };
        let rendered = if to_render.is_empty() {
            vec![String::new(); renderers.len()]
        } else {
            timings::measure(Phase::Render, || {
                renderers
                    .iter()
                    .map(|r| r.batch(to_render, render_prints, sources))
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
