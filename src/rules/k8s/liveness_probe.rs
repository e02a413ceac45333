//! `k8s/liveness-probe`: a long-running container has no liveness probe.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Checks that every app container of a long-running workload
    /// (Deployment, StatefulSet, DaemonSet, ReplicaSet, a Pod that restarts,
    /// or any kind with a pod template such as an Argo Rollout) has a
    /// `livenessProbe`. Jobs, CronJobs, Pods with `restartPolicy: Never` or
    /// `OnFailure`, and init containers are not checked.
    ///
    /// ### Why is this bad?
    /// Without a liveness probe, a process that deadlocks or hangs keeps its
    /// pod Running forever: Kubernetes only restarts containers that exit.
    ///
    /// ### Example
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     image: shop/checkout:1.4.2
    /// ```
    /// Use instead:
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     image: shop/checkout:1.4.2
    ///     livenessProbe:
    ///       httpGet: {path: /healthz, port: 8080}
    /// ```
    pub static RULE = {
        id: "k8s/liveness-probe",
        severity: Warning,
        summary: "a long-running container has no liveness probe",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    super::probes::check_probe(
        &RULE,
        "livenessProbe",
        "a hung process is never restarted",
        workload,
        sink,
    );
}
