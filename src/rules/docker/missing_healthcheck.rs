//! `docker/missing-healthcheck`: a server image has no HEALTHCHECK.

use crate::declare_rule;
use crate::finding::Draft;
use crate::finding::Related;
use crate::model::docker::{final_stage, inherited};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;
use crate::suppress::IgnoreList;

declare_rule! {
    /// ### What it does
    /// Reports a final image that serves on a port (`EXPOSE`, in its stage
    /// or the stage it is built from) but has no `HEALTHCHECK`.
    /// `HEALTHCHECK NONE` counts as a deliberate choice.
    ///
    /// ### Why is this bad?
    /// Docker, Compose and Swarm only know a container is alive, not that it
    /// answers. A server that hangs keeps receiving traffic. (Kubernetes
    /// ignores `HEALTHCHECK` and uses probes instead, which is why this rule
    /// is informational.)
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
    /// ```
    pub static RULE = {
        id: "docker/missing-healthcheck",
        severity: Info,
        summary: "a server image has no HEALTHCHECK",
        covers: ["hadolint: DL3057"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    let Some(stage) = final_stage(dockerfile) else {
        return;
    };
    let Some(expose) = inherited(dockerfile, stage, "EXPOSE") else {
        return;
    };
    if inherited(dockerfile, stage, "HEALTHCHECK").is_some() {
        return;
    }
    let from = &dockerfile.instructions[stage.from];
    let related = vec![Related::new(
        sink.file,
        expose.span,
        "the image serves on this port",
    )];
    sink.enter_object(stage.describe(), IgnoreList::Nothing);
    sink.report_draft(
        &RULE,
        Draft {
            span: from.keyword_span,
            message: format!(
                "the final image exposes {} but has no HEALTHCHECK: a hung server looks healthy",
                expose.args.trim()
            ),
            help: "add `HEALTHCHECK CMD <command that fails when the server does not answer>`"
                .into(),
            label: Some("final stage".into()),
            related: related.into(),
        },
    );
    sink.leave_object();
}
