//! `k8s/read-only-root-fs`: a container can write to its image's file system.

use crate::declare_rule;
use crate::model::k8s::{ContainerKind, Workload};
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports an app or init container whose
    /// `securityContext.readOnlyRootFilesystem` is not `true`.
    ///
    /// ### Why is this bad?
    /// An attacker who gets code running in the container can replace its
    /// binaries and leave tools behind; with a read-only root, writes go only
    /// to the volumes the pod declares.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: false
    /// ```
    /// Use instead: a read-only root, and an `emptyDir` where the program
    /// writes.
    /// ```yaml
    /// securityContext:
    ///   readOnlyRootFilesystem: true
    /// volumeMounts:
    ///   - {name: tmp, mountPath: /tmp}
    /// ```
    ///
    /// ### References
    /// NSA/CISA Kubernetes Hardening Guide, "Immutable container file systems".
    pub static RULE = {
        id: "k8s/read-only-root-fs",
        severity: Info,
        summary: "a container can write to its image's file system",
        covers: ["kube-linter: read-only-root-fs", "checkov: CKV_K8S_22"],
        standards: ["nsa"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload
        .containers()
        .filter(|c| c.kind != ContainerKind::Ephemeral)
    {
        let setting = container
            .security_context()
            .and_then(|sc| sc.get("readOnlyRootFilesystem"));
        if setting.and_then(|n| n.as_bool()) == Some(true) {
            continue;
        }
        sink.report(
            &RULE,
            setting.map_or(container.anchor(), |n| n.span),
            format!("{} can write to its image's file system", container.describe()),
            "set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the program writes",
        );
    }
}
