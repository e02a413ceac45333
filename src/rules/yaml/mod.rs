//! Rules over YAML syntax, whatever the document holds.

pub mod duplicate_key;
