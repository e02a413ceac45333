//! Linting one file: read, parse once, run the per-file rules while the tree
//! is hot, and keep the source text only when there is something to show.

mod ignores;
mod read;
mod regions;
mod rego;

use crate::config::Config;
use crate::discover::{Format, Target};
use crate::facts::{self, FileFacts};
use crate::finding::Finding;
use crate::model::k8s::{Object, Workload};
use crate::model::{YamlDocument, YamlRole};
use crate::parse::yaml::{self, Node};
use crate::parse::{dockerfile, hcl};
use crate::rego::input as rego_input;
use crate::rego::Policies;
use crate::rules::{self, Check, RuleMeta, Sink};
use crate::source::{SourceFile, Span};
use crate::timings::{self, Phase};

use crate::reread::BINARY_SNIFF_LEN;
use read::read_within;
use regions::{Lang, Region};
use rego::{report_rego, RegoRunner, UserInput};

#[derive(Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    /// Recognised but not linted.
    pub skipped: bool,
    /// What the project rules need from this file.
    pub facts: FileFacts,
    /// The file's text, kept only when it has findings to show.
    pub source: Option<std::sync::Arc<SourceFile>>,
    /// Why a file named on the command line could not be read: the run
    /// cannot be done as asked.
    pub unreadable: Option<String>,
}

/// What every file task shares: the configuration and the prepared policies.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config,
    pub policies: &'a Policies,
}

/// Files larger than this are not read unless the configuration says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Reads and lints one discovered file.
pub fn lint_target(target: &Target, cx: Context) -> FileReport {
    timings::measure(Phase::File, || read_and_lint(target, cx))
}

fn read_and_lint(target: &Target, cx: Context) -> FileReport {
    // Lets the tests check that a crash in one file's task is contained.
    #[cfg(debug_assertions)]
    if std::env::var_os("DEPLOYLINT_TEST_PANIC_ON")
        .is_some_and(|name| target.display.ends_with(&*name.to_string_lossy()))
    {
        panic!("a test asked for a crash");
    }
    let limit = cx.config.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
    match timings::measure(Phase::Read, || {
        read_within(&target.path, limit, target.stream)
    }) {
        Ok(Ok(bytes)) => lint_bytes(&target.display, bytes, target.format, target.explicit, cx),
        Ok(Err(size)) => too_large(target, size, limit, cx.config),
        Err(error) => {
            let message = format!("cannot read {}: {error}", target.display);
            if !target.explicit {
                // Met during a walk: said here, counted as skipped.
                eprintln!("deploylint: {message}");
            }
            FileReport {
                skipped: true,
                unreadable: target.explicit.then_some(message),
                ..skipped()
            }
        }
    }
}

/// A file over the size limit: skipped, with an informational finding.
fn too_large(target: &Target, size: u64, limit: u64, config: &Config) -> FileReport {
    let file = SourceFile::new(target.display.clone(), "");
    let mut sink = Sink::new(&file, config);
    sink.report(
        &rules::parse::too_large::RULE,
        Span::new(0, 0),
        format!("the file is {size} bytes, over the {limit}-byte limit, so it was not checked"),
        "raise `max-file-size` in .deploylint.yaml (or --max-file-size), or exclude the file",
    );
    FileReport {
        findings: sink.into_findings(),
        skipped: true,
        ..FileReport::default()
    }
}

/// The rule that reports a file of this format as unreadable.
fn parse_rule(format: Format) -> &'static RuleMeta {
    match format {
        Format::Yaml | Format::Json | Format::HelmValues | Format::Compose => {
            &rules::parse::yaml::RULE
        }
        Format::Hcl => &rules::parse::hcl::RULE,
        Format::Dockerfile => &rules::parse::dockerfile::RULE,
        Format::Markdown => &rules::parse::markdown::RULE,
    }
}

/// Lints a file's content. `explicit` is true for files named on the command line and stdin.
pub fn lint_bytes(
    display: &str,
    bytes: Vec<u8>,
    format: Format,
    explicit: bool,
    cx: Context,
) -> FileReport {
    let config = cx.config;
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(nul) = sniff.iter().position(|b| *b == 0) {
        // No snippet: a binary file's bytes would print as noise.
        let file = SourceFile::new(display, "");
        return unreadable(
            file,
            parse_rule(format),
            0,
            format!("the file is binary (NUL byte at byte offset {nul}), not text"),
            "exclude it with `--exclude` or `exclude:` in .deploylint.yaml, or give it another name",
            config,
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            return unreadable(
                SourceFile::new(display, text),
                parse_rule(format),
                valid,
                format!("the file is not valid UTF-8 (at byte offset {valid})"),
                "save the file as UTF-8; Kubernetes, Terraform and Docker read nothing else",
                config,
            );
        }
    };
    let file = SourceFile::new(display, text);
    let text = &file.text;
    let regions = match format {
        Format::Yaml | Format::Json => Region::whole(Lang::Yaml(YamlRole::Plain), text),
        Format::HelmValues => Region::whole(Lang::Yaml(YamlRole::HelmValues), text),
        Format::Compose => Region::whole(Lang::Yaml(YamlRole::Compose), text),
        Format::Hcl => Region::whole(Lang::Hcl, text),
        Format::Dockerfile => Region::whole(Lang::Dockerfile, text),
        Format::Markdown => Region::markdown(text),
    };
    let mut sink = Sink::with_peer_codes(&file, config, rules::covering_ids);
    ignores::check_comments(&mut sink);
    let mut facts = FileFacts::default();
    let mut rego = RegoRunner::new(cx.policies, config);
    for each in &regions {
        let (lang, region) = (each.lang, each.span);
        let mark = sink.findings_len();
        match lang {
            Lang::Yaml(role) => {
                let stream = timings::measure(Phase::Parse, || yaml::parse_region(&file, region));
                let broken = !stream.errors.is_empty();
                let not_a_manifest =
                    format == Format::Json && !explicit && !file.text.contains("apiVersion");
                if broken
                    && (not_a_manifest || format != Format::Markdown && is_template(&file.text))
                {
                    return skipped();
                }
                check_yaml(&stream, role, &mut sink, &mut facts, &mut rego);
            }
            Lang::Hcl => check_hcl(&file, region, &mut sink, &mut facts, &mut rego),
            Lang::Dockerfile => {
                let dockerfile = timings::measure(Phase::Parse, || {
                    dockerfile::parse(&file.text[region.start..region.end], region.start)
                });
                let broken = !dockerfile.errors.is_empty();
                if broken && format != Format::Markdown && is_template(&file.text) {
                    return skipped();
                }
                check_dockerfile(&dockerfile, region, &mut sink, &mut facts, &mut rego)
            }
        }
        each.name_block(&mut sink, mark);
    }
    let (findings, suppressions) = sink.into_parts();
    if !suppressions.is_empty() {
        facts
            .suppressions
            .push((file.path.to_string(), suppressions));
    }
    let mut report = finish(file, findings);
    report.facts = facts;
    report
}

/// Recognised but not linted: a JSON file that is not a manifest, a
/// template that is not YAML or a Dockerfile until it is rendered.
fn skipped() -> FileReport {
    FileReport {
        skipped: true,
        ..FileReport::default()
    }
}

/// Whether the text holds Go template (`{{ }}`) or Jinja (`{% %}`) actions:
/// such a file that does not parse is a template, not a broken manifest.
fn is_template(text: &str) -> bool {
    let holds = |open: &str, close: &str| {
        text.find(open)
            .is_some_and(|at| text[at + open.len()..].contains(close))
    };
    holds("{{", "}}") || holds("{%", "%}")
}

fn unreadable(
    file: SourceFile,
    rule: &RuleMeta,
    offset: usize,
    message: String,
    help: &'static str,
    config: &Config,
) -> FileReport {
    let mut sink = Sink::new(&file, config);
    report_parse_error(&mut sink, rule, offset, message, help);
    let findings = sink.into_findings();
    finish(file, findings)
}

fn report_parse_error(
    sink: &mut Sink,
    rule: &RuleMeta,
    offset: usize,
    message: String,
    help: &'static str,
) {
    // Underline the character the parser stopped at, so the snippet shows it.
    let text = &sink.file.text;
    let offset = offset.min(text.len());
    let width = text[offset..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(0, char::len_utf8);
    sink.report_draft(
        rule,
        rules::Draft {
            span: Span::new(offset, offset + width),
            message,
            help: help.into(),
            label: Some("parsing stopped here".into()),
            related: Default::default(),
        },
    );
}

/// The file's text goes with its findings, for the snippets; without findings it is dropped here.
fn finish(file: SourceFile, findings: Vec<Finding>) -> FileReport {
    FileReport {
        source: (!findings.is_empty()).then(|| std::sync::Arc::new(file)),
        findings,
        ..FileReport::default()
    }
}

fn check_yaml(
    stream: &yaml::YamlStream,
    role: YamlRole,
    sink: &mut Sink,
    facts: &mut FileFacts,
    rego: &mut RegoRunner,
) {
    let file = sink.file;
    for (index, document) in stream.documents.iter().enumerate() {
        let objects = Object::all_in(document);
        for object in &objects {
            let workload = Workload::from_object(object);
            check_object(object, workload.as_ref(), sink);
            facts::yaml::collect(object, workload.as_ref(), sink.file, facts);
            facts::references::collect(object, workload.as_ref(), sink.file, &mut facts.references);
            sink.enter_object(object.id.clone(), object.ignored_rules());
            ignores::check_annotation(object, sink);
            let is_workload = workload.is_some();
            let results = rego.builtin(object.kind, is_workload, || {
                rego_input::yaml_to_value_kept(object.node, &rego_input::BUILTIN_READS)
            });
            report_rego(
                sink,
                results,
                |steps| Some(rego_input::yaml_span(object.node, steps, &file.text)),
                object.anchor(),
            );
            sink.leave_object();
        }
        if !document.is_null() {
            if let Some(object) = objects.first().filter(|_| objects.len() == 1) {
                sink.enter_object(object.id.clone(), object.ignored_rules());
            }
            let input = UserInput {
                kind: facts::DocumentKind::Yaml,
                index,
                anchor: document
                    .entries()
                    .first()
                    .map(|(k, _)| k.span)
                    .unwrap_or(document.span),
            };
            rego.user_document(
                sink,
                facts,
                input,
                || document.to_json(),
                |steps| Some(rego_input::yaml_span(document, steps, &file.text)),
            );
            sink.leave_object();
        }
        let view = YamlDocument {
            node: document,
            role,
            is_object: !objects.is_empty(),
        };
        for_each_check(sink, |check, sink| {
            if let Check::YamlDocument(check) = check {
                check(&view, sink);
            }
        });
    }
    for duplicate in &stream.duplicates {
        let owner = owning_object(&stream.documents, duplicate.second);
        if let Some(object) = &owner {
            sink.enter_object(object.id.clone(), object.ignored_rules());
        }
        rules::yaml::duplicate_key::report(duplicate, sink);
        sink.leave_object();
    }
    for error in &stream.errors {
        report_parse_error(
            sink,
            &rules::parse::yaml::RULE,
            error.offset,
            format!("invalid YAML: {}", error.message),
            "fix the syntax here; the rest of this document is not checked (the documents after it are)",
        );
    }
}

fn check_object(object: &Object, workload: Option<&Workload>, sink: &mut Sink) {
    sink.enter_object(object.id.clone(), object.ignored_rules());
    for_each_check(sink, |check, sink| match (check, workload) {
        (Check::Object(check), _) => check(object, sink),
        (Check::Workload(check), Some(workload)) => check(workload, sink),
        _ => {}
    });
    sink.leave_object();
}

fn check_hcl(
    file: &SourceFile,
    region: Span,
    sink: &mut Sink,
    facts: &mut FileFacts,
    rego: &mut RegoRunner,
) {
    let parsed = timings::measure(Phase::Parse, || {
        hcl::parse(&file.text[region.start..region.end], region.start)
    });
    match parsed {
        Ok(body) => {
            for_each_check(sink, |check, sink| {
                if let Check::Hcl(check) = check {
                    check(&body, sink);
                }
            });
            facts::terraform::collect(&body, file, facts);
            let input = UserInput {
                kind: facts::DocumentKind::Hcl,
                index: 0,
                anchor: Span::new(region.start, region.start),
            };
            rego.user_document(
                sink,
                facts,
                input,
                || rego_input::hcl_to_json(&body),
                |steps| rego_input::hcl_span(&body, steps),
            );
        }
        Err(error) => report_parse_error(
            sink,
            &rules::parse::hcl::RULE,
            error.offset,
            format!("invalid HCL: {}", error.message),
            "fix the syntax here; nothing in this file is checked until it parses",
        ),
    }
}

fn check_dockerfile(
    dockerfile: &dockerfile::Dockerfile,
    region: Span,
    sink: &mut Sink,
    facts: &mut FileFacts,
    rego: &mut RegoRunner,
) {
    // A Markdown document's example is no image the repository builds.
    if region.start == 0 && region.end == sink.file.text.len() {
        facts::docker::collect(dockerfile, sink.file, facts);
    }
    let anchor = dockerfile
        .instructions
        .first()
        .map(|i| i.keyword_span)
        .unwrap_or(Span::new(region.start, region.start));
    let input = UserInput {
        kind: facts::DocumentKind::Dockerfile,
        index: 0,
        anchor,
    };
    rego.user_document(
        sink,
        facts,
        input,
        || rego_input::dockerfile_to_json(dockerfile),
        |steps| rego_input::dockerfile_span(dockerfile, steps),
    );
    // A comment above an instruction covers all its lines, as in hadolint.
    for instruction in &dockerfile.instructions {
        let first = sink.file.line_col(instruction.span.start).line;
        let last = sink.file.line_col(instruction.span.end).line;
        if last > first {
            sink.widen_comments(first..=last);
        }
    }
    for error in &dockerfile.errors {
        sink.report(
            &rules::parse::dockerfile::RULE,
            error.span,
            format!("invalid Dockerfile: {}", error.message),
            "fix the instruction; docker build stops at it",
        );
    }
    for_each_check(sink, |check, sink| {
        if let Check::Dockerfile(check) = check {
            check(dockerfile, sink);
        }
    });
}

/// Runs `run` for every check of every rule that the configuration leaves on.
fn for_each_check(sink: &mut Sink, mut run: impl FnMut(&Check, &mut Sink)) {
    for rule in rules::RULES {
        if !sink.enabled(rule.meta) {
            continue;
        }
        for check in rule.checks {
            run(check, sink);
        }
    }
}

/// The Kubernetes object whose text holds `span`, if any.
fn owning_object(documents: &[Node], span: Span) -> Option<Object<'_>> {
    let contains = |node: &Node| node.span.start <= span.start && span.start <= node.span.end;
    let document = documents.iter().find(|d| contains(d))?;
    Object::all_in(document)
        .into_iter()
        .find(|o| contains(o.node))
}
