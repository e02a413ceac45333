//! `docker/shell-form-entrypoint`: CMD or ENTRYPOINT in shell form.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`)
    /// rather than the exec form (`CMD ["node", "server.js"]`).
    ///
    /// ### Why is this bad?
    /// In shell form the container runs `/bin/sh -c "..."`: the shell is PID 1,
    /// and it does not forward `SIGTERM` to the program. `docker stop` and
    /// Kubernetes then wait out the whole grace period and kill it, with no
    /// graceful shutdown. (`HEALTHCHECK CMD` runs under a shell too but is not
    /// PID 1: hadolint reports it under DL3025, deploylint does not.)
    ///
    /// ### Example
    /// ```dockerfile
    /// CMD node server.js
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// CMD ["node", "server.js"]
    /// ```
    pub static RULE = {
        id: "docker/shell-form-entrypoint",
        severity: Warning,
        summary: "CMD or ENTRYPOINT in shell form",
        covers: ["hadolint: DL3025"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in &dockerfile.instructions {
        if !matches!(instruction.keyword.as_str(), "CMD" | "ENTRYPOINT")
            || instruction.json.is_some()
        {
            continue;
        }
        let words = instruction.words();
        let exec = words
            .iter()
            .map(|w| format!("\"{}\"", w.text))
            .collect::<Vec<_>>()
            .join(", ");
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                instruction.whole_args_span(),
                format!(
                    "{} in shell form runs under `/bin/sh -c`: the shell is PID 1 and does not pass SIGTERM on, so the container never shuts down gracefully",
                    instruction.keyword
                ),
                format!("use the exec form: `{} [{exec}]`", instruction.keyword),
            )
        });
    }
}
