//! Facts from Kubernetes YAML: workloads, PDBs, HPAs, Services, and node
//! pools declared as `Node`, Karpenter `NodePool` or eksctl `ClusterConfig`.

use crate::facts::{
    ContainerPort, Effect, FileFacts, HpaFacts, IntOrPercent, LabelValue, Location, NodePool,
    ObjectRef, Operator, PdbFacts, Placement, PoolLabel, PoolScope, Requirement, Selector,
    ServiceFacts, Taint, Toleration, WorkloadFacts,
};
use crate::model::k8s::{Object, Workload};
use crate::parse::yaml::Node;
use crate::source::SourceFile;

/// Kinds whose replica count a PodDisruptionBudget protects.
const REPLICATED_KINDS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "ReplicaSet",
    "ReplicationController",
];

/// `workload` is the object's pod-template view, when it has one.
pub fn collect(
    object: &Object,
    workload: Option<&Workload>,
    file: &SourceFile,
    facts: &mut FileFacts,
) {
    let object_ref = || ObjectRef::new(object, Location::new(file, object.anchor()));
    if let Some(workload) = workload {
        facts.workloads.push(Box::new(workload_facts(
            object,
            workload,
            object_ref(),
            file,
        )));
    }
    match (object.kind, object.api_version) {
        ("PodDisruptionBudget", _) => {
            facts
                .pdbs
                .push(Box::new(pdb_facts(object, object_ref(), file)))
        }
        ("HorizontalPodAutoscaler", _) => {
            facts
                .hpas
                .push(Box::new(hpa_facts(object, object_ref(), file)))
        }
        ("ScaledObject", version) if version.starts_with("keda.sh/") => facts
            .hpas
            .push(Box::new(keda_facts(object, object_ref(), file))),
        ("Service", _) => facts
            .services
            .extend(service_facts(object, object_ref, file).map(Box::new)),
        ("Node", _) => facts.pools.push(node_pool(object, file)),
        ("NodePool", version) if version.starts_with("karpenter.sh/") => {
            facts.pools.push(karpenter_pool(object, file))
        }
        ("ClusterConfig", version) if version.starts_with("eksctl.io/") => {
            eksctl_pools(object.node, file, &mut facts.pools)
        }
        _ => {}
    }
}

fn pdb_facts(object: &Object, object_ref: ObjectRef, file: &SourceFile) -> PdbFacts {
    let here = |node: &Node| Location::new(file, node.span);
    let spec = object.node.get("spec");
    let selector_node = spec.and_then(|s| s.get("selector"));
    let amount = |field: &str| {
        let value = spec?.get(field)?;
        Some((IntOrPercent::parse(value.as_str()?)?, here(value)))
    };
    PdbFacts {
        object: object_ref,
        selector: selector_node.filter(|s| !s.is_null()).map(selector),
        selector_at: selector_node
            .map(here)
            .unwrap_or_else(|| Location::new(file, object.anchor())),
        min_available: amount("minAvailable"),
        max_unavailable: amount("maxUnavailable"),
    }
}

fn hpa_facts(object: &Object, object_ref: ObjectRef, file: &SourceFile) -> HpaFacts {
    let spec = object.node.get("spec");
    let target = spec.and_then(|s| s.get("scaleTargetRef"));
    let text = |n: Option<&Node>, key: &str| {
        n.and_then(|n| n.get(key))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string()
    };
    HpaFacts {
        object: object_ref,
        namespace: object.namespace.to_string(),
        target_kind: text(target, "kind"),
        target_name: text(target, "name"),
        min_replicas: spec
            .and_then(|s| s.get("minReplicas"))
            .and_then(Node::as_i64)
            .unwrap_or(1),
        min_field: "HPA minReplicas",
        at: Location::new(file, object.anchor()),
    }
}

/// A KEDA ScaledObject scales its target like an HPA (KEDA makes one), from
/// `minReplicaCount` (0 when unset); its target is a Deployment unless it
/// says otherwise.
fn keda_facts(object: &Object, object_ref: ObjectRef, file: &SourceFile) -> HpaFacts {
    let spec = object.node.get("spec");
    let target = spec.and_then(|s| s.get("scaleTargetRef"));
    let text = |key: &str| target.and_then(|t| t.get(key)).and_then(Node::as_str);
    HpaFacts {
        object: object_ref,
        namespace: object.namespace.to_string(),
        target_kind: text("kind").unwrap_or("Deployment").to_string(),
        target_name: text("name").unwrap_or_default().to_string(),
        min_replicas: spec
            .and_then(|s| s.get("minReplicaCount"))
            .and_then(Node::as_i64)
            .unwrap_or(0),
        min_field: "ScaledObject minReplicaCount",
        at: Location::new(file, object.anchor()),
    }
}

/// A Service's facts, when it selects pods.
fn service_facts(
    object: &Object,
    object_ref: impl FnOnce() -> ObjectRef,
    file: &SourceFile,
) -> Option<ServiceFacts> {
    let selector_node = object
        .node
        .path(&["spec", "selector"])
        .filter(|s| !s.entries().is_empty())?;
    Some(ServiceFacts {
        object: object_ref(),
        selector: string_map(selector_node),
        selector_at: Location::new(file, selector_node.span),
    })
}

fn node_pool(object: &Object, file: &SourceFile) -> NodePool {
    let node = object.node;
    let mut pool = NodePool::new(object.name, Location::new(file, object.anchor()));
    pool.scope = PoolScope::Folder;
    read_labels(node.path(&["metadata", "labels"]), file, &mut pool);
    read_taints(node.path(&["spec", "taints"]), file, &mut pool);
    pool
}

fn karpenter_pool(object: &Object, file: &SourceFile) -> NodePool {
    let mut pool = NodePool::new(object.name, Location::new(file, object.anchor()));
    pool.pin("karpenter.sh/nodepool", object.name);
    let template = object.node.path(&["spec", "template"]);
    read_labels(
        template.and_then(|t| t.path(&["metadata", "labels"])),
        file,
        &mut pool,
    );
    read_taints(
        template.and_then(|t| t.path(&["spec", "taints"])),
        file,
        &mut pool,
    );
    for requirement in template
        .and_then(|t| t.path(&["spec", "requirements"]))
        .map(Node::items)
        .unwrap_or_default()
    {
        read_requirement(requirement, file, &mut pool);
    }
    pool
}

fn eksctl_pools(node: &Node, file: &SourceFile, pools: &mut Vec<NodePool>) {
    for group_list in ["nodeGroups", "managedNodeGroups"] {
        for group in node.get(group_list).map(Node::items).unwrap_or_default() {
            let name = group
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("<unnamed>");
            let anchor = group.get("name").unwrap_or(group);
            let mut pool = NodePool::new(name, Location::new(file, anchor.span));
            pool.pin("alpha.eksctl.io/nodegroup-name", name);
            if group_list == "managedNodeGroups" {
                pool.pin("eks.amazonaws.com/nodegroup", name);
            }
            read_labels(group.get("labels"), file, &mut pool);
            read_taints(group.get("taints"), file, &mut pool);
            pools.push(pool);
        }
    }
}

fn workload_facts(
    object: &Object,
    workload: &Workload,
    object_ref: ObjectRef,
    file: &SourceFile,
) -> WorkloadFacts {
    let node = object.node;
    let labels_node = match object.kind {
        "Pod" => node.path(&["metadata", "labels"]),
        "CronJob" => node.path(&[
            "spec",
            "jobTemplate",
            "spec",
            "template",
            "metadata",
            "labels",
        ]),
        _ => node.path(&["spec", "template", "metadata", "labels"]),
    };
    let replicas_node = node.path(&["spec", "replicas"]).filter(|r| !r.is_null());
    let has_template = node.path(&["spec", "template"]).is_some();
    let replicated_kind = REPLICATED_KINDS.contains(&object.kind)
        || (has_template && replicas_node.is_some() && !matches!(object.kind, "Job" | "DaemonSet"));
    let mut facts = WorkloadFacts {
        object: object_ref,
        pod_labels: labels_node.map(string_map).unwrap_or_default(),
        replicas: replicas_node.and_then(Node::as_i64),
        replicas_at: replicas_node.map(|r| Location::new(file, r.span)),
        replicated_kind,
        replicas_known: replicas_node.is_none_or(|r| r.as_i64().is_some()),
        placement: None,
        ports: container_ports(workload.pod_spec),
        service_account: workload
            .pod_spec
            .get("serviceAccountName")
            .or_else(|| workload.pod_spec.get("serviceAccount"))
            .and_then(|n| Some((n.as_str()?.to_string(), Location::new(file, n.span))))
            .filter(|(name, _)| !name.is_empty() && !name.contains("{{"))
            .map(Box::new),
        pod_spec_at: Location::new(
            file,
            workload
                .pod_spec
                .entries()
                .first()
                .map(|(k, _)| k.span)
                .unwrap_or(workload.pod_spec.span),
        ),
    };
    facts.set_placement(placement(workload.pod_spec, file));
    facts
}

fn placement(pod_spec: &Node, file: &SourceFile) -> Placement {
    let mut placement = Placement {
        known: true,
        ..Placement::default()
    };
    if let Some(selector) = pod_spec.get("nodeSelector").filter(|s| !s.is_null()) {
        placement.node_selector = string_map(selector);
        placement.known &= literal_map(selector);
        placement.node_selector_at = Some(Location::new(file, key_span(pod_spec, "nodeSelector")));
    }
    let required = pod_spec.path(&[
        "affinity",
        "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution",
    ]);
    if let Some(required) = required {
        for term in required
            .get("nodeSelectorTerms")
            .map(Node::items)
            .unwrap_or_default()
        {
            let mut requirements = Vec::new();
            for expression in term
                .get("matchExpressions")
                .map(Node::items)
                .unwrap_or_default()
            {
                match requirement(expression) {
                    Some(r) => requirements.push(r),
                    None => placement.known = false,
                }
            }
            if term.get("matchFields").is_some() {
                // Field selectors (metadata.name) are about one node, not a pool.
                placement.known = false;
            }
            placement.affinity_terms.push(requirements);
        }
        placement.affinity_at = Some(Location::new(file, required.span));
    }
    if let Some(tolerations) = pod_spec.get("tolerations").filter(|t| !t.is_null()) {
        for item in tolerations.items() {
            let text = |key: &str| {
                item.get(key)
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let effect_text = text("effect");
            let effect = if effect_text.is_empty() {
                None
            } else {
                Effect::parse(&effect_text)
            };
            if !effect_text.is_empty() && effect.is_none() {
                placement.known = false;
                continue;
            }
            placement.tolerations.push(Toleration {
                key: text("key"),
                exists: text("operator") == "Exists",
                value: text("value"),
                effect,
                at: Location::new(file, item.span),
            });
        }
        placement.tolerations_at = Some(Location::new(file, key_span(pod_spec, "tolerations")));
    }
    placement
}

fn key_span(map: &Node, key: &str) -> crate::source::Span {
    map.entry(key).map(|(k, _)| k.span).unwrap_or(map.span)
}

fn requirement(expression: &Node) -> Option<Requirement> {
    let key = expression.get("key")?.as_str()?.to_string();
    let operator = Operator::parse(expression.get("operator")?.as_str()?)?;
    let values = expression
        .get("values")
        .map(|v| {
            v.items()
                .iter()
                .filter_map(|i| i.as_scalar().map(|s| s.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    Some(Requirement {
        key,
        operator,
        values,
    })
}

pub(crate) fn selector(node: &Node) -> Selector {
    Selector {
        labels: node.get("matchLabels").map(string_map).unwrap_or_default(),
        expressions: node
            .get("matchExpressions")
            .map(|e| e.items().iter().filter_map(requirement).collect())
            .unwrap_or_default(),
    }
}

/// A mapping of scalars as (key, value) strings.
pub(crate) fn string_map(node: &Node) -> Vec<(String, String)> {
    node.entries()
        .iter()
        .filter_map(|(k, v)| Some((k.as_scalar()?.text.clone(), v.as_scalar()?.text.clone())))
        .collect()
}

fn literal_map(node: &Node) -> bool {
    node.entries().iter().all(|(k, v)| {
        let literal = |n: &Node| {
            n.as_scalar()
                .is_some_and(|s| !s.text.contains("{{") && !s.text.contains("${"))
        };
        literal(k) && literal(v)
    })
}

fn read_labels(labels: Option<&Node>, file: &SourceFile, pool: &mut NodePool) {
    let Some(labels) = labels.filter(|l| !l.is_null()) else {
        return;
    };
    if !labels.is_map() || !literal_map(labels) {
        pool.labels_known = false;
    }
    for (key, value) in labels.entries() {
        let (Some(k), Some(v)) = (key.as_scalar(), value.as_scalar()) else {
            continue;
        };
        pool.labels.push(PoolLabel {
            key: k.text.clone(),
            value: LabelValue::Exactly(v.text.clone()),
            at: Location::new(file, key.span),
        });
    }
}

/// Taints as a list of `{key, value, effect}` or, in older eksctl files, a
/// map of `key: "value:Effect"`.
fn read_taints(taints: Option<&Node>, file: &SourceFile, pool: &mut NodePool) {
    let Some(taints) = taints.filter(|t| !t.is_null()) else {
        return;
    };
    for item in taints.items() {
        let text = |key: &str| {
            item.get(key)
                .and_then(|n| n.as_scalar())
                .map(|s| s.text.clone())
        };
        match (
            text("key"),
            text("effect").as_deref().and_then(Effect::parse),
        ) {
            (Some(key), Some(effect)) => pool.taints.push(Taint {
                key,
                value: text("value").unwrap_or_default(),
                effect,
                at: Location::new(file, item.span),
            }),
            _ => pool.taints_known = false,
        }
    }
    for (key, value) in taints.entries() {
        let parsed = key.as_str().zip(value.as_str()).and_then(|(k, v)| {
            let (value, effect) = v.rsplit_once(':')?;
            Some(Taint {
                key: k.to_string(),
                value: value.to_string(),
                effect: Effect::parse(effect)?,
                at: Location::new(file, key.span),
            })
        });
        match parsed {
            Some(taint) => pool.taints.push(taint),
            None => pool.taints_known = false,
        }
    }
}

fn read_requirement(requirement_node: &Node, file: &SourceFile, pool: &mut NodePool) {
    let Some(r) = requirement(requirement_node) else {
        pool.labels_known = false;
        return;
    };
    let value = match r.operator {
        Operator::In => LabelValue::OneOf(r.values),
        Operator::DoesNotExist => return,
        _ => LabelValue::Any,
    };
    pool.labels.push(PoolLabel {
        key: r.key,
        value,
        at: Location::new(file, requirement_node.span),
    });
}

/// The container ports of a pod spec.
pub fn container_ports(pod_spec: &Node) -> Vec<ContainerPort> {
    ["initContainers", "containers"]
        .iter()
        .flat_map(|field| pod_spec.get(field).map(Node::items).unwrap_or_default())
        .flat_map(|c| c.get("ports").map(Node::items).unwrap_or_default())
        .map(|port| ContainerPort {
            name: port.get("name").and_then(Node::as_str).map(str::to_string),
            number: port.get("containerPort").and_then(Node::as_i64),
        })
        .collect()
}
