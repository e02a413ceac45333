//! Views over parsed trees that rules share.

pub mod docker;
pub mod image;
pub mod k8s;
pub mod pod_security;
pub mod quantity;
pub mod secrets;

use crate::parse::yaml::Node;

/// What a YAML file is, beyond Kubernetes manifests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlRole {
    /// Manifests or any other YAML.
    Plain,
    /// A Helm chart's `values*.yaml`.
    HelmValues,
    /// A docker-compose file, by its name.
    Compose,
}

/// One document of a YAML stream.
#[derive(Debug)]
pub struct YamlDocument<'a> {
    pub node: &'a Node,
    pub role: YamlRole,
    /// True when the document is a Kubernetes object (it has `apiVersion` and `kind`).
    pub is_object: bool,
}

impl YamlDocument<'_> {
    /// A compose file by name, or by shape: a top-level `services` map whose
    /// entries have an `image` or a `build`.
    pub fn is_compose(&self) -> bool {
        if self.is_object {
            return false;
        }
        self.role == YamlRole::Compose
            || self.node.get("services").is_some_and(|services| {
                !services.entries().is_empty()
                    && services
                        .entries()
                        .iter()
                        .all(|(_, s)| s.get("image").is_some() || s.get("build").is_some())
            })
    }
}
