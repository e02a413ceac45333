//! `pdb/blocks-eviction`: a PodDisruptionBudget allows no eviction.

use crate::declare_rule;
use crate::facts::IntOrPercent;
use crate::finding::Related;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a PodDisruptionBudget that allows no voluntary eviction:
    /// `maxUnavailable: 0` or `"0%"`, `minAvailable: "100%"`, or an integer
    /// `minAvailable` at or above the replica count of a workload it selects
    /// (its HPA's `minReplicas` when it has one).
    ///
    /// ### Why is this bad?
    /// `kubectl drain`, cluster upgrades and autoscaler scale-downs wait on
    /// the budget forever: node maintenance stalls, and managed upgrades
    /// fail or force-evict after a timeout.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   minAvailable: 3   # the Deployment runs 3 replicas
    /// ```
    /// Use instead: `maxUnavailable: 1`, or `minAvailable: 2`.
    pub static RULE = {
        id: "pdb/blocks-eviction",
        severity: Error,
        summary: "a PodDisruptionBudget allows no eviction",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    for pdb in &project.pdbs {
        if let Some((amount, at)) = &pdb.max_unavailable {
            if matches!(amount, IntOrPercent::Int(0) | IntOrPercent::Percent(0)) {
                sink.report(
                    &RULE,
                    &pdb.object,
                    at,
                    format!(
                        "maxUnavailable: {} allows no pod to be evicted: node drains block forever",
                        amount.describe()
                    ),
                    "allow at least one disruption, e.g. `maxUnavailable: 1`",
                    Vec::new(),
                );
                continue;
            }
        }
        let Some((amount, at)) = &pdb.min_available else {
            continue;
        };
        match amount {
            IntOrPercent::Percent(p) if *p >= 100 => sink.report(
                &RULE,
                &pdb.object,
                at,
                format!(
                    "minAvailable: {p}% allows no pod to be evicted: node drains block forever"
                ),
                "use `maxUnavailable: 1`, or a `minAvailable` percentage below 100%",
                Vec::new(),
            ),
            IntOrPercent::Int(minimum) => {
                // The workloads' replicas may be in files not given.
                let Some(selector) = pdb.selector.as_ref().filter(|_| !project.partial) else {
                    continue;
                };
                let mut seen = std::collections::HashSet::new();
                let blocked: Vec<_> = project
                    .workloads_matching(&pdb.object.at.file, pdb.object.namespace(), selector)
                    .filter_map(|w| Some((w, project.min_replicas(w)?)))
                    .filter(|(_, replicas)| minimum >= replicas)
                    // A workload defined twice is named once.
                    .filter(|(w, _)| seen.insert(w.object.key()))
                    .collect();
                if blocked.is_empty() {
                    continue;
                }
                let names: Vec<String> = blocked
                    .iter()
                    .map(|(w, replicas)| {
                        format!(
                            "{} ({replicas} replica{})",
                            w.object.id(),
                            if *replicas == 1 { "" } else { "s" }
                        )
                    })
                    .collect();
                let related: Vec<Related> = blocked
                    .iter()
                    .map(|(w, replicas)| {
                        Related::at(
                            w.replicas_at.as_ref().unwrap_or(&w.object.at),
                            format!(
                                "{replicas} replica{} here",
                                if *replicas == 1 { "" } else { "s" }
                            ),
                        )
                    })
                    .collect();
                sink.report(
                    &RULE,
                    &pdb.object,
                    at,
                    format!(
                        "minAvailable: {minimum} leaves no pod evictable for {}: node drains block forever",
                        names.join(", ")
                    ),
                    "use `maxUnavailable: 1`, or keep `minAvailable` below the replica count",
                    related,
                );
            }
            IntOrPercent::Percent(_) => {}
        }
    }
}
