//! Shared by the four `k8s/*-requests` and `k8s/*-limits` rules.

use crate::model::k8s::Workload;
use crate::rules::meta::RuleMeta;
use crate::rules::sink::Sink;

pub struct ResourceCheck<'a> {
    pub rule: &'a RuleMeta,
    /// `requests` or `limits`.
    pub section: &'a str,
    /// `cpu` or `memory`.
    pub resource: &'a str,
    pub consequence: &'a str,
    pub example: &'a str,
}

/// Reports every init and app container whose `resources.<section>.<resource>` is unset.
pub fn check_resource(spec: &ResourceCheck, workload: &Workload, sink: &mut Sink) {
    for container in workload.scheduled_containers() {
        let resources = container.node.get("resources");
        let value = resources
            .and_then(|r| r.get(spec.section))
            .and_then(|s| s.get(spec.resource));
        if value.is_some_and(|v| !v.is_null()) {
            continue;
        }
        let span = resources
            .and_then(|r| r.entry(spec.section).or_else(|| r.entry("resources")))
            .map(|(key, _)| key.span)
            .or_else(|| container.node.entry("resources").map(|(key, _)| key.span))
            .unwrap_or_else(|| container.anchor());
        sink.report(
            spec.rule,
            span,
            format!(
                "{} sets no {} {}: {}",
                container.describe(),
                spec.resource,
                if spec.section == "requests" {
                    "request"
                } else {
                    "limit"
                },
                spec.consequence
            ),
            format!(
                "set `resources.{}.{}` on the container, e.g. `{}: {}`",
                spec.section, spec.resource, spec.resource, spec.example
            ),
        );
    }
}
