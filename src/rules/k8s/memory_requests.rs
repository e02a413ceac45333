//! `k8s/memory-requests`: a container has no memory request.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

use super::resources::{check_resource, ResourceCheck};

declare_rule! {
    /// ### What it does
    /// Checks that every container of a workload, init containers included,
    /// sets `resources.requests.memory`.
    ///
    /// ### Why is this bad?
    /// Without a memory request the scheduler places the pod as if it used no
    /// memory: nodes get overcommitted, and under memory pressure the pod is
    /// among the first evicted (BestEffort or Burstable QoS).
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
    ///     resources:
    ///       requests:
    ///         memory: 256Mi
    /// ```
    pub static RULE = {
        id: "k8s/memory-requests",
        severity: Warning,
        summary: "a container has no memory request",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let spec = ResourceCheck {
        rule: &RULE,
        section: "requests",
        resource: "memory",
        consequence: "the scheduler counts it as using no memory, so nodes get overcommitted and it is evicted first",
        example: "256Mi",
    };
    check_resource(&spec, workload, sink);
}
