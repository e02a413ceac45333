//! `--combine`: every document of the run given to the user's policies as
//! one input, evaluated once after the per-file phase; each result is placed
//! by parsing its document's file again.

use crate::config::Config;
use crate::facts::{CombinedDocument, DocumentKind};
use crate::finding::{Draft, Finding, Place};
use crate::rego::input::{self as rego_input, Step};
use crate::rego::Policies;
use crate::reread::Sources;
use crate::source::{SourceFile, Span};

/// `--combine`: every document of the run as one input, evaluated once.
pub fn combined_findings(
    policies: &Policies,
    documents: Vec<CombinedDocument>,
    sources: &Sources,
    config: &Config,
) -> Vec<Finding> {
    let Some(user) = policies.user.as_ref().filter(|_| policies.combine) else {
        return Vec::new();
    };
    if documents.is_empty() {
        return Vec::new();
    }
    let input = serde_json::Value::Array(
        documents
            .iter()
            .map(|d| serde_json::json!({"path": d.file, "contents": d.contents}))
            .collect(),
    );
    let mut engine = user.evaluator();
    let mut findings = Vec::new();
    for result in user.evaluate(&mut engine, input) {
        let Some(severity) = config.severity_for(&result.id, result.severity) else {
            continue;
        };
        let steps = result.path.clone().unwrap_or_default();
        let (document, rest) = match steps.as_slice() {
            [Step::Index(i), Step::Key(contents), rest @ ..] if contents == "contents" => {
                (documents.get(*i).unwrap_or(&documents[0]), rest.to_vec())
            }
            [Step::Index(i), ..] => (documents.get(*i).unwrap_or(&documents[0]), Vec::new()),
            _ => (&documents[0], Vec::new()),
        };
        let Some(source) = sources.get(&document.file) else {
            continue;
        };
        let span = locate_in(&source, document, &rest).unwrap_or_default();
        let draft = Draft {
            span,
            message: result.message,
            help: result.help.into(),
            ..Draft::default()
        };
        let place = Place::in_file(&source, span);
        findings.push(Finding::new(result.id, severity, place, draft).with_extra(result.extra));
    }
    findings
}

/// Parses a combined document's file again to find the node a result's path names.
fn locate_in(source: &SourceFile, document: &CombinedDocument, steps: &[Step]) -> Option<Span> {
    match document.kind {
        DocumentKind::Yaml => {
            let stream = crate::parse::yaml::parse(source);
            let node = stream.documents.get(document.index)?;
            Some(rego_input::yaml_span(node, steps, &source.text))
        }
        DocumentKind::Hcl => {
            let body = crate::parse::hcl::parse(&source.text, 0).ok()?;
            rego_input::hcl_span(&body, steps)
        }
        DocumentKind::Dockerfile => {
            let dockerfile = crate::parse::dockerfile::parse(&source.text, 0);
            rego_input::dockerfile_span(&dockerfile, steps)
        }
    }
}
