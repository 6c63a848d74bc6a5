# METADATA
# title: Orphaned account
# description: >-
#   A user that no identity export knows (by primary email or alias), although at least one identity export
#   was given: nobody in the identity provider owns this account.
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
package uar.controls.orphaned_account

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": sprintf("%s has access but no identity export knows this address", [u.email]),
	"facts": {"identity_sources": input.coverage.identity_sources, "roles": u.effective_roles},
} if {
	input.coverage.identity
	some u in input.users
	u.identity == null
}

unknown contains {"reason": "no identity export was given"} if not input.coverage.identity
