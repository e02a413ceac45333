//! `k8s/sysctls`: a pod sets a kernel parameter outside the safe set.

use crate::declare_rule;
use crate::model::k8s::Workload;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports each `securityContext.sysctls` entry of a pod whose name is
    /// not in the Pod Security Standards' safe set: `kernel.shm_rmid_forced`,
    /// `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`,
    /// `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`,
    /// `net.ipv4.ip_local_reserved_ports`, `net.ipv4.tcp_keepalive_time`,
    /// `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`,
    /// `net.ipv4.tcp_keepalive_probes`.
    ///
    /// ### Why is this bad?
    /// Other parameters are not isolated per pod: they change the node's
    /// kernel for every pod on it, or the kubelet refuses the pod unless the
    /// node allows them.
    ///
    /// ### Example
    /// ```yaml
    /// securityContext:
    ///   sysctls:
    ///     - name: kernel.msgmax
    ///       value: "65536"
    /// ```
    /// Use instead: a safe parameter, or tune the nodes themselves.
    /// ```yaml
    /// securityContext:
    ///   sysctls:
    ///     - name: net.ipv4.ip_local_port_range
    ///       value: "1024 65535"
    /// ```
    ///
    /// ### References
    /// Pod Security Standards, baseline, "Sysctls".
    pub static RULE = {
        id: "k8s/sysctls",
        severity: Error,
        summary: "a pod sets a kernel parameter outside the safe set",
        covers: ["kube-linter: unsafe-sysctls"],
        standards: ["pss-baseline: Sysctls"],
    }
}

const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

pub fn check(workload: &Workload, sink: &mut Sink) {
    let sysctls = workload
        .pod_security_context()
        .and_then(|sc| sc.get("sysctls"))
        .map(Node::items)
        .unwrap_or_default();
    for sysctl in sysctls {
        let Some(name) = sysctl.get("name") else {
            continue;
        };
        let Some(text) = name.as_str() else {
            continue;
        };
        // The kernel accepts `/` as well as `.` between the parts.
        if SAFE.contains(&text.replace('/', ".").as_str()) {
            continue;
        }
        sink.report(
            &RULE,
            name.span,
            format!("the pod sets `{text}`, which is not isolated per pod: it changes or needs the node's kernel"),
            "remove it and tune the nodes themselves (a node pool of their own), or use a parameter of the safe set",
        );
    }
}
