//! Node pools declared in Terraform: EKS node groups (resources and the
//! terraform-aws-modules/eks module), GKE node pools and clusters, AKS node
//! pools and clusters. Only literal values count; anything computed makes the
//! pool "partially known", and rules never judge the unknown part.

use crate::facts::{Effect, FileFacts, LabelValue, Location, NodePool, PoolLabel, Taint};
use crate::parse::hcl::{Block, Body, Expr, ExprKind};
use crate::source::{SourceFile, Span};

const EKS_MODULE_INPUTS: &[(&str, &str)] = &[
    ("eks_managed_node_groups", "eks_managed_node_group_defaults"),
    (
        "self_managed_node_groups",
        "self_managed_node_group_defaults",
    ),
    ("node_groups", "node_groups_defaults"),
];

pub fn collect(body: &Body, file: &SourceFile, facts: &mut FileFacts) {
    let at = |span: Span| Location::new(file, span);
    for block in body.blocks_named("resource") {
        let [kind, label] = block.labels.as_slice() else {
            continue;
        };
        let name = || {
            literal_str(
                block
                    .body
                    .get("name")
                    .or_else(|| block.body.get("node_group_name")),
            )
            .unwrap_or(label)
            .to_string()
        };
        match kind.as_str() {
            "aws_eks_node_group" => {
                let mut pool = NodePool::new(name(), at(block.header));
                if let Some(exact) = literal_str(block.body.get("node_group_name")) {
                    pool.pin("eks.amazonaws.com/nodegroup", exact);
                }
                read_label_map(block.body.get("labels"), file, &mut pool);
                read_taint_blocks(&block.body, file, &mut pool);
                facts.pools.push(pool);
            }
            "google_container_node_pool" => facts.pools.push(gke_pool(name(), block, file)),
            "google_container_cluster" => {
                let removes_default = block
                    .body
                    .get("remove_default_node_pool")
                    .and_then(Expr::as_bool)
                    == Some(true);
                if !removes_default {
                    facts
                        .pools
                        .push(gke_pool("default-pool".into(), block, file));
                }
                for nested in block.body.blocks_named("node_pool") {
                    let name = literal_str(nested.body.get("name"))
                        .unwrap_or("<unnamed>")
                        .to_string();
                    facts.pools.push(gke_pool(name, nested, file));
                }
            }
            "azurerm_kubernetes_cluster_node_pool" => {
                facts.pools.push(aks_pool(name(), block, file))
            }
            "azurerm_kubernetes_cluster" => {
                for default in block.body.blocks_named("default_node_pool") {
                    let name = literal_str(default.body.get("name"))
                        .unwrap_or("default")
                        .to_string();
                    facts.pools.push(aks_pool(name, default, file));
                }
            }
            _ => {}
        }
    }
    for module in body.blocks_named("module") {
        let source = literal_str(module.body.get("source")).unwrap_or_default();
        if source.contains("terraform-aws-modules/eks") {
            eks_module_pools(module, file, facts);
        }
    }
}

fn literal_str(expr: Option<&Expr>) -> Option<&str> {
    expr.and_then(Expr::as_str)
}

fn gke_pool(name: String, block: &Block, file: &SourceFile) -> NodePool {
    let mut pool = NodePool::new(name.clone(), Location::new(file, block.header));
    pool.pin("cloud.google.com/gke-nodepool", &name);
    for config in block.body.blocks_named("node_config") {
        read_label_map(config.body.get("labels"), file, &mut pool);
        read_taint_blocks(&config.body, file, &mut pool);
    }
    pool
}

fn aks_pool(name: String, block: &Block, file: &SourceFile) -> NodePool {
    let mut pool = NodePool::new(name.clone(), Location::new(file, block.header));
    pool.pin("kubernetes.azure.com/agentpool", &name);
    pool.pin("agentpool", &name);
    read_label_map(block.body.get("node_labels"), file, &mut pool);
    if let Some(taints) = block.body.get("node_taints") {
        match &taints.kind {
            ExprKind::Array(items) => {
                for item in items {
                    match item
                        .as_str()
                        .and_then(|s| Taint::parse_spec(s, Location::new(file, item.span)))
                    {
                        Some(taint) => pool.taints.push(taint),
                        None => pool.taints_known = false,
                    }
                }
            }
            ExprKind::Null => {}
            _ => pool.taints_known = false,
        }
    }
    if let Some(critical) = block.body.attribute("only_critical_addons_enabled") {
        match critical.value.as_bool() {
            Some(true) => pool.taints.push(Taint {
                key: "CriticalAddonsOnly".into(),
                value: "true".into(),
                effect: Effect::NoSchedule,
                at: Location::new(file, critical.key_span),
            }),
            Some(false) => {}
            None => pool.taints_known = false,
        }
    }
    pool
}

/// `labels = { pool = "gpu" }`: literal entries become labels; anything else
/// makes the labels partially known.
fn read_label_map(labels: Option<&Expr>, file: &SourceFile, pool: &mut NodePool) {
    let Some(labels) = labels else {
        return;
    };
    match &labels.kind {
        ExprKind::Object(entries) => {
            for (key, key_span, value) in entries {
                match value.as_str() {
                    Some(v) => pool.labels.push(PoolLabel {
                        key: key.clone(),
                        value: LabelValue::Exactly(v.to_string()),
                        at: Location::new(file, *key_span),
                    }),
                    None => pool.labels_known = false,
                }
            }
        }
        ExprKind::Null => {}
        _ => pool.labels_known = false,
    }
}

/// `taint { key = ..., value = ..., effect = "NO_SCHEDULE" }` blocks;
/// a `dynamic "taint"` block hides its taints from us.
fn read_taint_blocks(body: &Body, file: &SourceFile, pool: &mut NodePool) {
    if body
        .blocks_named("dynamic")
        .any(|d| d.labels.first().is_some_and(|l| l == "taint"))
    {
        pool.taints_known = false;
    }
    for taint in body.blocks_named("taint") {
        let text = |key: &str| literal_str(taint.body.get(key));
        match (text("key"), text("effect").and_then(Effect::parse)) {
            (Some(key), Some(effect)) => pool.taints.push(Taint {
                key: key.to_string(),
                value: text("value").unwrap_or_default().to_string(),
                effect,
                at: Location::new(file, taint.header),
            }),
            _ => pool.taints_known = false,
        }
    }
}

/// Taints written as module inputs: a map of `{key, value, effect}` objects or a list of them.
fn read_taint_objects(taints: Option<&Expr>, file: &SourceFile, pool: &mut NodePool) {
    let Some(taints) = taints else {
        return;
    };
    let objects: Vec<&Expr> = match &taints.kind {
        ExprKind::Object(entries) => entries.iter().map(|(_, _, v)| v).collect(),
        ExprKind::Array(items) => items.iter().collect(),
        ExprKind::Null => Vec::new(),
        _ => {
            pool.taints_known = false;
            return;
        }
    };
    for object in objects {
        let text = |key: &str| object.get(key).and_then(Expr::as_str);
        match (text("key"), text("effect").and_then(Effect::parse)) {
            (Some(key), Some(effect)) => pool.taints.push(Taint {
                key: key.to_string(),
                value: text("value").unwrap_or_default().to_string(),
                effect,
                at: Location::new(file, object.span),
            }),
            _ => pool.taints_known = false,
        }
    }
}

fn eks_module_pools(module: &Block, file: &SourceFile, facts: &mut FileFacts) {
    for (input, defaults_input) in EKS_MODULE_INPUTS {
        let Some(groups) = module.body.get(input) else {
            continue;
        };
        let defaults = module.body.get(defaults_input);
        let ExprKind::Object(entries) = &groups.kind else {
            // The node groups come from a variable: there are pools we cannot see.
            let mut unknown = NodePool::new(
                format!("{} (computed)", input),
                Location::new(file, groups.span),
            );
            unknown.labels_known = false;
            unknown.taints_known = false;
            facts.pools.push(unknown);
            continue;
        };
        for (name, key_span, group) in entries {
            let mut pool = NodePool::new(name.clone(), Location::new(file, *key_span));
            for source in defaults.into_iter().chain(std::iter::once(group)) {
                if !matches!(source.kind, ExprKind::Object(_)) {
                    pool.labels_known = false;
                    pool.taints_known = false;
                    continue;
                }
                read_label_map(
                    source.get("labels").or_else(|| source.get("k8s_labels")),
                    file,
                    &mut pool,
                );
                read_taint_objects(source.get("taints"), file, &mut pool);
            }
            facts.pools.push(pool);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::hcl;

    fn pools(text: &str) -> Vec<NodePool> {
        let file = SourceFile::new("main.tf", text);
        let body = hcl::parse(text, 0).unwrap();
        let mut facts = FileFacts::default();
        collect(&body, &file, &mut facts);
        facts.pools
    }

    #[test]
    fn eks_node_group_resources() {
        let found = pools(
            "resource \"aws_eks_node_group\" \"gpu\" {\n  node_group_name = \"gpu-nodes\"\n  labels = { pool = \"gpu\" }\n  taint {\n    key = \"nvidia.com/gpu\"\n    value = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n}\n",
        );
        assert_eq!(found[0].name, "gpu-nodes");
        assert_eq!(
            found[0].label("pool").unwrap().value,
            LabelValue::Exactly("gpu".into())
        );
        assert_eq!(
            found[0].label("eks.amazonaws.com/nodegroup").unwrap().value,
            LabelValue::Exactly("gpu-nodes".into())
        );
        assert_eq!(
            found[0].taints[0].describe(),
            "nvidia.com/gpu=true:NoSchedule"
        );
    }

    #[test]
    fn eks_module_groups_with_defaults_and_both_taint_shapes() {
        let found = pools(
            "module \"eks\" {\n  source = \"terraform-aws-modules/eks/aws\"\n  eks_managed_node_group_defaults = { labels = { team = \"platform\" } }\n  eks_managed_node_groups = {\n    general = { labels = { pool = \"general\" } }\n    gpu = {\n      taints = { gpu = { key = \"nvidia.com/gpu\", value = \"true\", effect = \"NO_SCHEDULE\" } }\n    }\n    batch = { taints = [{ key = \"batch\", value = \"true\", effect = \"NO_EXECUTE\" }] }\n  }\n  node_groups = var.node_groups\n}\n",
        );
        let names: Vec<_> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["general", "gpu", "batch", "node_groups (computed)"]);
        assert_eq!(found[0].labels.len(), 2);
        assert_eq!(found[1].taints[0].effect, Effect::NoSchedule);
        assert_eq!(found[2].taints[0].effect, Effect::NoExecute);
        assert!(!found[3].labels_known && !found[3].taints_known);
    }

    #[test]
    fn gke_and_aks_pools() {
        let found = pools(
            "resource \"google_container_node_pool\" \"spot\" {\n  name = \"spot\"\n  node_config {\n    labels = { tier = \"spot\" }\n    taint {\n      key = \"spot\"\n      value = \"true\"\n      effect = \"NO_SCHEDULE\"\n    }\n  }\n}\nresource \"azurerm_kubernetes_cluster_node_pool\" \"gpu\" {\n  name = \"gpu\"\n  node_labels = { pool = \"gpu\" }\n  node_taints = [\"sku=gpu:NoSchedule\"]\n}\nresource \"azurerm_kubernetes_cluster\" \"main\" {\n  default_node_pool {\n    name = \"system\"\n    only_critical_addons_enabled = true\n  }\n}\nresource \"google_container_cluster\" \"c\" {\n  remove_default_node_pool = true\n}\n",
        );
        let names: Vec<_> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["spot", "gpu", "system"]);
        assert_eq!(found[1].taints[0].describe(), "sku=gpu:NoSchedule");
        assert_eq!(found[2].taints[0].key, "CriticalAddonsOnly");
    }

    #[test]
    fn computed_values_make_pools_partially_known() {
        let found = pools(
            "resource \"aws_eks_node_group\" \"x\" {\n  labels = var.labels\n  dynamic \"taint\" {\n    for_each = var.taints\n    content {}\n  }\n}\n",
        );
        assert!(!found[0].labels_known);
        assert!(!found[0].taints_known);
    }
}
