use crate::declare_rule;
use crate::finding::Related;
use crate::project::{Project, ProjectSink};

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

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.pools.is_empty() {
        return;
    }
    for workload in &project.workloads {
        let placement = &workload.placement;
        if !placement.known {
            continue;
        }
        let mut reasons = Vec::new();
        let mut by_label = false;
        let mut related = Vec::new();
        let mut fits = false;
        for pool in &project.pools {
            let rejected = rejections(pool, placement);
            if rejected.is_empty() {
                fits = true;
                break;
            }
            let text: Vec<&str> = rejected.iter().map(|r| r.reason.as_str()).collect();
            reasons.push(format!("{}: {}", pool.name, text.join(", ")));
            for rejection in rejected {
                by_label |= rejection.by_label;
                related.push(Related::at(
                    &rejection.at,
                    format!("pool {}: {}", pool.name, rejection.reason),
                ));
            }
        }
        if fits {
            continue;
        }
        let at = if by_label {
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
            format!("no node pool can run this pod: {}", reasons.join("; ")),
            "change the nodeSelector/affinity, add the tolerations a pool needs, or declare a pool that fits".into(),
            related,
        );
    }
}
