//! Findings: what a rule reports, placed at a line and column of a file.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::source::{LineCol, SourceFile, Span};

/// How much a finding matters; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The least: the default of thresholds that let everything through.
    #[default]
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One level less severe (`error` → `warning` → `info`), `info` staying `info`.
    pub fn milder(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Text that is most often a literal of the rule (its id, its help), owned
/// only when made at run time: a run makes hundreds of thousands of findings.
pub type Text = Cow<'static, str>;

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Text,
    pub severity: Severity,
    /// The path shown to users, shared with the file's other findings and facts.
    pub file: Arc<str>,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// `Kind/namespace/name` for Kubernetes objects; `None` for file-level findings.
    pub object: Option<String>,
    pub message: String,
    pub help: Text,
    /// Short text written under the underlined source.
    pub label: Option<String>,
    pub related: RelatedList,
    /// Fields a Rego result carried beyond the ones deploylint reads.
    pub extra: Option<serde_json::Value>,
}

/// Another place that explains a finding (the first of two duplicate keys, a taint's declaration).
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    #[serde(serialize_with = "as_str")]
    pub file: Arc<str>,
    #[serde(skip)]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Related {
    /// A related place from a fact's location.
    pub fn at(location: &crate::facts::Location, message: impl Into<String>) -> Related {
        Related {
            file: location.file.clone(),
            span: location.span(),
            line: location.start().line,
            column: location.start().column,
            message: message.into(),
        }
    }

    pub fn new(file: &SourceFile, span: Span, message: impl Into<String>) -> Related {
        let start = file.line_col(span.start);
        Related {
            file: file.path.clone(),
            span,
            line: start.line,
            column: start.column,
            message: message.into(),
        }
    }
}

fn as_str<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

/// A finding's related places, shared by the findings that give the same
/// ones: a cross-file rule names the same pools for every workload they
/// reject, and copies of them were most of the memory such a rule's
/// findings took. Empty without an allocation.
#[derive(Debug, Clone, Default)]
pub struct RelatedList(Option<Arc<[Related]>>);

impl From<Vec<Related>> for RelatedList {
    fn from(related: Vec<Related>) -> RelatedList {
        RelatedList((!related.is_empty()).then(|| related.into()))
    }
}

impl Deref for RelatedList {
    type Target = [Related];

    fn deref(&self) -> &[Related] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl<'a> IntoIterator for &'a RelatedList {
    type Item = &'a Related;
    type IntoIter = std::slice::Iter<'a, Related>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Serialize for RelatedList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.deref().serialize(serializer)
    }
}

/// What a check says about one place, before it becomes a [`Finding`].
#[derive(Debug, Default)]
pub struct Draft {
    pub span: Span,
    pub message: String,
    pub help: Text,
    pub label: Option<String>,
    pub related: RelatedList,
}

/// A finding's file and the lines and columns where its span starts and ends.
pub struct Place {
    pub file: Arc<str>,
    pub start: LineCol,
    pub end: LineCol,
}

impl Place {
    /// The place of `span` in a file whose text is at hand.
    pub fn in_file(file: &SourceFile, span: Span) -> Place {
        Place {
            file: file.path.clone(),
            start: file.line_col(span.start),
            end: file.line_col(span.end),
        }
    }

    /// The place a fact recorded while its file was read.
    pub fn of(location: &crate::facts::Location) -> Place {
        Place {
            file: location.file.clone(),
            start: location.start(),
            end: location.end(),
        }
    }
}

impl Finding {
    /// Every finding is made here: by the per-file and project sinks, by
    /// `--combine` and for internal errors. `place` is where `draft.span` lies.
    pub fn new(rule: impl Into<Text>, severity: Severity, place: Place, draft: Draft) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            file: place.file,
            span: draft.span,
            start: place.start,
            end: place.end,
            object: None,
            message: draft.message,
            help: draft.help,
            label: draft.label,
            related: draft.related,
            extra: None,
        }
    }

    /// The finding is about this object (`Kind/namespace/name`).
    pub fn about(mut self, object: Option<String>) -> Finding {
        self.object = object;
        self
    }

    /// Fields a Rego result carried beyond the ones deploylint reads.
    pub fn with_extra(mut self, extra: Option<serde_json::Value>) -> Finding {
        self.extra = extra;
        self
    }

    /// The key findings are sorted by, so output never depends on thread timing.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.file,
            self.start.line,
            self.start.column,
            &self.rule,
            &self.message,
        )
    }
}
