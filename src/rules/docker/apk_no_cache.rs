//! `docker/apk-no-cache`: apk add keeps its cache.

use super::each_command;
use super::mounts_cache;
use super::packages::{install, Manager};
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `apk add` without `--no-cache`, unless the `RUN` mounts a cache
    /// at `/var/cache/apk`.
    ///
    /// ### Why is this bad?
    /// The package index stays in the layer, making the image bigger for nothing.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN apk add curl=8.9.1-r2
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// ```
    pub static RULE = {
        id: "docker/apk-no-cache",
        severity: Info,
        summary: "apk add keeps its cache",
        covers: ["hadolint: DL3019"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(install) = install(command).filter(|i| i.manager == Manager::Apk) else {
            return;
        };
        if command.has_flag(&["--no-cache"], None) || mounts_cache(instruction, "/var/cache/apk") {
            return;
        }
        sink.report(
            &RULE,
            script.span(instruction, install.verb),
            "apk keeps its package index in this layer",
            "use `apk add --no-cache`",
        );
    });
}
