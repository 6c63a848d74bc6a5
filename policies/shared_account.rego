# METADATA
# title: Shared account
# description: >-
#   A user whose email local part, cut at the first "+" and lower-cased, is a generic mailbox name from
#   `generic_local_parts` (admin, team, support, …): nobody is individually accountable for it.
# custom:
#   id: UAR-011
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.1
#     - ISO/IEC 27001:2022 A.5.15
#     - NIST SP 800-53 AC-2
#   remediation: >-
#     Replace the shared account with named accounts, or keep it as a documented break-glass account with an
#     exception that names its owner.
#   needs: []
#   scope: user
#   reads:
#     [users.id, users.email, users.effective_roles, users.permissions]
package uar.controls.shared_account

import data.uar.lib

population := count(input.users)

# This control always decides: it only needs the user list.
unknown := set()

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " looks like a shared mailbox (local part \"", local, "\")"]),
	"facts": {"local_part": local, "roles": u.effective_roles, "grants": lib.grants(u)},
} if {
	generic := lib.generic_local_parts # read before the loop: in WASM a rule named inside it is looked up per user
	some u in input.users
	local := lib.local_part(u.email)
	generic[local] # a set lookup; `x in set` scans the whole set in WASM
}
