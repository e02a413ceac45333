//! `pdb/missing`: a replicated workload has no PodDisruptionBudget.

use crate::declare_rule;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a workload that runs more than one replica (`spec.replicas`
    /// above 1, or an HPA with `minReplicas` above 1) when no
    /// PodDisruptionBudget in its namespace selects its pods. Deployments,
    /// StatefulSets, ReplicaSets and any pod-template kind with
    /// `spec.replicas` (an Argo Rollout) are checked.
    /// Skipped with `--partial` (pre-commit's changed files): what is
    /// missing may be in a file that was not given.
    ///
    /// ### Why is this bad?
    /// Without a PDB, a node drain (an upgrade, a scale-down, a spot
    /// interruption) may evict every replica at once: running several
    /// replicas buys no availability during maintenance.
    ///
    /// ### Example
    /// ```yaml
    /// apiVersion: policy/v1
    /// kind: PodDisruptionBudget
    /// metadata: {name: web, namespace: shop}
    /// spec:
    ///   maxUnavailable: 1
    ///   selector:
    ///     matchLabels: {app: web}
    /// ```
    pub static RULE = {
        id: "pdb/missing",
        severity: Warning,
        summary: "a replicated workload has no PodDisruptionBudget",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial {
        return;
    }
    for workload in &project.workloads {
        let Some(replicas) = project.min_replicas(workload) else {
            continue;
        };
        if replicas <= 1 || project.has_pdb(workload) {
            continue;
        }
        let source = match project.hpa_for(workload) {
            Some(hpa) => format!("at least {} replicas ({})", hpa.min_replicas, hpa.min_field),
            None => format!("{replicas} replicas"),
        };
        let at = workload.replicas_at.as_ref().unwrap_or(&workload.object.at);
        sink.report(
            &RULE,
            &workload.object,
            at,
            format!(
                "{} runs {source} but no PodDisruptionBudget in namespace `{}` selects its pods: a node drain may evict them all at once",
                workload.object.kind(), workload.object.namespace()
            ),
            "add a PodDisruptionBudget with `maxUnavailable: 1` (or a `minAvailable` below the replica count) selecting the pod labels",
            Vec::new(),
        );
    }
}
