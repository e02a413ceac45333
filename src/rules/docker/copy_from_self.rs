//! `docker/copy-from-self`: COPY --from names its own stage.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `COPY --from` naming the stage the instruction is in, by name or
    /// index.
    ///
    /// ### Why is this bad?
    /// A stage cannot copy from itself: the build fails with a cycle.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM node:20 AS build
    /// COPY --from=build /app/dist /srv
    /// ```
    /// Use instead: copy from the stage that produced the files, in a later stage.
    pub static RULE = {
        id: "docker/copy-from-self",
        severity: Error,
        summary: "COPY --from names its own stage",
        covers: ["hadolint: DL3023"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "COPY")
    {
        let (Some(flag), Some(stage)) = (
            instruction.flag("from"),
            instruction.stage.and_then(|s| dockerfile.stages.get(s)),
        ) else {
            continue;
        };
        let from = flag
            .value
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if stage.name.as_deref() == Some(from.as_str()) || from == stage.index.to_string() {
            in_stage(dockerfile, instruction, sink, |sink| {
                sink.report(
                    &RULE,
                    flag.span,
                    format!("COPY --from={from} names the stage it is in: the build fails"),
                    "copy from an earlier stage, or move this COPY to a later one",
                )
            });
        }
    }
}
