//! `k8s/missing-service-account`: a pod names a service account the run does not define.

use std::collections::{HashMap, HashSet};

use crate::declare_rule;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a workload whose `serviceAccountName` names a ServiceAccount
    /// that its namespace does not define, when the objects deployed with it
    /// define ServiceAccounts in that namespace (otherwise they are made
    /// elsewhere, which is normal). `default` always exists.
    ///
    /// ### Why is this bad?
    /// The pods are never created: the API refuses them until the account
    /// exists (`error looking up service account`), and the rollout hangs.
    ///
    /// ### Example
    /// ```yaml
    /// kind: ServiceAccount
    /// metadata: {name: web, namespace: shop}
    /// ---
    /// kind: Deployment
    /// spec:
    ///   template:
    ///     spec:
    ///       serviceAccountName: web-sa
    /// ```
    /// Use instead: the name of the account defined (`web`).
    pub static RULE = {
        id: "k8s/missing-service-account",
        severity: Error,
        summary: "a pod names a service account the run does not define",
        covers: ["kube-linter: non-existent-service-account"],
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    let accounts = &project.references.service_accounts;
    if project.partial || accounts.is_empty() {
        return;
    }
    let mut by_name: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for account in accounts {
        by_name
            .entry((account.namespace(), account.name()))
            .or_default()
            .push(&account.at.file);
    }
    let namespaces: HashSet<&str> = accounts.iter().map(|a| a.namespace()).collect();
    for workload in &project.workloads {
        let Some(named) = &workload.service_account else {
            continue;
        };
        let (name, at) = (&named.0, &named.1);
        let namespace = workload.object.namespace();
        if name == "default" || !namespaces.contains(namespace) {
            continue;
        }
        let defined = by_name
            .get(&(namespace, name.as_str()))
            .is_some_and(|files| {
                files
                    .iter()
                    .any(|f| project.together(f, &workload.object.at.file))
            });
        if defined {
            continue;
        }
        sink.report(
            &RULE,
            &workload.object,
            at,
            format!("service account `{name}` is not defined in namespace `{namespace}`: the pods are refused until it is"),
            "name a ServiceAccount that the namespace defines, or define this one",
            Vec::new(),
        );
    }
}
