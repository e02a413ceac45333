//! What the RBAC rules share: the rules of a Role or ClusterRole, read as
//! the API server reads them.

use crate::model::k8s::Object;
use crate::parse::yaml::Node;

/// One entry of a Role's `rules`: its API groups, resources and verbs.
pub struct PolicyRule<'a> {
    pub node: &'a Node,
    pub api_groups: Vec<&'a Node>,
    pub resources: Vec<&'a Node>,
    pub verbs: Vec<&'a Node>,
}

impl<'a> PolicyRule<'a> {
    /// The verb, resource or group written as `*`, or as `text`.
    pub fn names(list: &[&'a Node], text: &str) -> Option<&'a Node> {
        list.iter()
            .copied()
            .find(|n| n.as_str().is_some_and(|s| s == text))
    }

    /// Whether the rule reaches the core API group (`""`) or every group.
    pub fn in_group(&self, group: &str) -> bool {
        self.api_groups
            .iter()
            .any(|g| matches!(g.as_str(), Some(s) if s == group || s == "*"))
    }

    /// The first of `verbs` the rule grants, written by name or as `*`.
    pub fn grants(&self, verbs: &[&str]) -> Option<&'a Node> {
        self.verbs
            .iter()
            .copied()
            .find(|v| v.as_str().is_some_and(|s| s == "*" || verbs.contains(&s)))
    }

    /// The resource node naming `resource` explicitly.
    pub fn names_resource(&self, resource: &str) -> Option<&'a Node> {
        Self::names(&self.resources, resource)
    }
}

/// The rules of a Role or ClusterRole; none for an aggregated ClusterRole,
/// whose rules the controller fills in from others.
pub fn policy_rules<'a>(object: &Object<'a>) -> Vec<PolicyRule<'a>> {
    if !matches!(object.kind, "Role" | "ClusterRole")
        || object.node.get("aggregationRule").is_some()
    {
        return Vec::new();
    }
    let list = |rule: &'a Node, key: &str| -> Vec<&'a Node> {
        rule.get(key)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .collect()
    };
    object
        .node
        .get("rules")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .map(|rule| PolicyRule {
            node: rule,
            api_groups: list(rule, "apiGroups"),
            resources: list(rule, "resources"),
            verbs: list(rule, "verbs"),
        })
        .collect()
}

/// `ClusterRole "reader"` or `Role "shop/reader"`, for messages.
pub fn describe(object: &Object) -> String {
    match object.kind {
        "ClusterRole" | "ClusterRoleBinding" => format!("{} \"{}\"", object.kind, object.name),
        _ => format!("{} \"{}/{}\"", object.kind, object.namespace, object.name),
    }
}
