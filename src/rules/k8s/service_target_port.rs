//! `k8s/service-target-port`: a Service sends traffic to a port its pods do not have.

use crate::declare_rule;
use crate::facts::PortRef;
use crate::facts::{Selector, WorkloadFacts};
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a Service port whose `targetPort` (its `port` when unset) none
    /// of the selected pod templates has: a name no container port carries,
    /// or a number none declares when the selected containers declare their
    /// ports. Only Services that select workloads of the run.
    ///
    /// ### Why is this bad?
    /// A named target that no container declares leaves the Service without
    /// endpoints for that port; a wrong number sends traffic where nothing
    /// listens. Either way, requests fail although every pod is ready.
    ///
    /// ### Example
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   ports:
    ///     - {port: 80, targetPort: http}   # the container names its port `web`
    /// ```
    /// Use instead: the name or number the container declares.
    pub static RULE = {
        id: "k8s/service-target-port",
        severity: Error,
        summary: "a Service sends traffic to a port its pods do not have",
    }
}

fn declares(workload: &WorkloadFacts, target: &PortRef) -> bool {
    workload.ports.iter().any(|p| match target {
        PortRef::Number(n) => p.number == Some(*n),
        PortRef::Name(name) => p.name.as_deref() == Some(name.as_str()),
    })
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    for service in &project.references.services {
        if service.selector.is_empty() {
            continue;
        }
        let selector = Selector {
            labels: service.selector.clone(),
            expressions: Vec::new(),
        };
        let namespace = service.object.namespace();
        let selected: Vec<&WorkloadFacts> = project
            .workloads_matching(&service.object.at.file, namespace, &selector)
            .collect();
        if selected.is_empty() {
            continue;
        }
        for port in &service.ports {
            let Some(target) = &port.target else {
                continue;
            };
            // A number need not be declared: judge it only when every
            // selected pod template declares its ports.
            let judged = match target {
                PortRef::Name(_) => true,
                PortRef::Number(_) => selected.iter().all(|w| !w.ports.is_empty()),
            };
            if !judged || selected.iter().any(|w| declares(w, target)) {
                continue;
            }
            sink.report(
                &RULE,
                &service.object,
                &port.target_at,
                format!(
                    "no container of the {} selected pod template(s) has port {}: traffic to it fails",
                    selected.len(),
                    target.describe()
                ),
                "use the name or number of a port the container declares under `ports`",
                Vec::new(),
            );
        }
    }
}
