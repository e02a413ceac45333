//! Findings for files that cannot be read as their format.

pub mod dockerfile;
pub mod hcl;
pub mod markdown;
pub mod too_large;
pub mod yaml;
