//! `k8s/host-port`: a container binds a port of the node.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a container port with a `hostPort` other than 0.
    ///
    /// ### Why is this bad?
    /// The port is opened on the node's own address, around Services and
    /// NetworkPolicies; two replicas cannot share a node, so pods stay
    /// pending when every node's port is taken.
    ///
    /// ### Example
    /// ```yaml
    /// ports:
    ///   - containerPort: 8080
    ///     hostPort: 8080
    /// ```
    /// Use instead: a Service (a `NodePort` or `LoadBalancer` one when the
    /// port must be reached from outside).
    /// ```yaml
    /// ports:
    ///   - containerPort: 8080
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "Host Ports".
    pub static RULE = {
        id: "k8s/host-port",
        severity: Warning,
        summary: "a container binds a port of the node",
        covers: ["checkov: CKV_K8S_26"],
        standards: ["pss-baseline: Host Ports", "cis-k8s: 5.2.13"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let ports = container
            .node
            .get("ports")
            .map(Node::items)
            .unwrap_or_default();
        for port in ports {
            let Some(host_port) = port.get("hostPort") else {
                continue;
            };
            if host_port.as_i64().is_none_or(|n| n == 0) {
                continue;
            }
            sink.report(
                &RULE,
                host_port.span,
                format!(
                    "{} opens port {} on the node itself, around Services and NetworkPolicies",
                    container.describe(),
                    host_port.as_i64().unwrap_or_default()
                ),
                "remove `hostPort` and reach the pod through a Service",
            );
        }
    }
}
