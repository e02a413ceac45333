//! The per-file phase: every file read, parsed once and checked on the
//! worker threads, one file at a time from a shared counter, its batch
//! handed back in discovery order so that output never depends on thread
//! timing. A panic in one file's task becomes that file's finding.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use crate::discover::{Format, Target};
use crate::finding::{Draft, Finding, Place, Severity};
use crate::lint::{self, Context, FileReport};
use crate::report::Renderer;
use crate::reread::text_of;
use crate::run::batch::Batch;
use crate::run::batch::Handling;
use crate::run::pool::Pool;
use crate::source::SourceFile;

/// Standard input's name in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Lints what standard input held; its text stays at hand for the
/// snippets of the project phase.
pub fn lint_stdin(
    bytes: Vec<u8>,
    format: Format,
    cx: Context,
    renderers: &[&dyn Renderer],
    handling: &Handling,
) -> (Batch, Arc<SourceFile>) {
    let source = Arc::new(SourceFile::new(STDIN_NAME, text_of(bytes.clone())));
    let report = lint::lint_bytes(STDIN_NAME, bytes, format, true, cx);
    (Batch::of_file(report, renderers, handling), source)
}

/// Lints the files on the worker threads, one file at a time from a shared
/// counter so that files finish roughly in order, and hands their batches to
/// `receive` on this thread in discovery order.
pub fn lint_all(
    targets: &[Target],
    pool: &Pool,
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
    pool.in_place_scope(|scope| work.run(scope, pool.workers(), receive));
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
    let span = crate::source::Span::new(0, 0);
    let start = crate::source::LineCol { line: 1, column: 1 };
    let place = Place {
        file: file.into(),
        start,
        end: start,
    };
    let draft = Draft {
        span,
        message: format!("deploylint failed on this file ({reason}); the other files were checked"),
        help: "this is a bug in deploylint: please report it with this file attached".into(),
        ..Draft::default()
    };
    Finding::new("internal-error", Severity::Error, place, draft)
}
