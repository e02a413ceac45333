//! `k8s/non-isolated-pod`: no NetworkPolicy selects a workload's pods.

use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::NetworkPolicyFacts;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a workload whose pods no NetworkPolicy selects, in a namespace
    /// where the objects deployed with it define NetworkPolicies (an empty
    /// `podSelector` selects every pod). Namespaces without any policy are
    /// not judged: they have made no choice to isolate pods.
    ///
    /// ### Why is this bad?
    /// A namespace with policies is meant to be isolated; a pod no policy
    /// selects accepts traffic from any pod of the cluster, usually because
    /// its labels differ from what the policies expect.
    ///
    /// ### Example
    /// ```yaml
    /// kind: NetworkPolicy
    /// spec:
    ///   podSelector: {matchLabels: {app: web}}
    /// ---
    /// kind: Deployment   # pods labelled app: worker
    /// ```
    /// Use instead: a policy for the worker, or a namespace-wide default deny.
    /// ```yaml
    /// kind: NetworkPolicy
    /// metadata: {name: default-deny}
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress]
    /// ```
    pub static RULE = {
        id: "k8s/non-isolated-pod",
        severity: Warning,
        summary: "no NetworkPolicy selects a workload's pods",
        covers: ["kube-linter: non-isolated-pod"],
        standards: ["nsa"],
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    let policies = &project.references.network_policies;
    if project.partial || policies.is_empty() {
        return;
    }
    let mut by_namespace: HashMap<&str, Vec<&NetworkPolicyFacts>> = HashMap::new();
    for policy in policies {
        by_namespace
            .entry(policy.object.namespace())
            .or_default()
            .push(policy);
    }
    for workload in &project.workloads {
        let namespace = workload.object.namespace();
        let Some(in_namespace) = by_namespace.get(namespace) else {
            continue;
        };
        let in_unit: Vec<_> = in_namespace
            .iter()
            .filter(|p| project.together(&p.object.at.file, &workload.object.at.file))
            .collect();
        if in_unit.is_empty()
            || in_unit
                .iter()
                .any(|p| p.pod_selector.matches(&workload.pod_labels))
        {
            continue;
        }
        sink.report(
            &RULE,
            &workload.object,
            &workload.object.at,
            format!("no NetworkPolicy of namespace `{namespace}` selects these pods: they accept traffic from anywhere"),
            "add a NetworkPolicy for these pods, or a default-deny policy with `podSelector: {}`",
            Vec::new(),
        );
    }
}
