//! `parse/yaml`: a YAML or JSON file does not parse.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Reports a YAML or JSON file, or one document of a stream, that does
    /// not parse: a syntax error, a binary file, invalid UTF-8, or aliases
    /// that expand beyond reason. The finding points at the parser's
    /// position; documents before the error are still checked, and the rest
    /// of the run goes on.
    ///
    /// ### Why is this bad?
    /// `kubectl apply` and Helm reject the file, usually at deploy time, and
    /// nothing in it can be checked until it parses.
    ///
    /// ### Example
    /// ```yaml
    /// metadata:
    ///   labels: {app: web
    /// ```
    /// Use instead:
    /// ```yaml
    /// metadata:
    ///   labels: {app: web}
    /// ```
    pub static RULE = {
        id: "parse/yaml",
        severity: Error,
        summary: "a YAML or JSON file does not parse",
    }
}
