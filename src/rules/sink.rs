//! Where rules report: [`Sink`] for the checks of one file, [`ProjectSink`]
//! for the checks across files. Both ask the configuration for the rule's
//! severity and [`Suppressors::why`] whether the finding is hidden, then
//! make it with [`Finding::new`].

use crate::config::Config;
use crate::facts::{Location, ObjectRef};
use crate::finding::{Draft, Finding, Place, RelatedList, Severity, Text};
use crate::rules::meta::RuleMeta;
use crate::source::{SourceFile, Span};
use crate::suppress::{IgnoreList, InlineSuppressions, PeerCodes, Suppressors};

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
        Sink::with_peer_codes(file, config, |_| Vec::new())
    }

    /// A sink whose file's `# hadolint ignore=` comments reach the rules
    /// `peer_codes` names for their codes.
    pub fn with_peer_codes(
        file: &'a SourceFile,
        config: &'a Config,
        peer_codes: PeerCodes,
    ) -> Sink<'a> {
        Sink {
            file,
            config,
            inline: InlineSuppressions::scan(file, peer_codes),
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

    /// The configuration of this run, for rules that read a setting of their own.
    pub fn config(&self) -> &Config {
        self.config
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        rule.configured(self.config).is_some()
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
        self.push(id, severity, draft, extra);
    }

    /// Reports a milder case of the rule `levels` below its severity in
    /// this run (`error` → `warning` → `info`): a read-only host mount
    /// beside a writable one, an unset seccomp profile beside an
    /// `Unconfined` one.
    pub fn report_milder(
        &mut self,
        rule: &RuleMeta,
        levels: usize,
        span: Span,
        message: impl Into<String>,
        help: impl Into<Text>,
    ) {
        let Some(severity) = rule.configured(self.config) else {
            return;
        };
        let draft = Draft {
            span,
            message: message.into(),
            help: help.into(),
            ..Draft::default()
        };
        let severity = (0..levels).fold(severity, |s, _| s.milder());
        self.push(rule.id.into(), severity, draft, None);
    }

    fn push(
        &mut self,
        id: Text,
        severity: Severity,
        draft: Draft,
        extra: Option<serde_json::Value>,
    ) {
        let place = Place::in_file(self.file, draft.span);
        let by = Suppressors {
            annotation: self.object.as_ref().map(|(_, ignored)| ignored),
            comments: Some(&self.inline),
            baseline: None,
        };
        if by.why(&id, place.start.line, None).is_some() {
            return;
        }
        let object = self.object.as_ref().map(|(id, _)| id.clone());
        self.findings.push(
            Finding::new(id, severity, place, draft)
                .about(object)
                .with_extra(extra),
        );
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// How many findings were reported so far.
    pub fn findings_len(&self) -> usize {
        self.findings.len()
    }

    /// The findings reported since there were `mark`.
    pub fn findings_since(&mut self, mark: usize) -> &mut [Finding] {
        let start = mark.min(self.findings.len());
        &mut self.findings[start..]
    }

    /// The file's `# deploylint-ignore` comments.
    /// Makes the comments above the first line of `lines` cover all of them.
    pub fn widen_comments(&mut self, lines: std::ops::RangeInclusive<usize>) {
        self.inline.widen(lines);
    }

    pub fn comments(&self) -> &InlineSuppressions {
        &self.inline
    }

    /// The findings, and the file's `# deploylint-ignore` comments.
    pub fn into_parts(self) -> (Vec<Finding>, InlineSuppressions) {
        (self.findings, self.inline)
    }
}

/// Collects the findings of one rule across files. The comments of the
/// files they land in are applied when they are written, with the rest of
/// the project phase's findings.
pub struct ProjectSink<'a> {
    config: &'a Config,
    findings: Vec<Finding>,
}

impl<'a> ProjectSink<'a> {
    pub fn new(config: &'a Config) -> ProjectSink<'a> {
        ProjectSink {
            config,
            findings: Vec::new(),
        }
    }

    pub fn report(
        &mut self,
        rule: &RuleMeta,
        object: &ObjectRef,
        at: &Location,
        message: String,
        help: impl Into<Text>,
        related: impl Into<RelatedList>,
    ) {
        let Some(severity) = rule.configured(self.config) else {
            return;
        };
        let by = Suppressors {
            annotation: Some(&object.ignored),
            ..Suppressors::default()
        };
        if by.why(rule.id, at.start().line, None).is_some() {
            return;
        }
        let draft = Draft {
            span: at.span(),
            message,
            help: help.into(),
            label: None,
            related: related.into(),
        };
        self.findings
            .push(Finding::new(rule.id, severity, Place::of(at), draft).about(Some(object.id())));
    }

    /// Reports about something other than a Kubernetes object (a
    /// Dockerfile's stage), which has no annotation to honour.
    pub fn report_file(
        &mut self,
        rule: &RuleMeta,
        object: String,
        at: &Location,
        message: String,
        help: impl Into<Text>,
        related: impl Into<RelatedList>,
    ) {
        let Some(severity) = rule.configured(self.config) else {
            return;
        };
        let draft = Draft {
            span: at.span(),
            message,
            help: help.into(),
            label: None,
            related: related.into(),
        };
        self.findings
            .push(Finding::new(rule.id, severity, Place::of(at), draft).about(Some(object)));
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
