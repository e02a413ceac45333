//! `pdb/no-matching-workload`: a PodDisruptionBudget selects no workload.

use crate::declare_rule;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a PodDisruptionBudget whose selector matches the pod labels
    /// of no workload in its namespace, or that has no selector at all.
    /// Runs only when the run contains workloads: a folder of PDBs alone
    /// proves nothing.
    /// Skipped with `--partial` (pre-commit's changed files): what is
    /// missing may be in a file that was not given.
    ///
    /// ### Why is this bad?
    /// The budget protects nothing, usually because a label was renamed on
    /// one side; the workload it was written for has no protection.
    ///
    /// ### Example
    /// ```yaml
    /// selector:
    ///   matchLabels: {app: web-frontend}   # the pods are labelled app: web
    /// ```
    pub static RULE = {
        id: "pdb/no-matching-workload",
        severity: Warning,
        summary: "a PodDisruptionBudget selects no workload",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.workloads.is_empty() {
        return;
    }
    for pdb in &project.pdbs {
        let message = match &pdb.selector {
            None => "the PodDisruptionBudget has no selector, so it protects no pod".to_string(),
            Some(selector) => {
                if project
                    .workloads_matching(&pdb.object.at.file, pdb.object.namespace(), selector)
                    .next()
                    .is_some()
                {
                    continue;
                }
                format!(
                    "the selector matches no workload's pod labels in namespace `{}`: this budget protects nothing",
                    pdb.object.namespace()
                )
            }
        };
        sink.report(
            &RULE,
            &pdb.object,
            &pdb.selector_at,
            message,
            "make `spec.selector` match the pod template labels of the workload it protects",
            Vec::new(),
        );
    }
}
