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
	some i in lib.user_indexes_by_key[d.subject_key]
}

subject(d) := {"type": "user", "email": d.subject_email} if not lib.user_indexes_by_key[d.subject_key]
