//! Front ends: each turns a file's text into a tree whose nodes carry byte spans.

pub mod dockerfile;
pub mod hcl;
pub mod markdown;
mod reindent;
pub mod shell;
pub mod yaml;
