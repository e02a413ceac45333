//! Facts for the rules that follow references between objects, read from
//! Kubernetes YAML: the ServiceAccounts a run defines, every Service with
//! its ports, the Services Ingresses route to, and the pods NetworkPolicies
//! select. What a workload names (its service account, its container
//! ports) is on its [`WorkloadFacts`](crate::facts::WorkloadFacts).

use crate::facts::yaml::{selector, string_map};
use crate::facts::{
    Backend, ConfigObject, ConfigRef, ConfigRefs, IngressFacts, Location, NetworkPolicyFacts,
    ObjectRef, PortRef, References, ServicePort, ServicePorts,
};
use crate::model::k8s::{Object, Workload};
use crate::parse::yaml::Node;
use crate::source::SourceFile;

/// Adds what `object` contributes, if it is one of the kinds above.
/// `workload` is the object's pod-template view, when it has one.
pub fn collect(
    object: &Object,
    workload: Option<&Workload>,
    file: &SourceFile,
    references: &mut References,
) {
    let object_ref = || ObjectRef::new(object, Location::new(file, object.anchor()));
    match object.kind {
        "ServiceAccount" => references.service_accounts.push(Box::new(object_ref())),
        "Service" => references
            .services
            .push(Box::new(service_ports(object, object_ref(), file))),
        "Ingress" => references.ingresses.push(Box::new(IngressFacts {
            object: object_ref(),
            backends: backends(object.node, file),
        })),
        "NetworkPolicy" => {
            let at = object.node.path(&["spec", "podSelector"]);
            references
                .network_policies
                .push(Box::new(NetworkPolicyFacts {
                    object: object_ref(),
                    pod_selector: at
                        .filter(|s| !s.is_null())
                        .map(selector)
                        .unwrap_or_default(),
                    selector_at: Location::new(file, at.map_or(object.anchor(), |s| s.span)),
                }))
        }
        "ConfigMap" | "Secret" => references.config_objects.push(Box::new(ConfigObject {
            object: object_ref(),
            keys: ["data", "stringData", "binaryData"]
                .iter()
                .filter_map(|field| object.node.get(field))
                .flat_map(|map| map.entries().iter().filter_map(|(k, _)| k.as_str()))
                .map(str::to_string)
                .collect(),
        })),
        _ => {}
    }
    if let Some(workload) = workload {
        let refs = config_refs(workload.pod_spec, file);
        if !refs.is_empty() {
            references.config_refs.push(Box::new(ConfigRefs {
                workload: object_ref(),
                refs,
            }));
        }
    }
}

/// The ConfigMap and Secret keys a pod spec reads by name: `env` values
/// (`configMapKeyRef`, `secretKeyRef`) and volume `items`, plain or
/// projected. References marked `optional: true` may miss on purpose.
fn config_refs(pod_spec: &Node, file: &SourceFile) -> Vec<ConfigRef> {
    let mut refs = Vec::new();
    let mut add = |kind: &'static str, source: &Node, name_field: &str, key: &Node| {
        if source.get("optional").and_then(Node::as_bool) == Some(true) {
            return;
        }
        let (Some(name), Some(text)) =
            (source.get(name_field).and_then(Node::as_str), key.as_str())
        else {
            return;
        };
        refs.push(ConfigRef {
            kind,
            name: name.to_string(),
            key: text.to_string(),
            key_at: Location::new(file, key.span),
        });
    };
    let containers = ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|f| pod_spec.get(f).map(Node::items).unwrap_or_default());
    for env in containers.flat_map(|c| c.get("env").map(Node::items).unwrap_or_default()) {
        for (field, kind) in [("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")] {
            if let Some(source) = env.path(&["valueFrom", field]) {
                if let Some(key) = source.get("key") {
                    add(kind, source, "name", key);
                }
            }
        }
    }
    let volumes = pod_spec.get("volumes").map(Node::items).unwrap_or_default();
    let projected = volumes.iter().flat_map(|v| {
        v.path(&["projected", "sources"])
            .map(Node::items)
            .unwrap_or_default()
    });
    for source in volumes.iter().chain(projected) {
        for (field, kind) in [("configMap", "ConfigMap"), ("secret", "Secret")] {
            let Some(volume) = source.get(field) else {
                continue;
            };
            // A plain secret volume names its Secret `secretName`; the others `name`.
            let name_field = match volume.get("secretName") {
                Some(_) => "secretName",
                None => "name",
            };
            for item in volume.get("items").map(Node::items).unwrap_or_default() {
                if let Some(key) = item.get("key") {
                    add(kind, volume, name_field, key);
                }
            }
        }
    }
    refs
}

fn service_ports(object: &Object, object_ref: ObjectRef, file: &SourceFile) -> ServicePorts {
    let spec = object.node.get("spec");
    let ports = spec
        .and_then(|s| s.get("ports"))
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .map(|port| {
            let target_node = port.get("targetPort").or_else(|| port.get("port"));
            ServicePort {
                name: port.get("name").and_then(Node::as_str).map(str::to_string),
                port: port.get("port").and_then(Node::as_i64),
                target: target_node.and_then(port_ref),
                target_at: Location::new(file, target_node.map_or(port.span, |n| n.span)),
            }
        })
        .collect();
    ServicePorts {
        object: object_ref,
        selector: spec
            .and_then(|s| s.get("selector"))
            .map(string_map)
            .unwrap_or_default(),
        ports,
    }
}

/// The Service backends of an Ingress: `networking.k8s.io/v1`'s
/// `service: {name, port: {number | name}}` and the older
/// `serviceName`/`servicePort`, in the default backend and every path.
fn backends(node: &Node, file: &SourceFile) -> Vec<Backend> {
    let spec = node.get("spec");
    let default = spec.and_then(|s| s.get("defaultBackend").or_else(|| s.get("backend")));
    let paths = spec
        .and_then(|s| s.get("rules"))
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .flat_map(|rule| {
            rule.path(&["http", "paths"])
                .map(Node::items)
                .unwrap_or_default()
        })
        .filter_map(|path| path.get("backend"));
    default
        .into_iter()
        .chain(paths)
        .filter_map(|backend| backend_of(backend, file))
        .collect()
}

fn backend_of(backend: &Node, file: &SourceFile) -> Option<Backend> {
    let (name, port) = match backend.get("service") {
        Some(service) => (
            service.get("name")?,
            service
                .get("port")
                .and_then(|p| p.get("number").or_else(|| p.get("name"))),
        ),
        None => (backend.get("serviceName")?, backend.get("servicePort")),
    };
    let service = name.as_str().filter(|n| !n.contains("{{"))?.to_string();
    Some(Backend {
        service,
        port: port.and_then(port_ref),
        service_at: Location::new(file, name.span),
        port_at: port.map(|p| Location::new(file, p.span)),
    })
}

/// A port by number or name; `None` for a missing, empty or templated value.
fn port_ref(node: &Node) -> Option<PortRef> {
    if let Some(number) = node.as_i64() {
        return Some(PortRef::Number(number));
    }
    let text = node.as_str()?;
    match text.parse() {
        Ok(number) => Some(PortRef::Number(number)),
        Err(_) if !text.is_empty() && !text.contains("{{") && !text.contains("${") => {
            Some(PortRef::Name(text.to_string()))
        }
        Err(_) => None,
    }
}
