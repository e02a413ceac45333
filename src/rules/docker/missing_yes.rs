//! `docker/missing-yes`: a package install waits for an answer.

use super::each_command;
use super::packages::{install, Manager};
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `apt-get install` without `-y` (`--yes`, `--assume-yes`, `-qq`),
    /// `yum`/`dnf install` without `-y` (`--assumeyes`) and `zypper install`
    /// without `-n` (`--non-interactive`) or `-y` (`--no-confirm`).
    ///
    /// ### Why is this bad?
    /// A build has no terminal: the manager asks for confirmation, reads end of
    /// input, and aborts the build.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    pub static RULE = {
        id: "docker/missing-yes",
        severity: Error,
        summary: "a package install waits for an answer",
        covers: ["hadolint: DL3014", "hadolint: DL3030", "hadolint: DL3034", "hadolint: DL3038"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(install) = install(command) else {
            return;
        };
        let (answered, flag) = match install.manager {
            Manager::Apt => (
                command.has_flag(&["--yes", "--assume-yes", "-qq"], Some('y'))
                    || command.args().iter().any(|w| w.text == "-q=2"),
                "-y",
            ),
            Manager::Yum | Manager::Dnf => (command.has_flag(&["--assumeyes"], Some('y')), "-y"),
            Manager::Zypper => (
                command.has_flag(&["--non-interactive", "--no-confirm"], Some('n'))
                    || command.has_flag(&[], Some('y')),
                "-n",
            ),
            _ => return,
        };
        if !answered {
            sink.report(
                &RULE,
                script.span(instruction, install.verb),
                format!(
                    "{} will ask for confirmation, and a build cannot answer: it aborts",
                    install.manager.name()
                ),
                format!("add `{flag}`"),
            );
        }
    });
}
