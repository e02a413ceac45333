//! Rules about deploylint's own suppressions: ignore comments and
//! annotations that name no rule, or silence nothing.

pub mod unknown_rule_in_ignore;
pub mod unused_ignore;
