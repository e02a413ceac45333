//! `compose/capabilities`: a compose service adds capabilities beyond the baseline set.

use crate::declare_rule;
use crate::model::pod_security::capabilities;
use crate::model::YamlDocument;
use crate::rules::sink::Sink;

use super::for_each_service;

declare_rule! {
    /// ### What it does
    /// Reports each capability in a compose service's `cap_add` beyond the
    /// set the Pod Security Standards' baseline allows (`AUDIT_WRITE`,
    /// `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`,
    /// `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`,
    /// `SYS_CHROOT`): `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`,
    /// `SYS_MODULE`, `SYS_RAWIO`, `BPF` and `DAC_READ_SEARCH` at the rule's
    /// severity, others one level below, as `k8s/capabilities` does.
    ///
    /// ### Why is this bad?
    /// `SYS_ADMIN` is nearly root on the host; `NET_ADMIN` rewrites its
    /// network; each added capability widens what a compromised service can do.
    ///
    /// ### Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: ops/vpn:2.1.0
    ///     cap_add: [SYS_ADMIN]
    /// ```
    /// Use instead: the narrow capability needed, after dropping the rest.
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: ops/vpn:2.1.0
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    pub static RULE = {
        id: "compose/capabilities",
        severity: Error,
        summary: "a compose service adds capabilities beyond the baseline set",
    }
}

pub fn check(document: &YamlDocument, sink: &mut Sink) {
    for_each_service(document, sink, |name, service, sink| {
        for capability in capabilities(service.get("cap_add")).filter(|c| !c.is_baseline()) {
            let added = &capability.name;
            let help = format!(
                "remove `{}` from `cap_add`, or run the service on a host of its own",
                capability.written
            );
            if capability.is_dangerous() {
                sink.report(
                    &RULE,
                    capability.node.span,
                    format!("service `{name}` adds {added}, which gives it power over the host"),
                    help,
                );
            } else {
                sink.report_milder(
                    &RULE,
                    1,
                    capability.node.span,
                    format!("service `{name}` adds {added}, beyond the baseline set"),
                    help,
                );
            }
        }
    });
}
