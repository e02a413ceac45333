//! `k8s/dangling-service`: a Service selects no pods.

use crate::declare_rule;
use crate::facts::Selector;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a Service whose selector matches the pod labels of no
    /// workload in its namespace. Services without a selector (manual
    /// endpoints, ExternalName) are skipped, and the rule runs only when the
    /// run contains workloads.
    /// Skipped with `--partial` (pre-commit's changed files): what is
    /// missing may be in a file that was not given.
    ///
    /// ### Why is this bad?
    /// The Service has no endpoints: every request to it fails, usually
    /// because a label was renamed on one side.
    ///
    /// ### Example
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   selector: {app: checkout-api}   # the pods are labelled app: checkout
    /// ```
    pub static RULE = {
        id: "k8s/dangling-service",
        severity: Warning,
        summary: "a Service selects no pods",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.workloads.is_empty() {
        return;
    }
    for service in &project.services {
        let selector = Selector {
            labels: service.selector.clone(),
            expressions: Vec::new(),
        };
        if project
            .workloads_matching(
                &service.object.at.file,
                service.object.namespace(),
                &selector,
            )
            .next()
            .is_some()
        {
            continue;
        }
        let wanted: Vec<String> = service
            .selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        sink.report(
            &RULE,
            &service.object,
            &service.selector_at,
            format!(
                "no pod template in namespace `{}` has the labels {}: the Service has no endpoints",
                service.object.namespace(),
                wanted.join(", ")
            ),
            "make the selector match the pod template labels of the workload it fronts",
            Vec::new(),
        );
    }
}
