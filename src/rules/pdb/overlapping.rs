use std::collections::HashSet;

use rayon::prelude::*;

use crate::declare_rule;
use crate::facts::{PdbFacts, WorkloadFacts};
use crate::finding::Related;
use crate::project::{Project, ProjectSink};

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
    // Finding the budgets of every workload is the work, done in parallel;
    // reporting each pair once follows in workload order.
    let overlaps: Vec<(&WorkloadFacts, Vec<&PdbFacts>)> = sink.install(|| {
        project
            .workloads
            .par_iter()
            .filter_map(|workload| {
                let selecting: Vec<_> = project.pdbs_selecting(workload).collect();
                (selecting.len() > 1).then_some((&**workload, selecting))
            })
            .collect()
    });
    let mut reported = HashSet::new();
    for (workload, selecting) in overlaps {
        let Some((first, others)) = selecting.split_first() else {
            continue;
        };
        for other in others {
            if !reported.insert((first.object.id(), other.object.id())) {
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
