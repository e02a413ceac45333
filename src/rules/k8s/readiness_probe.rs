//! `k8s/readiness-probe`: a long-running container has no readiness probe.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Checks that every app container of a long-running workload has a
    /// `readinessProbe`. Jobs, CronJobs, Pods with `restartPolicy: Never` or
    /// `OnFailure`, and init containers are not checked.
    ///
    /// ### Why is this bad?
    /// Without a readiness probe a pod receives traffic from its Services as
    /// soon as its process starts, before it can answer, and keeps receiving
    /// it while it is overloaded or shutting down. Rolling updates then drop
    /// requests.
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
    ///     readinessProbe:
    ///       httpGet: {path: /ready, port: 8080}
    /// ```
    pub static RULE = {
        id: "k8s/readiness-probe",
        severity: Warning,
        summary: "a long-running container has no readiness probe",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    super::probes::check_probe(
        &RULE,
        "readinessProbe",
        "traffic reaches it before it is ready",
        workload,
        sink,
    );
}
