package deploylint.rules.recommended_labels_test

import data.deploylint.rules.recommended_labels
import rego.v1

test_unlabelled_deployment_is_reported if {
	results := recommended_labels.deny with input as {"kind": "Deployment", "metadata": {"name": "web"}}
	count(results) == 1
}

test_labelled_service_is_fine if {
	results := recommended_labels.deny with input as {"kind": "Service", "metadata": {"name": "web", "labels": {"app.kubernetes.io/name": "web"}}}
	count(results) == 0
}

test_configmaps_are_not_checked if {
	results := recommended_labels.deny with input as {"kind": "ConfigMap", "metadata": {"name": "settings"}}
	count(results) == 0
}
