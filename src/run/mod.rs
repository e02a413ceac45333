//! One lint run, phase by phase (ARCHITECTURE.md): discovery, the parallel
//! per-file phase, the project phase, and the report's end. Each phase has
//! its own file; this one holds what a run is given and what it returns.
//!
//! Each file task sorts its findings, applies the baseline and renders them
//! for every output while the file's text is still in hand; the run writes
//! those batches in discovery order, so the output never depends on thread
//! timing and memory holds only facts, never every finding of a large
//! repository. Findings of the project rules, which need every file's
//! facts, come last.

mod batch;
mod combine;
mod files;
mod output;
mod pool;
mod project;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use crate::baseline::BaselineEntry;
use crate::config::Config;
use crate::discover::{self, DiscoverOptions, Excludes};
use crate::finding::Finding;
use crate::lint::Context;
use crate::rego::Policies;
use crate::report::{Renderer, Summary};
use crate::timings::Wall;

pub use batch::Handling;
pub use files::STDIN_NAME;
use output::ReportWriter;
use pool::Pool;

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

/// A report being written: its format and where it goes.
pub struct Output<'w> {
    pub renderer: Box<dyn Renderer>,
    pub writer: Box<dyn Write + 'w>,
}

pub struct RunOutcome {
    /// Wall time of the phases.
    pub wall: Wall,
    pub summary: Summary,
    /// Every finding reported, when `Handling::keep_findings` asked for them:
    /// file by file in discovery order, then those of the project rules.
    pub findings: Vec<Finding>,
    /// The baseline entries, when `Handling::record_baseline` asked for them.
    pub baseline: Vec<BaselineEntry>,
}

/// The paths a run was given, as the summary names them.
fn described(paths: &[PathBuf], stdin: bool) -> String {
    let mut names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if stdin {
        names.push(STDIN_NAME.into());
    }
    names.join(", ")
}

/// Lints everything the input names and writes the reports. `Err` is a usage
/// problem (a missing path) or a report that could not be written.
pub fn run(
    input: RunInput,
    config: &Config,
    handling: &Handling,
    outputs: Vec<Output>,
) -> Result<RunOutcome, String> {
    let started = Instant::now();
    let mut wall = Wall::default();

    // Discover and classify: walk the paths; reports go file by file in
    // the order of their paths.
    let mut discovery = discover::discover(&input.paths, &input.excludes, input.options)?;
    discovery.targets.sort_by(|a, b| a.display.cmp(&b.display));
    for problem in &discovery.problems {
        eprintln!("deploylint: {problem}");
    }
    wall.discovery = started.elapsed();

    let pool = Pool::new(input.jobs)?;
    let (renderers, sinks): (Vec<Box<dyn Renderer>>, Vec<_>) = outputs
        .into_iter()
        .map(|output| (output.renderer, output.writer))
        .unzip();
    let renderers: Vec<&dyn Renderer> = renderers.iter().map(|r| r.as_ref()).collect();
    let mut report = ReportWriter::new(&renderers, sinks, handling.keep_findings);

    // Per file, in parallel: read, parse once, the per-file rules and
    // policies, the facts for the project phase.
    let files_started = Instant::now();
    let cx = Context {
        config,
        policies: &input.policies,
    };
    let stdin_given = input.stdin.is_some();
    // Empty standard input is nothing to lint, not an empty file.
    let stdin_bytes = input
        .stdin
        .filter(|bytes| !bytes.iter().all(u8::is_ascii_whitespace));
    let stdin = stdin_bytes.map(|bytes| {
        let format = input.options.parser.unwrap_or(discover::Format::Yaml);
        let (batch, source) = files::lint_stdin(bytes, format, cx, &renderers, handling);
        report.write(batch);
        source
    });
    files::lint_all(
        &discovery.targets,
        &pool,
        cx,
        &renderers,
        handling,
        |batch| report.write(batch),
    );
    wall.files = files_started.elapsed();

    // The project phase: the cross-file rules over every file's facts,
    // then `--combine`.
    let project_started = Instant::now();
    let phase = project::Phase {
        config,
        policies: &input.policies,
        partial: input.partial,
        pool: &pool,
        renderers: &renderers,
        handling,
    };
    let facts = std::mem::take(&mut report.facts);
    project::check_all(&phase, facts, discovery.targets, stdin, &mut report);
    wall.project = project_started.elapsed();

    // The report's end: the summary, and every output flushed.
    let render_started = Instant::now();
    report.summary.skipped += discovery.skipped;
    if report.summary.files == 0 {
        report.summary.nothing_under = Some(described(&input.paths, stdin_given));
    }
    report.summary.elapsed_ms = started.elapsed().as_millis();
    report.end();
    wall.render = render_started.elapsed();
    if let Some(error) = report.error {
        return Err(error);
    }
    Ok(RunOutcome {
        wall,
        summary: report.summary,
        findings: report.findings,
        baseline: report.baseline,
    })
}
