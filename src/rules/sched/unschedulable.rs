//! `sched/unschedulable`: no declared node pool can run the pod.

use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::{NodePool, Placement};
use crate::finding::{Related, RelatedList};
use crate::project::Project;
use crate::rules::sink::ProjectSink;

use super::rejections;

declare_rule! {
    /// ### What it does
    /// Checks every workload against the node pools the repository declares
    /// (Terraform EKS/GKE/AKS node groups, `Node`, Karpenter `NodePool`,
    /// eksctl `ClusterConfig`, or `node-pools:` in `.deploylint.yaml`), and
    /// reports a pod that no pool can run: no pool satisfies its
    /// `nodeSelector` and required node affinity while tolerating every
    /// `NoSchedule`/`NoExecute` taint of the pool. Runs only when the
    /// inventory is not empty. Well-known labels (`kubernetes.io/arch`,
    /// `topology.kubernetes.io/zone`, `eks.amazonaws.com/nodegroup`...) are
    /// assumed present unless a pool pins another value, and labels or taints
    /// computed from variables are never held against a pool.
    /// Skipped with `--partial` (pre-commit's changed files): what is
    /// missing may be in a file that was not given.
    ///
    /// ### Why is this bad?
    /// The pods stay Pending forever: the rollout never completes, and the
    /// mismatch only shows after deployment, often as a paged incident.
    ///
    /// ### Example
    /// ```hcl
    /// resource "aws_eks_node_group" "gpu" {
    ///   labels = { pool = "gpu" }
    ///   taint {
    ///     key    = "nvidia.com/gpu"
    ///     value  = "true"
    ///     effect = "NO_SCHEDULE"
    ///   }
    /// }
    /// ```
    /// ```yaml
    /// spec:
    ///   nodeSelector:
    ///     pool: gpu
    /// ```
    /// Use instead: add the toleration the pool requires.
    /// ```yaml
    /// spec:
    ///   nodeSelector:
    ///     pool: gpu
    ///   tolerations:
    ///     - {key: nvidia.com/gpu, operator: Equal, value: "true", effect: NoSchedule}
    /// ```
    pub static RULE = {
        id: "sched/unschedulable",
        severity: Error,
        summary: "no declared node pool can run the pod",
    }
}

/// How many pools a message names before it summarises the rest.
const POOLS_SHOWN: usize = 5;

/// What the pools say about one placement: computed once for every workload
/// that shares it (most workloads share a handful of placements).
struct Verdict {
    fits: bool,
    message: String,
    by_label: bool,
    /// Shared by every workload with this placement.
    related: RelatedList,
}

fn judge<'p>(pools: impl Iterator<Item = &'p NodePool>, placement: &Placement) -> Verdict {
    let mut reasons = Vec::new();
    let mut by_label = false;
    let mut related = Vec::new();
    for pool in pools {
        let rejected = rejections(pool, placement);
        if rejected.is_empty() {
            return Verdict {
                fits: true,
                message: String::new(),
                by_label,
                related: RelatedList::default(),
            };
        }
        // Name the first pools and their declarations; count the rest. A
        // pool declared twice for the same reasons is said once.
        let shown = reasons.len() < POOLS_SHOWN;
        let text: Vec<&str> = rejected.iter().map(|r| r.reason.as_str()).collect();
        let reason = format!("{}: {}", pool.name, text.join(", "));
        if shown && reasons.contains(&reason) {
            continue;
        }
        reasons.push(if shown { reason } else { String::new() });
        for rejection in rejected {
            by_label |= rejection.by_label;
            if shown {
                related.push(Related::at(
                    &rejection.at,
                    format!("pool {}: {}", pool.name, rejection.reason),
                ));
            }
        }
    }
    Verdict {
        fits: false,
        message: format!("no node pool can run this pod: {}", summarise(&reasons)),
        by_label,
        related: related.into(),
    }
}

/// The parts of a placement that decide the verdict, as a cache key.
fn signature(placement: &Placement) -> String {
    format!(
        "{:?}|{:?}|{:?}",
        placement.node_selector,
        placement
            .affinity_terms
            .iter()
            .map(|t| t
                .iter()
                .map(|r| (&r.key, r.operator, &r.values))
                .collect::<Vec<_>>())
            .collect::<Vec<_>>(),
        placement
            .tolerations
            .iter()
            .map(|t| (&t.key, t.exists, &t.value, t.effect))
            .collect::<Vec<_>>()
    )
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.pools.is_empty() {
        return;
    }
    // Keyed by the pools a workload sees and its placement.
    let mut verdicts: HashMap<(usize, String), Verdict> = HashMap::new();
    for (index, workload) in project.workloads.iter().enumerate() {
        let placement = workload.placement();
        let (inventory, mut pools) = project.pools_for(index);
        if !placement.known || pools.clone().next().is_none() {
            continue;
        }
        let verdict = verdicts
            .entry((inventory, signature(placement)))
            .or_insert_with(|| judge(&mut pools, placement));
        if verdict.fits {
            continue;
        }
        let at = if verdict.by_label {
            placement
                .node_selector_at
                .as_ref()
                .or(placement.affinity_at.as_ref())
        } else {
            placement.tolerations_at.as_ref()
        }
        .unwrap_or(&workload.pod_spec_at);
        sink.report(
            &RULE,
            &workload.object,
            at,
            verdict.message.clone(),
            "change the nodeSelector/affinity, add the tolerations a pool needs, or declare a pool that fits",
            verdict.related.clone(),
        );
    }
}

/// The first pools' reasons, then how many more pools reject the pod.
fn summarise(reasons: &[String]) -> String {
    let shown: Vec<&str> = reasons
        .iter()
        .take(POOLS_SHOWN)
        .map(String::as_str)
        .collect();
    let more = reasons.len().saturating_sub(POOLS_SHOWN);
    if more == 0 {
        shown.join("; ")
    } else {
        format!(
            "{}; and {more} other pool{}",
            shown.join("; "),
            if more == 1 { "" } else { "s" }
        )
    }
}
