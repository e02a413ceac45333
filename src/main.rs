//! The `deploylint` binary: the allocator, the command line, and the exit
//! status of the command it names (`commands`).

use std::process::ExitCode;

use clap::Parser;

use deploylint::cli::Cli;
use deploylint::commands::{self, EXIT_CLEAN, EXIT_USAGE};

/// mimalloc builds the many small nodes of parse trees faster than the system allocator (bench/measured.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc asks the kernel for transparent huge pages for its arenas. A
/// lint run touches most of its memory once, and a 2 MiB page is resident as
/// a whole as soon as one byte of it is, so runs peak lower without them,
/// in the same time (bench/measured.md). The setting holds for this process only and applies
/// to every page touched after it, which is nearly all of them this early.
fn without_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    without_transparent_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_CLEAN
            });
        }
    };
    match commands::dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("deploylint: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
