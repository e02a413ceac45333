//! `k8s/cpu-requests`: a container has no CPU request.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

use super::resources::{check_resource, ResourceCheck};

declare_rule! {
    /// ### What it does
    /// Checks that every container of a workload, init containers included,
    /// sets `resources.requests.cpu`.
    ///
    /// ### Why is this bad?
    /// Without a CPU request the scheduler places the pod as if it used no CPU
    /// at all: nodes fill up with pods that then compete for the same cores,
    /// and the pod gets the smallest CPU share under contention. Horizontal pod
    /// autoscaling on CPU utilisation does not work without a request either.
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
    ///         cpu: 250m
    /// ```
    pub static RULE = {
        id: "k8s/cpu-requests",
        severity: Warning,
        summary: "a container has no CPU request",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let spec = ResourceCheck {
        rule: &RULE,
        section: "requests",
        resource: "cpu",
        consequence: "the scheduler counts it as using no CPU, so nodes get overcommitted and it is the first to be starved",
        example: "250m",
    };
    check_resource(&spec, workload, sink);
}
