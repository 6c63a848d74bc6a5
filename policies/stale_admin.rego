# METADATA
# title: Stale admin
# description: >-
#   An admin-level user (Workspace Owner, or any role ending in " Admin", directly or via a group) whose last
#   sign-in is more than `stale_days` days before the evaluation time, or who never signed in.
# custom:
#   id: UAR-001
#   severity: high
#   frameworks:
#     - SOC 2 CC6.2
#     - ISO/IEC 27001:2022 A.5.18
#     - PCI DSS v4.0 8.2.6
#     - NIST SP 800-53 AC-2(3)
#   remediation: >-
#     Remove the admin role (or the user) from the workspace, or have the person sign in and confirm they still
#     need admin access.
#   needs:
#     - identity
#   scope: user
#   reads:
#     [users.id, users.email, users.is_admin, users.effective_roles, users.permissions, users.identity]
package uar.controls.stale_admin

import data.uar.lib

population := count(lib.admins)

findings contains {
	"subject": lib.user_subject(u),
	"message": sprintf("%s holds %s and has never signed in", [u.email, concat(", ", u.effective_roles)]),
	"facts": {
		"roles": u.effective_roles, "grants": lib.grants(u),
		"last_sign_in": "never", "stale_days": lib.params.stale_days,
	},
} if {
	some u in lib.admins
	u.identity.last_sign_in == "never"
}

findings contains {
	"subject": lib.user_subject(u),
	"message": sprintf(
		"%s holds %s and last signed in %d days ago (limit %d)",
		[u.email, concat(", ", u.effective_roles), days, lib.params.stale_days],
	),
	"facts": {
		"roles": u.effective_roles,
		"grants": lib.grants(u),
		"last_sign_in": u.identity.last_sign_in,
		"days_since_sign_in": days,
		"stale_days": lib.params.stale_days,
	},
} if {
	some u in lib.admins
	signed_in := lib.time_ns(u.identity, "last_sign_in")
	lib.older_than_days_ns(signed_in, lib.params.stale_days)
	days := lib.days_since_ns(signed_in)
}

unknown contains {"subject": lib.user_subject(u), "reason": "no identity record for this admin-level user"} if {
	some u in lib.admins
	u.identity == null
}

unknown contains {"subject": lib.user_subject(u), "reason": "the identity record does not tell the last sign-in"} if {
	some u in lib.admins
	u.identity != null
	not known_sign_in(u.identity)
}

known_sign_in(identity) if identity.last_sign_in == "never"

known_sign_in(identity) if lib.time_ns(identity, "last_sign_in")
