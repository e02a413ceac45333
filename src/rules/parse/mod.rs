//! Findings for files that cannot be read as their format.

pub mod yaml;
