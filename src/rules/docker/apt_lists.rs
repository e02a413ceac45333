//! `docker/apt-lists`: apt lists are left in the final image.

use super::each_command;
use super::{mounts_cache, run_has};
use crate::declare_rule;
use crate::model::docker::{final_stage, lineage};
use crate::parse::dockerfile::Dockerfile;
use crate::parse::shell::{Command, Word};
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports an `apt-get update` (or `apt update`), which downloads the
    /// package lists, in the final image's stages (the final stage and the
    /// stages it is built from) whose `RUN` does not remove
    /// `/var/lib/apt/lists` afterwards, unless the `RUN` mounts a cache there.
    /// Builder stages whose files are copied out are not judged.
    ///
    /// ### Why is this bad?
    /// The package lists weigh tens of megabytes and stay in the layer forever,
    /// even when a later `RUN` removes them.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    pub static RULE = {
        id: "docker/apt-lists",
        severity: Info,
        summary: "apt lists are left in the final image",
        covers: ["hadolint: DL3009"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    let Some(last) = final_stage(dockerfile) else {
        return;
    };
    let shipped: Vec<usize> = lineage(dockerfile, last).iter().map(|s| s.index).collect();
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        if !instruction.stage.is_some_and(|s| shipped.contains(&s))
            || mounts_cache(instruction, "/var/lib/apt")
        {
            return;
        }
        let Some(update) = apt_update(command) else {
            return;
        };
        let cleaned = run_has(instruction, |c| {
            c.name() == Some("rm")
                && c.args()
                    .iter()
                    .any(|w| w.text.starts_with("/var/lib/apt/lists"))
        });
        if !cleaned {
            sink.report(
                &RULE,
                script.span(instruction, update),
                "the apt package lists stay in this layer of the final image",
                "end the same RUN with `&& rm -rf /var/lib/apt/lists/*`",
            );
        }
    });
}

/// The `update` word of `apt-get update` or `apt update`.
fn apt_update(command: &Command) -> Option<&Word> {
    if !matches!(command.name()?, "apt-get" | "apt") {
        return None;
    }
    command
        .args()
        .iter()
        .find(|w| !w.text.starts_with('-'))
        .filter(|w| w.text == "update")
}
