//! `k8s/windows-host-process`: a Windows pod runs as a host process.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `securityContext.windowsOptions.hostProcess: true` on the pod
    /// or a container.
    ///
    /// ### Why is this bad?
    /// A HostProcess container runs directly on the Windows node, with the
    /// node's network and file system: it is the node.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   windowsOptions:
    ///     hostProcess: true
    /// ```
    /// Use instead: an ordinary Windows container, without `hostProcess`.
    ///
    /// ### References
    /// Pod Security Standards, baseline, "HostProcess".
    pub static RULE = {
        id: "k8s/windows-host-process",
        severity: Error,
        summary: "a Windows pod runs as a host process",
        standards: ["pss-baseline: HostProcess", "cis-k8s: 5.2.11"],
    }
}

fn host_process(security_context: Option<&Node>) -> Option<&Node> {
    security_context
        .and_then(|sc| sc.path(&["windowsOptions", "hostProcess"]))
        .filter(|n| n.as_bool() == Some(true))
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let help = "remove `hostProcess: true`; run node administration from a DaemonSet made for it, on nodes of its own";
    if let Some(node) = host_process(workload.pod_security_context()) {
        sink.report(
            &RULE,
            node.span,
            "the pod runs as a Windows host process: it has the node's network and files",
            help,
        );
    }
    for container in workload.containers() {
        if let Some(node) = host_process(container.security_context()) {
            sink.report(
                &RULE,
                node.span,
                format!(
                    "{} runs as a Windows host process: it has the node's network and files",
                    container.describe()
                ),
                help,
            );
        }
    }
}
