//! What the Pod Security Standards allow, shared by the rules that
//! implement their controls (<https://kubernetes.io/docs/concepts/security/pod-security-standards/>).

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
