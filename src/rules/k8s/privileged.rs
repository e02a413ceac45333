//! `k8s/privileged`: a container runs privileged.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports containers with `securityContext.privileged: true`.
    ///
    /// ### Why is this bad?
    /// A privileged container has every capability and the host's devices:
    /// it is root on the node in all but name, and one compromise of it is a
    /// compromise of the node and every pod on it.
    ///
    /// ### Example
    /// ```yaml
    /// containers:
    ///   - name: agent
    ///     securityContext:
    ///       privileged: true
    /// ```
    /// Use instead: grant only the capabilities the process needs.
    /// ```yaml
    /// containers:
    ///   - name: agent
    ///     securityContext:
    ///       capabilities:
    ///         add: ["NET_ADMIN"]
    /// ```
    pub static RULE = {
        id: "k8s/privileged",
        severity: Error,
        summary: "a container runs privileged",
        covers: ["kube-linter: privileged-container", "checkov: CKV_K8S_16"],
        standards: ["pss-baseline: Privileged Containers", "cis-k8s: 5.2.2", "nsa"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let Some(privileged) = container
            .security_context()
            .and_then(|sc| sc.get("privileged"))
        else {
            continue;
        };
        if privileged.as_bool() == Some(true) {
            sink.report(
                &RULE,
                privileged.span,
                format!(
                    "{} runs privileged: it has every capability and the host's devices",
                    container.describe()
                ),
                "remove `privileged: true` and add only the capabilities needed under `securityContext.capabilities.add`",
            );
        }
    }
}
