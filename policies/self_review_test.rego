package uar.tests.self_review_test

import data.uar.controls.self_review
import data.uar.tests.fixtures as f

users := [f.user("u-1", "Ann@acme.com", {}), f.user("u-2", "bob@acme.com", {})]

old := f.campaign("2026-q2", "2026-05-01T00:00:00Z", [f.decision("bob@acme.com", "bob@acme.com", "keep", "2026-05-02T00:00:00Z")])

newest := f.campaign("2026-q4", "2026-11-01T00:00:00Z", [
	f.decision("ann@acme.com", "ANN@acme.com", "keep", "2026-11-02T00:00:00Z"),
	f.decision("bob@acme.com", "ann@acme.com", "keep", "2026-11-02T00:00:00Z"),
	f.decision("gone@acme.com", "gone@acme.com", "revoke", "2026-11-02T00:00:00Z"),
])

doc := f.doc({"users": users, "reviews": f.reviews([newest, old])})

test_finding_for_self_review_in_newest_campaign if {
	findings := self_review.findings with input as doc
	f.keys(findings) == {"u-1", "gone@acme.com"}
	some x in findings
	x.subject == {"type": "user", "id": "u-1", "email": "Ann@acme.com"}
	x.facts.campaign == "2026-q4"
}

test_subject_without_access_is_named_by_email if {
	some x in self_review.findings with input as doc
	x.subject == {"type": "user", "email": "gone@acme.com"}
}

test_population_counts_newest_decisions if {
	self_review.population == 3 with input as doc
}

test_pass_when_only_an_older_campaign_has_self_review if {
	clean := f.doc({"users": users, "reviews": f.reviews([old, f.campaign("2026-q4", "2026-11-01T00:00:00Z", [])])})
	count(self_review.findings) == 0 with input as clean
	count(self_review.unknown) == 0 with input as clean
}

test_unknown_without_reviews if {
	self_review.unknown == {{"reason": "no review decisions were given"}} with input as f.doc({"users": users})
	self_review.population == 0 with input as f.doc({"users": users})
	count(self_review.findings) == 0 with input as f.doc({"users": users})
}
