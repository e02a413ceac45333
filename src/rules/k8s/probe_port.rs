//! `k8s/probe-port`: a probe names a port the container does not declare.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a liveness, readiness or startup probe (`httpGet`, `tcpSocket`
    /// or `grpc`) whose `port` is a name that none of the container's `ports`
    /// has.
    ///
    /// ### Why is this bad?
    /// The kubelet cannot resolve the name: the probe fails every time, so a
    /// liveness probe restarts the container forever and a readiness probe
    /// keeps it out of its Service.
    ///
    /// ### Example
    /// ```yaml
    /// ports:
    ///   - {name: http, containerPort: 8080}
    /// livenessProbe:
    ///   httpGet: {path: /healthz, port: metrics}
    /// ```
    /// Use instead: a declared name, or the number.
    /// ```yaml
    /// livenessProbe:
    ///   httpGet: {path: /healthz, port: http}
    /// ```
    pub static RULE = {
        id: "k8s/probe-port",
        severity: Error,
        summary: "a probe names a port the container does not declare",
    }
}

const PROBES: &[&str] = &["livenessProbe", "readinessProbe", "startupProbe"];

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let names: Vec<&str> = container
            .node
            .get("ports")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.get("name").and_then(Node::as_str))
            .collect();
        for probe in PROBES {
            for handler in ["httpGet", "tcpSocket", "grpc"] {
                let Some(port) = container.node.path(&[probe, handler, "port"]) else {
                    continue;
                };
                // A number, or a template filled in later, is not a name to look up.
                let Some(name) = port
                    .as_str()
                    .filter(|p| p.parse::<u32>().is_err() && !p.contains("{{"))
                else {
                    continue;
                };
                if names.contains(&name) {
                    continue;
                }
                sink.report(
                    &RULE,
                    port.span,
                    format!("the {probe} of {} uses port `{name}`, which the container does not declare: it always fails", container.describe()),
                    match names.as_slice() {
                        [] => "use the port's number, or name it under the container's `ports`".to_string(),
                        declared => format!("use one of the declared names ({}) or the number", declared.join(", ")),
                    },
                );
            }
        }
    }
}
