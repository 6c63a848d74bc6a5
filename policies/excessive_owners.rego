# METADATA
# title: Excessive owners
# description: More Workspace Owners (directly or via a group) than `max_owners`.
# custom:
#   id: UAR-009
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.3
#     - ISO/IEC 27001:2022 A.5.15
#     - NIST SP 800-53 AC-2
#   remediation: >-
#     Reduce Workspace Owner to the few people who administer billing and SSO; give everyone else a scoped
#     admin role.
#   needs: []
#   reads:
#     - workspace
#     - users.email
#     - users.is_owner
package uar.controls.excessive_owners

import data.uar.lib

population := 1

# This control always decides: it only needs the user list.
unknown := set()

findings contains {
	"subject": lib.workspace_subject,
	"message": sprintf(
		"workspace %s has %d Workspace Owners (limit %d)",
		[input.workspace.slug, count(lib.owners), lib.params.max_owners],
	),
	"facts": {"owners": sort([u.email | some u in lib.owners]), "max_owners": lib.params.max_owners},
} if {
	count(lib.owners) > lib.params.max_owners
}
