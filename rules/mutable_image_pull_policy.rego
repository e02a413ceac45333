# METADATA
# title: Mutable image with a cached pull policy
# description: |
#   ### What it does
#   Reports containers whose image has a mutable tag (`latest`, or no tag)
#   while `imagePullPolicy` is `IfNotPresent` or `Never`.
#
#   ### Why is this bad?
#   Each node keeps whichever image it pulled first: pods of the same
#   workload run different code on different nodes, and a new push is never
#   picked up where the image is cached.
#
#   ### Example
#   ```yaml
#   containers:
#     - name: app
#       image: shop/app:latest
#       imagePullPolicy: IfNotPresent
#   ```
#   Use instead: pin a version (`shop/app:1.4.2`) or a digest, or use
#   `imagePullPolicy: Always`.
# custom:
#   id: k8s/image-pull-policy
#   severity: warning
#   kinds: [workloads]
#   summary: a mutable image tag is pulled with IfNotPresent or Never
package deploylint.rules.mutable_image_pull_policy

import rego.v1

# Helpers live in each policy rather than in a shared package: regorus looks
# a reference into another package up in its rule tree on every evaluation,
# which doubled the cost of these policies.

# One rule with an else chain: regorus runs every definition of a rule
# defined several times, but stops an else chain at the first that holds.
pod_spec_path := ["spec"] if {
	input.kind == "Pod"
} else := ["spec", "jobTemplate", "spec", "template", "spec"] if {
	input.kind == "CronJob"
} else := ["spec", "template", "spec"] if {
	input.spec.template.spec.containers
}

pod_spec := object.get(input, pod_spec_path, {})

mutable(image) if endswith(image, ":latest")

mutable(image) if {
	not contains(image, "@")
	segments := split(image, "/")
	not contains(segments[count(segments) - 1], ":")
}

# The path is built only for a container that is reported.
deny contains result if {
	some field in ["initContainers", "containers"]
	some i, container in pod_spec[field]
	container.imagePullPolicy in {"IfNotPresent", "Never"}
	not contains(container.image, "@")
	mutable(container.image)
	result := {
		"rule": "k8s/image-pull-policy",
		"msg": sprintf("container %q uses the mutable image `%s` with imagePullPolicy %s: nodes keep whatever version they pulled first", [container.name, container.image, container.imagePullPolicy]),
		"help": "pin a version tag or a digest, or set `imagePullPolicy: Always`",
		"path": array.concat(pod_spec_path, [field, i, "imagePullPolicy"]),
	}
}
