//! Findings: what a rule reports, placed at a line and column of a file.

use serde::Serialize;

use crate::rules::Severity;
use crate::source::{LineCol, SourceFile, Span};

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub file: String,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// `Kind/namespace/name` for Kubernetes objects; `None` for file-level findings.
    pub object: Option<String>,
    pub message: String,
    pub help: String,
    /// Short text written under the underlined source.
    pub label: Option<String>,
    pub related: Vec<Related>,
    /// Fields a Rego result carried beyond the ones deploylint reads.
    pub extra: Option<serde_json::Value>,
}

/// Another place that explains a finding (the first of two duplicate keys, a taint's declaration).
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub file: String,
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
            file: location.file.to_string(),
            span: location.span(),
            line: location.start().line,
            column: location.start().column,
            message: message.into(),
        }
    }

    pub fn new(file: &SourceFile, span: Span, message: impl Into<String>) -> Related {
        let start = file.line_col(span.start);
        Related {
            file: file.path.to_string(),
            span,
            line: start.line,
            column: start.column,
            message: message.into(),
        }
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
