//! `--timings`: where a run spends its time. Wall time for the phases of the
//! run, and CPU time summed over worker threads inside the per-file phase.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Copy)]
pub enum Phase {
    Read,
    Parse,
    Rego,
    /// The whole of one file's task, from read to facts.
    File,
    /// Rendering one file's findings, in its task.
    Render,
}

static NANOS: [AtomicU64; 5] = [
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
];

pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `work`, adding its duration to `phase` when timings are on.
pub fn measure<T>(phase: Phase, work: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return work();
    }
    let started = Instant::now();
    let result = work();
    NANOS[phase as usize].fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    result
}

fn ms(phase: Phase) -> f64 {
    NANOS[phase as usize].load(Ordering::Relaxed) as f64 / 1e6
}

/// Wall-clock phases of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Wall {
    pub discovery: Duration,
    pub files: Duration,
    pub project: Duration,
    pub render: Duration,
}

/// The report printed on standard error.
pub fn report(wall: &Wall) -> String {
    let file_cpu = ms(Phase::File);
    let (read, parse, rego) = (ms(Phase::Read), ms(Phase::Parse), ms(Phase::Rego));
    let rules = (file_cpu - read - parse - rego).max(0.0);
    let render = ms(Phase::Render);
    let total = wall.discovery + wall.files + wall.project + wall.render;
    format!(
        "timings (wall ms): discovery {:.1}, files {:.1}, project rules {:.1}, render {:.1}, total {:.1}\n\
         timings (cpu ms in the per-file phase, all threads): read {read:.1}, parse {parse:.1}, rules {rules:.1}, rego {rego:.1}, render {render:.1}\n",
        wall.discovery.as_secs_f64() * 1e3,
        wall.files.as_secs_f64() * 1e3,
        wall.project.as_secs_f64() * 1e3,
        wall.render.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
    )
}
