//! `k8s/run-as-group-root`: a container runs with the root group.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `runAsGroup: 0` (a container's own, or the pod's it
    /// inherits), and `fsGroup: 0` or a `0` in `supplementalGroups` on the
    /// pod. Off by default: OpenShift runs containers with group 0 on
    /// purpose, so that any random user id can write what the image made
    /// group-writable. Turn it on with `rules: {k8s/run-as-group-root: info}`
    /// or `--select k8s/run-as-group-root`.
    ///
    /// ### Why is this bad?
    /// Files of the node and of volumes owned by group `root` are open to
    /// the container: group 0 is a step towards root for whoever runs in it.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 10001
    ///   runAsGroup: 0
    /// ```
    /// Use instead:
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 10001
    ///   runAsGroup: 10001
    /// ```
    pub static RULE = {
        id: "k8s/run-as-group-root",
        severity: Info,
        summary: "a container runs with the root group",
        off_by_default: true,
    }
}

fn is_root_group(node: &Node) -> bool {
    node.as_i64() == Some(0)
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let help = "use a group of the application's own (`runAsGroup: 10001`)";
    let pod = workload.pod_security_context();
    for field in ["fsGroup", "supplementalGroups"] {
        let Some(value) = pod.and_then(|sc| sc.get(field)) else {
            continue;
        };
        let zero = match value.items() {
            [] => Some(value).filter(|v| is_root_group(v)),
            items => items.iter().find(|g| is_root_group(g)),
        };
        if let Some(zero) = zero {
            sink.report(
                &RULE,
                zero.span,
                format!("the pod's `{field}` includes group 0 (root): its files are open to the root group"),
                help,
            );
        }
    }
    for container in workload.containers() {
        let Some(group) = container.effective_security_setting(workload, "runAsGroup") else {
            continue;
        };
        if is_root_group(group) {
            sink.report(
                &RULE,
                group.span,
                format!("{} runs with group 0 (root)", container.describe()),
                help,
            );
        }
    }
}
