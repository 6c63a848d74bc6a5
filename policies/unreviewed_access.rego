# METADATA
# title: Unreviewed access
# description: A user with access who has no decision in the newest review campaign.
# custom:
#   id: UAR-004
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.2
#     - SOC 2 CC6.3
#     - ISO/IEC 27001:2022 A.5.18
#     - PCI DSS v4.0 7.2.4
#     - NIST SP 800-53 AC-2
#   remediation: Add the user to the current review campaign and record a keep, modify or revoke decision.
#   needs:
#     - reviews
#   scope: user
#   reads:
#     [reviews,
#      users.id, users.email, users.email_key, users.effective_roles]
package uar.controls.unreviewed_access

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " has access but no decision in the newest review campaign ", c.id]),
	"facts": {"campaign": c.id, "campaign_started_at": c.started_at, "roles": u.effective_roles},
} if {
	lib.reviews_given
	c := lib.newest_campaign
	decided := lib.newest_subject_keys # read before the loop: in WASM a rule named inside it is looked up per user
	some u in input.users
	not decided[u.email_key] # a set lookup; `x in set` scans the whole set in WASM
}

unknown contains {"reason": "no review decisions were given"} if not lib.reviews_given
