//! `docker/multiple-cmd`: a stage sets CMD, ENTRYPOINT or HEALTHCHECK more than once.

use super::in_stage;
use crate::declare_rule;
use crate::finding::{Draft, Related};
use crate::parse::dockerfile::{Dockerfile, Instruction};
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a second (and any later) `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in
    /// one stage, with the earlier one as related place.
    ///
    /// ### Why is this bad?
    /// Only the last one counts: the earlier ones are dead code that misleads
    /// the reader about what the image runs.
    ///
    /// ### Example
    /// ```dockerfile
    /// CMD ["node", "server.js"]
    /// CMD ["node", "worker.js"]
    /// ```
    /// Use instead: keep one.
    /// ```dockerfile
    /// CMD ["node", "server.js"]
    /// ```
    pub static RULE = {
        id: "docker/multiple-cmd",
        severity: Warning,
        summary: "a stage sets CMD, ENTRYPOINT or HEALTHCHECK more than once",
        covers: ["hadolint: DL4003", "hadolint: DL4004", "hadolint: DL3012"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for stage in &dockerfile.stages {
        for keyword in ["CMD", "ENTRYPOINT", "HEALTHCHECK"] {
            let all: Vec<&Instruction> = dockerfile
                .instructions
                .iter()
                .filter(|i| i.stage == Some(stage.index) && i.keyword == keyword)
                .collect();
            for pair in all.windows(2) {
                let (earlier, later) = (pair[0], pair[1]);
                in_stage(dockerfile, later, sink, |sink| {
                    let related = vec![Related::new(
                        sink.file,
                        earlier.keyword_span,
                        format!("the earlier {keyword}, which this one replaces"),
                    )];
                    sink.report_draft(
                        &RULE,
                        Draft {
                            span: later.keyword_span,
                            message: format!(
                                "a second {keyword} in {}: only the last one counts",
                                stage.describe()
                            ),
                            help: format!("keep one {keyword} per stage").into(),
                            label: None,
                            related: related.into(),
                        },
                    )
                });
            }
        }
    }
}
