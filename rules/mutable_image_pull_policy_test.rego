package deploylint.rules.mutable_image_pull_policy_test

import data.deploylint.rules.mutable_image_pull_policy as policy
import rego.v1

deployment(image, pull) := {
	"kind": "Deployment",
	"metadata": {"name": "web"},
	"spec": {"template": {"spec": {"containers": [{"name": "web", "image": image, "imagePullPolicy": pull}]}}},
}

test_latest_with_if_not_present if {
	count(policy.deny) == 1 with input as deployment("nginx:latest", "IfNotPresent")
}

test_untagged_with_never if {
	count(policy.deny) == 1 with input as deployment("registry:5000/team/app", "Never")
}

test_pinned_tag_is_fine if {
	count(policy.deny) == 0 with input as deployment("nginx:1.27.2", "IfNotPresent")
}

test_always_is_fine if {
	count(policy.deny) == 0 with input as deployment("nginx:latest", "Always")
}

test_digest_is_fine if {
	count(policy.deny) == 0 with input as deployment("nginx@sha256:abc", "IfNotPresent")
}
