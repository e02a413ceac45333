//! `k8s/proc-mount`: a container sees the node's unmasked /proc.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `securityContext.procMount` other than `Default` on a container.
    ///
    /// ### Why is this bad?
    /// `Unmasked` shows the container the parts of `/proc` the runtime hides
    /// (kernel keys, timers, the host's `sysrq-trigger`), which help an
    /// attacker out of the container.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   procMount: Unmasked
    /// ```
    /// Use instead: leave `procMount` unset (`Default`).
    ///
    /// ### References
    /// Pod Security Standards, baseline, "/proc Mount Type".
    pub static RULE = {
        id: "k8s/proc-mount",
        severity: Error,
        summary: "a container sees the node's unmasked /proc",
        covers: ["kube-linter: unsafe-proc-mount"],
        standards: ["pss-baseline: /proc Mount Type"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let Some(mount) = container
            .security_context()
            .and_then(|sc| sc.get("procMount"))
        else {
            continue;
        };
        match mount.as_str() {
            None | Some("Default") | Some("") => {}
            Some(other) => sink.report(
                &RULE,
                mount.span,
                format!(
                    "{} mounts /proc `{other}`: it sees what the runtime hides",
                    container.describe()
                ),
                "remove `procMount` (or set it to `Default`)",
            ),
        }
    }
}
