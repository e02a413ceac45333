//! The commands of the binary: `deploylint [PATHS]` ([`lint`]), `rules`
//! and `explain` ([`rules`]), `verify` ([`verify`]), `init`, `completions`
//! and `manpage` ([`init`]), each returning the exit status; `main.rs` only
//! dispatches to them.

mod exit;
pub mod init;
pub mod lint;
mod report_file;
pub mod rules;
mod stdout;
pub mod verify;

use crate::cli::{Cli, Command};

pub use exit::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};

/// Runs the command the command line names; `Err` is a usage problem, for
/// the caller to print and exit with [`EXIT_USAGE`].
pub fn dispatch(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Some(Command::Rules { format, standard }) => rules::list(format, standard.as_deref()),
        Some(Command::Explain { rule }) => rules::explain(&rule),
        Some(Command::Verify {
            policy,
            data,
            builtin,
        }) => verify::run(policy, data, builtin),
        Some(Command::Init { path, force }) => init::run(&path, force),
        Some(Command::Completions { shell }) => init::completions(shell),
        Some(Command::Manpage) => init::manpage(),
        None => lint::run(cli.lint),
    }
}
