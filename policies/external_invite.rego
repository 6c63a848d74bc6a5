# METADATA
# title: External invite
# description: >-
#   A pending invite (to the workspace or to a group) for an address whose domain is neither one of
#   `allowed_domains` nor a subdomain of one.
# custom:
#   id: UAR-010
#   severity: low
#   frameworks:
#     - SOC 2 CC6.2
#     - ISO/IEC 27001:2022 A.5.18
#     - NIST SP 800-53 AC-2
#   remediation: Cancel the invite, or record an exception naming the sponsor if the outside party is expected.
#   needs: []
#   reads:
#     - coverage
#     - invites
package uar.controls.external_invite

import data.uar.lib

# Pending invites by email key: one address can be invited to the workspace and to groups.
invites_by_key[i.email_key] contains i if some i in input.invites

population := count(invites_by_key)

findings contains {
	"subject": lib.invite_subject(email),
	"message": sprintf("pending invite for %s, outside the allowed domains (%s)", [email, concat(", ", sort(lib.allowed_domains))]),
	"facts": {"domain": domain, "invited_to": sort([target(i) | some i in invites]), "allowed_domains": sort(lib.allowed_domains)},
} if {
	count(lib.allowed_domains) > 0
	some key, invites in invites_by_key
	domain := lib.email_domain(key)
	not lib.domain_allowed(domain)
	email := min({i.email | some i in invites})
}

unknown contains {"reason": "allowed_domains is empty: set params.allowed_domains in the config file"} if {
	count(lib.allowed_domains) == 0
}

unknown contains {"reason": "pending invites were not read"} if not input.coverage.invites

target(i) := "workspace" if i.via.type == "direct"

target(i) := sprintf("group %s", [i.via.group_name]) if i.via.type == "group"
