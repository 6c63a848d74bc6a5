package uar.tests.review_overdue_test

import data.uar.controls.review_overdue
import data.uar.tests.fixtures as f

doc(started) := f.doc({"reviews": f.reviews([
	f.campaign("older", "2025-01-01T00:00:00Z", []),
	f.campaign("newest", started, []),
])})

test_finding_when_newest_campaign_is_old if {
	findings := review_overdue.findings with input as doc("2026-08-01T00:00:00Z") with time.now_ns as f.now_ns
	findings == {{
		"subject": {"type": "workspace", "id": "ws-1"},
		"message": "the newest access review (newest) started 119 days ago (interval 90 days)",
		"facts": {"campaign": "newest", "started_at": "2026-08-01T00:00:00Z", "review_interval_days": 90},
	}}
	review_overdue.population == 1
}

test_pass_for_recent_campaign if {
	count(review_overdue.findings) == 0 with input as doc("2026-11-01T00:00:00Z") with time.now_ns as f.now_ns
	count(review_overdue.unknown) == 0 with input as doc("2026-11-01T00:00:00Z")
}

test_interval_param if {
	count(review_overdue.findings) == 0 with input as doc("2026-08-01T00:00:00Z") with time.now_ns as f.now_ns
		with data.params as {"review_interval_days": 180}
}

test_unknown_without_reviews if {
	review_overdue.unknown == {{"reason": "no review decisions were given"}} with input as f.doc({})
	count(review_overdue.findings) == 0 with input as f.doc({}) with time.now_ns as f.now_ns
}
