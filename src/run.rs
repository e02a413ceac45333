//! One lint run: discovery, the parallel per-file phase, sorting.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::{self, DiscoverOptions, Excludes, Format, Target};
use crate::facts::FileFacts;
use crate::facts::{CombinedDocument, DocumentKind};
use crate::finding::Finding;
use crate::lint::{self, Context, FileReport};
use crate::project::{self, Project};
use crate::rego::input::{self as rego_input, Step};
use crate::rego::Policies;
use crate::report::Summary;
use crate::source::SourceFile;
use crate::sources::{text_of, Sources};
use crate::suppress::InlineSuppressions;

/// Standard input's name in reports.
pub const STDIN_NAME: &str = "<stdin>";

pub struct RunInput {
    pub paths: Vec<PathBuf>,
    /// Text read from standard input when `-` was given.
    pub stdin: Option<Vec<u8>>,
    pub excludes: Excludes,
    pub options: DiscoverOptions,
    pub jobs: Option<usize>,
    pub policies: Policies,
    /// The paths are part of a larger repository: skip findings about what is missing.
    pub partial: bool,
}

pub struct RunOutcome {
    /// Wall time of the phases so far (render is filled in by the caller).
    pub wall: crate::timings::Wall,
    pub findings: Vec<Finding>,
    pub sources: Sources,
    pub summary: Summary,
}

/// Lints everything the input names. `Err` is a usage problem (a missing path).
pub fn run(input: RunInput, config: &Config) -> Result<RunOutcome, String> {
    let started = Instant::now();
    let mut wall = crate::timings::Wall::default();
    let discovery = discover::discover(&input.paths, &input.excludes, input.options)?;
    wall.discovery = started.elapsed();
    for problem in &discovery.problems {
        eprintln!("deploylint: {problem}");
    }
    let cx = Context {
        config,
        policies: &input.policies,
    };
    let files_started = Instant::now();
    let reports = lint_all(&discovery.targets, input.jobs, cx)?;
    let mut summary = Summary {
        skipped: discovery.skipped,
        ..Summary::default()
    };
    let mut findings = Vec::new();
    let mut facts = FileFacts::default();
    let stdin_format = input.options.parser.unwrap_or(Format::Yaml);
    let stdin_source = input
        .stdin
        .as_ref()
        .map(|bytes| Arc::new(SourceFile::new(STDIN_NAME, text_of(bytes.clone()))));
    let stdin_report = input
        .stdin
        .map(|bytes| lint::lint_bytes(STDIN_NAME, bytes, stdin_format, true, cx));
    for report in reports.into_iter().chain(stdin_report) {
        if report.skipped {
            summary.skipped += 1;
        } else {
            summary.files += 1;
        }
        findings.extend(report.findings);
        facts.extend(report.facts);
    }
    wall.files = files_started.elapsed();
    let project_started = Instant::now();
    let documents = std::mem::take(&mut facts.documents);
    let mut project = Project::new(facts, &config.node_pools);
    project.partial = input.partial;
    let project_findings = project::run(&project, config);
    let sources = Sources::new(
        discovery
            .targets
            .iter()
            .map(|t| (t.display.clone(), t.path.clone()))
            .collect(),
        stdin_source,
    );
    let mut loader = SourceLoader {
        sources: &sources,
        suppressions: HashMap::new(),
    };
    let combined = combined_findings(&input.policies, documents, &mut loader, config);
    findings.extend(
        project_findings
            .into_iter()
            .chain(combined)
            .filter(|f| !loader.suppressed(f)),
    );
    wall.project = project_started.elapsed();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    summary.count(&findings);
    summary.elapsed_ms = started.elapsed().as_millis();
    Ok(RunOutcome {
        wall,
        findings,
        sources,
        summary,
    })
}

fn lint_all(
    targets: &[Target],
    jobs: Option<usize>,
    cx: Context,
) -> Result<Vec<FileReport>, String> {
    let work = || {
        targets
            .par_iter()
            .map(|target| lint_guarded(target, cx))
            .collect::<Vec<_>>()
    };
    match jobs {
        None => Ok(work()),
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
            .map_err(|e| format!("cannot start {threads} worker threads: {e}"))
            .map(|pool| pool.install(work)),
    }
}

/// Loads the text of files that only project rules found something in, and
/// applies their inline `# deploylint-ignore` comments.
struct SourceLoader<'a> {
    sources: &'a Sources,
    suppressions: HashMap<String, InlineSuppressions>,
}

impl SourceLoader<'_> {
    fn source(&mut self, file: &str) -> Option<Arc<SourceFile>> {
        self.sources.get(file)
    }

    fn suppressed(&mut self, finding: &Finding) -> bool {
        if !self.suppressions.contains_key(&finding.file) {
            let scanned = self
                .source(&finding.file)
                .map(|source| InlineSuppressions::scan(&source))
                .unwrap_or_default();
            self.suppressions.insert(finding.file.clone(), scanned);
        }
        self.suppressions[&finding.file].covers(finding.start.line, &finding.rule)
    }
}

/// `--combine`: every document of the run as one input, evaluated once.
fn combined_findings(
    policies: &Policies,
    documents: Vec<CombinedDocument>,
    loader: &mut SourceLoader,
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
    let mut engine = user.engine();
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
        let Some(source) = loader.source(&document.file) else {
            continue;
        };
        let span = locate_in(&source, document, &rest).unwrap_or_default();
        findings.push(Finding {
            rule: result.id,
            severity,
            file: document.file.clone(),
            span,
            start: source.line_col(span.start),
            end: source.line_col(span.end),
            object: None,
            message: result.message,
            help: result.help,
            label: None,
            related: Vec::new(),
            extra: result.extra,
        });
    }
    findings
}

/// Parses a combined document's file again to find the node a result's path names.
fn locate_in(
    source: &SourceFile,
    document: &CombinedDocument,
    steps: &[Step],
) -> Option<crate::source::Span> {
    match document.kind {
        DocumentKind::Yaml => {
            let stream = crate::parse::yaml::parse(source);
            let node = stream.documents.get(document.index)?;
            Some(rego_input::yaml_span(node, steps))
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

/// Lints one file; a panic, should one slip through, becomes an
/// `internal-error` finding for that file and the run goes on.
fn lint_guarded(target: &Target, cx: Context) -> FileReport {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lint::lint_target(target, cx)
    }));
    outcome.unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        FileReport {
            findings: vec![internal_error(&target.display, &reason)],
            skipped: false,
            facts: FileFacts::default(),
        }
    })
}

fn internal_error(file: &str, reason: &str) -> Finding {
    let start = crate::source::LineCol { line: 1, column: 1 };
    Finding {
        rule: "internal-error".into(),
        severity: crate::rules::Severity::Error,
        file: file.to_string(),
        span: crate::source::Span::new(0, 0),
        start,
        end: start,
        object: None,
        message: format!("deploylint failed on this file ({reason}); the other files were checked"),
        help: "this is a bug in deploylint: please report it with this file attached".into(),
        label: None,
        related: Vec::new(),
        extra: None,
    }
}
