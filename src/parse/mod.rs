//! Front ends: each turns a file's text into a tree whose nodes carry byte spans.

pub mod yaml;
pub mod dockerfile;
pub mod hcl;
pub mod markdown;
