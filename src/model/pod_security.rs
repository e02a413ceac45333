//! What the Pod Security Standards allow, shared by the Kubernetes and
//! compose rules that implement their controls
//! (<https://kubernetes.io/docs/concepts/security/pod-security-standards/>).

/// Capabilities the baseline level allows a container to add.
pub const BASELINE_CAPABILITIES: &[&str] = &[
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
pub fn capability_name(written: &str) -> String {
    let upper = written.trim().to_ascii_uppercase();
    upper.strip_prefix("CAP_").unwrap_or(&upper).to_string()
}

/// Capabilities that give a process power over the node or its neighbours.
pub const DANGEROUS_CAPABILITIES: &[&str] = &[
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
