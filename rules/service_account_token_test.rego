package deploylint.rules.service_account_token_test

import data.deploylint.rules.service_account_token as policy
import rego.v1

test_default_mounts_the_token if {
	count(policy.deny) == 1 with input as {"kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}}
}

test_disabled_on_the_pod if {
	count(policy.deny) == 0 with input as {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"automountServiceAccountToken": false, "containers": [{"name": "c"}]}}
}

test_cronjob_nesting if {
	count(policy.deny) == 0 with input as {"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"automountServiceAccountToken": false, "containers": [{"name": "c"}]}}}}}}
}

test_not_a_workload if {
	count(policy.deny) == 0 with input as {"kind": "Service", "metadata": {"name": "s"}}
}

test_an_explicit_true_is_a_decision if {
	count(policy.deny) == 0 with input as {"kind": "Deployment", "metadata": {"name": "op"}, "spec": {"template": {"spec": {"automountServiceAccountToken": true, "containers": [{"name": "c"}]}}}}
}
