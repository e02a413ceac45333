//! Rules about secrets committed to the repository.

pub mod inline_secret;
