//! Linting one file: read, parse once, run the per-file rules while the tree
//! is hot, and keep the source text only when there is something to show.

use std::sync::Arc;

use crate::config::Config;
use crate::discover::{Format, Target};
use crate::finding::Finding;
use crate::model::k8s::{Object, Workload};
use crate::parse::yaml::{self, Node, YamlStream};
use crate::rules::{self, Check, Sink};
use crate::source::{SourceFile, Span};

/// How far into a file we look for a NUL byte to call it binary.
const BINARY_SNIFF_LEN: usize = 8192;

#[derive(Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    /// The file's text, kept only when it has findings to show.
    pub source: Option<Arc<SourceFile>>,
    /// Recognised but not linted.
    pub skipped: bool,
}

/// Reads and lints one discovered file.
pub fn lint_target(target: &Target, config: &Config) -> FileReport {
    match std::fs::read(&target.path) {
        Ok(bytes) => lint_bytes(
            &target.display,
            bytes,
            target.format,
            target.explicit,
            config,
        ),
        Err(error) => {
            eprintln!("deploylint: cannot read {}: {error}", target.display);
            FileReport {
                skipped: true,
                ..FileReport::default()
            }
        }
    }
}

/// Lints a file's content. `explicit` is true for files named on the command line and stdin.
pub fn lint_bytes(
    display: &str,
    bytes: Vec<u8>,
    format: Format,
    explicit: bool,
    config: &Config,
) -> FileReport {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(nul) = sniff.iter().position(|b| *b == 0) {
        // No snippet: a binary file's bytes would print as noise.
        let file = SourceFile::new(display, "");
        return parse_failure(
            file,
            0,
            format!("the file is binary (NUL byte at byte offset {nul}), not YAML"),
            "exclude it with `--exclude` or `exclude:` in .deploylint.yaml, or give it another name",
            config,
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = SourceFile::new(display, text);
            return parse_failure(
                file,
                valid,
                format!("the file is not valid UTF-8 (at byte offset {valid})"),
                "save the file as UTF-8; Kubernetes and YAML parsers reject other encodings",
                config,
            );
        }
    };
    let file = SourceFile::new(display, text);
    let stream = yaml::parse(&file);
    if format == Format::Json
        && !explicit
        && stream.error.is_some()
        && !file.text.contains("apiVersion")
    {
        return FileReport {
            skipped: true,
            ..FileReport::default()
        };
    }
    let findings = check_yaml(&file, &stream, config);
    finish(file, findings)
}

fn parse_failure(
    file: SourceFile,
    offset: usize,
    message: String,
    help: &str,
    config: &Config,
) -> FileReport {
    let mut sink = Sink::new(&file, config);
    report_parse_error(&mut sink, offset, message, help);
    let findings = sink.into_findings();
    finish(file, findings)
}

fn report_parse_error(sink: &mut Sink, offset: usize, message: String, help: &str) {
    // Underline the character the parser stopped at, so the snippet shows it.
    let text = &sink.file.text;
    let width = text[offset.min(text.len())..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(0, char::len_utf8);
    sink.report_draft(
        &rules::parse::yaml::RULE,
        rules::Draft {
            span: Span::new(offset, offset + width),
            message,
            help: help.into(),
            label: Some("parsing stopped here".into()),
            related: Vec::new(),
        },
    );
}

fn finish(file: SourceFile, findings: Vec<Finding>) -> FileReport {
    let source = (!findings.is_empty()).then(|| Arc::new(file));
    FileReport {
        findings,
        source,
        skipped: false,
    }
}

fn check_yaml(file: &SourceFile, stream: &YamlStream, config: &Config) -> Vec<Finding> {
    let mut sink = Sink::new(file, config);
    for document in &stream.documents {
        for object in Object::all_in(document) {
            check_object(&object, &mut sink);
        }
    }
    for duplicate in &stream.duplicates {
        let owner = owning_object(&stream.documents, duplicate.second);
        if let Some(object) = &owner {
            sink.enter_object(object.id.clone(), object.ignored_rules());
        }
        rules::yaml::duplicate_key::report(duplicate, &mut sink);
        sink.leave_object();
    }
    if let Some(error) = &stream.error {
        report_parse_error(
            &mut sink,
            error.offset,
            format!("invalid YAML: {}", error.message),
            "fix the syntax here; the documents after this point are not checked",
        );
    }
    sink.into_findings()
}

fn check_object(object: &Object, sink: &mut Sink) {
    sink.enter_object(object.id.clone(), object.ignored_rules());
    let workload = Workload::from_object(object);
    for rule in rules::RULES {
        if !sink.enabled(rule.meta) {
            continue;
        }
        match (&rule.check, &workload) {
            (Check::Object(check), _) => check(object, sink),
            (Check::Workload(check), Some(workload)) => check(workload, sink),
            _ => {}
        }
    }
    sink.leave_object();
}

/// The Kubernetes object whose text holds `span`, if any.
fn owning_object(documents: &[Node], span: Span) -> Option<Object<'_>> {
    let contains = |node: &Node| node.span.start <= span.start && span.start <= node.span.end;
    let document = documents.iter().find(|d| contains(d))?;
    Object::all_in(document)
        .into_iter()
        .find(|o| contains(o.node))
}
