//! The one shape every configuration mistake is reported in.

use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// A mistake in the user's configuration, with the place to fix it.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub source: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}
