//! The exit statuses of every command.

/// Exit statuses: findings below the threshold, findings at or above it, a run that could not be done.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
