//! `docker/unknown-stage`: COPY --from names no earlier stage.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `COPY --from=NAME` where `NAME` is no earlier stage's name and does
    /// not look like an image (`nginx:1.27`, `registry/app`) or a stage index.
    ///
    /// ### Why is this bad?
    /// BuildKit takes an unknown name for an image on Docker Hub: a typo in a
    /// stage name pulls (or fails to pull) someone else's image instead of
    /// copying your build output.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM golang:1.23 AS builder
    /// FROM scratch
    /// COPY --from=biulder /out/app /app
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// COPY --from=builder /out/app /app
    /// ```
    pub static RULE = {
        id: "docker/unknown-stage",
        severity: Error,
        summary: "COPY --from names no earlier stage",
        covers: ["hadolint: DL3022"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "COPY")
    {
        let Some(flag) = instruction.flag("from") else {
            continue;
        };
        let from = flag.value.as_deref().unwrap_or_default();
        let image_like =
            from.contains([':', '/', '@', '.', '$']) || from.chars().all(|c| c.is_ascii_digit());
        let current = instruction.stage.unwrap_or(0);
        let known = dockerfile.stages[..current.min(dockerfile.stages.len())]
            .iter()
            .any(|s| s.name.as_deref() == Some(from.to_ascii_lowercase().as_str()));
        let own = dockerfile
            .stages
            .get(current)
            .is_some_and(|s| s.name.as_deref() == Some(from.to_ascii_lowercase().as_str()));
        if image_like || known || own || from.is_empty() {
            continue;
        }
        let later = dockerfile
            .stages
            .iter()
            .any(|s| s.name.as_deref() == Some(from.to_ascii_lowercase().as_str()));
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                flag.span,
                match later {
                    true => format!("COPY --from={from} names a stage defined later: only earlier stages can be copied from"),
                    false => format!("COPY --from={from} names no earlier stage: BuildKit will pull an image called `{from}` instead"),
                },
                "name an earlier stage (`FROM ... AS name`), or give a full image reference with a tag",
            )
        });
    }
}
