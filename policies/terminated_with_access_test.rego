package uar.tests.terminated_with_access_test

import data.uar.controls.terminated_with_access
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.user("u-idp", "idp@acme.com", {"identity": f.identity("inactive", "enrolled", "never")}),
	f.user("u-hr", "hr@acme.com", {"hr": f.hr("terminated", "2026-11-28")}),
	f.user("u-both", "both@acme.com", {
		"identity": f.identity("inactive", "enrolled", "never"), "hr": f.hr("terminated", "2026-10-01"),
		"permissions": [object.union(f.permission("Source Admin", {"type": "direct"}), {"resources": [
			{"type": "SOURCE", "id": "src_1", "name": "Web", "labels": []},
		]})],
	}),
	f.user("u-future", "future@acme.com", {"hr": f.hr("terminated", "2026-11-29")}),
	f.user("u-active", "active@acme.com", {"identity": f.identity("active", "enrolled", "never"), "hr": f.hr("active", null)}),
]})

test_finding_for_inactive_or_terminated if {
	findings := terminated_with_access.findings with input as doc with time.now_ns as f.now_ns
	f.keys(findings) == {"u-idp", "u-hr", "u-both"}
	some x in findings
	x.subject.id == "u-both"
	x.message == "both@acme.com still has access but the identity provider marks the account inactive and HR lists them as terminated on 2026-10-01"
	x.facts == {
		"identity_status": "inactive", "employment_status": "terminated", "termination_date": "2026-10-01",
		"grants": ["Source Admin on source Web (src_1) (direct)"],
	}
}

test_hr_only_facts if {
	some x in terminated_with_access.findings with input as doc with time.now_ns as f.now_ns
	x.subject.id == "u-hr"
	x.facts == {"identity_status": null, "employment_status": "terminated", "termination_date": "2026-11-28", "grants": []}
}

test_pass_for_active_users if {
	findings := terminated_with_access.findings with input as doc with time.now_ns as f.now_ns
	not "u-active" in f.keys(findings)
	not "u-future" in f.keys(findings)
	count(terminated_with_access.unknown) == 0 with input as doc
	terminated_with_access.population == 5 with input as doc
}

test_unknown_without_identity_and_hr if {
	bare := f.doc({"coverage": object.union(f.doc({}).coverage, {"identity": false, "hr": false})})
	terminated_with_access.unknown == {{"reason": "neither an identity export nor an HR roster was given"}} with input as bare
}

test_hr_alone_is_enough_to_decide if {
	hr_only := f.doc({"coverage": object.union(f.doc({}).coverage, {"identity": false, "hr": true})})
	count(terminated_with_access.unknown) == 0 with input as hr_only
}

test_unknown_when_terminated_without_a_date if {
	undated := f.doc({"users": [
		f.user("u-undated", "undated@acme.com", {"hr": f.hr("terminated", null)}),
		f.user("u-undated-inactive", "gone@acme.com", {"identity": f.identity("inactive", "enrolled", "never"), "hr": f.hr("terminated", null)}),
	]})
	unknown := terminated_with_access.unknown with input as undated with time.now_ns as f.now_ns
	unknown == {{
		"subject": {"type": "user", "id": "u-undated", "email": "undated@acme.com"},
		"reason": "HR lists the user as terminated without a termination date",
	}}
	findings := terminated_with_access.findings with input as undated with time.now_ns as f.now_ns
	f.keys(findings) == {"u-undated-inactive"}
}
