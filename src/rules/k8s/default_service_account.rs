//! `k8s/default-service-account`: a pod runs as its namespace's default service account.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a pod that runs as the `default` service account (it names
    /// none, or names `default`) with its token mounted
    /// (`automountServiceAccountToken` is not `false` on the pod).
    ///
    /// ### Why is this bad?
    /// Every pod of the namespace that names no account shares `default`:
    /// a permission granted to one of them is granted to all, and each holds
    /// a token to the API whether it needs one or not.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: shop/web:2.3.0
    /// ```
    /// Use instead: an account of the workload's own, or no token at all.
    /// ```yaml
    /// spec:
    ///   serviceAccountName: web
    ///   automountServiceAccountToken: false
    /// ```
    ///
    /// ### References
    /// CIS Kubernetes Benchmark 5.1.5.
    pub static RULE = {
        id: "k8s/default-service-account",
        severity: Info,
        summary: "a pod runs as its namespace's default service account",
        covers: ["kube-linter: default-service-account"],
        standards: ["cis-k8s: 5.1.5"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let spec = workload.pod_spec;
    let named = spec
        .get("serviceAccountName")
        .or_else(|| spec.get("serviceAccount"));
    if named
        .and_then(Node::as_str)
        .is_some_and(|name| !name.is_empty() && name != "default")
    {
        return;
    }
    if spec
        .get("automountServiceAccountToken")
        .and_then(Node::as_bool)
        == Some(false)
    {
        return;
    }
    sink.report(
        &RULE,
        named.map_or(workload.object.anchor(), |n| n.span),
        "the pod runs as the namespace's `default` service account, with its token mounted",
        "give the workload a service account of its own (`serviceAccountName`), or set `automountServiceAccountToken: false`",
    );
}
