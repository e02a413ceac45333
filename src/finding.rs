//! Findings: what a rule reports, placed at a line and column of a file.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::rules::Severity;
use crate::source::{LineCol, SourceFile, Span};

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

impl Finding {
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
