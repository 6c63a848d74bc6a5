# METADATA
# title: Revocation not enforced
# description: >-
#   A user whose latest review decision (newest `decided_at` over all campaigns) is revoke, made more than
#   `revoke_grace_days` days before the evaluation time, who still has access.
# custom:
#   id: UAR-005
#   severity: high
#   frameworks:
#     - SOC 2 CC6.2
#     - ISO/IEC 27001:2022 A.5.18
#     - PCI DSS v4.0 7.2.4
#     - NIST SP 800-53 AC-2
#   remediation: Remove the user from the workspace (or the revoked permissions), as the reviewer decided.
#   needs:
#     - reviews
#   scope: user
#   reads:
#     [reviews,
#      users.id, users.email, users.email_key, users.permissions]
package uar.controls.revocation_not_enforced

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": sprintf(
		"%s still has access although %s decided to revoke it %d days ago (grace %d days)",
		[u.email, d.reviewer_email, lib.days_since_ns(decided), lib.params.revoke_grace_days],
	),
	"facts": {
		"decided_at": d.decided_at,
		"reviewer_email": d.reviewer_email,
		"justification": d.justification,
		"revoke_grace_days": lib.params.revoke_grace_days,
		"grants": lib.grants(u),
	},
} if {
	lib.reviews_given
	some u in input.users
	d := lib.latest_decision[u.email_key]
	d.decision == "revoke"
	decided := lib.time_ns(d, "decided_at")
	lib.older_than_days_ns(decided, lib.params.revoke_grace_days)
}

unknown contains {"reason": "no review decisions were given"} if not lib.reviews_given
