//! `deploylint/unknown-rule-in-ignore`: a suppression names a rule that does not exist.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Reports a `# deploylint-ignore` comment or a `deploylint.dev/ignore`
    /// annotation that names a rule deploylint does not have, with the
    /// closest id it does have. Ids outside deploylint's own families (your
    /// policies' `ORG-001`) are not judged.
    ///
    /// ### Why is this bad?
    /// A misspelt id silences nothing: the finding it was meant for is
    /// still reported, or, worse, the comment looks like a decision that
    /// was never applied.
    ///
    /// ### Example
    /// ```yaml
    /// image: nginx:latest # deploylint-ignore k8s/latest-tags
    /// ```
    /// Use instead:
    /// ```yaml
    /// image: nginx:latest # deploylint-ignore k8s/latest-tag -- pinned by digest at deploy
    /// ```
    pub static RULE = {
        id: "deploylint/unknown-rule-in-ignore",
        severity: Warning,
        summary: "a suppression names a rule that does not exist",
    }
}
