//! `docker/copy-without-workdir`: COPY to a relative path without WORKDIR.

use super::in_stage;
use super::relative_workdir::is_absolute;
use crate::declare_rule;
use crate::model::docker::{instructions_of, lineage};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `COPY` (and `ADD`) to a relative destination in a stage where no
    /// `WORKDIR` has been set yet, in it or in the stages it is built from.
    ///
    /// ### Why is this bad?
    /// The files land relative to the base image's working folder, which you do
    /// not control and which changes between base images (`/` for most,
    /// something else for others).
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json .
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    pub static RULE = {
        id: "docker/copy-without-workdir",
        severity: Warning,
        summary: "COPY to a relative path without WORKDIR",
        covers: ["hadolint: DL3045"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword.as_str(), "COPY" | "ADD"))
    {
        let Some(stage) = instruction.stage.and_then(|s| dockerfile.stages.get(s)) else {
            continue;
        };
        let destination = match &instruction.json {
            Some(json) => json.last().cloned(),
            None => instruction.words().last().map(|w| w.text.clone()),
        };
        let Some(destination) = destination else {
            continue;
        };
        if is_absolute(&destination) || instruction.words().len() < 2 {
            continue;
        }
        let workdir_set = lineage(dockerfile, stage).iter().any(|s| {
            instructions_of(dockerfile, s).any(|i| {
                i.keyword == "WORKDIR"
                    && (s.index != stage.index || i.span.start < instruction.span.start)
            })
        });
        if workdir_set {
            continue;
        }
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                instruction.whole_args_span(),
                format!("{} to the relative `{destination}` with no WORKDIR set: the files land wherever the base image's working folder is", instruction.keyword),
                "set `WORKDIR /app` (or your folder) before it, or copy to an absolute path",
            )
        });
    }
}
