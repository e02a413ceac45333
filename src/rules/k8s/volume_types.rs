//! `k8s/volume-types`: a pod uses a volume type the restricted standard forbids.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports each volume of a pod whose type is not one the restricted Pod
    /// Security Standard allows: `configMap`, `csi`, `downwardAPI`,
    /// `emptyDir`, `ephemeral`, `persistentVolumeClaim`, `projected`,
    /// `secret`. `hostPath` volumes are `k8s/host-path`'s.
    ///
    /// ### Why is this bad?
    /// Volume types such as `nfs`, `iscsi`, `rbd` or `gitRepo` are mounted by
    /// the node for the pod, with the node's credentials and privileges; the
    /// allowed ones go through the API's storage abstractions.
    ///
    /// ### Example
    /// ```yaml
    /// volumes:
    ///   - name: shared
    ///     nfs: {server: nfs.internal, path: /exports/shared}
    /// ```
    /// Use instead: a PersistentVolume for the NFS export, claimed by the pod.
    /// ```yaml
    /// volumes:
    ///   - name: shared
    ///     persistentVolumeClaim: {claimName: shared}
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, restricted, "Volume Types".
    pub static RULE = {
        id: "k8s/volume-types",
        severity: Info,
        summary: "a pod uses a volume type the restricted standard forbids",
        standards: ["pss-restricted: Volume Types"],
    }
}

const ALLOWED: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

pub fn check(workload: &Workload, sink: &mut Sink) {
    let volumes = workload
        .pod_spec
        .get("volumes")
        .map(Node::items)
        .unwrap_or_default();
    for volume in volumes {
        let name = volume
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or_default();
        for (key, _) in volume.entries() {
            let Some(kind) = key.as_str() else {
                continue;
            };
            if kind == "name" || kind == "hostPath" || ALLOWED.contains(&kind) {
                continue;
            }
            sink.report(
                &RULE,
                key.span,
                format!("volume \"{name}\" is a `{kind}` volume, which the node mounts with its own credentials"),
                "use a PersistentVolumeClaim (or CSI) for storage, and configMap, secret, projected or emptyDir for files",
            );
        }
    }
}
