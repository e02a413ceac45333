//! `k8s/apparmor`: a container runs without AppArmor.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports an AppArmor profile set to unconfined: `appArmorProfile.type:
    /// Unconfined` in the pod's or a container's `securityContext`, or the
    /// annotation `container.apparmor.security.beta.kubernetes.io/NAME:
    /// unconfined` on the pod (template).
    ///
    /// ### Why is this bad?
    /// The runtime's default AppArmor profile stops a process in the
    /// container from mounting file systems, writing to `/proc` and `/sys`,
    /// and other routes out of the container; `unconfined` removes it.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   appArmorProfile:
    ///     type: Unconfined
    /// ```
    /// Use instead:
    /// ```yaml
    /// securityContext:
    ///   appArmorProfile:
    ///     type: RuntimeDefault
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "AppArmor".
    pub static RULE = {
        id: "k8s/apparmor",
        severity: Error,
        summary: "a container runs without AppArmor",
        standards: ["pss-baseline: AppArmor"],
    }
}

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn unconfined_field(security_context: Option<&Node>) -> Option<&Node> {
    security_context
        .and_then(|sc| sc.path(&["appArmorProfile", "type"]))
        .filter(|t| t.as_str() == Some("Unconfined"))
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let help = "use the runtime's default profile (`appArmorProfile: {type: RuntimeDefault}`) or a profile of your own (`Localhost`)";
    if let Some(field) = unconfined_field(workload.pod_security_context()) {
        sink.report(
            &RULE,
            field.span,
            "the pod's containers run without AppArmor",
            help,
        );
    }
    for container in workload.containers() {
        if let Some(field) = unconfined_field(container.security_context()) {
            sink.report(
                &RULE,
                field.span,
                format!("{} runs without AppArmor", container.describe()),
                help,
            );
        }
    }
    let annotations = workload
        .pod_annotations()
        .map(Node::entries)
        .unwrap_or_default();
    for (key, value) in annotations {
        let Some(container) = key.as_str().and_then(|k| k.strip_prefix(ANNOTATION_PREFIX)) else {
            continue;
        };
        if value.as_str() == Some("unconfined") {
            sink.report(
                &RULE,
                value.span,
                format!("container \"{container}\" runs without AppArmor"),
                help,
            );
        }
    }
}
