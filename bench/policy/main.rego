# A 10-rule policy in the style teams write for conftest, for benchmarks.
package main

import rego.v1

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod"}

containers contains c if {
	input.kind in workload_kinds
	some c in input.spec.template.spec.containers
}

containers contains c if {
	input.kind == "Pod"
	some c in input.spec.containers
}

deny contains msg if {
	some c in containers
	not startswith(c.image, "registry.internal")
	endswith(c.image, ":latest")
	msg := sprintf("%s uses latest", [c.name])
}

deny contains msg if {
	some c in containers
	c.securityContext.privileged
	msg := sprintf("%s is privileged", [c.name])
}

deny contains msg if {
	input.kind in workload_kinds
	not input.metadata.labels.app
	msg := "missing app label"
}

deny contains msg if {
	some c in containers
	some e in c.env
	contains(lower(e.name), "password")
	e.value
	msg := sprintf("%s has a literal password", [c.name])
}

deny contains msg if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	msg := "LoadBalancer services need approval"
}

warn contains msg if {
	some c in containers
	not c.resources.limits.memory
	msg := sprintf("%s has no memory limit", [c.name])
}

warn contains msg if {
	input.kind == "Deployment"
	input.spec.replicas < 2
	msg := "single replica"
}

warn contains msg if {
	input.kind == "ConfigMap"
	count(input.data) > 20
	msg := "large ConfigMap"
}

warn contains msg if {
	input.kind == "Ingress"
	not input.spec.tls
	msg := "Ingress without TLS"
}

warn contains msg if {
	input.metadata.namespace == "default"
	msg := "object in the default namespace"
}
