//! The report being written: batches go to every output in the order they
//! come, and the summary, rules seen, facts, baseline entries and (when
//! asked) findings are added up from them.

use std::io::{self, Write};

use crate::baseline::BaselineEntry;
use crate::facts::FileFacts;
use crate::finding::Finding;
use crate::report::{Renderer, RulesSeen, Summary};
use crate::run::batch::Batch;

/// Writes batches to the outputs and adds up the summary, facts and findings.
pub struct ReportWriter<'r, 'w> {
    renderers: &'r [&'r dyn Renderer],
    sinks: Vec<Box<dyn Write + 'w>>,
    /// Whether an output has had a non-empty batch (for separators).
    wrote: Vec<bool>,
    /// Outputs whose reader went away (`deploylint . | head`).
    closed: Vec<bool>,
    pub error: Option<String>,
    pub summary: Summary,
    rules: RulesSeen,
    /// Every file's facts so far (records are boxed: growing moves pointers).
    pub facts: FileFacts,
    pub findings: Vec<Finding>,
    pub baseline: Vec<BaselineEntry>,
    keep_findings: bool,
}

impl<'r, 'w> ReportWriter<'r, 'w> {
    pub fn new(
        renderers: &'r [&'r dyn Renderer],
        sinks: Vec<Box<dyn Write + 'w>>,
        keep_findings: bool,
    ) -> Self {
        let mut writer = ReportWriter {
            renderers,
            wrote: vec![false; sinks.len()],
            closed: vec![false; sinks.len()],
            sinks,
            error: None,
            summary: Summary::default(),
            rules: RulesSeen::new(),
            facts: FileFacts::default(),
            findings: Vec::new(),
            baseline: Vec::new(),
            keep_findings,
        };
        for (index, renderer) in renderers.iter().enumerate() {
            writer.emit(index, &renderer.begin());
        }
        writer
    }

    fn emit(&mut self, index: usize, text: &str) {
        if text.is_empty() || self.closed[index] {
            return;
        }
        if let Err(e) = self.sinks[index].write_all(text.as_bytes()) {
            self.fail(index, e);
        }
    }

    fn fail(&mut self, index: usize, error: io::Error) {
        self.closed[index] = true;
        if error.kind() != io::ErrorKind::BrokenPipe {
            self.error
                .get_or_insert_with(|| format!("cannot write the report: {error}"));
        }
    }

    pub fn write(&mut self, batch: Batch) {
        for (index, text) in batch.rendered.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            if self.wrote[index] {
                self.emit(index, self.renderers[index].separator());
            }
            self.wrote[index] = true;
            self.emit(index, text);
        }
        let summary = &mut self.summary;
        summary.errors += batch.counts.errors;
        summary.warnings += batch.counts.warnings;
        summary.infos += batch.counts.infos;
        summary.baselined += batch.counts.baselined;
        if let Some(unreadable) = batch.unreadable {
            self.error.get_or_insert(unreadable);
        }
        match batch.file {
            Some(true) => summary.skipped += 1,
            Some(false) => summary.files += 1,
            None => {}
        }
        for (rule, seen) in batch.rules {
            self.rules
                .entry(rule)
                .and_modify(|s| s.count += seen.count)
                .or_insert(seen);
        }
        self.facts.extend(batch.facts);
        self.baseline.extend(batch.baseline);
        if self.keep_findings {
            self.findings.extend(batch.findings);
        }
    }

    pub fn end(&mut self) {
        for index in 0..self.sinks.len() {
            let text = self.renderers[index].end(&self.summary, &self.rules);
            self.emit(index, &text);
            if !self.closed[index] {
                if let Err(e) = self.sinks[index].flush() {
                    self.fail(index, e);
                }
            }
        }
    }
}
