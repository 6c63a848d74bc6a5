package uar.tests.orphaned_account_test

import data.uar.controls.orphaned_account
import data.uar.tests.fixtures as f

users := [
	f.user("u-known", "known@acme.com", {"identity": f.identity("active", "enrolled", "never")}),
	f.user("u-orphan", "orphan@acme.com", {}),
]

test_finding_for_user_without_identity_record if {
	findings := orphaned_account.findings with input as f.doc({"users": users})
	f.keys(findings) == {"u-orphan"}
	some x in findings
	x.message == "orphan@acme.com has access but no identity export knows this address"
	orphaned_account.population == 2 with input as f.doc({"users": users})
}

test_pass_when_every_user_is_known if {
	count(orphaned_account.findings) == 0 with input as f.doc({"users": [users[0]]})
	count(orphaned_account.unknown) == 0 with input as f.doc({"users": [users[0]]})
}

test_unknown_without_identity_export if {
	no_idp := f.doc({"users": users, "coverage": object.union(f.doc({}).coverage, {"identity": false, "identity_sources": []})})
	orphaned_account.unknown == {{"reason": "no identity export was given"}} with input as no_idp
	count(orphaned_account.findings) == 0 with input as no_idp
}

ambiguous := f.user("u-twice", "twice@acme.com", {"identity_ambiguous": [{
	"source": "okta",
	"records": [
		{"record_id": "00u1", "origin": "okta-users.json:4"},
		{"record_id": "00u2", "origin": "okta-users.json:9"},
	],
}]})

test_ambiguous_identity_is_unknown_not_a_finding if {
	doc := f.doc({"users": [users[0], ambiguous]})
	count(orphaned_account.findings) == 0 with input as doc
	orphaned_account.unknown == {{
		"subject": {"type": "user", "id": "u-twice", "email": "twice@acme.com"},
		"reason": "twice@acme.com: ambiguous identity: 2 records of the okta export claim this address (okta-users.json:4, okta-users.json:9)",
	}} with input as doc
}

test_ambiguous_in_one_export_known_in_another_is_a_pass if {
	known := object.union(ambiguous, {"identity": f.identity("active", "enrolled", "never")})
	doc := f.doc({"users": [known]})
	count(orphaned_account.findings) == 0 with input as doc
	count(orphaned_account.unknown) == 0 with input as doc
}
