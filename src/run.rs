//! One lint run: discovery, the parallel per-file phase, the project phase,
//! and the report, written file by file as the files finish.
//!
//! Each file task sorts its findings, applies the baseline and renders them for
//! every output while the file's text is still in hand; the run writes those
//! batches in discovery order, so the output never depends on thread timing
//! and memory holds only facts, never every finding of a large repository.
//! Findings of the project rules, which need every file's facts, come last.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use crate::baseline::{self, BaselineEntry};
use crate::config::Config;
use crate::discover::{self, DiscoverOptions, Excludes, Format, Target};
use crate::facts::FileFacts;
use crate::facts::{CombinedDocument, DocumentKind};
use crate::finding::Finding;
use crate::lint::{self, Context, FileReport};
use crate::project::{self, Project};
use crate::rego::input::{self as rego_input, Step};
use crate::rego::Policies;
use crate::report::{Renderer, RulesSeen, SourceLookup, Summary};
use crate::rules::Severity;
use crate::source::SourceFile;
use crate::sources::{text_of, Sources};
use crate::suppress::InlineSuppressions;
use crate::timings::{self, Phase, Wall};

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

/// What a run does with findings besides rendering them.
#[derive(Debug, Default)]
pub struct Handling {
    /// Fingerprints of a baseline (`--baseline`): findings that have one are hidden.
    pub baseline: Option<HashSet<String>>,
    /// Collect baseline entries for `--write-baseline` (before hiding any).
    pub record_baseline: bool,
    /// Keep the findings in the outcome, for callers of the library.
    pub keep_findings: bool,
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
    let mut discovery = discover::discover(&input.paths, &input.excludes, input.options)?;
    // Reports go file by file in this order: the order of their paths.
    discovery.targets.sort_by(|a, b| a.display.cmp(&b.display));
    wall.discovery = started.elapsed();
    for problem in &discovery.problems {
        eprintln!("deploylint: {problem}");
    }
    let cx = Context {
        config,
        policies: &input.policies,
    };
    let mut owned: Vec<Box<dyn Renderer>> = Vec::new();
    let mut sinks: Vec<Box<dyn Write + '_>> = Vec::new();
    for output in outputs {
        owned.push(output.renderer);
        sinks.push(output.writer);
    }
    let renderers: Vec<&dyn Renderer> = owned.iter().map(|r| r.as_ref()).collect();
    let mut report = ReportWriter::new(&renderers, sinks, handling.keep_findings);
    // `--jobs N` gets a pool of its own; otherwise rayon's global pool.
    let pool = match input.jobs {
        None => None,
        Some(threads) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads.max(1))
                .build()
                .map_err(|e| format!("cannot start {threads} worker threads: {e}"))?,
        ),
    };
    let files_started = Instant::now();
    let stdin_source = input
        .stdin
        .as_ref()
        .map(|bytes| Arc::new(SourceFile::new(STDIN_NAME, text_of(bytes.clone()))));
    if let Some(bytes) = input.stdin {
        let format = input.options.parser.unwrap_or(Format::Yaml);
        let file_report = lint::lint_bytes(STDIN_NAME, bytes, format, true, cx);
        report.write(Batch::of_file(file_report, &renderers, handling));
    }
    lint_all(
        &discovery.targets,
        pool.as_ref(),
        cx,
        &renderers,
        handling,
        |batch| report.write(batch),
    );
    wall.files = files_started.elapsed();

    let project_started = Instant::now();
    let mut facts = std::mem::take(&mut report.facts);
    let documents = std::mem::take(&mut facts.documents);
    let suppressions: HashMap<String, InlineSuppressions> = std::mem::take(&mut facts.suppressions)
        .into_iter()
        .collect();
    // Paths are kept only for what reads files again: snippets and the
    // documents of `--combine` (at 100,000 files the list is ~15 MB).
    let reads_files = renderers.iter().any(|r| r.reads_sources()) || !documents.is_empty();
    let targets = std::mem::take(&mut discovery.targets);
    let paths = match reads_files {
        true => targets.into_iter().map(|t| (t.display, t.path)).collect(),
        false => {
            drop(targets);
            HashMap::new()
        }
    };
    let sources = Sources::new(paths, stdin_source);
    let suppressed = |f: &Finding| {
        suppressions
            .get(&*f.file)
            .is_some_and(|s| s.covers(f.start.line, &f.rule))
    };
    // Rule by rule, each rule's findings sorted by file and written while the
    // next rule runs: at most two rules' findings are held beside the facts.
    let mut write = |mut findings: Vec<Finding>| {
        findings.retain(|f| !suppressed(f));
        sort(&mut findings);
        write_by_file(
            findings,
            &sources,
            &renderers,
            handling,
            pool.as_ref(),
            &mut report,
        );
    };
    let mut project = in_pool(pool.as_ref(), || Project::new(facts, &config.node_pools));
    project.partial = input.partial;
    let rules = project::enabled_rules(config);
    overlapped(
        pool.as_ref(),
        &rules,
        |rule| project::check(rule, &project, config),
        |findings| {
            if !findings.is_empty() {
                write(findings)
            }
        },
    );
    // Freeing every fact takes a while (70 ms at 100,000 files) and nothing
    // waits for it: a worker does it while the report ends.
    let free = move || drop(project);
    match pool.as_ref() {
        Some(pool) => pool.spawn(free),
        None => rayon::spawn(free),
    }
    write(combined_findings(
        &input.policies,
        documents,
        &sources,
        config,
    ));
    wall.project = project_started.elapsed();

    let render_started = Instant::now();
    report.summary.skipped += discovery.skipped;
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

/// Writes findings sorted by file as one batch per file, like the per-file
/// phase: a fingerprint names its file, so each group's fingerprints are the
/// ones a single batch would give. Batches are rendered in parallel (a
/// snippet reads its file again), a bounded number at a time.
fn write_by_file(
    findings: Vec<Finding>,
    sources: &Sources,
    renderers: &[&dyn Renderer],
    handling: &Handling,
    pool: Option<&rayon::ThreadPool>,
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
        let batches: Vec<Batch> = in_pool(pool, || {
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

/// Hands `work(item)` of each item to `receive`, in order. With more than
/// one worker, the next item's work runs on a worker while `receive` handles
/// the result before it: two results at most are held at once.
fn overlapped<T: Sync, R: Send>(
    pool: Option<&rayon::ThreadPool>,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut receive: impl FnMut(R),
) {
    // `work` may iterate in parallel itself: in the pool, not the global one.
    let work_in_pool = |item| in_pool(pool, || work(item));
    if workers(pool) < 2 {
        items.iter().map(work_in_pool).for_each(receive);
        return;
    }
    let mut ready = items.first().map(work_in_pool);
    for next in items.iter().skip(1).map(Some).chain([None]) {
        let Some(done) = ready.take() else { return };
        in_place_scope(pool, |scope| {
            if let Some(item) = next {
                scope.spawn(|_| ready = Some(work(item)));
            }
            receive(done);
        });
    }
}

/// The threads of the `--jobs` pool, else of rayon's global pool.
fn workers(pool: Option<&rayon::ThreadPool>) -> usize {
    pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
}

/// A scope on the current thread whose spawned work goes to the `--jobs`
/// pool when there is one, else to rayon's global pool.
fn in_place_scope<'s>(pool: Option<&rayon::ThreadPool>, op: impl FnOnce(&rayon::Scope<'s>)) {
    match pool {
        Some(pool) => pool.in_place_scope(op),
        None => rayon::in_place_scope(op),
    }
}

/// Runs `work` in the `--jobs` pool when there is one, so that its parallel
/// iterators keep to it; otherwise in rayon's global pool.
fn in_pool<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Sorted by (file, line, column, rule, message).
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The findings of one file (or of the project rules), rendered for every
/// output, with what the run adds up from them.
struct Batch {
    rendered: Vec<String>,
    /// The findings reported, and those the baseline hid.
    counts: Summary,
    rules: Vec<(String, Severity)>,
    baseline: Vec<BaselineEntry>,
    /// Kept only when the caller asked for the findings.
    findings: Vec<Finding>,
    facts: FileFacts,
    /// Whether the batch is a file's, and whether that file was skipped.
    file: Option<bool>,
}

impl Batch {
    fn of_file(report: FileReport, renderers: &[&dyn Renderer], handling: &Handling) -> Batch {
        let FileReport {
            mut findings,
            skipped,
            facts,
            source,
        } = report;
        sort(&mut findings);
        let mut batch = Batch::of_findings(findings, &source, renderers, handling);
        batch.facts = facts;
        batch.file = Some(skipped);
        batch
    }

    fn of_findings(
        mut findings: Vec<Finding>,
        sources: &dyn SourceLookup,
        renderers: &[&dyn Renderer],
        handling: &Handling,
    ) -> Batch {
        let mut counts = Summary::default();
        let needs_prints = handling.baseline.is_some()
            || handling.record_baseline
            || renderers.iter().any(|r| r.needs_fingerprints());
        let mut prints = if needs_prints && !findings.is_empty() {
            baseline::fingerprints(&findings)
        } else {
            vec![String::new(); findings.len()]
        };
        let baseline = if handling.record_baseline {
            baseline::entries(&findings, &prints)
        } else {
            Vec::new()
        };
        if let Some(known) = &handling.baseline {
            counts.baselined = baseline::hide(known, &mut findings, &mut prints);
        }
        counts.count(&findings);
        let mut rules: Vec<(String, Severity)> = Vec::new();
        for finding in &findings {
            if !rules.iter().any(|(id, _)| *id == finding.rule) {
                rules.push((finding.rule.to_string(), finding.severity));
            }
        }
        let rendered = if findings.is_empty() {
            vec![String::new(); renderers.len()]
        } else {
            timings::measure(Phase::Render, || {
                renderers
                    .iter()
                    .map(|r| r.batch(&findings, &prints, sources))
                    .collect()
            })
        };
        if !handling.keep_findings {
            findings = Vec::new();
        }
        Batch {
            rendered,
            counts,
            rules,
            baseline,
            findings,
            facts: FileFacts::default(),
            file: None,
        }
    }
}

/// Writes batches to the outputs and adds up the summary, facts and findings.
struct ReportWriter<'r, 'w> {
    renderers: &'r [&'r dyn Renderer],
    sinks: Vec<Box<dyn Write + 'w>>,
    /// Whether an output has had a non-empty batch (for separators).
    wrote: Vec<bool>,
    /// Outputs whose reader went away (`deploylint . | head`).
    closed: Vec<bool>,
    error: Option<String>,
    summary: Summary,
    rules: RulesSeen,
    /// Every file's facts so far (records are boxed: growing moves pointers).
    facts: FileFacts,
    findings: Vec<Finding>,
    baseline: Vec<BaselineEntry>,
    keep_findings: bool,
}

impl<'r, 'w> ReportWriter<'r, 'w> {
    fn new(
        renderers: &'r [&'r dyn Renderer],
        sinks: Vec<Box<dyn Write + 'w>>,
        keep_findings: bool,
    ) -> Self {
        let mut writer = ReportWriter {
            renderers,
            wrote: vec![false; sinks.len()],
            closed: vec![false; sinks.len()],
            sinks,
            error: None,
            summary: Summary::default(),
            rules: RulesSeen::new(),
            facts: FileFacts::default(),
            findings: Vec::new(),
            baseline: Vec::new(),
            keep_findings,
        };
        for (index, renderer) in renderers.iter().enumerate() {
            writer.emit(index, &renderer.begin());
        }
        writer
    }

    fn emit(&mut self, index: usize, text: &str) {
        if text.is_empty() || self.closed[index] {
            return;
        }
        if let Err(e) = self.sinks[index].write_all(text.as_bytes()) {
            self.fail(index, e);
        }
    }

    fn fail(&mut self, index: usize, error: io::Error) {
        self.closed[index] = true;
        if error.kind() != io::ErrorKind::BrokenPipe {
            self.error
                .get_or_insert_with(|| format!("cannot write the report: {error}"));
        }
    }

    fn write(&mut self, batch: Batch) {
        for (index, text) in batch.rendered.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            if self.wrote[index] {
                self.emit(index, self.renderers[index].separator());
            }
            self.wrote[index] = true;
            self.emit(index, text);
        }
        let summary = &mut self.summary;
        summary.errors += batch.counts.errors;
        summary.warnings += batch.counts.warnings;
        summary.infos += batch.counts.infos;
        summary.baselined += batch.counts.baselined;
        match batch.file {
            Some(true) => summary.skipped += 1,
            Some(false) => summary.files += 1,
            None => {}
        }
        for (rule, severity) in batch.rules {
            self.rules.entry(rule).or_insert(severity);
        }
        self.facts.extend(batch.facts);
        self.baseline.extend(batch.baseline);
        if self.keep_findings {
            self.findings.extend(batch.findings);
        }
    }

    fn end(&mut self) {
        for index in 0..self.sinks.len() {
            let text = self.renderers[index].end(&self.summary, &self.rules);
            self.emit(index, &text);
            if !self.closed[index] {
                if let Err(e) = self.sinks[index].flush() {
                    self.fail(index, e);
                }
            }
        }
    }
}

/// Lints the files on the worker threads, one file at a time from a shared
/// counter so that files finish roughly in order, and hands their batches to
/// `receive` on this thread in discovery order.
fn lint_all(
    targets: &[Target],
    pool: Option<&rayon::ThreadPool>,
    cx: Context,
    renderers: &[&dyn Renderer],
    handling: &Handling,
    receive: impl FnMut(Batch),
) {
    let next = AtomicUsize::new(0);
    let work = Work {
        targets,
        next: &next,
        cx,
        renderers,
        handling,
    };
    in_place_scope(pool, |scope| work.run(scope, workers(pool), receive));
}

/// What the workers of the per-file phase share.
#[derive(Clone, Copy)]
struct Work<'s> {
    targets: &'s [Target],
    next: &'s AtomicUsize,
    cx: Context<'s>,
    renderers: &'s [&'s dyn Renderer],
    handling: &'s Handling,
}

impl<'s> Work<'s> {
    fn run(self, scope: &rayon::Scope<'s>, workers: usize, mut receive: impl FnMut(Batch)) {
        // Bounded, so that workers wait rather than pile up batches while
        // one large file holds back the ones after it.
        let (sender, receiver) = mpsc::sync_channel::<(usize, Batch)>(workers * 32);
        // This thread lints files too, between writing batches: a thread
        // that only waited for batches would be woken once per file.
        for _ in 1..workers.min(self.targets.len()) {
            let sender = sender.clone();
            scope.spawn(move |_| self.work(sender));
        }
        drop(sender);
        let mut reorder = Reorder::default();
        while let Some(index) = self.claim() {
            for (index, batch) in receiver.try_iter() {
                reorder.insert(index, batch, &mut receive);
            }
            let batch = self.lint(index);
            reorder.insert(index, batch, &mut receive);
        }
        for (index, batch) in receiver {
            reorder.insert(index, batch, &mut receive);
        }
    }

    fn claim(&self) -> Option<usize> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (index < self.targets.len()).then_some(index)
    }

    fn lint(&self, index: usize) -> Batch {
        let report = lint_guarded(&self.targets[index], self.cx);
        Batch::of_file(report, self.renderers, self.handling)
    }

    fn work(self, sender: mpsc::SyncSender<(usize, Batch)>) {
        while let Some(index) = self.claim() {
            if sender.send((index, self.lint(index))).is_err() {
                return;
            }
        }
    }
}

/// Batches that arrived before the ones ahead of them, held until they are next.
#[derive(Default)]
struct Reorder {
    pending: BTreeMap<usize, Batch>,
    expected: usize,
}

impl Reorder {
    fn insert(&mut self, index: usize, batch: Batch, receive: &mut impl FnMut(Batch)) {
        if index != self.expected {
            self.pending.insert(index, batch);
            return;
        }
        receive(batch);
        self.expected += 1;
        while let Some(batch) = self.pending.remove(&self.expected) {
            receive(batch);
            self.expected += 1;
        }
    }
}

/// `--combine`: every document of the run as one input, evaluated once.
fn combined_findings(
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
        findings.push(Finding {
            rule: result.id.into(),
            severity,
            file: source.path.clone(),
            span,
            start: source.line_col(span.start),
            end: source.line_col(span.end),
            object: None,
            message: result.message,
            help: result.help.into(),
            label: None,
            related: Default::default(),
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
            ..FileReport::default()
        }
    })
}

fn internal_error(file: &str, reason: &str) -> Finding {
    let start = crate::source::LineCol { line: 1, column: 1 };
    Finding {
        rule: "internal-error".into(),
        severity: crate::rules::Severity::Error,
        file: file.into(),
        span: crate::source::Span::new(0, 0),
        start,
        end: start,
        object: None,
        message: format!("deploylint failed on this file ({reason}); the other files were checked"),
        help: "this is a bug in deploylint: please report it with this file attached".into(),
        label: None,
        related: Default::default(),
        extra: None,
    }
}

#[cfg(test)]
mod tests {
    use super::overlapped;

    #[test]
    fn overlapped_work_runs_in_the_pool_and_is_received_in_order() {
        let items: Vec<u64> = (0..40).collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut received = Vec::new();
            overlapped(
                Some(&pool),
                &items,
                |&i| {
                    assert!(pool.current_thread_index().is_some(), "work left the pool");
                    // Uneven work, so that a late item could overtake an early one.
                    std::thread::sleep(std::time::Duration::from_micros(i * 7 % 5 * 200));
                    i * i
                },
                |square| received.push(square),
            );
            let squares: Vec<u64> = items.iter().map(|i| i * i).collect();
            assert_eq!(received, squares, "{threads} threads");
        }
    }
}
