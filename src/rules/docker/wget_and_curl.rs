//! `docker/wget-and-curl`: both wget and curl are used.

use super::in_stage;
use crate::declare_rule;
use crate::finding::{Draft, Related};
use crate::model::docker::{instructions_of, lineage};
use crate::parse::dockerfile::{Dockerfile, Instruction};
use crate::rules::sink::Sink;
use crate::source::Span;

declare_rule! {
    /// ### What it does
    /// Reports the first use of the second download tool when a stage's image
    /// runs both `wget` and `curl` (its own `RUN`s and those of the stages it
    /// is built from), with the first tool's use as related place. A builder
    /// stage that downloads with `wget` does not make the final stage's
    /// `curl` a second tool.
    ///
    /// ### Why is this bad?
    /// Two tools that do the same job: two packages to install, patch and keep
    /// in the image where one would do.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN wget -q https://example.com/a.tgz
    /// RUN curl -fsSLO https://example.com/b.tgz
    /// ```
    /// Use instead: pick one.
    pub static RULE = {
        id: "docker/wget-and-curl",
        severity: Info,
        summary: "both wget and curl are used",
        covers: ["hadolint: DL4001"],
    }
}

/// One run of `wget` or `curl`.
struct Use<'a> {
    tool: &'a str,
    span: Span,
    instruction: &'a Instruction,
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for stage in &dockerfile.stages {
        // The stage's image holds what the stages it is built from installed.
        let mut chain = lineage(dockerfile, stage);
        chain.reverse();
        let uses: Vec<Use> = chain
            .into_iter()
            .flat_map(|s| instructions_of(dockerfile, s))
            .filter(|i| i.runs_commands())
            .flat_map(uses_in)
            .collect();
        let Some(first) = uses.first() else {
            continue;
        };
        let second = uses.iter().find(|u| u.tool != first.tool);
        // A second tool first used in an earlier stage is reported there.
        if let Some(second) = second.filter(|u| u.instruction.stage == Some(stage.index)) {
            report(dockerfile, first, second, sink);
        }
    }
}

fn uses_in(instruction: &Instruction) -> Vec<Use<'_>> {
    let mut uses = Vec::new();
    for script in instruction.scripts() {
        for command in &script.commands {
            let Some((_, program)) = command.program() else {
                continue;
            };
            let tool = match command.name() {
                Some("wget") => "wget",
                Some("curl") => "curl",
                _ => continue,
            };
            uses.push(Use {
                tool,
                span: script.span(instruction, program),
                instruction,
            });
        }
    }
    uses
}

fn report(dockerfile: &Dockerfile, first: &Use, second: &Use, sink: &mut Sink) {
    let (tool, other) = (first.tool, second.tool);
    in_stage(dockerfile, second.instruction, sink, |sink| {
        let related = vec![Related::new(
            sink.file,
            first.span,
            format!("{tool} is used here"),
        )];
        sink.report_draft(
            &RULE,
            Draft {
                span: second.span,
                message: format!("{other} is used, and so is {tool}: two tools for one job"),
                help: format!("use one of them, {tool} or {other}, throughout").into(),
                label: None,
                related: related.into(),
            },
        )
    });
}
