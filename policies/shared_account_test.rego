package uar.tests.shared_account_test

import data.uar.controls.shared_account
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.user("u-1", "ann@acme.com", {}),
	f.user("u-2", "Ops+segment@acme.com", {}),
	f.user("u-3", "no-reply@acme.com", {}),
	f.user("u-4", "opsteam@acme.com", {}),
]})

test_finding_for_generic_local_parts if {
	findings := shared_account.findings with input as doc
	f.keys(findings) == {"u-2", "u-3"}
	some x in findings
	x.subject.id == "u-2"
	x.message == "Ops+segment@acme.com looks like a shared mailbox (local part \"ops\")"
	shared_account.population == 4 with input as doc
}

test_pass_for_personal_addresses if {
	count(shared_account.findings) == 0 with input as f.doc({"users": [f.user("u-1", "ann@acme.com", {})]})
}

test_custom_list_replaces_defaults if {
	findings := shared_account.findings with input as doc with data.params as {"generic_local_parts": ["OpsTeam"]}
	f.keys(findings) == {"u-4"}
}

test_never_unknown if {
	count(shared_account.unknown) == 0 with input as doc
}
