package uar.tests.external_invite_test

import data.uar.controls.external_invite
import data.uar.tests.fixtures as f

doc := f.doc({"invites": [
	f.invite("new@acme.com", {"type": "direct"}),
	f.invite("Vendor@Partner.io", {"type": "direct"}),
	f.invite("vendor@partner.io", {"type": "group", "group_id": "g-1", "group_name": "Analysts"}),
	f.invite("dev@eu.acme.com", {"type": "group", "group_id": "g-1", "group_name": "Analysts"}),
]})

params := {"allowed_domains": ["acme.com"]}

test_finding_once_per_invited_address if {
	findings := external_invite.findings with input as doc with data.params as params
	findings == {{
		"subject": {"type": "invite", "email": "Vendor@Partner.io"},
		"message": "pending invite for Vendor@Partner.io, outside the allowed domains (acme.com)",
		"facts": {"domain": "partner.io", "invited_to": ["group Analysts", "workspace"], "allowed_domains": ["acme.com"]},
	}}
	external_invite.population == 3 with input as doc
}

test_pass_for_allowed_invites if {
	count(external_invite.findings) == 0 with input as doc with data.params as {"allowed_domains": ["acme.com", "partner.io"]}
	count(external_invite.unknown) == 0 with input as doc with data.params as params
}

test_unknown_without_allowed_domains if {
	count(external_invite.findings) == 0 with input as doc
	count(external_invite.unknown) == 1 with input as doc
}

test_unknown_when_invites_were_not_read if {
	unread := f.doc({"coverage": object.union(f.doc({}).coverage, {"invites": false})})
	external_invite.unknown == {{"reason": "pending invites were not read"}} with input as unread with data.params as params
}
