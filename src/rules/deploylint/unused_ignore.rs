//! `deploylint/unused-ignore`: a suppression comment silences nothing.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// With `--report-unused-ignores`, reports each rule of a
    /// `# deploylint-ignore` comment that silenced no finding in the run
    /// (a bare comment silencing nothing is reported as `all`), like ruff's
    /// `RUF100`. Rules switched off count as silencing nothing.
    ///
    /// ### Why is this bad?
    /// A stale suppression hides the next real finding on its line, and
    /// tells readers a decision was made about a problem that is gone.
    ///
    /// ### Example
    /// ```yaml
    /// image: nginx:1.27.2 # deploylint-ignore k8s/latest-tag
    /// ```
    /// Use instead: remove the comment.
    /// ```yaml
    /// image: nginx:1.27.2
    /// ```
    pub static RULE = {
        id: "deploylint/unused-ignore",
        severity: Warning,
        summary: "a suppression comment silences nothing",
    }
}
