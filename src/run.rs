//! One lint run: discovery, the parallel per-file phase, sorting.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::{self, DiscoverOptions, Excludes, Format, Target};
use crate::finding::Finding;
use crate::lint::{self, FileReport};
use crate::report::Summary;
use crate::source::SourceFile;

/// Standard input's name in reports.
pub const STDIN_NAME: &str = "<stdin>";

pub struct RunInput {
    pub paths: Vec<PathBuf>,
    /// Text read from standard input when `-` was given.
    pub stdin: Option<Vec<u8>>,
    pub excludes: Excludes,
    pub options: DiscoverOptions,
    pub jobs: Option<usize>,
}

pub struct RunOutcome {
    pub findings: Vec<Finding>,
    pub sources: HashMap<String, Arc<SourceFile>>,
    pub summary: Summary,
}

/// Lints everything the input names. `Err` is a usage problem (a missing path).
pub fn run(input: RunInput, config: &Config) -> Result<RunOutcome, String> {
    let started = Instant::now();
    let discovery = discover::discover(&input.paths, &input.excludes, input.options)?;
    for problem in &discovery.problems {
        eprintln!("deploylint: {problem}");
    }
    let reports = lint_all(&discovery.targets, input.jobs, config)?;
    let mut summary = Summary {
        skipped: discovery.skipped,
        ..Summary::default()
    };
    let mut findings = Vec::new();
    let mut sources = HashMap::new();
    let stdin_format = input.options.parser.unwrap_or(Format::Yaml);
    let stdin_report = input
        .stdin
        .map(|bytes| lint::lint_bytes(STDIN_NAME, bytes, stdin_format, true, config));
    for report in reports.into_iter().chain(stdin_report) {
        if report.skipped {
            summary.skipped += 1;
        } else {
            summary.files += 1;
        }
        if let Some(source) = report.source {
            sources.insert(source.path.clone(), source);
        }
        findings.extend(report.findings);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    summary.count(&findings);
    summary.elapsed_ms = started.elapsed().as_millis();
    Ok(RunOutcome {
        findings,
        sources,
        summary,
    })
}

fn lint_all(
    targets: &[Target],
    jobs: Option<usize>,
    config: &Config,
) -> Result<Vec<FileReport>, String> {
    let work = || {
        targets
            .par_iter()
            .map(|target| lint::lint_target(target, config))
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
