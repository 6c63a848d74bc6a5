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
# days ago, by email key.
overdue_revocations := {key: d |
	some key, d in latest_decision
	d.decision == "revoke"
	lib.time_ns(d, "decided_at") < revoke_before_ns # lib.older_than_days_ns, its arithmetic done once
}

# A decision before this time is more than `revoke_grace_days` days old.
revoke_before_ns := lib.now_ns - (lib.params.revoke_grace_days * lib.day_ns)

# Only a subject decided revoke in some campaign can have a revoke as latest decision, so only their decisions
# are compared: lib.latest_decision for these few keys, without indexing every decision of every campaign.
revoked_keys := {d.subject_key | some c in input.reviews.campaigns; some d in c.decisions; d.decision == "revoke"}

# Per campaign, its decisions about those subjects.
candidates := [[d | some d in c.decisions; revoked_keys[d.subject_key]] | some c in input.reviews.campaigns]

# Built as lib.latest_decision is: from one object per campaign when none of those subjects is decided twice in
# one campaign (linear in both evaluators), else lib.latest_decision itself.
latest_decision := {key: latest[1] |
	some key in revoked_keys
	latest := max([[lib.time_ns(d, "decided_at"), d] | some by_key in candidates_by_key; d := by_key[key]])
} if not decided_twice_in_a_campaign

latest_decision := {key: d | some key in revoked_keys; d := lib.latest_decision[key]} if decided_twice_in_a_campaign

candidates_by_key := [{d.subject_key: d | some d in decisions} | some decisions in candidates]

decided_twice_in_a_campaign if {
	some decisions in candidates
	count({d.subject_key | some d in decisions}) != count(decisions)
}
