//! `docker/duplicate-stage`: two stages have the same name.

use super::in_stage;
use crate::declare_rule;
use crate::finding::{Draft, Related};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a `FROM ... AS name` whose name an earlier stage already has.
    ///
    /// ### Why is this bad?
    /// BuildKit refuses the Dockerfile: stage names must be unique.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM node:20 AS build
    /// FROM golang:1.23 AS build
    /// ```
    /// Use instead: give each stage its own name.
    pub static RULE = {
        id: "docker/duplicate-stage",
        severity: Error,
        summary: "two stages have the same name",
        covers: ["hadolint: DL3024"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for (index, stage) in dockerfile.stages.iter().enumerate() {
        let Some(name) = &stage.name else { continue };
        let Some(first) = dockerfile.stages[..index]
            .iter()
            .find(|s| s.name.as_ref() == Some(name))
        else {
            continue;
        };
        let instruction = &dockerfile.instructions[stage.from];
        let words = instruction.words();
        let span = words.last().map_or(instruction.keyword_span, |w| w.span);
        in_stage(dockerfile, instruction, sink, |sink| {
            let related = vec![Related::new(
                sink.file,
                dockerfile.instructions[first.from].keyword_span,
                format!("stage `{name}` is first defined here"),
            )];
            sink.report_draft(
                &RULE,
                Draft {
                    span,
                    message: format!(
                        "a second stage is named `{name}`: BuildKit refuses duplicate stage names"
                    ),
                    help: "rename one of the stages (and the COPY --from that use it)".into(),
                    label: None,
                    related: related.into(),
                },
            )
        });
    }
}
