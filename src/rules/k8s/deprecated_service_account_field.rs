//! `k8s/deprecated-service-account-field`: a pod names its service account with the deprecated field.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `serviceAccount:` in a pod spec, the deprecated alias of
    /// `serviceAccountName:`.
    ///
    /// ### Why is this bad?
    /// The field is deprecated since Kubernetes 1.0 and kept only for old
    /// clients; when both are written and differ, which one applies depends
    /// on the client and the API version.
    ///
    /// ### Example
    /// ```yaml
    /// spec:
    ///   serviceAccount: web
    /// ```
    /// Use instead:
    /// ```yaml
    /// spec:
    ///   serviceAccountName: web
    /// ```
    pub static RULE = {
        id: "k8s/deprecated-service-account-field",
        severity: Warning,
        summary: "a pod names its service account with the deprecated field",
        covers: ["kube-linter: deprecated-service-account-field"],
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let Some((key, value)) = workload.pod_spec.entry("serviceAccount") else {
        return;
    };
    let name = value.as_str().unwrap_or_default();
    sink.report(
        &RULE,
        key.span,
        "`serviceAccount` is the deprecated alias of `serviceAccountName`",
        format!("write `serviceAccountName: {name}` instead"),
    );
}
