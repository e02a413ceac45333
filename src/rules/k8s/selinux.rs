//! `k8s/selinux`: a container sets SELinux options the baseline forbids.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `seLinuxOptions` in the pod's or a container's
    /// `securityContext` that set a `user` or a `role`, or a `type` other
    /// than `container_t`, `container_init_t`, `container_kvm_t` and
    /// `container_engine_t`.
    ///
    /// ### Why is this bad?
    /// SELinux confines a container by its type; a custom user, role or type
    /// (`spc_t`, `unconfined_t`) lifts that confinement.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   seLinuxOptions:
    ///     type: spc_t
    /// ```
    /// Use instead: leave the type to the runtime, or set a level only.
    /// ```yaml
    /// securityContext:
    ///   seLinuxOptions:
    ///     level: "s0:c123,c456"
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "SELinux".
    pub static RULE = {
        id: "k8s/selinux",
        severity: Error,
        summary: "a container sets SELinux options the baseline forbids",
        standards: ["pss-baseline: SELinux"],
    }
}

const ALLOWED_TYPES: &[&str] = &[
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

fn check_options(options: Option<&Node>, who: &str, sink: &mut Sink) {
    let Some(options) = options else {
        return;
    };
    for (field, value) in options.entries() {
        let text = value.as_str().unwrap_or_default();
        let message = match field.as_str().unwrap_or_default() {
            "user" | "role" if !text.is_empty() => format!(
                "{who} sets an SELinux {} (`{text}`), which lifts the container's confinement",
                field.as_str().unwrap_or_default()
            ),
            "type" if !text.is_empty() && !ALLOWED_TYPES.contains(&text) => {
                format!("{who} runs as SELinux type `{text}`, outside the container types")
            }
            _ => continue,
        };
        sink.report(
            &RULE,
            value.span,
            message,
            "remove it and let the runtime confine the container (`container_t`); set only `level` if needed",
        );
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let pod = workload
        .pod_security_context()
        .and_then(|sc| sc.get("seLinuxOptions"));
    check_options(pod, "the pod", sink);
    for container in workload.containers() {
        let own = container
            .security_context()
            .and_then(|sc| sc.get("seLinuxOptions"));
        check_options(own, &container.describe(), sink);
    }
}
