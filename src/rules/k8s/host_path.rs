//! `k8s/host-path`: a pod mounts a folder of the node.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::model::pod_security::is_runtime_socket;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports each `hostPath` volume of a pod. A container runtime's socket
    /// (`docker.sock`, `containerd.sock`, `crio.sock`), `/`, and the node's
    /// `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/root`, `/home`, `/var/run`
    /// (`/run`), `/var/lib/kubelet`, `/var/lib/docker` and
    /// `/var/lib/containerd` (or a folder inside them) are reported at the
    /// rule's severity; any other folder one level below it when a container
    /// mounts it writable, two levels below (`info`) when every container
    /// that mounts it has `readOnly: true`.
    ///
    /// ### Why is this bad?
    /// The runtime's socket starts privileged containers on the node; `/etc`,
    /// `/root` and the kubelet's folder hold the node's credentials; `/proc`
    /// and `/sys` reach the kernel. Any host folder ties the pod to a node and
    /// lets it read or leave files the next pod on that node sees.
    ///
    /// ### Example
    /// ```yaml
    /// volumes:
    ///   - name: docker
    ///     hostPath:
    ///       path: /var/run/docker.sock
    /// ```
    /// Use instead: build images with a rootless builder (BuildKit,
    /// kaniko) and keep files in `emptyDir` or a PersistentVolumeClaim.
    /// ```yaml
    /// volumes:
    ///   - name: cache
    ///     emptyDir: {}
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "HostPath Volumes".
    pub static RULE = {
        id: "k8s/host-path",
        severity: Error,
        summary: "a pod mounts a folder of the node",
        covers: ["kube-linter: sensitive-host-mounts", "kube-linter: docker-sock", "kube-linter: writable-host-mount", "checkov: CKV_K8S_27"],
        standards: ["pss-baseline: HostPath Volumes", "cis-k8s: 5.2.12", "nsa"],
    }
}

/// Folders of the node whose files are its credentials, its kernel, or its
/// container runtime.
const SENSITIVE: &[&str] = &[
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/home",
    "/var/run",
    "/run",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/lib/containerd",
];

fn is_sensitive(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path.is_empty()
        || is_runtime_socket(path)
        || SENSITIVE.iter().any(|folder| {
            path.strip_prefix(folder)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// Whether any container mounts the volume `name` without `readOnly: true`.
fn mounted_writable(workload: &Workload, name: &str) -> bool {
    workload.containers().any(|container| {
        container
            .node
            .get("volumeMounts")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter(|m| m.get("name").and_then(Node::as_str) == Some(name))
            .any(|m| m.get("readOnly").and_then(Node::as_bool) != Some(true))
    })
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    let volumes = workload
        .pod_spec
        .get("volumes")
        .map(Node::items)
        .unwrap_or_default();
    for volume in volumes {
        let Some(path_node) = volume.path(&["hostPath", "path"]) else {
            continue;
        };
        let Some(path) = path_node.as_str().filter(|p| !p.is_empty()) else {
            continue;
        };
        let name = volume
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or_default();
        let help = "keep the files in an emptyDir, ConfigMap, Secret or PersistentVolumeClaim; if the pod must reach the node, run it on nodes of its own";
        if is_sensitive(path) {
            sink.report(
                &RULE,
                path_node.span,
                format!("volume \"{name}\" mounts the node's `{path}`: whoever runs in the pod can take over the node"),
                help,
            );
        } else if mounted_writable(workload, name) {
            sink.report_milder(
                &RULE,
                1,
                path_node.span,
                format!("volume \"{name}\" mounts the node's `{path}` writable: files left there reach the next pod on the node"),
                "mount it with `readOnly: true` if the pod only reads it, or use a volume of the pod's own",
            );
        } else {
            sink.report_milder(
                &RULE,
                2,
                path_node.span,
                format!("volume \"{name}\" mounts the node's `{path}` read-only: the pod is tied to what that node holds"),
                help,
            );
        }
    }
}
