//! `k8s/rbac-secrets`: a role reads Secrets.

use super::rbac::{describe, policy_rules};
use crate::declare_rule;
use crate::model::k8s::Object;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a Role or ClusterRole rule that grants `get`, `list` or
    /// `watch` (or `*`) on `secrets` of the core API group. A ClusterRole is
    /// reported at the rule's severity (bound cluster-wide, it reads every
    /// namespace's Secrets), a Role one level below. Roles that grant `*` on
    /// every resource are `k8s/rbac-wildcard`'s.
    ///
    /// ### Why is this bad?
    /// Whoever can read Secrets holds every token, password and key they
    /// store, including service account tokens that act as other workloads;
    /// `list` and `watch` return them all at once.
    ///
    /// ### Example
    /// ```yaml
    /// kind: ClusterRole
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["secrets"]
    ///     verbs: ["get", "list"]
    /// ```
    /// Use instead: read the one Secret needed, by name, in its namespace.
    /// ```yaml
    /// kind: Role
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["secrets"]
    ///     resourceNames: ["app-tls"]
    ///     verbs: ["get"]
    /// ```
    ///
    /// ### References
    /// CIS Kubernetes Benchmark 5.1.2.
    pub static RULE = {
        id: "k8s/rbac-secrets",
        severity: Error,
        summary: "a role reads Secrets",
        covers: ["kube-linter: access-to-secrets", "checkov: CKV2_K8S_5"],
        standards: ["cis-k8s: 5.1.2", "nsa"],
    }
}

pub fn check(object: &Object, sink: &mut Sink) {
    for rule in policy_rules(object) {
        let Some(secrets) = rule.names_resource("secrets") else {
            continue;
        };
        let Some(verb) = rule.grants(&["get", "list", "watch"]) else {
            continue;
        };
        if !rule.in_group("") {
            continue;
        }
        let by_name = rule
            .node
            .get("resourceNames")
            .is_some_and(|n| !n.items().is_empty());
        let verb = match verb.as_str().unwrap_or_default() {
            "*" => "do anything to".to_string(),
            verb => verb.to_string(),
        };
        let message = format!(
            "{} can {verb} Secrets, and with them every credential they hold",
            describe(object)
        );
        let help = "grant `get` on the Secrets needed by name (`resourceNames`), in a Role of their namespace";
        if object.kind == "ClusterRole" && !by_name {
            sink.report(&RULE, secrets.span, message, help);
        } else {
            sink.report_milder(&RULE, 1, secrets.span, message, help);
        }
    }
}
