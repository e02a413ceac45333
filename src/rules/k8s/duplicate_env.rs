//! `k8s/duplicate-env`: a container sets one environment variable twice.

use crate::declare_rule;
use crate::finding::{Draft, Related};
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports an `env` entry of a container whose `name` an earlier entry of
    /// the same container already has, with the earlier one as related place.
    ///
    /// ### Why is this bad?
    /// The later value wins without a word: whoever edits the first one sees
    /// no effect, and a merge that adds the same variable in two places
    /// silently keeps one.
    ///
    /// ### Example
    /// ```yaml
    /// env:
    ///   - {name: LOG_LEVEL, value: info}
    ///   - {name: LOG_LEVEL, value: debug}
    /// ```
    /// Use instead: one entry per variable.
    /// ```yaml
    /// env:
    ///   - {name: LOG_LEVEL, value: debug}
    /// ```
    pub static RULE = {
        id: "k8s/duplicate-env",
        severity: Warning,
        summary: "a container sets one environment variable twice",
        covers: ["kube-linter: duplicate-env-var"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let env = container
            .node
            .get("env")
            .map(Node::items)
            .unwrap_or_default();
        let mut seen: Vec<(&str, &Node)> = Vec::new();
        for entry in env {
            let Some(name) = entry.get("name") else {
                continue;
            };
            let Some(text) = name.as_str() else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == text) {
                let related = vec![Related::new(sink.file, first.span, "first set here")];
                sink.report_draft(
                    &RULE,
                    Draft {
                        span: name.span,
                        message: format!(
                            "{} sets `{text}` twice: this value silently wins",
                            container.describe()
                        ),
                        help: "keep one entry for the variable".into(),
                        label: None,
                        related: related.into(),
                    },
                );
            } else {
                seen.push((text, name));
            }
        }
    }
}
