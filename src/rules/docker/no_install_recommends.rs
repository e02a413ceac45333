//! `docker/no-install-recommends`: apt-get installs recommended packages.

use super::each_command;
use super::packages::{install, Manager};
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `apt-get install` (and `apt install`) without
    /// `--no-install-recommends` (or `-o APT::Install-Recommends=false`).
    ///
    /// ### Why is this bad?
    /// Recommended packages are installed by default: the image grows by
    /// packages nothing uses, each one more to patch.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN apt-get install -y curl=7.88.1-10+deb12u8
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    pub static RULE = {
        id: "docker/no-install-recommends",
        severity: Info,
        summary: "apt-get installs recommended packages",
        covers: ["hadolint: DL3015"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(install) = install(command).filter(|i| i.manager == Manager::Apt) else {
            return;
        };
        let off = command.args().iter().any(|w| {
            w.text.contains("Install-Recommends=false") || w.text.contains("Install-Recommends=0")
        });
        if off || command.has_flag(&["--no-install-recommends"], None) {
            return;
        }
        sink.report(
            &RULE,
            script.span(instruction, install.verb),
            "apt-get also installs the packages recommended by these: the image grows by packages nothing uses",
            "add `--no-install-recommends`",
        );
    });
}
