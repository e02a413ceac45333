//! `k8s/run-as-non-root`: a container may run as root.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Checks that every container of a workload, init containers included,
    /// is kept from running as root: `runAsNonRoot: true`, or a `runAsUser`
    /// other than 0, in the container's `securityContext` or inherited from
    /// the pod's. A container setting overrides the pod's, and an explicit
    /// `runAsUser: 0` is flagged even when `runAsNonRoot: true` is also set.
    ///
    /// ### Why is this bad?
    /// Without either setting the image decides, and most images run as
    /// root. A process that escapes its container as root owns the node.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: app
    ///       image: shop/checkout:1.4.2
    /// ```
    /// Use instead:
    /// ```yaml
    /// spec:
    ///   securityContext:
    ///     runAsNonRoot: true
    ///     runAsUser: 10001
    ///   containers:
    ///     - name: app
    ///       image: shop/checkout:1.4.2
    /// ```
    pub static RULE = {
        id: "k8s/run-as-non-root",
        severity: Error,
        summary: "a container may run as root",
        covers: ["kube-linter: run-as-non-root"],
        standards: ["pss-restricted: Running as Non-root", "cis-k8s: 5.2.7", "nsa"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.scheduled_containers() {
        let user = container.effective_security_setting(workload, "runAsUser");
        if let Some(user) = user.filter(|u| u.as_i64() == Some(0)) {
            sink.report(
                &RULE,
                user.span,
                format!(
                    "{} is set to run as root (runAsUser: 0)",
                    container.describe()
                ),
                "remove `runAsUser: 0` and run as an unprivileged user id, e.g. `runAsUser: 10001`",
            );
            continue;
        }
        let non_root = container.effective_security_setting(workload, "runAsNonRoot");
        if non_root.and_then(|n| n.as_bool()) == Some(true) {
            continue;
        }
        if user.and_then(|u| u.as_i64()).is_some_and(|uid| uid > 0) {
            continue;
        }
        let (span, why) = match non_root {
            Some(node) => (node.span, "runAsNonRoot is not true"),
            None => (
                container.anchor(),
                "neither it nor the pod sets runAsNonRoot: true or a non-zero runAsUser",
            ),
        };
        sink.report(
            &RULE,
            span,
            format!(
                "{} may run as root: {why}, so the image's user decides",
                container.describe()
            ),
            "set `securityContext.runAsNonRoot: true` (and a non-zero `runAsUser`) on the pod or the container",
        );
    }
}
