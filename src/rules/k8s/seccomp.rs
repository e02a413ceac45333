//! `k8s/seccomp`: a container runs without a seccomp profile.

use crate::declare_rule;
use crate::model::k8s::{Container, Workload};
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a seccomp profile set to `Unconfined` (the baseline control)
    /// on the pod or a container, in `securityContext.seccompProfile.type` or
    /// the older annotations (`seccomp.security.alpha.kubernetes.io/pod`,
    /// `container.seccomp.security.alpha.kubernetes.io/NAME`). One level
    /// below that, reports a container whose profile is set nowhere, neither
    /// on it nor on the pod (the restricted control asks for `RuntimeDefault`
    /// or `Localhost`). Pods with `spec.os.name: windows` are exempt from the
    /// restricted control.
    ///
    /// ### Why is this bad?
    /// seccomp filters the system calls a process may make; without a
    /// profile every call reaches the node's kernel, whose bugs are then one
    /// call away from a container escape.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: app
    ///       image: shop/app:1.4.2
    /// ```
    /// Use instead:
    /// ```yaml
    /// spec:
    ///   securityContext:
    ///     seccompProfile:
    ///       type: RuntimeDefault
    ///   containers:
    ///     - name: app
    ///       image: shop/app:1.4.2
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline "Seccomp" and restricted "Seccomp".
    pub static RULE = {
        id: "k8s/seccomp",
        severity: Warning,
        summary: "a container runs without a seccomp profile",
        covers: ["checkov: CKV_K8S_31"],
        standards: ["pss-baseline: Seccomp", "pss-restricted: Seccomp", "cis-k8s: 5.7.2", "nsa"],
    }
}

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION: &str = "container.seccomp.security.alpha.kubernetes.io/";

/// How a profile is set: confining, `Unconfined`, or not at all.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Confined,
    Unconfined,
}

fn field_profile(security_context: Option<&Node>) -> Option<(Profile, &Node)> {
    let kind = security_context?.path(&["seccompProfile", "type"])?;
    match kind.as_str()? {
        "Unconfined" => Some((Profile::Unconfined, kind)),
        "RuntimeDefault" | "Localhost" => Some((Profile::Confined, kind)),
        _ => None,
    }
}

fn annotation_profile(value: &Node) -> Option<(Profile, &Node)> {
    match value.as_str()? {
        "unconfined" => Some((Profile::Unconfined, value)),
        "runtime/default" | "docker/default" => Some((Profile::Confined, value)),
        other if other.starts_with("localhost/") => Some((Profile::Confined, value)),
        _ => None,
    }
}

fn annotation<'a>(workload: &Workload<'a>, key: &str) -> Option<&'a Node> {
    workload.pod_annotations()?.get(key)
}

/// The container's profile: its own field, its annotation, the pod's field,
/// the pod's annotation, in the order the kubelet honoured them; and
/// whether the container's own setting decided it.
fn profile_of<'a>(
    workload: &Workload<'a>,
    container: &Container<'a>,
) -> Option<(Profile, &'a Node, bool)> {
    let own = field_profile(container.security_context()).or_else(|| {
        annotation(
            workload,
            &format!("{CONTAINER_ANNOTATION}{}", container.name),
        )
        .and_then(annotation_profile)
    });
    if let Some((profile, node)) = own {
        return Some((profile, node, true));
    }
    field_profile(workload.pod_security_context())
        .or_else(|| annotation(workload, POD_ANNOTATION).and_then(annotation_profile))
        .map(|(profile, node)| (profile, node, false))
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let mut reported = Vec::new();
    for container in workload.containers() {
        match profile_of(workload, &container) {
            Some((Profile::Unconfined, node, own)) => {
                // A pod-wide `Unconfined` is reported once, at its line.
                if reported.contains(&node.span) {
                    continue;
                }
                reported.push(node.span);
                let who = match own {
                    true => format!("{} runs", container.describe()),
                    false => "the pod's containers run".to_string(),
                };
                sink.report(
                    &RULE,
                    node.span,
                    format!("{who} with seccomp unconfined: every system call reaches the node's kernel"),
                    "set `seccompProfile: {type: RuntimeDefault}` (or a `Localhost` profile of your own)",
                );
            }
            Some((Profile::Confined, _, _)) => {}
            None if workload.is_windows() => {}
            None => sink.report_milder(
                &RULE,
                1,
                container.anchor(),
                format!(
                    "{} sets no seccomp profile, on itself or the pod",
                    container.describe()
                ),
                "set `securityContext.seccompProfile.type: RuntimeDefault` on the pod",
            ),
        }
    }
}
