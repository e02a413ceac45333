//! `k8s/memory-limits`: a container has no memory limit.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

use super::resources::{check_resource, ResourceCheck};

declare_rule! {
    /// ### What it does
    /// Checks that every container of a workload, init containers included,
    /// sets `resources.limits.memory`.
    ///
    /// ### Why is this bad?
    /// Without a memory limit one leaking container can use all of a node's
    /// memory; the kernel's OOM killer then kills processes of other pods too.
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
    ///       limits:
    ///         memory: 512Mi
    /// ```
    pub static RULE = {
        id: "k8s/memory-limits",
        severity: Warning,
        summary: "a container has no memory limit",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let spec = ResourceCheck {
        rule: &RULE,
        section: "limits",
        resource: "memory",
        consequence: "a leak can take the whole node's memory and get other pods killed",
        example: "512Mi",
    };
    check_resource(&spec, workload, sink);
}
