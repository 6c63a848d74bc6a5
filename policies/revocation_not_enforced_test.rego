package uar.tests.revocation_not_enforced_test

import data.uar.controls.revocation_not_enforced
import data.uar.lib
import data.uar.tests.fixtures as f

users := [
	f.user("u-1", "ann@acme.com", {}),
	f.user("u-2", "bob@acme.com", {}),
	f.user("u-3", "cat@acme.com", {}),
	f.user("u-4", "dan@acme.com", {}),
]

doc := f.doc({"users": users, "reviews": f.reviews([
	f.campaign("2026-q3", "2026-08-01T00:00:00Z", [
		f.decision("ann@acme.com", "lead@acme.com", "revoke", "2026-08-02T00:00:00Z"),
		f.decision("bob@acme.com", "lead@acme.com", "revoke", "2026-08-02T00:00:00Z"),
	]),
	f.campaign("2026-q4", "2026-11-01T00:00:00Z", [
		f.decision("bob@acme.com", "lead@acme.com", "keep", "2026-11-02T00:00:00Z"),
		f.decision("cat@acme.com", "lead@acme.com", "revoke", "2026-11-25T00:00:00Z"),
		f.decision("gone@acme.com", "lead@acme.com", "revoke", "2026-11-02T00:00:00Z"),
	]),
])})

test_finding_when_latest_decision_is_an_old_revoke if {
	findings := revocation_not_enforced.findings with input as doc with time.now_ns as f.now_ns
	f.keys(findings) == {"u-1"}
	some x in findings
	x.message == "ann@acme.com still has access although lead@acme.com decided to revoke it 118 days ago (grace 7 days)"
}

test_revoke_within_grace_passes_until_grace_ends if {
	findings := revocation_not_enforced.findings with input as doc with time.now_ns as f.now_ns with data.params as {"revoke_grace_days": 1}
	f.keys(findings) == {"u-1", "u-3"}
}

test_pass_without_revokes if {
	keep := f.doc({"users": users, "reviews": f.reviews([f.campaign("c", "2026-11-01T00:00:00Z", [f.decision("ann@acme.com", "lead@acme.com", "keep", "2026-11-02T00:00:00Z")])])})
	count(revocation_not_enforced.findings) == 0 with input as keep with time.now_ns as f.now_ns
	count(revocation_not_enforced.unknown) == 0 with input as keep with time.now_ns as f.now_ns
	revocation_not_enforced.population == 4 with input as keep
}

test_unknown_without_reviews if {
	revocation_not_enforced.unknown == {{"reason": "no review decisions were given"}} with input as f.doc({"users": users})
}

# lib.latest_decisions_of is lib.latest_decision narrowed to its keys, also when a subject is decided twice in
# one campaign (its other branch).
test_latest_decisions_of_narrows_latest_decision if {
	twice := f.doc({"users": users, "reviews": f.reviews([f.campaign("2026-q4", "2026-11-01T00:00:00Z", [
		f.decision("bob@acme.com", "lead@acme.com", "revoke", "2026-11-02T00:00:00Z"),
		f.decision("bob@acme.com", "lead@acme.com", "keep", "2026-11-03T00:00:00Z"),
	])])})
	narrows(doc)
	narrows(twice)
}

narrows(input_doc) if {
	keys := {"ann@acme.com", "bob@acme.com", "nobody@acme.com"}
	narrowed := lib.latest_decisions_of(keys) with input as input_doc
	narrowed == {k: d | some k in keys; d := lib.latest_decision[k]} with input as input_doc
	count(narrowed) > 0
}
