# Helpers shared by the built-in Kubernetes policies.
package deploylint.lib.k8s

import rego.v1

workload_kinds := {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"}

# The path of the pod spec inside the object, for the kinds that have one.
pod_spec_path := ["spec"] if input.kind == "Pod"

pod_spec_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.kind == "CronJob"

pod_spec_path := ["spec", "template", "spec"] if {
	not input.kind in {"Pod", "CronJob"}
	input.spec.template.spec.containers
}

pod_spec := object.get(input, pod_spec_path, {})

is_workload if pod_spec_path

# [path, container] for every init and app container.
containers contains [path, container] if {
	some field in ["initContainers", "containers"]
	some i, container in pod_spec[field]
	path := array.concat(pod_spec_path, [field, i])
}

object_id := sprintf("%s/%s/%s", [input.kind, namespace, input.metadata.name])

namespace := object.get(input, ["metadata", "namespace"], "default")
