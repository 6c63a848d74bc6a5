# METADATA
# title: Self-review
# description: >-
#   A decision in the newest review campaign whose reviewer is the reviewed user (same email key).
# custom:
#   id: UAR-003
#   severity: high
#   frameworks:
#     - SOC 2 CC6.3
#     - ISO/IEC 27001:2022 A.5.18
#     - PCI DSS v4.0 7.2.4
#     - NIST SP 800-53 AC-5
#   remediation: >-
#     Have another reviewer (the user's manager or the system owner) decide this user's access again, and assign
#     reviewers so nobody reviews their own access.
#   needs:
#     - reviews
#   reads:
#     - reviews
#     - users.id
#     - users.email
#     - users.email_key
package uar.controls.self_review

import data.uar.lib

default population := 0

population := count(lib.newest_campaign.decisions) if lib.reviews_given

findings contains {
	"subject": subject(d),
	"message": sprintf("%s reviewed their own access in campaign %s (decision: %s)", [d.subject_email, c.id, d.decision]),
	"facts": {"campaign": c.id, "reviewer_email": d.reviewer_email, "decision": d.decision, "decided_at": d.decided_at},
} if {
	c := lib.newest_campaign
	some d in c.decisions
	d.reviewer_key == d.subject_key
}

unknown contains {"reason": "no review decisions were given"} if not lib.reviews_given

# The reviewed user when it still has access, otherwise its email.
subject(d) := lib.user_subject(input.users[i]) if {
	some i in reviewed_indexes[d.subject_key]
}

subject(d) := {"type": "user", "email": d.subject_email} if not reviewed_indexes[d.subject_key]

# Email keys of the subjects who reviewed themselves in the newest campaign.
self_reviewed_keys := {d.subject_key | some d in lib.newest_campaign.decisions; d.reviewer_key == d.subject_key}

# Positions in input.users of those subjects, by email key (a set per key): lib.user_indexes_by_key for only these
# few keys, from one scan of the users with a set lookup each instead of an index of every user (50,000 users:
# the whole pass ~0.1 s shorter in WASM). Linear in both evaluators; when two of those users share a key (never
# in Segment), lib.user_indexes_by_key itself.
reviewed_positions := [[u.email_key, i] | some i, u in input.users; self_reviewed_keys[u.email_key]]

reviewed_indexes := {p[0]: {p[1]} | some p in reviewed_positions} if not reviewed_key_shared

reviewed_indexes := lib.user_indexes_by_key if reviewed_key_shared

reviewed_key_shared if count({p[0] | some p in reviewed_positions}) != count(reviewed_positions)
