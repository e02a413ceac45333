//! `k8s/requests-exceed-limits`: a container requests more of a resource than its limit.

use crate::declare_rule;
use crate::finding::Draft;
use crate::model::k8s::Workload;
use crate::model::quantity::Quantity;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Compares each container's resource requests with its limits (CPU,
    /// memory, ephemeral storage, any resource set in both) and reports a
    /// request larger than its limit. Quantities are compared exactly across
    /// units: `1100m` is more than `1`, `1Gi` is more than `1G`.
    ///
    /// ### Why is this bad?
    /// The API server rejects such a pod, so the rollout fails at apply time;
    /// in a Helm chart or Kustomize overlay the mistake often hides until the
    /// one environment whose values disagree.
    ///
    /// ### Example
    /// ```yaml
    /// resources:
    ///   requests: {memory: 1Gi}
    ///   limits: {memory: 512Mi}
    /// ```
    /// Use instead:
    /// ```yaml
    /// resources:
    ///   requests: {memory: 512Mi}
    ///   limits: {memory: 1Gi}
    /// ```
    pub static RULE = {
        id: "k8s/requests-exceed-limits",
        severity: Error,
        summary: "a container requests more of a resource than its limit",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.scheduled_containers() {
        let Some(resources) = container.node.get("resources") else {
            continue;
        };
        let (Some(requests), Some(limits)) = (resources.get("requests"), resources.get("limits"))
        else {
            continue;
        };
        for (name_node, request) in requests.entries() {
            let Some(name) = name_node.as_str() else {
                continue;
            };
            let Some(limit) = limits.get(name) else {
                continue;
            };
            let (Some(request_q), Some(limit_q)) = (quantity(request), quantity(limit)) else {
                continue;
            };
            // A zero limit is no limit (see `k8s/memory-limits`).
            if request_q <= limit_q || limit_q.is_zero() {
                continue;
            }
            let (request_text, limit_text) = (text(request), text(limit));
            let related = vec![crate::finding::Related::new(
                sink.file,
                limit.span,
                format!("the {name} limit is {limit_text}"),
            )];
            sink.report_draft(
                &RULE,
                Draft {
                    span: request.span,
                    message: format!(
                        "{} requests {request_text} of {name} but is limited to {limit_text}: \
                         the API server rejects the pod",
                        container.describe()
                    ),
                    help: format!(
                        "lower `requests.{name}` to at most {limit_text} or raise `limits.{name}`"
                    )
                    .into(),
                    label: Some(format!("request above the limit of {limit_text}")),
                    related: related.into(),
                },
            );
        }
    }
}

fn text(node: &Node) -> &str {
    node.as_str().unwrap_or_default()
}

fn quantity(node: &Node) -> Option<Quantity> {
    Quantity::parse(node.as_str()?)
}
