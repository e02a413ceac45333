//! The project phase: the rules that need every file's facts at once, then
//! `--combine`. Rule by rule, each rule's findings are sorted by file and
//! written while the next rule runs, so at most two rules' findings are
//! held beside the facts.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::Target;
use crate::facts::FileFacts;
use crate::finding::{Draft, Finding, Place};
use crate::project::Project;
use crate::rego::Policies;
use crate::report::Renderer;
use crate::reread::Sources;
use crate::rules::deploylint::unused_ignore;
use crate::rules::{Check, ProjectSink, Rule, RULES};
use crate::run::batch::{sort, Batch, Handling};
use crate::run::combine::combined_findings;
use crate::run::output::ReportWriter;
use crate::run::pool::{overlapped, Pool};
use crate::source::SourceFile;
use crate::suppress::{InlineSuppressions, Suppressors};

/// What the project phase works with besides the facts.
pub struct Phase<'a> {
    pub config: &'a Config,
    pub policies: &'a Policies,
    /// Only some of the repository's files were given (`--partial`).
    pub partial: bool,
    pub pool: &'a Pool,
    pub renderers: &'a [&'a dyn Renderer],
    pub handling: &'a Handling,
}

/// Runs the cross-file rules and `--combine` over `facts` and writes their
/// findings. `targets` are the files of the run, read again for snippets.
pub fn check_all(
    phase: &Phase,
    mut facts: FileFacts,
    targets: Vec<Target>,
    stdin: Option<Arc<SourceFile>>,
    report: &mut ReportWriter,
) {
    let documents = std::mem::take(&mut facts.documents);
    let comments: HashMap<String, InlineSuppressions> = std::mem::take(&mut facts.suppressions)
        .into_iter()
        .collect();
    // Paths are kept only for what reads files again: snippets and the
    // documents of `--combine` (the list grows with the files of the run).
    let reads_files = phase.renderers.iter().any(|r| r.reads_sources()) || !documents.is_empty();
    let paths = match reads_files {
        true => targets.into_iter().map(|t| (t.display, t.path)).collect(),
        false => {
            drop(targets);
            HashMap::new()
        }
    };
    let sources = Sources::new(paths, stdin);
    let mut write = |mut findings: Vec<Finding>| {
        findings.retain(|f| {
            let by = Suppressors {
                comments: comments.get(&*f.file),
                ..Suppressors::default()
            };
            by.why(&f.rule, f.start.line, None).is_none()
        });
        sort(&mut findings);
        write_by_file(
            findings,
            &sources,
            phase.renderers,
            phase.handling,
            phase.pool,
            report,
        );
    };
    let mut project = phase
        .pool
        .install(|| Project::new(facts, &phase.config.node_pools));
    project.partial = phase.partial;
    overlapped(
        phase.pool,
        &enabled_rules(phase.config),
        |rule| check(rule, &project, phase.config),
        |findings| {
            if !findings.is_empty() {
                write(findings)
            }
        },
    );
    // Freeing every fact takes a while on large runs and nothing waits for
    // it: a worker does it while the report ends.
    phase.pool.spawn(move || drop(project));
    write(combined_findings(
        phase.policies,
        documents,
        &sources,
        phase.config,
    ));
    // Last: every other finding has had its chance to use a comment.
    if phase.handling.report_unused_ignores {
        write(unused_ignores(&comments, phase.config));
    }
}

/// `deploylint/unused-ignore`: each rule of a `# deploylint-ignore` comment
/// that silenced nothing in the whole run.
fn unused_ignores(comments: &HashMap<String, InlineSuppressions>, config: &Config) -> Vec<Finding> {
    let rule = &unused_ignore::RULE;
    let Some(severity) = rule.configured(config) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for (file, suppressions) in comments {
        let file: Arc<str> = file.as_str().into();
        for directive in suppressions.directives() {
            for unused in directive.unused() {
                let place = Place {
                    file: file.clone(),
                    start: directive.start,
                    end: directive.end,
                };
                let draft = Draft {
                    span: directive.span,
                    message: format!(
                        "`deploylint-ignore {unused}` silences nothing on line {}",
                        directive.line
                    ),
                    help: match unused {
                        "all" => "remove the comment: no finding is reported on that line".into(),
                        _ => format!("remove `{unused}` from the comment: the rule reports nothing on that line").into(),
                    },
                    ..Draft::default()
                };
                findings.push(Finding::new(rule.id, severity, place, draft));
            }
        }
    }
    findings
}

/// The project rules the configuration leaves on.
fn enabled_rules(config: &Config) -> Vec<&'static Rule> {
    RULES
        .iter()
        .filter(|rule| rule.meta.configured(config).is_some())
        .filter(|rule| rule.checks.iter().any(|c| matches!(c, Check::Project(_))))
        .collect()
}

/// The findings of one project rule.
fn check(rule: &Rule, project: &Project, config: &Config) -> Vec<Finding> {
    let mut sink = ProjectSink::new(config);
    for check in rule.checks {
        if let Check::Project(check) = check {
            check(project, &mut sink);
        }
    }
    sink.into_findings()
}

/// Writes findings sorted by file as one batch per file, like the per-file
/// phase: a fingerprint names its file, so each group's fingerprints are the
/// ones a single batch would give. Batches are rendered in parallel (a
/// snippet reads its file again), a bounded number at a time.
fn write_by_file(
    findings: Vec<Finding>,
    sources: &Sources,
    renderers: &[&dyn Renderer],
    handling: &Handling,
    pool: &Pool,
    report: &mut ReportWriter,
) {
    const FILES_AT_ONCE: usize = 256;
    let mut findings = findings.into_iter().peekable();
    let mut groups = Vec::with_capacity(FILES_AT_ONCE);
    while findings.peek().is_some() {
        while let Some(first) = findings.next_if(|_| groups.len() < FILES_AT_ONCE) {
            let mut group = vec![first];
            while let Some(next) = findings.next_if(|f| f.file == group[0].file) {
                group.push(next);
            }
            groups.push(group);
        }
        let chunk = std::mem::take(&mut groups);
        let batches: Vec<Batch> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|group| Batch::of_findings(group, sources, renderers, handling))
                .collect()
        });
        for batch in batches {
            report.write(batch);
        }
    }
}
