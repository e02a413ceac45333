//! `k8s/dangling-ingress`: an Ingress routes to a Service or port that does not exist.

use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::{Backend, IngressFacts, PortRef, ServicePorts};
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports an Ingress backend whose Service its namespace does not
    /// define, or whose port (by number or name) that Service does not have,
    /// when the objects deployed with it define Services in that namespace.
    ///
    /// ### Why is this bad?
    /// The controller has nowhere to send the traffic: the path answers 503.
    ///
    /// ### Example
    /// ```yaml
    /// backend:
    ///   service:
    ///     name: web
    ///     port: {name: https}   # the Service names its port `http`
    /// ```
    /// Use instead: a Service and a port it has.
    pub static RULE = {
        id: "k8s/dangling-ingress",
        severity: Error,
        summary: "an Ingress routes to a Service or port that does not exist",
        covers: ["kube-linter: dangling-ingress"],
    }
}

fn has_port(service: &ServicePorts, port: &PortRef) -> bool {
    service.ports.iter().any(|p| match port {
        PortRef::Number(n) => p.port == Some(*n),
        PortRef::Name(name) => p.name.as_deref() == Some(name.as_str()),
    })
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    let services = &project.references.services;
    if project.partial || services.is_empty() {
        return;
    }
    let mut by_namespace: HashMap<&str, Vec<&ServicePorts>> = HashMap::new();
    for service in services {
        by_namespace
            .entry(service.object.namespace())
            .or_default()
            .push(service);
    }
    for ingress in &project.references.ingresses {
        let namespace = ingress.object.namespace();
        let in_unit: Vec<&ServicePorts> = by_namespace
            .get(namespace)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|s| project.together(&s.object.at.file, &ingress.object.at.file))
            .collect();
        if in_unit.is_empty() {
            continue;
        }
        for backend in &ingress.backends {
            report_backend(backend, &in_unit, ingress, sink);
        }
    }
}

fn report_backend(
    backend: &Backend,
    services: &[&ServicePorts],
    ingress: &IngressFacts,
    sink: &mut ProjectSink,
) {
    let namespace = ingress.object.namespace();
    let Some(service) = services.iter().find(|s| s.object.name() == backend.service) else {
        sink.report(
            &RULE,
            &ingress.object,
            &backend.service_at,
            format!(
                "Service `{}` is not defined in namespace `{namespace}`: this path answers 503",
                backend.service
            ),
            "route to a Service the namespace defines",
            Vec::new(),
        );
        return;
    };
    let (Some(port), Some(port_at)) = (&backend.port, &backend.port_at) else {
        return;
    };
    if has_port(service, port) {
        return;
    }
    let known: Vec<String> = service
        .ports
        .iter()
        .map(|p| match (&p.name, p.port) {
            (Some(name), Some(n)) => format!("{name} ({n})"),
            (None, Some(n)) => n.to_string(),
            (Some(name), None) => name.clone(),
            (None, None) => "?".into(),
        })
        .collect();
    sink.report(
        &RULE,
        &ingress.object,
        port_at,
        format!(
            "Service `{}` has no port {}: this path answers 503",
            backend.service,
            port.describe()
        ),
        format!("use one of its ports: {}", known.join(", ")),
        Vec::new(),
    );
}
