//! Where rules report: applies the configured severity, `off` switches,
//! object annotations and inline `# deploylint-ignore` comments.

use crate::config::Config;
use crate::finding::{Finding, Related, Text};
use crate::rules::{RuleMeta, Severity};
use crate::source::{SourceFile, Span};
use crate::suppress::{IgnoreList, InlineSuppressions};

/// What a check says about one place, before it becomes a [`Finding`].
#[derive(Debug, Default)]
pub struct Draft {
    pub span: Span,
    pub message: String,
    pub help: Text,
    pub label: Option<String>,
    pub related: Vec<Related>,
}

/// Collects one file's findings.
pub struct Sink<'a> {
    pub file: &'a SourceFile,
    config: &'a Config,
    inline: InlineSuppressions,
    object: Option<(String, IgnoreList)>,
    findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a SourceFile, config: &'a Config) -> Sink<'a> {
        Sink {
            file,
            config,
            inline: InlineSuppressions::scan(file),
            object: None,
            findings: Vec::new(),
        }
    }

    /// Findings reported from now on are about this object, and its
    /// `deploylint.dev/ignore` annotation applies to them.
    pub fn enter_object(&mut self, id: String, ignored: IgnoreList) {
        self.object = Some((id, ignored));
    }

    pub fn leave_object(&mut self) {
        self.object = None;
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.config.severity_of(rule).is_some()
    }

    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<String>,
        help: impl Into<Text>,
    ) {
        self.report_draft(
            rule,
            Draft {
                span,
                message: message.into(),
                help: help.into(),
                ..Draft::default()
            },
        );
    }

    pub fn report_draft(&mut self, rule: &RuleMeta, draft: Draft) {
        self.report_as(rule.id, rule.severity, draft, None);
    }

    /// Reports under a rule id known only at run time (a Rego result's),
    /// with `extra` fields for the JSON report.
    pub fn report_as(
        &mut self,
        id: impl Into<Text>,
        default: Severity,
        draft: Draft,
        extra: Option<serde_json::Value>,
    ) {
        let id = id.into();
        let Some(severity) = self.config.severity_for(&id, default) else {
            return;
        };
        if let Some((_, ignored)) = &self.object {
            if ignored.covers(&id) {
                return;
            }
        }
        let start = self.file.line_col(draft.span.start);
        if self.inline.covers(start.line, &id) {
            return;
        }
        self.findings.push(Finding {
            rule: id,
            severity,
            file: self.file.path.clone(),
            span: draft.span,
            start,
            end: self.file.line_col(draft.span.end),
            object: self.object.as_ref().map(|(id, _)| id.clone()),
            message: draft.message,
            help: draft.help,
            label: draft.label,
            related: draft.related.into(),
            extra,
        });
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The findings, and the file's `# deploylint-ignore` comments.
    pub fn into_parts(self) -> (Vec<Finding>, InlineSuppressions) {
        (self.findings, self.inline)
    }
}
