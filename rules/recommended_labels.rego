# METADATA
# title: Recommended labels
# description: |
#   ### What it does
#   Checks that workloads and Services carry the recommended label
#   `app.kubernetes.io/name` in their metadata.
#
#   ### Why is this bad?
#   Dashboards, cost reports, `kubectl get -l` and network policies group
#   objects by the recommended labels; an object without them is invisible
#   to those tools and hard to attribute to an application or team.
#
#   ### Example
#   ```yaml
#   metadata:
#     name: checkout
#   ```
#   Use instead:
#   ```yaml
#   metadata:
#     name: checkout
#     labels:
#       app.kubernetes.io/name: checkout
#       app.kubernetes.io/part-of: shop
#   ```
# custom:
#   id: k8s/recommended-labels
#   severity: info
#   kinds: [workloads, Service]
#   summary: a workload or Service lacks the app.kubernetes.io/name label
package deploylint.rules.recommended_labels

import rego.v1

deny contains result if {
	# A literal set, not a rule: a rule call costs regorus more than the lookup.
	input.kind in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Service"}
	not input.metadata.labels["app.kubernetes.io/name"]
	result := {
		"rule": "k8s/recommended-labels",
		"msg": sprintf("%s has no `app.kubernetes.io/name` label: tools that group by application cannot find it", [input.kind]),
		"help": "add `app.kubernetes.io/name` (and `app.kubernetes.io/part-of`) under metadata.labels",
		"path": ["metadata", "name"],
	}
}
