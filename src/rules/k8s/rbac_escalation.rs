//! `k8s/rbac-escalation`: a role can grant itself more.

use super::rbac::{describe, policy_rules, PolicyRule};
use crate::declare_rule;
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports Role and ClusterRole rules that let their subjects gain more
    /// than they are given: `create` on `pods` (a pod can run as any service
    /// account of its namespace and mount its Secrets), `create` on
    /// `pods/exec` or `pods/attach` (commands inside other pods), the
    /// `escalate`, `bind` and `impersonate` verbs, and writing `roles`,
    /// `clusterroles`, `rolebindings` or `clusterrolebindings`. Rules that
    /// grant `*` on every resource are `k8s/rbac-wildcard`'s.
    ///
    /// ### Why is this bad?
    /// Each is a known path from a narrow role to the permissions of others,
    /// and often to `cluster-admin`.
    ///
    /// ### Example
    /// ```yaml
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods/exec"]
    ///     verbs: ["create"]
    /// ```
    /// Use instead: grant what the task needs (read logs, scale a
    /// Deployment) and run one-off commands through a reviewed Job.
    /// ```yaml
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods/log"]
    ///     verbs: ["get"]
    /// ```
    ///
    /// ### References
    /// CIS Kubernetes Benchmark 5.1.4 and 5.1.8.
    pub static RULE = {
        id: "k8s/rbac-escalation",
        severity: Warning,
        summary: "a role can grant itself more",
        covers: ["kube-linter: access-to-create-pods", "checkov: CKV_K8S_157", "checkov: CKV_K8S_158", "checkov: CKV2_K8S_2", "checkov: CKV2_K8S_3"],
        standards: ["cis-k8s: 5.1.4", "cis-k8s: 5.1.8"],
    }
}

const WRITE: &[&str] = &["create", "update", "patch", "delete", "deletecollection"];
const RBAC_OBJECTS: &[&str] = &[
    "roles",
    "clusterroles",
    "rolebindings",
    "clusterrolebindings",
];

/// What a rule lets its subjects do beyond it, and where that is written.
fn escalations<'a>(rule: &PolicyRule<'a>) -> Vec<(&'a Node, String)> {
    let mut found = Vec::new();
    for verb in ["escalate", "bind", "impersonate"] {
        if let Some(node) = PolicyRule::names(&rule.verbs, verb) {
            found.push((node, format!("the `{verb}` verb")));
        }
    }
    if rule.in_group("") {
        if let (Some(pods), Some(_)) = (rule.names_resource("pods"), rule.grants(&["create"])) {
            found.push((
                pods,
                "creating pods, which run as any service account of the namespace".into(),
            ));
        }
        for sub in ["pods/exec", "pods/attach"] {
            if let (Some(node), Some(_)) =
                (rule.names_resource(sub), rule.grants(&["create", "get"]))
            {
                found.push((node, format!("`{sub}`, which runs commands in other pods")));
            }
        }
    }
    if rule.in_group("rbac.authorization.k8s.io") {
        if let Some(verb) = rule.grants(WRITE) {
            for resource in RBAC_OBJECTS {
                if let Some(node) = rule.names_resource(resource) {
                    let verb = verb.as_str().unwrap_or_default();
                    found.push((node, format!("`{verb}` on {resource}")));
                }
            }
        }
    }
    found
}

pub fn check(object: &Object, sink: &mut Sink) {
    for rule in policy_rules(object) {
        for (node, what) in escalations(&rule) {
            sink.report(
                &RULE,
                node.span,
                format!(
                    "{} grants {what}: its subjects can gain permissions they were not given",
                    describe(object)
                ),
                "grant only what the task needs; keep these permissions to cluster administrators",
            );
        }
    }
}
