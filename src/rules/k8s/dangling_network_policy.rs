//! `k8s/dangling-network-policy`: a NetworkPolicy selects no pods.

use crate::declare_rule;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a NetworkPolicy whose non-empty `podSelector` matches no pod
    /// template in its namespace, among the objects deployed with it. Only
    /// when the run contains workloads and is not partial.
    ///
    /// ### Why is this bad?
    /// The policy protects nothing: the pods it was written for (their labels
    /// changed) accept traffic from everywhere.
    ///
    /// ### Example
    /// ```yaml
    /// kind: NetworkPolicy
    /// spec:
    ///   podSelector:
    ///     matchLabels: {app: web-frontend}
    /// ```
    /// Use instead: labels the pods have (`app: web`).
    pub static RULE = {
        id: "k8s/dangling-network-policy",
        severity: Warning,
        summary: "a NetworkPolicy selects no pods",
        covers: ["kube-linter: dangling-networkpolicy"],
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.workloads.is_empty() {
        return;
    }
    for policy in &project.references.network_policies {
        if policy.pod_selector.is_empty() {
            continue;
        }
        let namespace = policy.object.namespace();
        if project
            .workloads_matching(&policy.object.at.file, namespace, &policy.pod_selector)
            .next()
            .is_some()
        {
            continue;
        }
        sink.report(
            &RULE,
            &policy.object,
            &policy.selector_at,
            format!("no pod template in namespace `{namespace}` matches this podSelector: the policy protects nothing"),
            "make the podSelector match the pod template labels of the workloads it is for",
            Vec::new(),
        );
    }
}
