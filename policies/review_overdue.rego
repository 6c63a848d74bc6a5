# METADATA
# title: Review overdue
# description: The newest access-review campaign started more than `review_interval_days` days before the evaluation time.
# custom:
#   id: UAR-013
#   severity: high
#   frameworks:
#     - SOC 2 CC6.2
#     - SOC 2 CC6.3
#     - ISO/IEC 27001:2022 A.5.18
#     - PCI DSS v4.0 7.2.4
#     - NIST SP 800-53 AC-2
#   remediation: Start a new access-review campaign for the workspace and record its decisions.
#   needs:
#     - reviews
#   reads:
#     - reviews
#     - workspace
package uar.controls.review_overdue

import data.uar.lib

population := 1

findings contains {
	"subject": lib.workspace_subject,
	"message": sprintf(
		"the newest access review (%s) started %d days ago (interval %d days)",
		[c.id, lib.days_since_ns(started), lib.params.review_interval_days],
	),
	"facts": {"campaign": c.id, "started_at": c.started_at, "review_interval_days": lib.params.review_interval_days},
} if {
	c := lib.newest_campaign
	started := lib.time_ns(c, "started_at")
	lib.older_than_days_ns(started, lib.params.review_interval_days)
}

unknown contains {"reason": "no review decisions were given"} if not lib.reviews_given
