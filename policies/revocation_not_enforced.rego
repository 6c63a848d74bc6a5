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
	"message": concat("", [
		u.email, " still has access although ", d.reviewer_email, " decided to revoke it ",
		format_int(lib.days_since_ns(lib.time_ns(d, "decided_at")), 10), " days ago (grace ",
		format_int(lib.params.revoke_grace_days, 10), " days)",
	]),
	"facts": {
		"decided_at": d.decided_at,
		"reviewer_email": d.reviewer_email,
		"justification": d.justification,
		"revoke_grace_days": lib.params.revoke_grace_days,
		"grants": lib.grants(u),
	},
} if {
	lib.reviews_given
	overdue := overdue_revocations # read before the loop: in WASM a rule named inside it is looked up per user
	some u in input.users
	d := overdue[u.email_key] # one lookup per user in a small object
}

unknown contains {"reason": "no review decisions were given"} if not lib.reviews_given

# The subjects' latest decisions (lib.latest_decision) that are a revoke decided more than `revoke_grace_days`
# days ago, by email key. Only a subject decided revoke in some campaign can have a revoke as latest decision,
# so only their decisions are compared (lib.latest_decisions_of).
overdue_revocations := {key: d |
	some key, d in lib.latest_decisions_of(revoked_keys)
	d.decision == "revoke"
	lib.time_ns(d, "decided_at") < revoke_before_ns # lib.older_than_days_ns, its arithmetic done once
}

# A decision before this time is more than `revoke_grace_days` days old.
revoke_before_ns := lib.now_ns - (lib.params.revoke_grace_days * lib.day_ns)

revoked_keys := {d.subject_key | some c in input.reviews.campaigns; some d in c.decisions; d.decision == "revoke"}
