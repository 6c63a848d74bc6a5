package uar.tests.direct_owner_grant_test

import data.uar.controls.direct_owner_grant
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.owner("u-direct", "direct@acme.com", {}),
	f.group_member("u-group", "group@acme.com", "Workspace Owner", {}),
	f.user("u-admin", "admin-user@acme.com", {"permissions": [f.permission("Source Admin", {"type": "direct"})]}),
]})

test_finding_for_direct_owner_grant if {
	findings := direct_owner_grant.findings with input as doc
	f.keys(findings) == {"u-direct"}
	some x in findings
	x.message == "direct@acme.com holds Workspace Owner through a direct permission"
	direct_owner_grant.population == 2 with input as doc
}

test_pass_for_owners_via_groups if {
	only_group := f.doc({"users": [f.group_member("u-group", "group@acme.com", "Workspace Owner", {})]})
	count(direct_owner_grant.findings) == 0 with input as only_group
	count(direct_owner_grant.unknown) == 0 with input as only_group
}

test_unknown_when_groups_are_unavailable if {
	plan := f.doc({"users": doc.users, "coverage": object.union(f.doc({}).coverage, {"groups": "unavailable_plan"})})
	direct_owner_grant.unknown == {{"reason": "group data is unavailable (unavailable_plan)"}} with input as plan
	count(direct_owner_grant.findings) == 0 with input as plan
}
