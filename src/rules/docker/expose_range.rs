//! `docker/expose-range`: EXPOSE a port outside 0-65535.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports an `EXPOSE` port, or port range, outside 0–65535.
    ///
    /// ### Why is this bad?
    /// No such port exists: the build fails, or the port never works.
    ///
    /// ### Example
    /// ```dockerfile
    /// EXPOSE 80800
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// EXPOSE 8080
    /// ```
    pub static RULE = {
        id: "docker/expose-range",
        severity: Error,
        summary: "EXPOSE a port outside 0-65535",
        covers: ["hadolint: DL3011"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "EXPOSE")
    {
        for word in instruction.words() {
            let ports = word.text.split('/').next().unwrap_or_default();
            let out_of_range = ports
                .split('-')
                .any(|p| p.parse::<u64>().is_ok_and(|n| n > 65535));
            if !out_of_range {
                continue;
            }
            in_stage(dockerfile, instruction, sink, |sink| {
                sink.report(
                    &RULE,
                    word.span,
                    format!("port `{}` is outside 0-65535", word.text),
                    "use a port between 0 and 65535",
                )
            });
        }
    }
}
