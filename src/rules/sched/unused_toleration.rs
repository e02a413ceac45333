//! `sched/unused-toleration`: a toleration matches no taint of any declared node pool.

use crate::declare_rule;
use std::collections::HashMap;

use crate::facts::{NodePool, Taint};
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a toleration that matches no taint of any node pool the
    /// repository declares. Runs only when the inventory is not empty and
    /// every pool's taints are known. Tolerations of taints that Kubernetes
    /// or the cloud sets by itself (`node.kubernetes.io/*`,
    /// `node-role.kubernetes.io/*`, `node.cloudprovider.kubernetes.io/*`,
    /// `CriticalAddonsOnly`, spot and GPU taints) and a key-less `Exists`
    /// toleration are never reported.
    /// Skipped with `--partial` (pre-commit's changed files): what is
    /// missing may be in a file that was not given.
    ///
    /// ### Why is this bad?
    /// A toleration for a taint that does not exist is usually a typo or a
    /// leftover from a pool that was renamed: the pod was meant to run on
    /// dedicated nodes and now runs anywhere, or the dedicated pool's real
    /// taint is not tolerated.
    ///
    /// ### Example
    /// ```yaml
    /// tolerations:
    ///   - {key: application, operator: Equal, value: "true", effect: NoSchedule}
    /// ```
    /// with no pool tainted `application`. Use instead: taint the pool, or
    /// remove the toleration.
    pub static RULE = {
        id: "sched/unused-toleration",
        severity: Warning,
        summary: "a toleration matches no taint of any declared node pool",
    }
}

/// Taints that nodes get without anyone declaring them.
const AUTOMATIC_TAINT_PREFIXES: &[&str] = &[
    "node.kubernetes.io/",
    "node-role.kubernetes.io/",
    "node.cloudprovider.kubernetes.io/",
    "karpenter.sh/",
    "CriticalAddonsOnly",
    "ToBeDeletedByClusterAutoscaler",
    "DeletionCandidateOfClusterAutoscaler",
    "kubernetes.azure.com/scalesetpriority",
    "cloud.google.com/gke-spot",
    "cloud.google.com/gke-preemptible",
    "nvidia.com/gpu",
    "eks.amazonaws.com/compute-type",
];

fn is_automatic(key: &str) -> bool {
    AUTOMATIC_TAINT_PREFIXES
        .iter()
        .any(|p| key == *p || (p.ends_with('/') && key.starts_with(p)))
}

/// What one inventory of pools says about tolerations: its distinct taints
/// and the pools' names for messages; `None` when a taint is not literal.
struct Inventory<'p> {
    taints: Vec<&'p Taint>,
    /// The same list in every message: written once, not once a finding.
    names: String,
}

fn inventory<'p>(pools: impl Iterator<Item = &'p NodePool> + Clone) -> Option<Inventory<'p>> {
    if pools.clone().next().is_none() || pools.clone().any(|p| !p.taints_known) {
        return None;
    }
    // Many pools share their taints: check each toleration against the distinct ones.
    let mut seen = std::collections::HashSet::new();
    let taints: Vec<&Taint> = pools
        .clone()
        .flat_map(|pool| &pool.taints)
        .filter(|taint| seen.insert((&taint.key, &taint.value, taint.effect)))
        .collect();
    // A pool declared in several places is named once.
    let mut named = std::collections::HashSet::new();
    let mut pool_names: Vec<&str> = pools
        .map(|p| p.name.as_str())
        .filter(|name| named.insert(*name))
        .collect();
    let more = pool_names.len().saturating_sub(5);
    pool_names.truncate(5);
    if more > 0 {
        pool_names.push(if more == 1 { "1 other" } else { "others" });
    }
    Some(Inventory {
        taints,
        names: pool_names.join(", "),
    })
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.pools.is_empty() {
        return;
    }
    let mut inventories: HashMap<usize, Option<Inventory>> = HashMap::new();
    for (index, workload) in project.workloads.iter().enumerate() {
        let tolerations = &workload.placement().tolerations;
        if tolerations.is_empty() {
            continue;
        }
        let (id, pools) = project.pools_for(index);
        let Some(inventory) = inventories.entry(id).or_insert_with(|| inventory(pools)) else {
            continue;
        };
        for toleration in tolerations {
            if toleration.key.is_empty() || is_automatic(&toleration.key) {
                continue;
            }
            if inventory
                .taints
                .iter()
                .any(|taint| toleration.tolerates(taint))
            {
                continue;
            }
            sink.report(
                &RULE,
                &workload.object,
                &toleration.at,
                format!(
                    "toleration {} matches no taint of the declared node pools ({})",
                    toleration.describe(),
                    inventory.names,
                ),
                "remove the toleration, or fix its key/value/effect to match the pool's taint",
                Vec::new(),
            );
        }
    }
}
