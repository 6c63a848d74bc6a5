# Review decisions: whether any were given, the newest campaign, and each subject's latest decision.
package uar.lib

# True when review decisions were given (a reviews file with at least one campaign).
reviews_given if count(input.reviews.campaigns) > 0

# The campaign that started last (on a tie, the later one in the file).
newest_campaign := input.reviews.campaigns[newest[1]] if {
	newest := max([[time_ns(c, "started_at"), i] | some i, c in input.reviews.campaigns])
}

# Email keys of the subjects decided in the newest campaign.
newest_subject_keys := {d.subject_key | some d in newest_campaign.decisions}

# Every decision over all campaigns, grouped by subject email key.
decisions_by_subject[d.subject_key] contains d if {
	some c in input.reviews.campaigns
	some d in c.decisions
}

# Each subject's latest decision (newest `decided_at` over all campaigns), by subject email key.
# A complete object (built once, then looked up per user), not a partial rule: looking up a partial rule by
# key re-evaluates its body for every lookup, which made this control quadratic in users.
latest_decision := {key: latest[1] |
	some key, decisions in decisions_by_subject
	latest := max([[time_ns(d, "decided_at"), d] | some d in decisions])
}
