//! `docker/pipefail`: a RUN pipes commands without pipefail.

use super::in_stage;
use crate::declare_rule;
use crate::model::docker::{instructions_of, lineage};
use crate::parse::dockerfile::{Dockerfile, Instruction};
use crate::parse::shell::sets_pipefail;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a `RUN` whose shell script pipes one command into another
    /// (`curl ... | sh`) without `set -o pipefail` before it, when the stage's
    /// `SHELL` does not set `-o pipefail` either. Scripts in a heredoc are read
    /// like the shell form; stages whose `SHELL` is not a POSIX shell (PowerShell,
    /// `cmd`) are not judged.
    ///
    /// ### Why is this bad?
    /// A pipeline's status is its last command's: when `curl` fails, `sh` still
    /// succeeds on empty input, and the build goes on with a broken image.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    pub static RULE = {
        id: "docker/pipefail",
        severity: Warning,
        summary: "a RUN pipes commands without pipefail",
        covers: ["hadolint: DL4006"],
    }
}

/// The stage's `SHELL` before `instruction`: (sets pipefail, is a POSIX shell).
fn shell_of(dockerfile: &Dockerfile, instruction: &Instruction) -> (bool, bool) {
    let Some(stage) = instruction.stage.and_then(|s| dockerfile.stages.get(s)) else {
        return (false, true);
    };
    let shell = lineage(dockerfile, stage).iter().find_map(|s| {
        instructions_of(dockerfile, s)
            .rfind(|i| i.keyword == "SHELL" && i.span.start < instruction.span.start)
    });
    match shell.and_then(|s| s.json.as_ref()) {
        None => (false, true),
        Some(words) => {
            let program = words
                .first()
                .map(|w| {
                    w.rsplit(['/', '\\'])
                        .next()
                        .unwrap_or(w)
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            let posix = matches!(
                program.as_str(),
                "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh"
            );
            let pipefail = words
                .windows(2)
                .any(|w| w[0].starts_with('-') && w[0].ends_with('o') && w[1] == "pipefail");
            (pipefail, posix)
        }
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile.instructions.iter().filter(|i| i.runs_commands()) {
        let (shell_pipefail, posix) = shell_of(dockerfile, instruction);
        if shell_pipefail || !posix {
            continue;
        }
        for script in instruction.scripts() {
            let Some(piped) = script.commands.iter().find(|c| c.piped) else {
                continue;
            };
            let Some(first) = piped.words.first() else {
                continue;
            };
            if sets_pipefail(&script.commands, first.start) {
                continue;
            }
            in_stage(dockerfile, instruction, sink, |sink| {
                sink.report(
                    &RULE,
                    script.span(instruction, first),
                    "this pipeline's status is its last command's: if an earlier one fails, the build goes on with a broken image",
                    "add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN, or start the script with `set -o pipefail`",
                )
            });
            break;
        }
    }
}
