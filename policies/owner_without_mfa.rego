# METADATA
# title: Owner without MFA
# description: >-
#   A Workspace Owner (directly or via a group) whose identity record says multi-factor authentication is not
#   enrolled.
# custom:
#   id: UAR-002
#   severity: critical
#   frameworks:
#     - SOC 2 CC6.1
#     - ISO/IEC 27001:2022 A.8.5
#     - PCI DSS v4.0 8.4
#     - NIST SP 800-53 IA-2(1)
#   remediation: >-
#     Enforce MFA for the owner in the identity provider (or in Segment SSO settings), or remove Workspace Owner
#     until MFA is enrolled.
#   needs:
#     - identity
#   scope: user
#   reads:
#     [users.id, users.email, users.is_owner, users.identity]
package uar.controls.owner_without_mfa

import data.uar.lib

population := count(lib.owners)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " is a Workspace Owner without MFA enrolled"]),
	"facts": {"mfa": u.identity.mfa, "identity_sources": [s.source | some s in u.identity.sources]},
} if {
	some u in lib.owners
	u.identity.mfa == "not_enrolled"
}

unknown contains {"subject": lib.user_subject(u), "reason": "no identity record for this owner"} if {
	some u in lib.owners
	u.identity == null
}

unknown contains {"subject": lib.user_subject(u), "reason": "the identity record does not tell the MFA state"} if {
	some u in lib.owners
	u.identity.mfa == "unknown"
}
