//! `k8s/capabilities`: a container adds capabilities beyond the baseline set.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::model::pod_security::capabilities;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports each capability under `securityContext.capabilities.add` of a
    /// container (init and ephemeral containers too) that the Pod Security
    /// Standards' baseline level does not allow (it allows `AUDIT_WRITE`,
    /// `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`,
    /// `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`,
    /// `SYS_CHROOT`). `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`,
    /// `SYS_MODULE`, `SYS_RAWIO`, `BPF` and `DAC_READ_SEARCH` are reported at
    /// the rule's severity, any other capability one level below it.
    ///
    /// ### Why is this bad?
    /// `SYS_ADMIN` is nearly root on the node (mounts, namespaces, BPF);
    /// `NET_ADMIN` rewrites the node's network; `SYS_PTRACE` reads other
    /// processes' memory. Each added capability widens what one compromised
    /// process can do to the node.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     add: ["SYS_ADMIN"]
    /// ```
    /// Use instead: the narrow capability the program needs, or none.
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: ["ALL"]
    ///     add: ["NET_BIND_SERVICE"]
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "Capabilities".
    pub static RULE = {
        id: "k8s/capabilities",
        severity: Error,
        summary: "a container adds capabilities beyond the baseline set",
        covers: ["checkov: CKV_K8S_25", "checkov: CKV_K8S_39", "checkov: CKV_K8S_28"],
        standards: ["pss-baseline: Capabilities", "cis-k8s: 5.2.9", "nsa"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let added = container
            .security_context()
            .and_then(|sc| sc.path(&["capabilities", "add"]));
        for capability in capabilities(added).filter(|c| !c.is_baseline()) {
            let name = &capability.name;
            let help = format!(
                "remove `{}`; if the program needs it, isolate the workload on nodes of its own",
                capability.written
            );
            if capability.is_dangerous() {
                sink.report(
                    &RULE,
                    capability.node.span,
                    format!(
                        "{} adds {name}, which gives it power over the node and the pods beside it",
                        container.describe()
                    ),
                    help,
                );
            } else {
                sink.report_milder(
                    &RULE,
                    1,
                    capability.node.span,
                    format!(
                        "{} adds {name}, which the baseline Pod Security Standard does not allow",
                        container.describe()
                    ),
                    help,
                );
            }
        }
    }
}
