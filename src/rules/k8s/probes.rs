//! Shared by `k8s/liveness-probe` and `k8s/readiness-probe`.

use crate::model::k8s::{ContainerKind, Workload};
use crate::rules::meta::RuleMeta;
use crate::rules::sink::Sink;

/// Reports app containers of long-running workloads that lack `field`.
pub fn check_probe(
    rule: &RuleMeta,
    field: &str,
    consequence: &str,
    workload: &Workload,
    sink: &mut Sink,
) {
    if !workload.long_running {
        return;
    }
    for container in workload.containers() {
        if container.kind != ContainerKind::App {
            continue;
        }
        if container.node.get(field).is_some_and(|p| !p.is_null()) {
            continue;
        }
        sink.report(
            rule,
            container.anchor(),
            format!("{} has no {field}: {consequence}", container.describe()),
            format!("add a `{field}` (httpGet, tcpSocket, grpc or exec) to the container"),
        );
    }
}
