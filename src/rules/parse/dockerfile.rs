//! `parse/dockerfile`: a Dockerfile instruction is invalid.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Reports Dockerfile lines that BuildKit would reject: unknown
    /// instructions, instructions without arguments, instructions other
    /// than `ARG` before the first `FROM`, a `FROM` with extra words, a
    /// heredoc that is never closed, an invalid `escape` directive.
    /// Each is reported where it stands; the rest of the file is still
    /// checked.
    ///
    /// ### Why is this bad?
    /// `docker build` stops at the first of them.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUNN apk add curl
    /// ```
    /// Use instead: `RUN apk add curl`.
    pub static RULE = {
        id: "parse/dockerfile",
        severity: Error,
        summary: "a Dockerfile instruction is invalid",
    }
}
