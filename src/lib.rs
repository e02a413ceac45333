//! deploylint: a fast policy and manifest linter.
//!
//! The flow of one run: discover files, lint each in parallel (read, parse
//! once with positions, per-file rules), then sort and report. See
//! `run::run` for the whole of it.

pub mod baseline;
pub mod cli;
pub mod commands;
pub mod config;
pub mod discover;
pub mod facts;
pub mod finding;
pub mod lint;
pub mod model;
pub mod parse;
pub mod project;
pub mod rego;
pub mod report;
pub mod reread;
pub mod rules;
pub mod run;
pub mod source;
pub mod suppress;
pub mod timings;
pub mod units;
