//! `docker/maintainer`: MAINTAINER is deprecated.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `MAINTAINER`.
    ///
    /// ### Why is this bad?
    /// It is deprecated: the field is not shown by most tools. The
    /// `org.opencontainers.image.authors` label is where registries and scanners
    /// look.
    ///
    /// ### Example
    /// ```dockerfile
    /// MAINTAINER ops@example.com
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="ops@example.com"
    /// ```
    pub static RULE = {
        id: "docker/maintainer",
        severity: Info,
        summary: "MAINTAINER is deprecated",
        covers: ["hadolint: DL4000"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "MAINTAINER")
    {
        let who = instruction.args.trim().to_string();
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                instruction.keyword_span,
                "MAINTAINER is deprecated",
                format!("use `LABEL org.opencontainers.image.authors=\"{who}\"`"),
            )
        });
    }
}
