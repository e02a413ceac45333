//! Readers for the structured sections of `.deploylint.yaml`.

use crate::facts::{Effect, LabelValue, Location, NodePool, PoolLabel, PoolScope, Taint};
use crate::parse::yaml::{self, Node};
use crate::source::{SourceFile, Span};

use super::error::ConfigError;

/// `docker: {trusted-registries: [...]}`.
pub(super) fn read_docker(
    value: &Node,
    error: &impl Fn(Span, String, Option<String>) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    if value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_map() {
        return Err(error(
            value.span,
            "`docker` must be a mapping".into(),
            Some("for example `docker: {trusted-registries: [registry.example.com]}`".into()),
        ));
    }
    let mut registries = Vec::new();
    for (key, setting) in value.entries() {
        match key.as_str().unwrap_or_default() {
            "trusted-registries" => {
                registries = read_string_list(setting, "trusted-registries", error)?
            }
            other => {
                return Err(error(
                    key.span,
                    format!("unknown setting `docker.{other}`"),
                    Some("the docker settings are trusted-registries".into()),
                ))
            }
        }
    }
    Ok(registries)
}

pub(super) fn read_string_list(
    value: &Node,
    name: &str,
    error: &impl Fn(Span, String, Option<String>) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    if value.is_null() {
        return Ok(Vec::new());
    }
    let items: Vec<&Node> = match &value.value {
        yaml::Value::Seq(items) => items.iter().collect(),
        yaml::Value::Scalar(_) => vec![value],
        yaml::Value::Map(_) => {
            return Err(error(
                value.span,
                format!("`{name}` must be a list of glob patterns"),
                None,
            ))
        }
    };
    items
        .into_iter()
        .map(|item| {
            item.as_str().map(str::to_string).ok_or_else(|| {
                error(
                    item.span,
                    format!("each `{name}` entry must be a glob pattern"),
                    None,
                )
            })
        })
        .collect()
}

/// `node-pools:` entries: `{name, labels: {k: v}, taints: [{key, value, effect} | "k=v:Effect"]}`.
pub(super) fn read_node_pools(
    value: &Node,
    file: &SourceFile,
    error: &impl Fn(Span, String, Option<String>) -> ConfigError,
) -> Result<Vec<NodePool>, ConfigError> {
    let example = || {
        Some("for example `node-pools: [{name: gpu, labels: {pool: gpu}, taints: [\"nvidia.com/gpu=true:NoSchedule\"]}]`".to_string())
    };
    if value.is_null() {
        return Ok(Vec::new());
    }
    if !matches!(value.value, yaml::Value::Seq(_)) {
        return Err(error(
            value.span,
            "`node-pools` must be a list of pools".into(),
            example(),
        ));
    }
    let mut pools = Vec::new();
    for item in value.items() {
        let Some(name) = item.get("name").and_then(Node::as_str) else {
            return Err(error(
                item.span,
                "each node pool needs a `name`".into(),
                example(),
            ));
        };
        let mut pool = NodePool::new(
            name,
            Location::new(file, item.get("name").map_or(item.span, |n| n.span)),
        );
        pool.scope = PoolScope::Configured;
        for (key, entry) in item.entries() {
            match key.as_str().unwrap_or_default() {
                "name" => {}
                "labels" => {
                    for (label, label_value) in entry.entries() {
                        let (Some(k), Some(v)) = (label.as_scalar(), label_value.as_scalar())
                        else {
                            return Err(error(
                                label.span,
                                "labels must map names to values".into(),
                                example(),
                            ));
                        };
                        pool.labels.push(PoolLabel {
                            key: k.text.clone(),
                            value: LabelValue::Exactly(v.text.clone()),
                            at: Location::new(file, label.span),
                        });
                    }
                }
                "taints" => {
                    for taint in entry.items() {
                        pool.taints.push(read_taint(taint, file).ok_or_else(|| {
                            error(
                                taint.span,
                                "a taint is `key=value:Effect` or `{key, value, effect}` with effect NoSchedule, PreferNoSchedule or NoExecute".into(),
                                None,
                            )
                        })?);
                    }
                }
                other => {
                    return Err(error(
                        key.span,
                        format!("unknown node pool setting `{other}`"),
                        Some("a node pool has `name`, `labels` and `taints`".into()),
                    ))
                }
            }
        }
        pools.push(pool);
    }
    Ok(pools)
}

fn read_taint(node: &Node, file: &SourceFile) -> Option<Taint> {
    let at = Location::new(file, node.span);
    if let Some(text) = node.as_str() {
        return Taint::parse_spec(text, at);
    }
    let text = |key: &str| node.get(key).and_then(Node::as_str);
    Some(Taint {
        key: text("key")?.to_string(),
        value: text("value").unwrap_or_default().to_string(),
        effect: Effect::parse(text("effect")?)?,
        at,
    })
}
