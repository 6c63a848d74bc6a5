# METADATA
# title: Terminated with access
# description: >-
#   A user whose identity record says the account is inactive (suspended, deprovisioned, disabled, locked out,
#   deleted), or whose HR record says terminated with a termination date on or before the evaluation time.
# custom:
#   id: UAR-006
#   severity: critical
#   frameworks:
#     - SOC 2 CC6.2
#     - ISO/IEC 27001:2022 A.5.18
#     - NIST SP 800-53 AC-2
#   remediation: Remove the user from the workspace now, and check the offboarding runbook covers Segment.
#   needs:
#     - identity
#     - hr
#   scope: user
#   reads:
#     [coverage,
#      users.id, users.email, users.permissions, users.identity, users.hr]
package uar.controls.terminated_with_access

import data.uar.lib

population := count(input.users)

findings contains {
	"subject": lib.user_subject(u),
	"message": concat("", [u.email, " still has access but ", concat(" and ", why)]),
	"facts": {
		"identity_status": identity_status(u),
		"employment_status": employment_status(u),
		"termination_date": termination_date(u),
		"grants": lib.grants(u),
	},
} if {
	some u in ending
	why := array.concat(inactive_reason(u), terminated_reason(u))
	count(why) > 0
}

unknown contains {"reason": "neither an identity export nor an HR roster was given"} if {
	not input.coverage.identity
	not input.coverage.hr
}

# HR says terminated but not since when, and the identity provider does not say inactive: cannot decide.
unknown contains {
	"subject": lib.user_subject(u),
	"reason": "HR lists the user as terminated without a termination date",
} if {
	some u in ending
	u.hr.employment_status == "terminated"
	u.hr.termination_date == null
	count(inactive_reason(u)) == 0
}

# The users whose identity record says inactive or whose HR record says terminated, found in one scan of the
# users for the findings and the unknown: the reasons are built only for them.
ending := [u | some u in input.users; is_ending(u)]

# One clause with `else`: the HR record is read only when the identity record does not tell (two clauses would
# both run).
is_ending(u) if {
	u.identity.status == "inactive"
} else if {
	u.hr.employment_status == "terminated"
}

default inactive_reason(_) := []

inactive_reason(u) := ["the identity provider marks the account inactive"] if u.identity.status == "inactive"

default terminated_reason(_) := []

terminated_reason(u) := [concat("", ["HR lists them as terminated on ", text(u.hr.termination_date)])] if {
	u.hr.employment_status == "terminated"
	lib.time_ns(u.hr, "termination_date") <= lib.now_ns
}

# A value as `sprintf("%s", [x])` words it: a text as it is, without sprintf's round trip to JavaScript.
text(x) := x if {
	is_string(x)
} else := sprintf("%s", [x])

default identity_status(_) := null

identity_status(u) := u.identity.status

default employment_status(_) := null

employment_status(u) := u.hr.employment_status

default termination_date(_) := null

termination_date(u) := u.hr.termination_date
