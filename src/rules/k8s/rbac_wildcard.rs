//! `k8s/rbac-wildcard`: a role grants `*`.

use super::rbac::{describe, policy_rules};
use crate::declare_rule;
use crate::model::k8s::Object;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `*` in the `verbs`, `resources` or `apiGroups` of a Role's or
    /// ClusterRole's rules (aggregated ClusterRoles, whose rules are filled
    /// in by the controller, are not judged).
    ///
    /// ### Why is this bad?
    /// A wildcard grants every verb, resource or group there is, including
    /// those added later by new Kubernetes versions and CRDs: the role grows
    /// without anyone deciding it should.
    ///
    /// ### Example
    /// ```yaml
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["*"]
    ///     verbs: ["*"]
    /// ```
    /// Use instead:
    /// ```yaml
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["deployments"]
    ///     verbs: ["get", "list", "watch", "patch"]
    /// ```
    ///
    /// ### References
    /// CIS Kubernetes Benchmark 5.1.3.
    pub static RULE = {
        id: "k8s/rbac-wildcard",
        severity: Warning,
        summary: "a role grants `*`",
        covers: ["kube-linter: wildcard-in-rules", "checkov: CKV_K8S_49"],
        standards: ["cis-k8s: 5.1.3"],
    }
}

pub fn check(object: &Object, sink: &mut Sink) {
    for rule in policy_rules(object) {
        for (field, list) in [
            ("verbs", &rule.verbs),
            ("resources", &rule.resources),
            ("apiGroups", &rule.api_groups),
        ] {
            if let Some(star) = super::rbac::PolicyRule::names(list, "*") {
                sink.report(
                    &RULE,
                    star.span,
                    format!(
                        "{} grants every one of its {field}, now and later",
                        describe(object)
                    ),
                    format!("list the {field} the subjects need"),
                );
            }
        }
    }
}
