//! `k8s/missing-config-ref`: a pod reads a key its ConfigMap or Secret does not have.

use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::ConfigObject;
use crate::project::Project;
use crate::rules::sink::ProjectSink;

declare_rule! {
    /// ### What it does
    /// Reports a key a pod reads from a ConfigMap or Secret
    /// (`configMapKeyRef`, `secretKeyRef`, or a volume's `items`) when the
    /// objects deployed with it define that ConfigMap or Secret, in the same
    /// namespace, without that key in its `data`, `stringData` or
    /// `binaryData`. A ConfigMap or Secret the run does not define is made
    /// elsewhere (External Secrets, Sealed Secrets, a generator), which is
    /// normal, and is not judged; nor are references marked `optional: true`.
    ///
    /// ### Why is this bad?
    /// The kubelet will not start the container (`couldn't find key ... in
    /// ConfigMap`): the rollout hangs with `CreateContainerConfigError`.
    ///
    /// ### Example
    /// ```yaml
    /// kind: ConfigMap
    /// metadata: {name: web}
    /// data: {LOG_LEVEL: info}
    /// ---
    /// env:
    ///   - name: LOG_LEVEL
    ///     valueFrom:
    ///       configMapKeyRef: {name: web, key: log-level}
    /// ```
    /// Use instead: the key the ConfigMap has (`LOG_LEVEL`).
    pub static RULE = {
        id: "k8s/missing-config-ref",
        severity: Error,
        summary: "a pod reads a key its ConfigMap or Secret does not have",
    }
}

pub fn check(project: &Project, sink: &mut ProjectSink) {
    let references = &project.references;
    if references.config_refs.is_empty() || references.config_objects.is_empty() {
        return;
    }
    let mut defined: HashMap<(&str, &str, &str), Vec<&ConfigObject>> = HashMap::new();
    for config in &references.config_objects {
        let object = &config.object;
        defined
            .entry((object.kind(), object.namespace(), object.name()))
            .or_default()
            .push(config);
    }
    for reader in &references.config_refs {
        let namespace = reader.workload.namespace();
        for wanted in &reader.refs {
            let Some(candidates) = defined.get(&(wanted.kind, namespace, wanted.name.as_str()))
            else {
                continue;
            };
            let Some(config) = candidates
                .iter()
                .find(|c| project.together(&c.object.at.file, &reader.workload.at.file))
            else {
                continue;
            };
            if config.keys.contains(&wanted.key) {
                continue;
            }
            let help = match config.keys.as_slice() {
                [] => format!("the {} defines no keys; add `{}`", wanted.kind, wanted.key),
                keys => format!("use one of its keys: {}", keys.join(", ")),
            };
            sink.report(
                &RULE,
                &reader.workload,
                &wanted.key_at,
                format!(
                    "{} `{}` has no key `{}`: the container will not start",
                    wanted.kind, wanted.name, wanted.key
                ),
                help,
                Vec::new(),
            );
        }
    }
}
