//! Facts: the small records that project-wide rules need, extracted by each
//! file task so that trees can be dropped as soon as a file is checked.

pub mod docker;
mod images;
mod location;
mod pools;
pub mod references;
pub mod terraform;
pub mod yaml;

pub use images::{BuildUser, DockerfileFacts};
pub use location::Location;
pub use pools::{Effect, LabelValue, NodePool, PoolLabel, PoolScope, Taint};

use crate::suppress::IgnoreList;

/// Everything one file contributes to the project rules.
#[derive(Debug, Default)]
pub struct FileFacts {
    // Boxed, so that putting every file's facts together moves pointers
    // rather than copying the records (the copies doubled peak memory).
    pub pools: Vec<NodePool>,
    pub workloads: Vec<Box<WorkloadFacts>>,
    pub pdbs: Vec<Box<PdbFacts>>,
    pub hpas: Vec<Box<HpaFacts>>,
    pub services: Vec<Box<ServiceFacts>>,
    pub dockerfiles: Vec<Box<DockerfileFacts>>,
    pub references: References,
    /// Policy inputs kept for `--combine`.
    pub documents: Vec<CombinedDocument>,
    /// The file's `# deploylint-ignore` comments, when it has some: they
    /// apply to the findings of the project rules too.
    pub suppressions: Vec<(String, crate::suppress::InlineSuppressions)>,
}

/// How a combined document was read, to find a result's place in it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Yaml,
    Hcl,
    Dockerfile,
}

/// One input of a `--combine` evaluation: `{path, contents}`.
#[derive(Debug, Clone)]
pub struct CombinedDocument {
    pub file: String,
    pub kind: DocumentKind,
    /// The document's index in its YAML stream.
    pub index: usize,
    pub contents: serde_json::Value,
}

impl FileFacts {
    /// Adds a file's facts, copied on the calling thread: a worker's records
    /// sit in pages among the parse trees it freed, and one live record keeps
    /// a whole page resident. Fresh copies pack the facts together, every
    /// list (label lists too) at its exact length, for a much lower peak on
    /// large runs (bench/measured.md).
    pub fn extend(&mut self, other: FileFacts) {
        self.pools.extend(other.pools.iter().cloned());
        self.workloads.extend(repacked(other.workloads));
        self.pdbs.extend(repacked(other.pdbs));
        self.hpas.extend(repacked(other.hpas));
        self.services.extend(repacked(other.services));
        self.dockerfiles.extend(other.dockerfiles);
        self.references.extend(other.references);
        self.documents.extend(other.documents);
        self.suppressions.extend(other.suppressions);
    }
}

fn repacked<T: Clone>(records: Vec<Box<T>>) -> impl Iterator<Item = Box<T>> {
    records
        .into_iter()
        .map(|record| Box::new(T::clone(&record)))
}

// ---- Workloads and the objects around them ----

#[derive(Debug, Clone)]
pub struct Toleration {
    pub key: String,
    /// `Equal` (the default) or `Exists`.
    pub exists: bool,
    pub value: String,
    /// `None` matches every effect.
    pub effect: Option<Effect>,
    pub at: Location,
}

impl Toleration {
    /// Kubernetes' matching: an empty key with `Exists` tolerates everything.
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if self.effect.is_some_and(|e| e != taint.effect) {
            return false;
        }
        if self.key.is_empty() {
            return self.exists;
        }
        self.key == taint.key && (self.exists || self.value == taint.value)
    }

    pub fn describe(&self) -> String {
        let effect = self
            .effect
            .map(|e| format!(":{}", e.as_str()))
            .unwrap_or_default();
        match (self.key.is_empty(), self.exists) {
            (true, _) => "every taint".to_string(),
            (false, true) => format!("{} (Exists){effect}", self.key),
            (false, false) => format!("{}={}{effect}", self.key, self.value),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}

impl Operator {
    pub fn parse(text: &str) -> Option<Operator> {
        Some(match text {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            "Gt" => Operator::Gt,
            "Lt" => Operator::Lt,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub key: String,
    pub operator: Operator,
    pub values: Vec<String>,
}

/// A pod's placement constraints.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    pub node_selector: Vec<(String, String)>,
    pub node_selector_at: Option<Location>,
    /// Required node affinity: terms ORed, requirements within a term ANDed.
    pub affinity_terms: Vec<Vec<Requirement>>,
    pub affinity_at: Option<Location>,
    pub tolerations: Vec<Toleration>,
    pub tolerations_at: Option<Location>,
    /// False when part of the placement is templated or otherwise not literal.
    pub known: bool,
}

/// A label selector (`matchLabels` and `matchExpressions`).
#[derive(Debug, Clone, Default)]
pub struct Selector {
    pub labels: Vec<(String, String)>,
    pub expressions: Vec<Requirement>,
}

impl Selector {
    pub fn matches(&self, labels: &[(String, String)]) -> bool {
        let get = |key: &str| {
            labels
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        self.labels.iter().all(|(k, v)| get(k) == Some(v.as_str()))
            && self.expressions.iter().all(|r| match r.operator {
                Operator::In => get(&r.key).is_some_and(|v| r.values.iter().any(|x| x == v)),
                Operator::NotIn => get(&r.key).is_none_or(|v| !r.values.iter().any(|x| x == v)),
                Operator::Exists => get(&r.key).is_some(),
                Operator::DoesNotExist => get(&r.key).is_none(),
                Operator::Gt | Operator::Lt => false,
            })
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.expressions.is_empty()
    }
}

/// Identity shared by every fact about a Kubernetes object.
#[derive(Debug, Clone)]
pub struct ObjectRef {
    /// `Kind/namespace/name` in one allocation (hundreds of thousands of
    /// these outlive their files); the accessors slice it.
    text: Box<str>,
    kind_len: u32,
    name_start: u32,
    cluster_scoped: bool,
    pub at: Location,
    pub ignored: IgnoreList,
}

impl ObjectRef {
    pub fn new(object: &crate::model::k8s::Object, at: Location) -> ObjectRef {
        let text = format!("{}/{}/{}", object.kind, object.namespace, object.name);
        ObjectRef {
            kind_len: object.kind.len() as u32,
            name_start: (text.len() - object.name.len()) as u32,
            text: text.into_boxed_str(),
            cluster_scoped: object.id.len()
                < object.kind.len() + object.namespace.len() + object.name.len() + 2,
            at,
            ignored: object.ignored_rules(),
        }
    }

    pub fn kind(&self) -> &str {
        &self.text[..self.kind_len as usize]
    }

    pub fn namespace(&self) -> &str {
        &self.text[self.kind_len as usize + 1..self.name_start as usize - 1]
    }

    pub fn name(&self) -> &str {
        &self.text[self.name_start as usize..]
    }

    /// `Kind/namespace/name`, whatever the kind's scope: what makes two
    /// definitions one object.
    pub fn key(&self) -> &str {
        &self.text
    }

    /// `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds.
    pub fn id(&self) -> String {
        if self.cluster_scoped {
            format!("{}/{}", self.kind(), self.name())
        } else {
            self.text.to_string()
        }
    }
}

#[derive(Debug, Clone)]
pub struct WorkloadFacts {
    pub object: ObjectRef,
    pub pod_labels: Vec<(String, String)>,
    /// `spec.replicas`; `None` when the field is absent (one replica) or
    /// when the kind has no replica count (DaemonSet, Job, Pod).
    pub replicas: Option<i64>,
    pub replicas_at: Option<Location>,
    /// True for kinds whose replica count a PDB protects (Deployment, StatefulSet...).
    pub replicated_kind: bool,
    /// False when `replicas` is present but not a literal number.
    pub replicas_known: bool,
    /// `None` when the pod spec says nothing about where it runs (most do):
    /// a constraint-free placement would take 200 bytes per workload.
    placement: Option<Box<Placement>>,
    /// Where the pod spec starts, for findings with no better place.
    pub pod_spec_at: Location,
    /// The ports its containers declare.
    pub ports: Vec<ContainerPort>,
    /// The service account it names (`serviceAccountName`), and where.
    pub service_account: Option<Box<(String, Location)>>,
}

impl WorkloadFacts {
    pub fn placement(&self) -> &Placement {
        static UNCONSTRAINED: Placement = Placement {
            node_selector: Vec::new(),
            node_selector_at: None,
            affinity_terms: Vec::new(),
            affinity_at: None,
            tolerations: Vec::new(),
            tolerations_at: None,
            known: true,
        };
        self.placement.as_deref().unwrap_or(&UNCONSTRAINED)
    }

    pub fn set_placement(&mut self, placement: Placement) {
        let unconstrained = placement.known
            && placement.node_selector_at.is_none()
            && placement.affinity_at.is_none()
            && placement.tolerations_at.is_none()
            && placement.node_selector.is_empty()
            && placement.affinity_terms.is_empty()
            && placement.tolerations.is_empty();
        self.placement = (!unconstrained).then(|| Box::new(placement));
    }
}

#[derive(Debug, Clone)]
pub struct PdbFacts {
    pub object: ObjectRef,
    /// `None` for a missing or null selector, which selects nothing.
    pub selector: Option<Selector>,
    pub selector_at: Location,
    pub min_available: Option<(IntOrPercent, Location)>,
    pub max_unavailable: Option<(IntOrPercent, Location)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrPercent {
    Int(i64),
    Percent(i64),
}

impl IntOrPercent {
    pub fn parse(text: &str) -> Option<IntOrPercent> {
        let text = text.trim();
        match text.strip_suffix('%') {
            Some(p) => p.trim().parse().ok().map(IntOrPercent::Percent),
            None => text.parse().ok().map(IntOrPercent::Int),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            IntOrPercent::Int(n) => n.to_string(),
            IntOrPercent::Percent(p) => format!("{p}%"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct HpaFacts {
    pub object: ObjectRef,
    pub namespace: String,
    pub target_kind: String,
    pub target_name: String,
    /// `minReplicas` (1 when unset), or a KEDA ScaledObject's
    /// `minReplicaCount` (0 when unset: the workload scales to zero).
    pub min_replicas: i64,
    /// The field that set it, for messages: `HPA minReplicas`.
    pub min_field: &'static str,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub struct ServiceFacts {
    pub object: ObjectRef,
    pub selector: Vec<(String, String)>,
    pub selector_at: Location,
}

// ---- References between objects ----

#[derive(Debug, Default)]
pub struct References {
    pub service_accounts: Vec<Box<ObjectRef>>,
    pub services: Vec<Box<ServicePorts>>,
    pub ingresses: Vec<Box<IngressFacts>>,
    pub network_policies: Vec<Box<NetworkPolicyFacts>>,
    /// ConfigMaps and Secrets, with their keys.
    pub config_objects: Vec<Box<ConfigObject>>,
    /// The keys of ConfigMaps and Secrets each workload reads.
    pub config_refs: Vec<Box<ConfigRefs>>,
}

impl References {
    pub fn extend(&mut self, other: References) {
        self.service_accounts.extend(other.service_accounts);
        self.services.extend(other.services);
        self.ingresses.extend(other.ingresses);
        self.network_policies.extend(other.network_policies);
        self.config_objects.extend(other.config_objects);
        self.config_refs.extend(other.config_refs);
    }
}

/// A port by number or by name, as `targetPort` and backends write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortRef {
    Number(i64),
    Name(String),
}

impl PortRef {
    pub fn describe(&self) -> String {
        match self {
            PortRef::Number(n) => n.to_string(),
            PortRef::Name(name) => format!("`{name}`"),
        }
    }
}

/// A container port a workload declares.
#[derive(Debug, Clone)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub number: Option<i64>,
}

/// One port of a Service.
#[derive(Debug, Clone)]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: Option<i64>,
    /// `targetPort`, or `port` when it is unset; `None` when templated.
    pub target: Option<PortRef>,
    pub target_at: Location,
}

#[derive(Debug, Clone)]
pub struct ServicePorts {
    pub object: ObjectRef,
    /// Empty for a Service without a selector (its endpoints are managed by hand).
    pub selector: Vec<(String, String)>,
    pub ports: Vec<ServicePort>,
}

/// A backend an Ingress routes to.
#[derive(Debug, Clone)]
pub struct Backend {
    pub service: String,
    pub port: Option<PortRef>,
    pub service_at: Location,
    pub port_at: Option<Location>,
}

#[derive(Debug, Clone)]
pub struct IngressFacts {
    pub object: ObjectRef,
    pub backends: Vec<Backend>,
}

#[derive(Debug, Clone)]
pub struct NetworkPolicyFacts {
    pub object: ObjectRef,
    /// An empty selector selects every pod of the namespace.
    pub pod_selector: Selector,
    pub selector_at: Location,
}

/// A ConfigMap or Secret and the keys it holds (`data`, `stringData`, `binaryData`).
#[derive(Debug, Clone)]
pub struct ConfigObject {
    pub object: ObjectRef,
    pub keys: Vec<String>,
}

/// A key of a ConfigMap or Secret that a pod reads.
#[derive(Debug, Clone)]
pub struct ConfigRef {
    /// `ConfigMap` or `Secret`.
    pub kind: &'static str,
    pub name: String,
    pub key: String,
    pub key_at: Location,
}

#[derive(Debug, Clone)]
pub struct ConfigRefs {
    pub workload: ObjectRef,
    pub refs: Vec<ConfigRef>,
}
