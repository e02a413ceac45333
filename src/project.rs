//! Every file's facts put together and indexed, for the rules that need
//! facts from every file at once (scheduling against node pools,
//! disruption budgets, Services). The project phase that runs them is
//! `run::project`.

use rayon::prelude::*;

use crate::facts::docker::repository_name;
use crate::facts::References;
use crate::facts::{
    BuildUser, DockerfileFacts, FileFacts, HpaFacts, NodePool, PdbFacts, PoolScope, Selector,
    ServiceFacts, WorkloadFacts,
};
use crate::units::{self, HashMap, UnitIndex, Units};

/// Every fact of the run.
#[derive(Debug, Default)]
pub struct Project {
    pub pools: Vec<NodePool>,
    pub workloads: Vec<Box<WorkloadFacts>>,
    pub pdbs: Vec<Box<PdbFacts>>,
    pub hpas: Vec<Box<HpaFacts>>,
    pub services: Vec<Box<ServiceFacts>>,
    pub dockerfiles: Vec<Box<DockerfileFacts>>,
    pub references: References,
    /// Only some of the repository's files were given: rules that report
    /// something missing (a PDB, a pool, a workload) must stay silent.
    pub partial: bool,
    /// Which objects may be deployed together.
    units: UnitIndex,
    /// The pools each workload may run on, when they differ between
    /// workloads (`Node` manifests, Markdown documents): lists of pool
    /// indexes, and each workload's list.
    inventories: Vec<Vec<u32>>,
    workload_inventory: Vec<u32>,
    // The indexes are keyed by a hash of the strings, not copies of them (at
    // 100,000 files the copies weighed more than the facts); candidates are
    // checked against the facts, so a collision costs a comparison, never a
    // wrong answer.
    workloads_by_namespace: Index,
    /// Workloads by (namespace, pod label, value): selectors start from here.
    workloads_by_label: Index,
    /// PDBs by (namespace, first matchLabels entry, value).
    pdbs_by_first_label: Index,
    /// PDBs whose selector has no matchLabels, by namespace.
    pdbs_without_labels: Index,
    /// HPAs by (namespace, target kind, target name).
    hpas_by_target: Index,
}

/// The index key of a tuple of strings. foldhash rather than the standard
/// SipHash: the keys are not chosen by an adversary (a collision costs a
/// comparison), and hashing was a tenth of the cross-file checks' time.
fn key(parts: &[&str]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(parts)
}

/// Indexes of facts by key: two parallel lists sorted by key, 12 bytes an entry.
#[derive(Debug, Default)]
struct Index {
    keys: Vec<u64>,
    indexes: Vec<u32>,
}

impl Index {
    fn new(mut entries: Vec<(u64, u32)>) -> Index {
        // Sorting by (key, index) keeps each key's facts in the order they were read.
        entries.par_sort_unstable();
        Index {
            keys: entries.iter().map(|(key, _)| *key).collect(),
            indexes: entries.iter().map(|(_, index)| *index).collect(),
        }
    }
}

/// Adds `index` under `key`.
fn insert(entries: &mut Vec<(u64, u32)>, key: u64, index: usize) {
    entries.push((key, index as u32));
}

fn lookup(index: &Index, key: u64) -> &[u32] {
    let start = index.keys.partition_point(|k| *k < key);
    let end = start + index.keys[start..].partition_point(|k| *k == key);
    &index.indexes[start..end]
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

/// The same pool declared in several places (one module per environment)
/// is one pool for scheduling: its first declaration is kept.
fn distinct_pools(pools: Vec<NodePool>, config_pools: &[NodePool]) -> Vec<NodePool> {
    let mut seen = std::collections::HashSet::new();
    pools
        .into_iter()
        .chain(config_pools.iter().cloned())
        .filter(|pool| seen.insert(pool_signature(pool)))
        .collect()
}

/// The unit of every file that declares an object.
fn unit_index(
    workloads: &[Box<WorkloadFacts>],
    pdbs: &[Box<PdbFacts>],
    services: &[Box<ServiceFacts>],
    hpas: &[Box<HpaFacts>],
) -> UnitIndex {
    let objects = || {
        (workloads.iter().map(|w| &w.object))
            .chain(pdbs.iter().map(|p| &p.object))
            .chain(services.iter().map(|s| &s.object))
    };
    let units = Units::new(objects().map(|object| (object.key(), &*object.at.file)));
    let files = objects()
        .map(|object| &object.at.file)
        .chain(hpas.iter().map(|h| &h.at.file))
        .map(|file| &**file);
    UnitIndex::new(&units, files)
}

/// The pools each workload may run on: every pool for every workload, one
/// inventory, unless some pools are scoped (a `Node` manifest to its
/// folder, a Markdown document's pools to that document) or some workloads
/// are in Markdown documents (which see their own pools and the configured
/// ones only).
fn inventories(pools: &[NodePool], workloads: &[Box<WorkloadFacts>]) -> (Vec<Vec<u32>>, Vec<u32>) {
    let all: Vec<u32> = (0..pools.len() as u32).collect();
    let (mut wide, mut configured, mut scoped) = (Vec::new(), Vec::new(), Vec::new());
    for (index, pool) in pools.iter().enumerate() {
        let file = &*pool.at.file;
        let index = index as u32;
        match pool.scope {
            _ if units::is_markdown(file) => scoped.push((index, Scope::Document(file))),
            PoolScope::Folder => scoped.push((index, Scope::Folder(units::folder_of(file)))),
            PoolScope::Configured => {
                configured.push(index);
                wide.push(index);
            }
            PoolScope::Cluster => wide.push(index),
        }
    }
    let markdown_workloads = workloads
        .iter()
        .any(|w| units::is_markdown(&w.object.at.file));
    if scoped.is_empty() && !markdown_workloads {
        return (vec![all], Vec::new());
    }
    let mut inventories: Vec<Vec<u32>> = Vec::new();
    let mut known: HashMap<Vec<u32>, u32> = HashMap::default();
    // Workloads of one file see the same pools: worked out once per file.
    let mut by_file: HashMap<usize, u32> = HashMap::default();
    let mut of_workload = Vec::with_capacity(workloads.len());
    for workload in workloads {
        let file = &*workload.object.at.file;
        let index = *by_file.entry(file.as_ptr() as usize).or_insert_with(|| {
            let markdown = units::is_markdown(file);
            let mut seen = if markdown {
                configured.clone()
            } else {
                wide.clone()
            };
            seen.extend(
                scoped
                    .iter()
                    .filter(|(_, scope)| scope.holds(file, markdown))
                    .map(|(i, _)| *i),
            );
            seen.sort_unstable();
            let next = inventories.len() as u32;
            *known.entry(seen.clone()).or_insert_with(|| {
                inventories.push(seen);
                next
            })
        });
        of_workload.push(index);
    }
    if inventories.is_empty() {
        inventories.push(all);
    }
    (inventories, of_workload)
}

/// Where a scoped pool's nodes run workloads.
enum Scope<'a> {
    /// A Markdown document's pools: its own workloads.
    Document(&'a str),
    /// A `Node` manifest: the workloads under its folder.
    Folder(&'a str),
}

impl Scope<'_> {
    fn holds(&self, file: &str, markdown: bool) -> bool {
        match self {
            Scope::Document(document) => *document == file,
            Scope::Folder(folder) => !markdown && units::within(units::folder_of(file), folder),
        }
    }
}

/// Workloads by namespace, and by (namespace, pod label, value).
fn workload_indexes(workloads: &[Box<WorkloadFacts>]) -> (Index, Index) {
    let by_namespace = workloads
        .par_iter()
        .enumerate()
        .map(|(i, workload)| (key(&[workload.object.namespace()]), i as u32))
        .collect();
    let by_label = workloads
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, workload)| {
            let namespace = workload.object.namespace();
            workload
                .pod_labels
                .iter()
                .map(move |(label, value)| (key(&[namespace, label, value]), i as u32))
        })
        .collect();
    (Index::new(by_namespace), Index::new(by_label))
}

/// PDBs by (namespace, first matchLabels entry, value), and those without
/// matchLabels by namespace.
fn pdb_indexes(pdbs: &[Box<PdbFacts>]) -> (Index, Index) {
    let mut by_first_label = Vec::new();
    let mut without_labels = Vec::new();
    for (i, pdb) in pdbs.iter().enumerate() {
        let namespace = pdb.object.namespace();
        match pdb.selector.as_ref().and_then(|s| s.labels.first()) {
            Some((label, value)) => insert(&mut by_first_label, key(&[namespace, label, value]), i),
            None => insert(&mut without_labels, key(&[namespace]), i),
        }
    }
    (Index::new(by_first_label), Index::new(without_labels))
}

/// HPAs by (namespace, target kind, target name).
fn hpa_index(hpas: &[Box<HpaFacts>]) -> Index {
    let mut by_target = Vec::new();
    for (i, hpa) in hpas.iter().enumerate() {
        let target = key(&[&hpa.namespace, &hpa.target_kind, &hpa.target_name]);
        insert(&mut by_target, target, i);
    }
    Index::new(by_target)
}

impl Project {
    /// Builds the indexes in parallel, in the caller's rayon pool: walking
    /// facts scattered over the heap waits on memory more than it computes.
    pub fn new(facts: FileFacts, config_pools: &[NodePool]) -> Project {
        let FileFacts {
            pools,
            workloads,
            pdbs,
            hpas,
            services,
            dockerfiles,
            references,
            ..
        } = facts;
        let (((pools, inventories), workload_indexes), ((pdb_indexes, hpas_by_target), units)) =
            rayon::join(
                || {
                    rayon::join(
                        || {
                            let pools = distinct_pools(pools, config_pools);
                            let inventories = inventories(&pools, &workloads);
                            (pools, inventories)
                        },
                        || workload_indexes(&workloads),
                    )
                },
                || {
                    rayon::join(
                        || rayon::join(|| pdb_indexes(&pdbs), || hpa_index(&hpas)),
                        || unit_index(&workloads, &pdbs, &services, &hpas),
                    )
                },
            );
        let (workloads_by_namespace, workloads_by_label) = workload_indexes;
        let (pdbs_by_first_label, pdbs_without_labels) = pdb_indexes;
        let (inventories, workload_inventory) = inventories;
        Project {
            pools,
            workloads,
            pdbs,
            hpas,
            services,
            dockerfiles,
            references,
            partial: false,
            units,
            inventories,
            workload_inventory,
            workloads_by_namespace,
            workloads_by_label,
            pdbs_by_first_label,
            pdbs_without_labels,
            hpas_by_target,
        }
    }

    /// The Dockerfile of this repository that builds `image`, if one's
    /// layout names it (the first, in path order).
    pub fn builder_of(&self, image: &str) -> Option<&DockerfileFacts> {
        let name = repository_name(image);
        self.dockerfiles
            .iter()
            .map(|d| &**d)
            .find(|d| d.builds.contains(&name))
    }

    /// Whether the image a Dockerfile builds runs as root, following bases
    /// this repository builds; `None` when it cannot be known.
    pub fn runs_as_root(&self, dockerfile: &DockerfileFacts) -> Option<bool> {
        let mut current = dockerfile;
        // A chain of bases no longer than the repository's Dockerfiles: a cycle ends it.
        for _ in 0..=self.dockerfiles.len() {
            match &current.user {
                BuildUser::Root => return Some(true),
                BuildUser::NonRoot => return Some(false),
                BuildUser::Unknown => return None,
                BuildUser::FromBase(base) => current = self.builder_of(base)?,
            }
        }
        None
    }

    /// Whether objects declared in these two files may be deployed together.
    pub fn together(&self, a: &str, b: &str) -> bool {
        self.units.together(a, b)
    }

    /// The node pools the workload at `index` (in `workloads`) may run on,
    /// and which of the run's inventories that is (equal for workloads that
    /// see the same pools).
    pub fn pools_for(&self, index: usize) -> (usize, impl Iterator<Item = &NodePool> + Clone + '_) {
        let inventory = self
            .workload_inventory
            .get(index)
            .map_or(0, |i| *i as usize);
        let pools = self.inventories[inventory]
            .iter()
            .map(|&i| &self.pools[i as usize]);
        (inventory, pools)
    }

    /// The HorizontalPodAutoscaler that scales `workload`, if any (the first declared).
    pub fn hpa_for(&self, workload: &WorkloadFacts) -> Option<&HpaFacts> {
        let object = &workload.object;
        lookup(
            &self.hpas_by_target,
            key(&[object.namespace(), object.kind(), object.name()]),
        )
        .iter()
        .map(|&i| &*self.hpas[i as usize])
        .find(|hpa| {
            hpa.namespace == object.namespace()
                && hpa.target_kind == object.kind()
                && hpa.target_name == object.name()
                && self.together(&hpa.at.file, &object.at.file)
        })
    }

    /// The fewest replicas the workload runs with: its HPA's `minReplicas`
    /// (or KEDA's `minReplicaCount`) when one scales it, else `spec.replicas`
    /// (1 when unset). `None` when the kind has no replica count, the count
    /// is not a literal, or a scaler may take it to zero.
    pub fn min_replicas(&self, workload: &WorkloadFacts) -> Option<i64> {
        if !workload.replicated_kind {
            return None;
        }
        match self.hpa_for(workload) {
            Some(hpa) => Some(hpa.min_replicas).filter(|n| *n > 0),
            None if workload.replicas_known => Some(workload.replicas.unwrap_or(1)),
            None => None,
        }
    }

    /// The workloads in `namespace` whose pod labels `selector` selects,
    /// deployed with the object declared in `from` (a file).
    pub fn workloads_matching<'a>(
        &'a self,
        from: &'a str,
        namespace: &'a str,
        selector: &'a Selector,
    ) -> impl Iterator<Item = &'a WorkloadFacts> + 'a {
        let candidates = match selector.labels.first() {
            Some((label, value)) => {
                lookup(&self.workloads_by_label, key(&[namespace, label, value]))
            }
            None => lookup(&self.workloads_by_namespace, key(&[namespace])),
        };
        candidates
            .iter()
            .map(|&i| &*self.workloads[i as usize])
            .filter(move |w| w.object.namespace() == namespace && selector.matches(&w.pod_labels))
            .filter(move |w| self.together(from, &w.object.at.file))
    }

    /// The PDBs that select the workload's pods, in the order they were read.
    pub fn pdbs_selecting<'a>(
        &'a self,
        workload: &'a WorkloadFacts,
    ) -> impl Iterator<Item = &'a PdbFacts> + 'a {
        let mut candidates: Vec<u32> = self.pdb_candidates(workload).collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &*self.pdbs[i as usize])
            .filter(move |pdb| self.selects(pdb, workload))
    }

    /// Whether any PDB selects the workload's pods: the candidates in any
    /// order, without gathering them.
    pub fn has_pdb(&self, workload: &WorkloadFacts) -> bool {
        self.pdb_candidates(workload)
            .any(|i| self.selects(&self.pdbs[i as usize], workload))
    }

    /// The PDBs that may select the workload's pods (some more than once):
    /// those whose first matchLabels entry is one of its pod labels, and
    /// those without matchLabels in its namespace.
    fn pdb_candidates<'a>(&'a self, workload: &'a WorkloadFacts) -> impl Iterator<Item = u32> + 'a {
        let namespace = workload.object.namespace();
        workload
            .pod_labels
            .iter()
            .flat_map(move |(label, value)| {
                lookup(&self.pdbs_by_first_label, key(&[namespace, label, value]))
            })
            .chain(lookup(&self.pdbs_without_labels, key(&[namespace])))
            .copied()
    }

    fn selects(&self, pdb: &PdbFacts, workload: &WorkloadFacts) -> bool {
        pdb.object.namespace() == workload.object.namespace()
            && pdb
                .selector
                .as_ref()
                .is_some_and(|s| s.matches(&workload.pod_labels))
            && self.together(&pdb.object.at.file, &workload.object.at.file)
    }
}
