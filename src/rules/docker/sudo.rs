//! `docker/sudo`: a RUN uses sudo.

use super::each_command;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `sudo` as a command in a `RUN`.
    ///
    /// ### Why is this bad?
    /// A build step runs as the current `USER`; `sudo` needs a TTY and a
    /// password setup, behaves unpredictably, and keeps a privilege-escalation
    /// tool in the image. Switch users with `USER` instead.
    ///
    /// ### Example
    /// ```dockerfile
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// USER root
    /// RUN apt-get update
    /// USER app
    /// ```
    pub static RULE = {
        id: "docker/sudo",
        severity: Warning,
        summary: "a RUN uses sudo",
        covers: ["hadolint: DL3004"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(word) = command.words.first().filter(|w| w.text == "sudo") else {
            return;
        };
        sink.report(
            &RULE,
            script.span(instruction, word),
            "sudo in a build step: it needs a terminal and a password set-up, and stays in the image as a way to root",
            "switch users with `USER root` before the step and `USER <app>` after it",
        );
    });
}
