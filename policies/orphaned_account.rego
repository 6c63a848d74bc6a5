# METADATA
# title: Orphaned account
# description: >-
#   A user that no identity export knows (by primary email or alias), although at least one identity export
#   was given: nobody in the identity provider owns this account. A user whose address two records of one export
#   claim is ambiguous, not orphaned: unknown, naming the records.
# custom:
#   id: UAR-007
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.2
#     - ISO/IEC 27001:2022 A.5.18
#     - NIST SP 800-53 AC-2
#   remediation: >-
#     Find the account's owner and link it to their identity (or add the address as an alias); otherwise remove
#     the user from the workspace.
#   needs:
#     - identity
#   scope: user
#   reads:
#     [coverage,
#      users.id, users.email, users.effective_roles, users.permissions, users.identity, users.identity_ambiguous]
package uar.controls.orphaned_account

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " has access but no identity export knows this address"]),
	"facts": {"identity_sources": input.coverage.identity_sources, "roles": u.effective_roles, "grants": lib.grants(u)},
} if {
	input.coverage.identity
	some u in unidentified
	count(object.get(u, "identity_ambiguous", [])) == 0
}

# The users without an identity record, found in one scan for the findings and the unknown.
unidentified := [u | some u in input.users; u.identity == null]

# The export knows the address, but two or more of its records claim it: which one is the person is unknown.
unknown contains {
	"subject": lib.user_subject(u),
	"reason": sprintf("%s: ambiguous identity: %s", [u.email, concat("; ", [claim |
		some a in u.identity_ambiguous
		claim := sprintf("%d records of the %s export claim this address (%s)", [
			count(a.records), a.source,
			concat(", ", [r.origin | some r in a.records]),
		])
	])]),
} if {
	input.coverage.identity
	some u in unidentified
	count(object.get(u, "identity_ambiguous", [])) > 0
}

unknown contains {"reason": "no identity export was given"} if not input.coverage.identity
