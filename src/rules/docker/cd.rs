//! `docker/cd`: a RUN changes directory with cd.

use super::each_command;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `cd` as a command in a `RUN`.
    ///
    /// ### Why is this bad?
    /// The directory change lasts for one `RUN` only, which surprises the next
    /// reader; `WORKDIR` says where the following instructions run, and creates
    /// the folder.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN cd /src && make
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// WORKDIR /src
    /// RUN make
    /// ```
    pub static RULE = {
        id: "docker/cd",
        severity: Info,
        summary: "a RUN changes directory with cd",
        covers: ["hadolint: DL3003"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(word) = command.words.first().filter(|w| w.text == "cd") else {
            return;
        };
        sink.report(
            &RULE,
            script.span(instruction, word),
            "cd changes the folder for this RUN only",
            "use `WORKDIR` for the folder the following instructions run in",
        );
    });
}
