//! `k8s/privilege-escalation`: a container allows privilege escalation.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Checks that every container sets
    /// `securityContext.allowPrivilegeEscalation: false`.
    ///
    /// ### Why is this bad?
    /// Unless it is set to false, a process can gain more privileges than its
    /// parent through setuid binaries or file capabilities, turning a
    /// foothold in the container into root inside it.
    ///
    /// ### Example
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     securityContext:
    ///       runAsNonRoot: true
    /// ```
    /// Use instead:
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     securityContext:
    ///       runAsNonRoot: true
    ///       allowPrivilegeEscalation: false
    /// ```
    pub static RULE = {
        id: "k8s/privilege-escalation",
        severity: Warning,
        summary: "a container allows privilege escalation",
        covers: ["kube-linter: privilege-escalation-container", "checkov: CKV_K8S_20"],
        standards: ["pss-restricted: Privilege Escalation", "cis-k8s: 5.2.6"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.scheduled_containers() {
        let setting = container
            .security_context()
            .and_then(|sc| sc.get("allowPrivilegeEscalation"))
            .filter(|n| !n.is_null());
        if setting.and_then(|n| n.as_bool()) == Some(false) {
            continue;
        }
        let (span, how) = match setting {
            Some(node) => (node.span, "allowPrivilegeEscalation is not false"),
            None => (
                container.anchor(),
                "allowPrivilegeEscalation is unset, and defaults to true",
            ),
        };
        sink.report(
            &RULE,
            span,
            format!(
                "{} allows privilege escalation: {how}, so setuid binaries can gain root",
                container.describe()
            ),
            "set `securityContext.allowPrivilegeEscalation: false` on the container",
        );
    }
}
