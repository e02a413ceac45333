//! `k8s/selector-mismatch`: a workload's selector does not match its own pods.

use crate::declare_rule;
use crate::facts::yaml::{selector, string_map};
use crate::model::k8s::Object;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a Deployment, StatefulSet, DaemonSet or ReplicaSet whose
    /// `spec.selector` (`matchLabels` and `matchExpressions`) does not match
    /// the labels of its own `spec.template`.
    ///
    /// ### Why is this bad?
    /// The API server rejects it (`selector does not match template
    /// labels`): the change fails at `kubectl apply`, often halfway through
    /// a release.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: frontend}
    /// ```
    /// Use instead: the same labels in both.
    pub static RULE = {
        id: "k8s/selector-mismatch",
        severity: Error,
        summary: "a workload's selector does not match its own pods",
        covers: ["kube-linter: mismatching-selector"],
    }
}

pub fn check(object: &Object, sink: &mut Sink) {
    if !matches!(
        object.kind,
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet"
    ) {
        return;
    }
    let Some(selector_node) = object.node.path(&["spec", "selector"]) else {
        return;
    };
    let Some(labels) = object
        .node
        .path(&["spec", "template", "metadata", "labels"])
    else {
        return;
    };
    // Templated values are filled in later; they cannot be compared here.
    let text = |n: &crate::parse::yaml::Node| n.to_json().to_string();
    if text(selector_node).contains("{{") || text(labels).contains("{{") {
        return;
    }
    let wanted = selector(selector_node);
    let have = string_map(labels);
    if wanted.is_empty() || wanted.matches(&have) {
        return;
    }
    // Point at the first label the pods lack, else at the expressions.
    let missing = selector_node
        .get("matchLabels")
        .map(crate::parse::yaml::Node::entries)
        .unwrap_or_default()
        .iter()
        .find(|(k, v)| {
            let pair = (k.as_str(), v.as_str());
            !have.iter().any(|(hk, hv)| pair == (Some(hk), Some(hv)))
        })
        .map(|(_, v)| v);
    let at = missing
        .or_else(|| selector_node.get("matchExpressions"))
        .unwrap_or(selector_node);
    sink.report(
        &RULE,
        at.span,
        format!(
            "the selector does not match the {}'s own pod template labels: the API server rejects it",
            object.kind
        ),
        "make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels`",
    );
}
