//! `parse/markdown`: a Markdown document cannot be read.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Reports a Markdown document that cannot be read at all: a binary file
    /// or invalid UTF-8. (The fenced blocks of a readable document are
    /// checked by their own language's `parse/*` rules.)
    ///
    /// ### Why is this bad?
    /// None of the manifests, Terraform or Dockerfiles it shows can be
    /// checked.
    ///
    /// ### Example
    /// A `.md` file saved as UTF-16 or Latin-1. Use instead: save it as UTF-8.
    pub static RULE = {
        id: "parse/markdown",
        severity: Error,
        summary: "a Markdown document cannot be read",
    }
}
