//! `k8s/dangling-hpa`: an autoscaler targets a workload the run does not define.

use std::collections::HashMap;

use crate::declare_rule;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a HorizontalPodAutoscaler (or KEDA ScaledObject) whose
    /// `scaleTargetRef` names no workload of that kind and name in its
    /// namespace, among the objects deployed with it. Only when the run
    /// contains workloads and is not partial.
    ///
    /// ### Why is this bad?
    /// The autoscaler scales nothing: the workload it was meant for (renamed,
    /// or its kind changed from Deployment to StatefulSet) runs at its fixed
    /// replica count through every peak.
    ///
    /// ### Example
    /// ```yaml
    /// kind: HorizontalPodAutoscaler
    /// spec:
    ///   scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web-frontend}
    /// ```
    /// Use instead: the target's kind and name exactly.
    pub static RULE = {
        id: "k8s/dangling-hpa",
        severity: Warning,
        summary: "an autoscaler targets a workload the run does not define",
        covers: ["kube-linter: dangling-horizontalpodautoscaler"],
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    if project.partial || project.workloads.is_empty() {
        return;
    }
    // The workloads by (namespace, kind, name): one lookup per autoscaler.
    let mut by_target: HashMap<(&str, &str, &str), Vec<&str>> = HashMap::new();
    for workload in &project.workloads {
        let object = &workload.object;
        by_target
            .entry((object.namespace(), object.kind(), object.name()))
            .or_default()
            .push(&object.at.file);
    }
    for hpa in &project.hpas {
        if hpa.target_name.is_empty() || hpa.target_name.contains("{{") {
            continue;
        }
        let target = (
            hpa.namespace.as_str(),
            hpa.target_kind.as_str(),
            hpa.target_name.as_str(),
        );
        let found = by_target
            .get(&target)
            .is_some_and(|files| files.iter().any(|f| project.together(&hpa.at.file, f)));
        if found {
            continue;
        }
        sink.report(
            &RULE,
            &hpa.object,
            &hpa.at,
            format!(
                "it scales {} `{}`, which namespace `{}` does not define: nothing is scaled",
                hpa.target_kind, hpa.target_name, hpa.namespace
            ),
            "make `scaleTargetRef` name the workload's kind and name",
            Vec::new(),
        );
    }
}
