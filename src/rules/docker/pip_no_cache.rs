//! `docker/pip-no-cache`: pip install keeps its cache.

use super::each_command;
use super::mounts_cache;
use super::packages::{install, Manager};
use crate::declare_rule;
use crate::model::docker::inherited_all;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `pip install` without `--no-cache-dir`, unless the stage sets
    /// `PIP_NO_CACHE_DIR` or the `RUN` mounts a cache at `/root/.cache/pip`.
    ///
    /// ### Why is this bad?
    /// pip's download cache stays in the layer: wheels the image will never use
    /// again.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN pip install flask==3.0.3
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    pub static RULE = {
        id: "docker/pip-no-cache",
        severity: Info,
        summary: "pip install keeps its cache",
        covers: ["hadolint: DL3042"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(install) = install(command).filter(|i| i.manager == Manager::Pip) else {
            return;
        };
        let by_env = instruction
            .stage
            .and_then(|s| dockerfile.stages.get(s))
            .is_some_and(|stage| {
                inherited_all(dockerfile, stage, "ENV")
                    .iter()
                    .any(|env| env.args.contains("PIP_NO_CACHE_DIR"))
            })
            || command
                .assignments
                .iter()
                .any(|a| a.text.starts_with("PIP_NO_CACHE_DIR="));
        if by_env
            || command.has_flag(&["--no-cache-dir"], None)
            || mounts_cache(instruction, "/root/.cache/pip")
        {
            return;
        }
        sink.report(
            &RULE,
            script.span(instruction, install.verb),
            "pip keeps its download cache in this layer",
            "add `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1` in the stage)",
        );
    });
}
