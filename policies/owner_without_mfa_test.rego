package uar.tests.owner_without_mfa_test

import data.uar.controls.owner_without_mfa
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.owner("u-nomfa", "nomfa@acme.com", {"identity": f.identity("active", "not_enrolled", "never")}),
	f.group_member("u-mfa", "mfa@acme.com", "Workspace Owner", {"identity": f.identity("active", "enrolled", "never")}),
	f.owner("u-noid", "noid@acme.com", {}),
	f.owner("u-unknown", "unknown@acme.com", {"identity": f.identity("active", "unknown", "never")}),
	f.group_member("u-admin", "admin-user@acme.com", "Source Admin", {"identity": f.identity("active", "not_enrolled", "never")}),
]})

test_finding_for_owner_without_mfa if {
	findings := owner_without_mfa.findings with input as doc
	f.keys(findings) == {"u-nomfa"}
	some x in findings
	x.message == "nomfa@acme.com is a Workspace Owner without MFA enrolled"
	x.facts == {"mfa": "not_enrolled", "identity_sources": ["okta"]}
}

test_unknown_without_identity_or_mfa_state if {
	f.keys(owner_without_mfa.unknown) == {"u-noid", "u-unknown"} with input as doc
}

test_population_counts_owners if {
	owner_without_mfa.population == 4 with input as doc
}

test_pass_when_owners_have_mfa if {
	ok := f.doc({"users": [f.owner("u-mfa", "mfa@acme.com", {"identity": f.identity("active", "enrolled", "never")})]})
	count(owner_without_mfa.findings) == 0 with input as ok
	count(owner_without_mfa.unknown) == 0 with input as ok
}
