//! The project phase: rules that need facts from every file at once
//! (scheduling against node pools, disruption budgets, Services).

use std::collections::HashMap;

use crate::config::Config;
use crate::facts::{
    FileFacts, HpaFacts, Location, NodePool, ObjectRef, PdbFacts, Selector, ServiceFacts,
    WorkloadFacts,
};
use crate::finding::{Finding, Related};
use crate::rules::{Check, RuleMeta, RULES};

/// Every fact of the run.
#[derive(Debug, Default)]
pub struct Project {
    pub pools: Vec<NodePool>,
    pub workloads: Vec<WorkloadFacts>,
    pub pdbs: Vec<PdbFacts>,
    pub hpas: Vec<HpaFacts>,
    pub services: Vec<ServiceFacts>,
    /// Only some of the repository's files were given: rules that report
    /// something missing (a PDB, a pool, a workload) must stay silent.
    pub partial: bool,
    workloads_by_namespace: HashMap<String, Vec<usize>>,
    /// Workloads by (namespace, pod label, value): selectors start from here.
    workloads_by_label: HashMap<(String, String, String), Vec<usize>>,
    /// PDBs by (namespace, first matchLabels entry, value).
    pdbs_by_first_label: HashMap<(String, String, String), Vec<usize>>,
    /// PDBs whose selector has no matchLabels, by namespace.
    pdbs_without_labels: HashMap<String, Vec<usize>>,
    /// HPAs by (namespace, target kind, target name).
    hpas_by_target: HashMap<(String, String, String), usize>,
}

/// Everything that decides where a pool's nodes accept pods.
fn pool_signature(pool: &NodePool) -> String {
    let mut labels: Vec<String> = pool
        .labels
        .iter()
        .map(|l| format!("{}={:?}", l.key, l.value))
        .collect();
    labels.sort();
    let mut taints: Vec<String> = pool.taints.iter().map(|t| t.describe()).collect();
    taints.sort();
    format!(
        "{}|{}|{}|{}|{}",
        pool.name,
        labels.join(","),
        taints.join(","),
        pool.labels_known,
        pool.taints_known
    )
}

fn index_by_namespace<'a>(
    namespaces: impl Iterator<Item = &'a str>,
) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, namespace) in namespaces.enumerate() {
        index.entry(namespace.to_string()).or_default().push(i);
    }
    index
}

impl Project {
    pub fn new(facts: FileFacts, config_pools: &[NodePool]) -> Project {
        // The same pool declared in several places (one module per
        // environment) is one pool for scheduling: keep its first declaration.
        let mut seen = std::collections::HashSet::new();
        let pools: Vec<NodePool> = facts
            .pools
            .into_iter()
            .chain(config_pools.iter().cloned())
            .filter(|pool| seen.insert(pool_signature(pool)))
            .collect();
        let workloads_by_namespace =
            index_by_namespace(facts.workloads.iter().map(|w| w.object.namespace.as_str()));
        let mut workloads_by_label: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
        for (i, workload) in facts.workloads.iter().enumerate() {
            for (key, value) in &workload.pod_labels {
                workloads_by_label
                    .entry((
                        workload.object.namespace.clone(),
                        key.clone(),
                        value.clone(),
                    ))
                    .or_default()
                    .push(i);
            }
        }
        let mut pdbs_by_first_label: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
        let mut pdbs_without_labels: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, pdb) in facts.pdbs.iter().enumerate() {
            let namespace = pdb.object.namespace.clone();
            match pdb.selector.as_ref().and_then(|s| s.labels.first()) {
                Some((key, value)) => pdbs_by_first_label
                    .entry((namespace, key.clone(), value.clone()))
                    .or_default()
                    .push(i),
                None => pdbs_without_labels.entry(namespace).or_default().push(i),
            }
        }
        let mut hpas_by_target = HashMap::new();
        for (i, hpa) in facts.hpas.iter().enumerate() {
            hpas_by_target
                .entry((
                    hpa.namespace.clone(),
                    hpa.target_kind.clone(),
                    hpa.target_name.clone(),
                ))
                .or_insert(i);
        }
        Project {
            pools,
            workloads: facts.workloads,
            pdbs: facts.pdbs,
            hpas: facts.hpas,
            services: facts.services,
            partial: false,
            workloads_by_namespace,
            workloads_by_label,
            pdbs_by_first_label,
            pdbs_without_labels,
            hpas_by_target,
        }
    }

    /// The HorizontalPodAutoscaler that scales `workload`, if any.
    pub fn hpa_for(&self, workload: &WorkloadFacts) -> Option<&HpaFacts> {
        let object = &workload.object;
        let key = (
            object.namespace.clone(),
            object.kind.clone(),
            object.name.clone(),
        );
        self.hpas_by_target.get(&key).map(|&i| &self.hpas[i])
    }

    /// The fewest replicas the workload runs with: its HPA's `minReplicas`
    /// when one scales it, else `spec.replicas` (1 when unset). `None` when
    /// the kind has no replica count or the count is not a literal.
    pub fn min_replicas(&self, workload: &WorkloadFacts) -> Option<i64> {
        if !workload.replicated_kind {
            return None;
        }
        match self.hpa_for(workload) {
            Some(hpa) => Some(hpa.min_replicas),
            None if workload.replicas_known => Some(workload.replicas.unwrap_or(1)),
            None => None,
        }
    }

    /// The workloads in `namespace` whose pod labels `selector` selects.
    pub fn workloads_matching<'a>(
        &'a self,
        namespace: &'a str,
        selector: &'a Selector,
    ) -> impl Iterator<Item = &'a WorkloadFacts> + 'a {
        let candidates: &[usize] = match selector.labels.first() {
            Some((key, value)) => self
                .workloads_by_label
                .get(&(namespace.to_string(), key.clone(), value.clone()))
                .map_or(&[], Vec::as_slice),
            None => self
                .workloads_by_namespace
                .get(namespace)
                .map_or(&[], Vec::as_slice),
        };
        candidates
            .iter()
            .map(|&i| &self.workloads[i])
            .filter(move |w| selector.matches(&w.pod_labels))
    }

    /// The PDBs that select the workload's pods, in the order they were read.
    pub fn pdbs_selecting<'a>(
        &'a self,
        workload: &'a WorkloadFacts,
    ) -> impl Iterator<Item = &'a PdbFacts> + 'a {
        let namespace = &workload.object.namespace;
        let mut candidates: Vec<usize> = workload
            .pod_labels
            .iter()
            .filter_map(|(key, value)| {
                self.pdbs_by_first_label
                    .get(&(namespace.clone(), key.clone(), value.clone()))
            })
            .flatten()
            .chain(
                self.pdbs_without_labels
                    .get(namespace)
                    .into_iter()
                    .flatten(),
            )
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &self.pdbs[i])
            .filter(move |p| {
                p.selector
                    .as_ref()
                    .is_some_and(|s| s.matches(&workload.pod_labels))
            })
    }
}

/// Collects project findings, applying the configuration and object annotations.
pub struct ProjectSink<'a> {
    config: &'a Config,
    findings: Vec<Finding>,
}

impl<'a> ProjectSink<'a> {
    pub fn new(config: &'a Config) -> ProjectSink<'a> {
        ProjectSink {
            config,
            findings: Vec::new(),
        }
    }

    pub fn report(
        &mut self,
        rule: &RuleMeta,
        object: &ObjectRef,
        at: &Location,
        message: String,
        help: String,
        related: Vec<Related>,
    ) {
        let Some(severity) = self.config.severity_of(rule) else {
            return;
        };
        if object.ignored.covers(rule.id) {
            return;
        }
        self.findings.push(Finding {
            rule: rule.id.to_string(),
            severity,
            file: at.file.clone(),
            span: at.span,
            start: at.start,
            end: at.end,
            object: Some(object.id.clone()),
            message,
            help,
            label: None,
            related,
            extra: None,
        });
    }
}

/// Runs every enabled project rule.
pub fn run(project: &Project, config: &Config) -> Vec<Finding> {
    let mut sink = ProjectSink::new(config);
    for rule in RULES {
        if config.severity_of(rule.meta).is_none() {
            continue;
        }
        for check in rule.checks {
            if let Check::Project(check) = check {
                check(project, &mut sink);
            }
        }
    }
    sink.findings
}
