//! `k8s/anti-affinity`: a replicated workload may put all its pods on one node.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a Deployment or StatefulSet with more than one replica
    /// (`spec.replicas`) whose pods have neither pod anti-affinity nor
    /// `topologySpreadConstraints`.
    ///
    /// ### Why is this bad?
    /// The scheduler may place every replica on one node or in one zone: the
    /// replicas do not survive the failure they exist for.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   replicas: 3
    ///   template:
    ///     spec:
    ///       containers: [...]
    /// ```
    /// Use instead:
    /// ```yaml
    /// spec:
    ///   replicas: 3
    ///   template:
    ///     spec:
    ///       topologySpreadConstraints:
    ///         - maxSkew: 1
    ///           topologyKey: kubernetes.io/hostname
    ///           whenUnsatisfiable: ScheduleAnyway
    ///           labelSelector: {matchLabels: {app: web}}
    /// ```
    pub static RULE = {
        id: "k8s/anti-affinity",
        severity: Info,
        summary: "a replicated workload may put all its pods on one node",
        covers: ["kube-linter: no-anti-affinity"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    if !matches!(workload.object.kind, "Deployment" | "StatefulSet") {
        return;
    }
    let Some(replicas) = workload.object.node.path(&["spec", "replicas"]) else {
        return;
    };
    let Some(count) = replicas.as_i64().filter(|n| *n > 1) else {
        return;
    };
    let spec = workload.pod_spec;
    let spread = spec
        .get("topologySpreadConstraints")
        .is_some_and(|c| !c.items().is_empty());
    let anti_affinity = spec
        .path(&["affinity", "podAntiAffinity"])
        .is_some_and(|a| {
            a.entries()
                .iter()
                .any(|(_, terms)| terms.items().iter().any(Node::is_map))
        });
    if spread || anti_affinity {
        return;
    }
    sink.report(
        &RULE,
        replicas.span,
        format!("{count} replicas, but nothing keeps them off the same node: one node failure takes them all"),
        "add `topologySpreadConstraints` over `kubernetes.io/hostname` (or a preferred `podAntiAffinity`)",
    );
}
