//! `docker/relative-workdir`: WORKDIR is a relative path.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `WORKDIR` with a relative path (not `/...`, a Windows drive, or a
    /// variable).
    ///
    /// ### Why is this bad?
    /// A relative `WORKDIR` depends on the one before it, possibly in a base
    /// image you do not control: where files land changes with the base.
    ///
    /// ### Example
    /// ```dockerfile
    /// WORKDIR app
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// WORKDIR /app
    /// ```
    pub static RULE = {
        id: "docker/relative-workdir",
        severity: Warning,
        summary: "WORKDIR is a relative path",
        covers: ["hadolint: DL3000"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "WORKDIR")
    {
        let path = instruction.args.trim().trim_matches(['"', '\'']);
        if is_absolute(path) {
            continue;
        }
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                instruction.whole_args_span(),
                format!("WORKDIR `{path}` is relative: it depends on the WORKDIR before it, possibly the base image's"),
                format!("use an absolute path, e.g. `WORKDIR /{}`", path.trim_start_matches("./")),
            )
        });
    }
}

/// `/app`, `C:\\app`, `$HOME/app`: not relative.
pub(super) fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}
