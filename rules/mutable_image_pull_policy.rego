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

import data.deploylint.lib.k8s
import rego.v1

mutable(image) if endswith(image, ":latest")

mutable(image) if {
	not contains(image, "@")
	segments := split(image, "/")
	not contains(segments[count(segments) - 1], ":")
}

deny contains result if {
	some [path, container] in k8s.containers
	container.imagePullPolicy in {"IfNotPresent", "Never"}
	not contains(container.image, "@")
	mutable(container.image)
	result := {
		"rule": "k8s/image-pull-policy",
		"msg": sprintf("container %q uses the mutable image `%s` with imagePullPolicy %s: nodes keep whatever version they pulled first", [container.name, container.image, container.imagePullPolicy]),
		"help": "pin a version tag or a digest, or set `imagePullPolicy: Always`",
		"path": array.concat(path, ["imagePullPolicy"]),
	}
}
