//! `k8s/drop-capabilities`: a container does not drop all capabilities.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::model::pod_security::capabilities;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a container (init and ephemeral containers too) whose
    /// `securityContext.capabilities.drop` does not hold `ALL`, and each
    /// capability it adds back other than `NET_BIND_SERVICE` that the
    /// baseline set allows (capabilities beyond it are `k8s/capabilities`').
    /// Pods with `spec.os.name: windows` are exempt, as in the standard.
    ///
    /// ### Why is this bad?
    /// A container keeps the runtime's default capabilities unless it drops
    /// them: `CHOWN`, `DAC_OVERRIDE`, `SETUID`, `NET_RAW` and more, which an
    /// attacker in the container can use (`NET_RAW` spoofs packets on the
    /// node's network). The restricted standard asks for none of them.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: false
    /// ```
    /// Use instead:
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: false
    ///   capabilities:
    ///     drop: ["ALL"]
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, restricted, "Capabilities".
    pub static RULE = {
        id: "k8s/drop-capabilities",
        severity: Info,
        summary: "a container does not drop all capabilities",
        covers: ["kube-linter: drop-net-raw-capability", "checkov: CKV_K8S_37"],
        standards: ["pss-restricted: Capabilities", "cis-k8s: 5.2.8", "cis-k8s: 5.2.10", "nsa"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    if workload.is_windows() {
        return;
    }
    for container in workload.containers() {
        let listed = container
            .security_context()
            .and_then(|sc| sc.get("capabilities"));
        let drop = listed.and_then(|c| c.get("drop"));
        if !capabilities(drop).any(|c| c.name == "ALL") {
            sink.report(
                &RULE,
                drop.map_or(container.anchor(), |d| d.span),
                format!(
                    "{} keeps the runtime's default capabilities (NET_RAW, SETUID, CHOWN...)",
                    container.describe()
                ),
                "add `securityContext.capabilities.drop: [\"ALL\"]` and add back only what the program needs",
            );
        }
        let added = capabilities(listed.and_then(|c| c.get("add")));
        for capability in added.filter(|c| c.is_baseline() && c.name != "NET_BIND_SERVICE") {
            sink.report(
                &RULE,
                capability.node.span,
                format!(
                    "{} adds back {}: the restricted standard allows only NET_BIND_SERVICE",
                    container.describe(),
                    capability.name
                ),
                format!("remove `{}` from `capabilities.add`", capability.written),
            );
        }
    }
}
