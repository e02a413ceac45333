//! Shared by the four `k8s/*-requests` and `k8s/*-limits` rules.

use crate::model::k8s::Workload;
use crate::model::quantity::Quantity;
use crate::parse::yaml::Node;
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

/// Whether a quantity says something: present, not null, not zero (the
/// API treats a zero request or limit as none).
fn is_set(value: &Node) -> bool {
    let text = match value.as_scalar() {
        Some(scalar) => scalar.text.as_str(),
        None => return !value.is_null(),
    };
    !value.is_null() && Quantity::parse(text).is_none_or(|q| !q.is_zero())
}

/// Reports every init and app container whose `resources.<section>.<resource>`
/// is unset. A request is set by its limit too: Kubernetes defaults a
/// missing request to the limit.
pub fn check_resource(spec: &ResourceCheck, workload: &Workload, sink: &mut Sink) {
    for container in workload.scheduled_containers() {
        let resources = container.node.get("resources");
        let value_in = |section: &str| {
            resources
                .and_then(|r| r.get(section))
                .and_then(|s| s.get(spec.resource))
        };
        let value = value_in(spec.section);
        if value.is_some_and(is_set)
            || spec.section == "requests"
                && value.is_none()
                && value_in("limits").is_some_and(is_set)
        {
            continue;
        }
        let span = value
            .filter(|v| !v.is_null())
            .map(|v| v.span)
            .or_else(|| {
                resources
                    .and_then(|r| r.entry(spec.section).or_else(|| r.entry("resources")))
                    .map(|(key, _)| key.span)
            })
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
