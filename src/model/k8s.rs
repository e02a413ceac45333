//! Kubernetes objects and pod templates as views over a YAML tree.

use crate::parse::yaml::Node;
use crate::source::Span;
use crate::suppress::{IgnoreList, IGNORE_ANNOTATION};

/// Kinds that are not namespaced: their object id is `Kind/name`.
const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "Node",
    "PersistentVolume",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "RuntimeClass",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "APIService",
    "CSIDriver",
    "VolumeAttachment",
    "NodePool",
    "EC2NodeClass",
];

/// Any YAML document with `apiVersion` and `kind`.
#[derive(Debug)]
pub struct Object<'a> {
    pub node: &'a Node,
    pub kind: &'a str,
    pub api_version: &'a str,
    pub name: &'a str,
    pub namespace: &'a str,
    /// `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds.
    pub id: String,
}

impl<'a> Object<'a> {
    pub fn from_node(node: &'a Node) -> Option<Object<'a>> {
        let kind = node.get("kind")?.as_str()?;
        let api_version = node.get("apiVersion")?.as_str()?;
        let metadata = node.get("metadata");
        let name = metadata
            .and_then(|m| m.get("name").or_else(|| m.get("generateName")))
            .and_then(Node::as_str)
            .unwrap_or("<unnamed>");
        let namespace = metadata
            .and_then(|m| m.get("namespace"))
            .and_then(Node::as_str)
            .unwrap_or("default");
        let id = if CLUSTER_SCOPED.contains(&kind) {
            format!("{kind}/{name}")
        } else {
            format!("{kind}/{namespace}/{name}")
        };
        Some(Object {
            node,
            kind,
            api_version,
            name,
            namespace,
            id,
        })
    }

    /// The objects of one document: the document itself, or the items of a `List`.
    pub fn all_in(document: &'a Node) -> Vec<Object<'a>> {
        let Some(object) = Object::from_node(document) else {
            return Vec::new();
        };
        if object.kind == "List" || object.kind.ends_with("List") {
            if let Some(items) = document.get("items") {
                return items.items().iter().filter_map(Object::from_node).collect();
            }
        }
        vec![object]
    }

    /// Rules silenced by the `deploylint.dev/ignore` annotation.
    pub fn ignored_rules(&self) -> IgnoreList {
        self.node
            .path(&["metadata", "annotations", IGNORE_ANNOTATION])
            .and_then(Node::as_str)
            .map(IgnoreList::parse)
            .unwrap_or_default()
    }

    /// Where to point when a finding concerns the object as a whole.
    pub fn anchor(&self) -> Span {
        self.node
            .path(&["metadata", "name"])
            .or_else(|| self.node.get("kind"))
            .map(|n| n.span)
            .unwrap_or(self.node.span)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    App,
    Init,
    Ephemeral,
}

/// A container of a pod template.
#[derive(Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub name: &'a str,
    pub kind: ContainerKind,
}

impl<'a> Container<'a> {
    pub fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// The container's `name` value, where findings about it point.
    pub fn anchor(&self) -> Span {
        self.node
            .get("name")
            .map(|n| n.span)
            .unwrap_or(self.node.span)
    }

    /// A `securityContext` field as the container sees it: its own setting,
    /// else the pod's. Returns the node that decided it.
    pub fn effective_security_setting(
        &self,
        workload: &Workload<'a>,
        field: &str,
    ) -> Option<&'a Node> {
        let own = self.security_context().and_then(|sc| sc.get(field));
        own.filter(|n| !n.is_null()).or_else(|| {
            workload
                .pod_security_context()
                .and_then(|sc| sc.get(field))
                .filter(|n| !n.is_null())
        })
    }

    /// `init container "migrate"` or `container "app"`, for messages.
    pub fn describe(&self) -> String {
        match self.kind {
            ContainerKind::App => format!("container \"{}\"", self.name),
            ContainerKind::Init => format!("init container \"{}\"", self.name),
            ContainerKind::Ephemeral => format!("ephemeral container \"{}\"", self.name),
        }
    }
}

/// An object that runs pods: its pod spec and whether its pods are meant to keep running.
#[derive(Debug)]
pub struct Workload<'a> {
    pub object: &'a Object<'a>,
    pub pod_spec: &'a Node,
    /// Deployments and friends; not Jobs, CronJobs or run-to-completion Pods.
    pub long_running: bool,
}

impl<'a> Workload<'a> {
    pub fn from_object(object: &'a Object<'a>) -> Option<Workload<'a>> {
        let node = object.node;
        let (pod_spec, long_running) = match object.kind {
            "Pod" => {
                let spec = node.get("spec")?;
                let restart = spec.get("restartPolicy").and_then(Node::as_str);
                (spec, !matches!(restart, Some("Never" | "OnFailure")))
            }
            "CronJob" => (
                node.path(&["spec", "jobTemplate", "spec", "template", "spec"])?,
                false,
            ),
            "Job" => (node.path(&["spec", "template", "spec"])?, false),
            // Kubernetes' own workload kinds: a pod template even before its
            // containers are written (a patch may set only `hostIPC`).
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" => {
                (node.path(&["spec", "template", "spec"])?, true)
            }
            // Other kinds (an Argo Rollout) show a pod template by its containers.
            _ => {
                let spec = node.path(&["spec", "template", "spec"])?;
                spec.get("containers")?;
                (spec, true)
            }
        };
        pod_spec.is_map().then_some(Workload {
            object,
            pod_spec,
            long_running,
        })
    }

    pub fn pod_security_context(&self) -> Option<&'a Node> {
        self.pod_spec.get("securityContext")
    }

    /// The annotations of the pods it makes: the Pod's own, else its
    /// template's (`spec.template.metadata.annotations`).
    pub fn pod_annotations(&self) -> Option<&'a Node> {
        let node = self.object.node;
        let metadata = match self.object.kind {
            "Pod" => node.get("metadata"),
            "CronJob" => node.path(&["spec", "jobTemplate", "spec", "template", "metadata"]),
            _ => node.path(&["spec", "template", "metadata"]),
        };
        metadata.and_then(|m| m.get("annotations"))
    }

    /// Whether its pods run on Windows (`spec.os.name: windows`), which the
    /// Linux-only controls of the Pod Security Standards exempt.
    pub fn is_windows(&self) -> bool {
        self.pod_spec
            .path(&["os", "name"])
            .and_then(Node::as_str)
            .is_some_and(|os| os.eq_ignore_ascii_case("windows"))
    }

    /// Init, app and ephemeral containers, in that order.
    pub fn containers(&self) -> impl Iterator<Item = Container<'a>> + '_ {
        [
            ("initContainers", ContainerKind::Init),
            ("containers", ContainerKind::App),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ]
        .into_iter()
        .flat_map(move |(field, kind)| {
            self.pod_spec
                .get(field)
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .filter(|c| c.is_map())
                .map(move |node| Container {
                    node,
                    name: node
                        .get("name")
                        .and_then(Node::as_str)
                        .unwrap_or("<unnamed>"),
                    kind,
                })
        })
    }

    /// Containers that run for the pod's lifetime and take resources: not ephemeral debug containers.
    pub fn scheduled_containers(&self) -> impl Iterator<Item = Container<'a>> + '_ {
        self.containers()
            .filter(|c| c.kind != ContainerKind::Ephemeral)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;
    use crate::source::SourceFile;

    fn with_workload(text: &str, check: impl FnOnce(&Workload)) {
        let stream = yaml::parse(&SourceFile::new("t.yaml", text));
        let objects = Object::all_in(&stream.documents[0]);
        let workload = Workload::from_object(&objects[0]).expect("a workload");
        check(&workload);
    }

    #[test]
    fn cronjobs_reach_their_pod_template() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: run, image: x}]\n";
        with_workload(text, |w| {
            assert!(!w.long_running);
            assert_eq!(w.object.id, "CronJob/default/nightly");
            assert_eq!(w.containers().next().unwrap().name, "run");
        });
    }

    #[test]
    fn custom_kinds_with_a_pod_template_are_workloads() {
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: app}]\n";
        with_workload(text, |w| assert!(w.long_running));
    }

    #[test]
    fn list_items_are_objects() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: n1}}\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n";
        let stream = yaml::parse(&SourceFile::new("t.yaml", text));
        let ids: Vec<_> = Object::all_in(&stream.documents[0])
            .into_iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(ids, ["Node/n1", "Service/default/s"]);
    }
}
