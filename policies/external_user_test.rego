package uar.tests.external_user_test

import data.uar.controls.external_user
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.user("u-1", "ann@acme.com", {}),
	f.user("u-2", "bob@EU.Acme.com", {}),
	f.user("u-3", "eve@notacme.com", {}),
	f.user("u-4", "zed@acme.com.evil.io", {}),
	f.user("u-5", "no-at-sign", {}),
]})

params := {"allowed_domains": [" ACME.com ", ""]}

test_finding_for_outside_domains if {
	findings := external_user.findings with input as doc with data.params as params
	f.keys(findings) == {"u-3", "u-4", "u-5"}
	some x in findings
	x.subject.id == "u-3"
	x.message == "eve@notacme.com is outside the allowed domains (acme.com)"
	x.facts.domain == "notacme.com"
}

test_pass_for_allowed_domain_and_subdomain if {
	findings := external_user.findings with input as doc with data.params as params
	not "u-1" in f.keys(findings)
	not "u-2" in f.keys(findings)
	count(external_user.unknown) == 0 with input as doc with data.params as params
	external_user.population == 5 with input as doc
}

test_unknown_without_allowed_domains if {
	count(external_user.findings) == 0 with input as doc
	count(external_user.unknown) == 1 with input as doc
}
