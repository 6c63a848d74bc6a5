package uar.tests.unreviewed_access_test

import data.uar.controls.unreviewed_access
import data.uar.tests.fixtures as f

users := [f.user("u-1", "Ann@acme.com", {}), f.user("u-2", "bob@acme.com", {})]

doc := f.doc({"users": users, "reviews": f.reviews([
	f.campaign("2026-q2", "2026-05-01T00:00:00Z", [f.decision("bob@acme.com", "ann@acme.com", "keep", "2026-05-02T00:00:00Z")]),
	f.campaign("2026-q4", "2026-11-01T00:00:00Z", [f.decision("ann@acme.com", "bob@acme.com", "keep", "2026-11-02T00:00:00Z")]),
])})

test_finding_for_user_missing_from_newest_campaign if {
	findings := unreviewed_access.findings with input as doc
	f.keys(findings) == {"u-2"}
	some x in findings
	x.message == "bob@acme.com has access but no decision in the newest review campaign 2026-q4"
}

test_pass_when_everyone_was_reviewed if {
	all := f.doc({"users": users, "reviews": f.reviews([f.campaign("c", "2026-11-01T00:00:00Z", [
		f.decision("ann@acme.com", "carol@acme.com", "keep", "2026-11-02T00:00:00Z"),
		f.decision("BOB@acme.com", "carol@acme.com", "modify", "2026-11-02T00:00:00Z"),
	])])})
	count(unreviewed_access.findings) == 0 with input as all
	count(unreviewed_access.unknown) == 0 with input as all
}

test_unknown_without_reviews if {
	unreviewed_access.unknown == {{"reason": "no review decisions were given"}} with input as f.doc({"users": users})
	count(unreviewed_access.findings) == 0 with input as f.doc({"users": users})
	unreviewed_access.population == 2 with input as f.doc({"users": users})
}

test_unknown_with_no_campaigns if {
	count(unreviewed_access.unknown) == 1 with input as f.doc({"users": users, "reviews": f.reviews([])})
}
