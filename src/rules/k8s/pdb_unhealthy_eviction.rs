//! `k8s/pdb-unhealthy-eviction`: a PodDisruptionBudget protects pods that are not running.

use crate::declare_rule;
use crate::model::k8s::Object;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a PodDisruptionBudget without
    /// `spec.unhealthyPodEvictionPolicy: AlwaysAllow`.
    ///
    /// ### Why is this bad?
    /// With the default (`IfHealthyBudget`), a pod stuck in `CrashLoopBackOff`
    /// counts against the budget: a node drain waits for a pod that will
    /// never be ready, and cluster upgrades stall.
    ///
    /// ### Example
    /// ```yaml
    /// kind: PodDisruptionBudget
    /// spec:
    ///   minAvailable: 1
    /// ```
    /// Use instead:
    /// ```yaml
    /// kind: PodDisruptionBudget
    /// spec:
    ///   minAvailable: 1
    ///   unhealthyPodEvictionPolicy: AlwaysAllow
    /// ```
    pub static RULE = {
        id: "k8s/pdb-unhealthy-eviction",
        severity: Info,
        summary: "a PodDisruptionBudget protects pods that are not running",
        covers: ["kube-linter: pdb-unhealthy-pod-eviction-policy"],
    }
}

pub fn check(object: &Object, sink: &mut Sink) {
    if object.kind != "PodDisruptionBudget" {
        return;
    }
    let Some(spec) = object.node.get("spec") else {
        return;
    };
    let policy = spec.get("unhealthyPodEvictionPolicy");
    if policy.and_then(|p| p.as_str()) == Some("AlwaysAllow") {
        return;
    }
    sink.report(
        &RULE,
        policy.map_or(object.anchor(), |p| p.span),
        "pods that never become ready still count against this budget, and block node drains",
        "set `spec.unhealthyPodEvictionPolicy: AlwaysAllow`",
    );
}
