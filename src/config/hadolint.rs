//! `.hadolint.yaml`, read so a team moving from hadolint keeps its choices.

use std::path::Path;
use std::sync::Arc;

use super::{Config, ConfigError, KnownRules, Level};
use crate::finding::Severity;
use crate::parse::yaml::{self, Node};
use crate::source::{SourceFile, Span};

impl Config {
    /// Honours a `.hadolint.yaml`: its `ignored` checks switch off the rules
    /// that cover them and its `override` levels set their severity (unless
    /// `rules:` sets those rules; `style` is `info`), and its
    /// `trustedRegistries` apply when `docker.trusted-registries` is unset.
    pub fn absorb_hadolint(
        &mut self,
        path: &Path,
        display: String,
        known: &dyn KnownRules,
    ) -> Result<(), ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: display.clone(),
            source: None,
            span: None,
            message: format!("cannot read the hadolint configuration: {e}"),
            help: None,
        })?;
        let file = Arc::new(SourceFile::new(display.clone(), text));
        let stream = yaml::parse(&file);
        if let Some(e) = stream.errors.first() {
            return Err(ConfigError {
                path: display,
                source: Some(file.clone()),
                span: Some(Span::new(e.offset, e.offset)),
                message: format!("invalid YAML: {}", e.message),
                help: None,
            });
        }
        let Some(document) = stream.documents.first() else {
            return Ok(());
        };
        let strings = |node: Option<&Node>| -> Vec<String> {
            node.map(Node::items)
                .unwrap_or_default()
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        };
        let overrides = document.get("override");
        let levels = [
            (document.get("ignored"), Level::Off),
            (
                overrides.and_then(|o| o.get("error")),
                Level::On(Severity::Error),
            ),
            (
                overrides.and_then(|o| o.get("warning")),
                Level::On(Severity::Warning),
            ),
            (
                overrides.and_then(|o| o.get("info")),
                Level::On(Severity::Info),
            ),
            (
                overrides.and_then(|o| o.get("style")),
                Level::On(Severity::Info),
            ),
        ];
        // The first level a rule gets wins: `rules:`, then `ignored`, then the overrides.
        for (codes, level) in levels {
            for code in strings(codes) {
                for id in known.covering(&code) {
                    self.rules.entry(id.to_string()).or_insert(level);
                }
            }
        }
        if self.trusted_registries.is_empty() {
            self.trusted_registries = strings(document.get("trustedRegistries"));
        }
        Ok(())
    }
}
