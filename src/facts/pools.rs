//! Node pools and their labels and taints: the inventory scheduling rules
//! judge pods against, wherever it was declared.

use crate::facts::location::Location;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}

impl Effect {
    /// Reads `NoSchedule` (Kubernetes, Azure) and `NO_SCHEDULE` (AWS, GCP).
    pub fn parse(text: &str) -> Option<Effect> {
        match text.replace('_', "").to_ascii_lowercase().as_str() {
            "noschedule" => Some(Effect::NoSchedule),
            "prefernoschedule" => Some(Effect::PreferNoSchedule),
            "noexecute" => Some(Effect::NoExecute),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Effect::NoSchedule => "NoSchedule",
            Effect::PreferNoSchedule => "PreferNoSchedule",
            Effect::NoExecute => "NoExecute",
        }
    }

    /// Taints with these effects keep pods that do not tolerate them off the node.
    pub fn repels(self) -> bool {
        self != Effect::PreferNoSchedule
    }
}

#[derive(Debug, Clone)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: Effect,
    pub at: Location,
}

impl Taint {
    /// `key=value:Effect` (or `key:Effect`), as AKS and `node-pools:` write taints.
    pub fn parse_spec(text: &str, at: Location) -> Option<Taint> {
        let (pair, effect) = text.rsplit_once(':')?;
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        Some(Taint {
            key: key.to_string(),
            value: value.to_string(),
            effect: Effect::parse(effect)?,
            at,
        })
    }

    /// `nvidia.com/gpu=true:NoSchedule`
    pub fn describe(&self) -> String {
        if self.value.is_empty() {
            format!("{}:{}", self.key, self.effect.as_str())
        } else {
            format!("{}={}:{}", self.key, self.value, self.effect.as_str())
        }
    }
}

/// What a pool says about one node label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelValue {
    Exactly(String),
    /// Karpenter `requirements` with `In`: nodes get one of these.
    OneOf(Vec<String>),
    /// Present with a value we do not know.
    Any,
}

#[derive(Debug, Clone)]
pub struct PoolLabel {
    pub key: String,
    pub value: LabelValue,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub struct NodePool {
    pub name: String,
    /// Where the pool is declared.
    pub at: Location,
    /// Which workloads it can run.
    pub scope: PoolScope,
    pub labels: Vec<PoolLabel>,
    pub taints: Vec<Taint>,
    /// False when some labels are not literal: the pool may have labels we cannot see.
    pub labels_known: bool,
    /// False when some taints are not literal.
    pub taints_known: bool,
}

/// Which workloads a node pool can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolScope {
    /// Infrastructure (Terraform, eksctl, Karpenter): every workload of the
    /// run but those of Markdown documents, which describe their own cluster.
    Cluster,
    /// A `kind: Node` manifest, often a test fixture: the workloads under
    /// its folder (or, in a Markdown document, of that document).
    Folder,
    /// `node-pools:` in the configuration: every workload.
    Configured,
}

impl NodePool {
    pub fn new(name: impl Into<String>, at: Location) -> NodePool {
        NodePool {
            name: name.into(),
            at,
            scope: PoolScope::Cluster,
            labels: Vec::new(),
            taints: Vec::new(),
            labels_known: true,
            taints_known: true,
        }
    }

    /// Records a label the platform sets from the pool's name (`eks.amazonaws.com/nodegroup`).
    pub fn pin(&mut self, key: &str, value: &str) {
        self.labels.push(PoolLabel {
            key: key.to_string(),
            value: LabelValue::Exactly(value.to_string()),
            at: self.at.clone(),
        });
    }

    pub fn label(&self, key: &str) -> Option<&PoolLabel> {
        self.labels.iter().rev().find(|l| l.key == key)
    }
}
