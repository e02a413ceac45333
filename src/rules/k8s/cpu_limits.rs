//! `k8s/cpu-limits`: a container has no CPU limit.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

use super::resources::{check_resource, ResourceCheck};

declare_rule! {
    /// ### What it does
    /// Checks that every container of a workload, init containers included,
    /// sets `resources.limits.cpu`.
    ///
    /// ### Why is this bad?
    /// Without a CPU limit a container can take every idle core of its node.
    /// Many teams leave CPU limits off on purpose, to avoid throttling, which
    /// is why this rule is only informational: set it to `off` in
    /// `.deploylint.yaml` if that is your policy.
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
    ///         cpu: 1
    /// ```
    pub static RULE = {
        id: "k8s/cpu-limits",
        severity: Info,
        summary: "a container has no CPU limit",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let spec = ResourceCheck {
        rule: &RULE,
        section: "limits",
        resource: "cpu",
        consequence: "a busy loop can take every spare core of its node",
        example: "1",
    };
    check_resource(&spec, workload, sink);
}
