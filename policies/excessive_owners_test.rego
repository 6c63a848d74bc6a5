package uar.tests.excessive_owners_test

import data.uar.controls.excessive_owners
import data.uar.tests.fixtures as f

doc := f.doc({"users": [
	f.owner("u-1", "a@acme.com", {}),
	f.owner("u-2", "b@acme.com", {}),
	f.group_member("u-3", "c@acme.com", "Workspace Owner", {}),
	f.owner("u-4", "d@acme.com", {}),
	f.group_member("u-5", "e@acme.com", "Source Admin", {}),
]})

test_finding_for_too_many_owners if {
	findings := excessive_owners.findings with input as doc
	findings == {{
		"subject": {"type": "workspace", "id": "ws-1"},
		"message": "workspace acme has 4 Workspace Owners (limit 3)",
		"facts": {"owners": ["a@acme.com", "b@acme.com", "c@acme.com", "d@acme.com"], "max_owners": 3},
	}}
	excessive_owners.population == 1
	f.keys(findings) == {"workspace"}
}

test_pass_within_limit if {
	count(excessive_owners.findings) == 0 with input as doc with data.params as {"max_owners": 4}
}

test_never_unknown if {
	count(excessive_owners.unknown) == 0 with input as f.doc({})
}
