# METADATA
# title: Direct owner grant
# description: >-
#   A user who holds Workspace Owner through a direct permission instead of only through a group, so the grant
#   escapes group-based provisioning and review.
# custom:
#   id: UAR-012
#   severity: low
#   frameworks:
#     - SOC 2 CC6.3
#     - ISO/IEC 27001:2022 A.5.15
#     - NIST SP 800-53 AC-2
#   remediation: Grant Workspace Owner through an owners group and remove the direct permission.
#   needs:
#     - groups
#   scope: user
#   reads:
#     [coverage,
#      users.id, users.email, users.is_owner, users.permissions, users.groups]
package uar.controls.direct_owner_grant

import data.uar.lib

population := count(lib.owners)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " holds Workspace Owner through a direct permission"]),
	"facts": {"role": "Workspace Owner", "via": "direct", "groups": sort([g.name | some g in u.groups])},
} if {
	input.coverage.groups == "complete"
	some u in lib.owners
	some p in u.permissions
	p.role_name == "Workspace Owner"
	p.via.type == "direct"
}

unknown contains {"reason": sprintf("group data is unavailable (%s)", [input.coverage.groups])} if {
	input.coverage.groups != "complete"
}
