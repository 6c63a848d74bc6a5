package uar.tests.stale_admin_test

import data.uar.controls.stale_admin
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.owner("u-old", "old@acme.com", {"identity": f.identity("active", "enrolled", "2026-06-01T00:00:00Z")}),
	f.owner("u-never", "never@acme.com", {"identity": f.identity("active", "enrolled", "never")}),
	f.group_member("u-fresh", "fresh@acme.com", "Source Admin", {"identity": f.identity("active", "enrolled", "2026-11-01T00:00:00Z")}),
	f.owner("u-noid", "noid@acme.com", {}),
	f.owner("u-unknown", "unknown@acme.com", {"identity": f.identity("active", "enrolled", null)}),
	f.user("u-member", "member@acme.com", {"identity": f.identity("active", "enrolled", "never")}),
]})

test_finding_for_old_and_never_sign_in if {
	findings := stale_admin.findings with input as doc with time.now_ns as f.now_ns
	f.keys(findings) == {"u-old", "u-never"}
	some x in findings
	x.subject.id == "u-old"
	x.facts.days_since_sign_in == 180
	x.facts.grants == ["Workspace Owner on the workspace (direct)"]
	x.message == "old@acme.com holds Workspace Owner and last signed in 180 days ago (limit 90)"
}

test_unknown_without_identity_or_sign_in if {
	unknown := stale_admin.unknown with input as doc with time.now_ns as f.now_ns
	f.keys(unknown) == {"u-noid", "u-unknown"}
}

test_population_counts_admin_level_users if {
	stale_admin.population == 5 with input as doc
}

test_pass_with_larger_stale_days if {
	findings := stale_admin.findings with input as doc with time.now_ns as f.now_ns with data.params as {"stale_days": 200}
	f.keys(findings) == {"u-never"}
}

test_pass_for_recent_admin if {
	fresh := f.doc({"users": [f.group_member("u-fresh", "fresh@acme.com", "Source Admin", {"identity": f.identity("active", "enrolled", "2026-11-01T00:00:00Z")})]})
	count(stale_admin.findings) == 0 with input as fresh with time.now_ns as f.now_ns
	count(stale_admin.unknown) == 0 with input as fresh with time.now_ns as f.now_ns
}

test_sign_in_ns_is_read_before_the_text if {
	# uar-check adds last_sign_in_ns next to the text; the number decides (here: recent, though the text is old).
	recent := f.owner("u-1", "a@acme.com", {"identity": object.union(
		f.identity("active", "enrolled", "2026-06-01T00:00:00Z"),
		{"last_sign_in_ns": f.now_ns - (10 * 86400000000000)},
	)})
	count(stale_admin.findings) == 0 with input as f.doc({"users": [recent]}) with time.now_ns as f.now_ns
}
