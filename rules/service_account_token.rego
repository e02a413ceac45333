# METADATA
# title: Service account token mounted
# description: |
#   ### What it does
#   Reports workloads whose pods mount the service account token without
#   saying so: the pod spec leaves `automountServiceAccountToken` unset. An
#   explicit `automountServiceAccountToken: true` is a decision (an
#   operator that calls the API) and stays silent.
#   (A ServiceAccount can also turn it off; set the rule to `off` in
#   `.deploylint.yaml` if yours do.)
#
#   ### Why is this bad?
#   Every process in the pod can read the token and call the Kubernetes API
#   with the service account's permissions. Most applications never call the
#   API, so the token is pure attack surface.
#
#   ### Example
#   ```yaml
#   spec:
#     template:
#       spec:
#         containers: [...]
#   ```
#   Use instead:
#   ```yaml
#   spec:
#     template:
#       spec:
#         automountServiceAccountToken: false
#         containers: [...]
#   ```
# custom:
#   id: k8s/automount-service-account-token
#   severity: info
#   kinds: [workloads]
#   summary: pods mount the service account token without needing it
package deploylint.rules.service_account_token

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

has_key(object, key) if {
	_ = object[key]
}

deny contains result if {
	pod_spec_path
	not has_key(pod_spec, "automountServiceAccountToken")
	result := {
		"rule": "k8s/automount-service-account-token",
		"msg": sprintf("the pods of %s mount the service account token, which lets any process call the Kubernetes API", [input.kind]),
		"help": "set `automountServiceAccountToken: false` in the pod spec unless the application calls the Kubernetes API",
		"path": pod_spec_path,
	}
}
