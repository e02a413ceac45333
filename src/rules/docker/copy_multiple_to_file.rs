//! `docker/copy-multiple-to-file`: COPY of several sources to a path without a trailing slash.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `COPY` or `ADD` with more than one source whose destination does
    /// not end with `/`.
    ///
    /// ### Why is this bad?
    /// With several sources the destination must be a folder, written with a
    /// trailing `/`: otherwise the build fails.
    ///
    /// ### Example
    /// ```dockerfile
    /// COPY package.json package-lock.json /app
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// COPY package.json package-lock.json /app/
    /// ```
    pub static RULE = {
        id: "docker/copy-multiple-to-file",
        severity: Error,
        summary: "COPY of several sources to a path without a trailing slash",
        covers: ["hadolint: DL3021"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword.as_str(), "COPY" | "ADD"))
    {
        let words = instruction.words();
        let (count, destination, span) = match &instruction.json {
            Some(json) => (
                json.len(),
                json.last().cloned().unwrap_or_default(),
                instruction.whole_args_span(),
            ),
            None => match words.last() {
                Some(last) => (words.len(), last.text.clone(), last.span),
                None => continue,
            },
        };
        if count <= 2
            || destination.ends_with('/')
            || destination.starts_with('$')
            || !instruction.heredocs.is_empty()
        {
            continue;
        }
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                span,
                format!("{} of {} sources to `{destination}`, which does not end with `/`: the build fails", instruction.keyword, count - 1),
                format!("end the destination with a slash: `{destination}/`"),
            )
        });
    }
}
