# METADATA
# title: External user
# description: >-
#   A user whose email domain is neither one of `allowed_domains` nor a subdomain of one.
# custom:
#   id: UAR-008
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.1
#     - ISO/IEC 27001:2022 A.5.15
#     - NIST SP 800-53 AC-2
#   remediation: >-
#     Confirm the external user has a contract and an internal sponsor and record an exception, or remove the
#     user from the workspace.
#   needs: []
#   scope: user
#   reads:
#     [users.id, users.email, users.effective_roles, users.permissions]
package uar.controls.external_user

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " is outside the allowed domains (", concat(", ", allowed), ")"]),
	"facts": {
		"domain": domain, "allowed_domains": allowed,
		"roles": u.effective_roles, "grants": lib.grants(u),
	},
} if {
	count(lib.allowed_domains) > 0
	allowed_set := lib.allowed_domains # read before the loop: in WASM a rule named inside it is looked up per user
	some u in input.users
	domain := lib.email_domain(u.email)
	not allowed_set[domain] # an allowed domain itself (most users), without a call
	not lib.domain_allowed(domain) # a subdomain of one
}

# The allowed domains in order, sorted once.
allowed := sort(lib.allowed_domains)

unknown contains {"reason": "allowed_domains is empty: set params.allowed_domains in the config file"} if {
	count(lib.allowed_domains) == 0
}
