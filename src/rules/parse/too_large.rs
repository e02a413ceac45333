//! `parse/too-large`: a file over the size limit was not checked.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Notes a file that was not checked because it is larger than
    /// `max-file-size` (10 MiB unless `.deploylint.yaml` or
    /// `--max-file-size` says otherwise).
    ///
    /// ### Why is this bad?
    /// Nothing in the file was checked. Files that large are usually
    /// generated or vendored, and reading them would slow every run.
    ///
    /// ### Example
    /// A 40 MB rendered `helm template` output committed by mistake. Use
    /// instead: exclude it, or raise the limit if it must be checked.
    pub static RULE = {
        id: "parse/too-large",
        severity: Info,
        summary: "a file over the size limit was not checked",
    }
}
