//! What the Pod Security Standards allow, shared by the Kubernetes and
//! compose rules that implement their controls
//! (<https://kubernetes.io/docs/concepts/security/pod-security-standards/>).

use crate::parse::yaml::Node;

/// Capabilities the baseline level allows a container to add.
const BASELINE_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// A capability's name as the runtime reads it: upper case, without `CAP_`.
fn capability_name(written: &str) -> String {
    let upper = written.trim().to_ascii_uppercase();
    upper.strip_prefix("CAP_").unwrap_or(&upper).to_string()
}

/// A capability a list names (`capabilities.add`, `drop`, compose's
/// `cap_add`): where it is written, as written, and as the runtime reads it.
pub struct Capability<'a> {
    pub node: &'a Node,
    pub written: &'a str,
    pub name: String,
}

impl Capability<'_> {
    /// One the baseline standard allows a container to add.
    pub fn is_baseline(&self) -> bool {
        BASELINE_CAPABILITIES.contains(&self.name.as_str())
    }

    /// One that gives a process power over the node or its neighbours.
    pub fn is_dangerous(&self) -> bool {
        DANGEROUS_CAPABILITIES.contains(&self.name.as_str())
    }
}

/// The capabilities of a list; entries that are not strings are skipped.
pub fn capabilities(list: Option<&Node>) -> impl Iterator<Item = Capability<'_>> {
    list.map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|node| {
            let written = node.as_str()?;
            Some(Capability {
                node,
                written,
                name: capability_name(written),
            })
        })
}

/// Capabilities that give a process power over the node or its neighbours.
const DANGEROUS_CAPABILITIES: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "SYS_RAWIO",
    "BPF",
    "DAC_READ_SEARCH",
];

/// Names of container runtime sockets, wherever they are mounted from.
pub const RUNTIME_SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "dockershim.sock",
    "podman.sock",
];

/// Whether a host path is a container runtime's socket.
pub fn is_runtime_socket(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    RUNTIME_SOCKETS
        .iter()
        .any(|socket| path.rsplit('/').next() == Some(socket))
}
