//! `k8s/rbac-cluster-admin`: a binding grants cluster-admin.

use super::rbac::describe;
use crate::declare_rule;
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a ClusterRoleBinding or RoleBinding to the `cluster-admin`
    /// ClusterRole whose subjects are not all system groups (`system:...`),
    /// naming the subjects.
    ///
    /// ### Why is this bad?
    /// `cluster-admin` may do anything to any object; a service account bound
    /// to it turns any compromise of its pods into a compromise of the cluster.
    ///
    /// ### Example
    /// ```yaml
    /// kind: ClusterRoleBinding
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects:
    ///   - {kind: ServiceAccount, name: deployer, namespace: ci}
    /// ```
    /// Use instead: a ClusterRole with the verbs and resources the deployer
    /// needs, bound in the namespaces it deploys to.
    ///
    /// ### References
    /// CIS Kubernetes Benchmark 5.1.1.
    pub static RULE = {
        id: "k8s/rbac-cluster-admin",
        severity: Error,
        summary: "a binding grants cluster-admin",
        covers: ["kube-linter: cluster-admin-role-binding"],
        standards: ["cis-k8s: 5.1.1", "nsa"],
    }
}

/// `ServiceAccount ci/deployer`, `User alice`, `Group devs`.
fn describe_subject(subject: &Node) -> String {
    let text = |key: &str| subject.get(key).and_then(Node::as_str).unwrap_or_default();
    match subject.get("namespace").and_then(Node::as_str) {
        Some(namespace) => format!("{} {namespace}/{}", text("kind"), text("name")),
        None => format!("{} {}", text("kind"), text("name")),
    }
}

fn is_system_group(subject: &Node) -> bool {
    subject.get("kind").and_then(Node::as_str) == Some("Group")
        && subject
            .get("name")
            .and_then(Node::as_str)
            .is_some_and(|n| n.starts_with("system:"))
}

pub fn check(object: &Object, sink: &mut Sink) {
    if !matches!(object.kind, "ClusterRoleBinding" | "RoleBinding") {
        return;
    }
    let Some(role) = object.node.path(&["roleRef", "name"]) else {
        return;
    };
    let to_cluster_role = object
        .node
        .path(&["roleRef", "kind"])
        .and_then(Node::as_str)
        == Some("ClusterRole");
    if role.as_str() != Some("cluster-admin") || !to_cluster_role {
        return;
    }
    let subjects: Vec<String> = object
        .node
        .get("subjects")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter(|s| !is_system_group(s))
        .map(describe_subject)
        .collect();
    if subjects.is_empty() {
        return;
    }
    sink.report(
        &RULE,
        role.span,
        format!(
            "{} makes {} cluster administrators: they may do anything to any object",
            describe(object),
            subjects.join(", ")
        ),
        "bind a ClusterRole with only the verbs and resources needed, in the namespaces needed",
    );
}
