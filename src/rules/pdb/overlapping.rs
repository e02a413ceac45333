//! `pdb/overlapping`: pods are selected by more than one PodDisruptionBudget.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::declare_rule;
use crate::finding::Related;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports pods selected by more than one PodDisruptionBudget. The
    /// finding is on the later budget, with the earlier one and the workload
    /// as related locations.
    ///
    /// ### Why is this bad?
    /// The eviction API refuses to evict a pod covered by several budgets
    /// ("pod has more than one PodDisruptionBudget"), so drains of its nodes
    /// fail.
    ///
    /// ### Example
    /// Two PDBs, one selecting `app: web` and one selecting `tier: frontend`,
    /// where the web pods carry both labels. Use instead: one budget per set
    /// of pods.
    pub static RULE = {
        id: "pdb/overlapping",
        severity: Error,
        summary: "pods are selected by more than one PodDisruptionBudget",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    // Another file may hold a budget or a copy: with only some files given, say nothing.
    if project.partial {
        return;
    }
    // The budgets selecting each workload's pods are found in parallel; the
    // pairs are then reported in order, each once.
    let selecting: Vec<Vec<_>> = project
        .workloads
        .par_iter()
        .map(|workload| project.pdbs_selecting(workload).collect())
        .collect();
    let mut reported = HashSet::new();
    for (workload, selecting) in project.workloads.iter().zip(&selecting) {
        let Some((first, others)) = selecting.split_first() else {
            continue;
        };
        for other in others {
            // Two definitions of one budget are one budget, not two.
            if other.object.key() == first.object.key()
                || !reported.insert((first.object.id(), other.object.id()))
            {
                continue;
            }
            sink.report(
                &RULE,
                &other.object,
                &other.selector_at,
                format!(
                    "the pods of {} are also selected by {}: the eviction API refuses to evict pods with more than one budget",
                    workload.object.id(), first.object.id()
                ),
                "make the selectors disjoint, or merge the two budgets",
                vec![
                    Related::at(&first.selector_at, format!("{} selects them too", first.object.id())),
                    Related::at(&workload.object.at, "the workload"),
                ],
            );
        }
    }
}
