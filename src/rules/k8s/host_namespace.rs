//! `k8s/host-namespace`: a pod shares the node's network, PID or IPC namespace.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports pods that share a namespace of their node: `hostNetwork`,
    /// `hostPID` or `hostIPC` set to true.
    ///
    /// ### Why is this bad?
    /// `hostNetwork` exposes the node's interfaces and lets the pod bind any
    /// port of the node and reach services listening on localhost; `hostPID`
    /// lets it see and signal every process of the node; `hostIPC` lets it
    /// read other processes' shared memory. Each breaks the isolation that
    /// containers are for.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   hostNetwork: true
    ///   containers:
    ///     - name: app
    /// ```
    /// Use instead: remove the field and expose the pod through a Service.
    pub static RULE = {
        id: "k8s/host-namespace",
        severity: Error,
        summary: "a pod shares the node's network, PID or IPC namespace",
        covers: ["kube-linter: host-network", "kube-linter: host-pid", "kube-linter: host-ipc", "checkov: CKV_K8S_17", "checkov: CKV_K8S_18", "checkov: CKV_K8S_19"],
        standards: ["pss-baseline: Host Namespaces", "cis-k8s: 5.2.3", "cis-k8s: 5.2.4", "cis-k8s: 5.2.5"],
    }
}

const FIELDS: &[(&str, &str)] = &[
    (
        "hostNetwork",
        "it sees the node's interfaces and can reach everything on the node's localhost",
    ),
    (
        "hostPID",
        "it sees and can signal every process on the node",
    ),
    (
        "hostIPC",
        "it can read the shared memory of other processes on the node",
    ),
];

pub fn check(workload: &Workload, sink: &mut Sink) {
    for (field, consequence) in FIELDS {
        let Some(value) = workload.pod_spec.get(field) else {
            continue;
        };
        if value.as_bool() == Some(true) {
            sink.report(
                &RULE,
                value.span,
                format!("the pod uses the node's namespace ({field}: true): {consequence}"),
                format!("remove `{field}: true`; expose the pod through a Service instead"),
            );
        }
    }
}
