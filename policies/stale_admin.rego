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

# Messages are built with `concat` and `format_int`, compiled into WASM: `sprintf` is a round trip to JavaScript.
findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " holds ", concat(", ", u.effective_roles), " and has never signed in"]),
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
	"message": concat("", [
		u.email, " holds ", concat(", ", u.effective_roles), " and last signed in ", format_int(days, 10),
		" days ago (limit ", format_int(lib.params.stale_days, 10), ")",
	]),
	"facts": {
		"roles": u.effective_roles,
		"grants": lib.grants(u),
		"last_sign_in": u.identity.last_sign_in,
		"days_since_sign_in": days,
		"stale_days": lib.params.stale_days,
	},
} if {
	before := stale_before_ns # read before the loop: in WASM a rule named inside it is looked up per user
	some u in lib.admins
	signed_in := lib.time_ns(u.identity, "last_sign_in")
	signed_in < before # lib.older_than_days_ns(signed_in, stale_days), its arithmetic done once
	days := lib.days_since_ns(signed_in)
}

# A sign-in before this time is more than `stale_days` days old.
stale_before_ns := lib.now_ns - (lib.params.stale_days * lib.day_ns)

unknown contains {"subject": lib.user_subject(u), "reason": reason} if {
	some u in lib.admins
	reason := sign_in_unknown(u.identity)
}

# Why the identity record `identity` does not tell the last sign-in; undefined when it does. One scan of the
# admin-level users for both reasons, one clause of the two running (`else`).
sign_in_unknown(identity) := "no identity record for this admin-level user" if {
	identity == null
} else := "the identity record does not tell the last sign-in" if {
	not known_sign_in(identity)
}

# One clause with `else`: "never" is told without looking for a time (two clauses would both run).
known_sign_in(identity) if {
	identity.last_sign_in == "never"
} else if {
	lib.time_ns(identity, "last_sign_in")
}
