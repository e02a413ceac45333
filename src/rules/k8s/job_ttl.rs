//! `k8s/job-ttl`: a finished Job is never cleaned up.

use crate::declare_rule;
use crate::model::k8s::Object;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a Job without `spec.ttlSecondsAfterFinished`. Jobs of a
    /// CronJob are not judged: the CronJob's history limits clean them up.
    ///
    /// ### Why is this bad?
    /// A finished Job and its pods stay in the cluster until someone deletes
    /// them; the next `kubectl apply` of the same Job fails because its
    /// template is immutable.
    ///
    /// ### Example
    /// ```yaml
    /// kind: Job
    /// spec:
    ///   template: ...
    /// ```
    /// Use instead:
    /// ```yaml
    /// kind: Job
    /// spec:
    ///   ttlSecondsAfterFinished: 86400
    ///   template: ...
    /// ```
    pub static RULE = {
        id: "k8s/job-ttl",
        severity: Info,
        summary: "a finished Job is never cleaned up",
        covers: ["kube-linter: job-ttl-seconds-after-finished"],
    }
}

pub fn check(object: &Object, sink: &mut Sink) {
    if object.kind != "Job" {
        return;
    }
    let Some(spec) = object.node.get("spec") else {
        return;
    };
    if spec.get("ttlSecondsAfterFinished").is_some() {
        return;
    }
    sink.report(
        &RULE,
        object.anchor(),
        "the Job and its pods stay in the cluster after it finishes",
        "set `spec.ttlSecondsAfterFinished` (86400 keeps it a day for its logs)",
    );
}
