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
# When nobody is decided twice in one campaign (the usual case) it is built from one object per campaign,
# linear in users in WASM and in OPA's own evaluator alike. Otherwise from decisions_by_subject, which is
# linear in WASM but quadratic in OPA's evaluator (a multi-value rule there: 5,000 → 20,000 users, 1.3 → 11 s).
latest_decision := {key: latest[1] |
	some key in decided_keys
	latest := max([[time_ns(d, "decided_at"), d] | some by_key in campaign_decisions; d := by_key[key]])
} if not decided_twice_in_a_campaign

latest_decision := {key: latest[1] |
	some key, decisions in decisions_by_subject
	latest := max([[time_ns(d, "decided_at"), d] | some d in decisions])
} if decided_twice_in_a_campaign

# Email keys of every subject decided in any campaign.
decided_keys := {d.subject_key | some c in input.reviews.campaigns; some d in c.decisions}

decided_twice_in_a_campaign if {
	some c in input.reviews.campaigns
	count({d.subject_key | some d in c.decisions}) != count(c.decisions)
}

# Per campaign, its decisions by subject email key (only built when each subject appears once per campaign).
campaign_decisions := [{d.subject_key: d | some d in c.decisions} | some c in input.reviews.campaigns]

# latest_decision narrowed to the subjects whose email keys are in the set `keys`, comparing only their decisions:
# cheaper than latest_decision when they are a few (UAR-005: the subjects decided revoke somewhere). Built as
# latest_decision is: from one object per campaign when none of them is decided twice in one campaign (linear
# in both evaluators), else from latest_decision itself.
latest_decisions_of(keys) := {key: latest[1] |
	some key in keys
	latest := max([[time_ns(d, "decided_at"), d] | some by_key in about_keys; d := by_key[key]])
} if {
	about := [[d | some d in c.decisions; keys[d.subject_key]] | some c in input.reviews.campaigns]
	not decided_twice_in_one(about)
	about_keys := [{d.subject_key: d | some d in decisions} | some decisions in about]
} else := {key: d | some key in keys; d := latest_decision[key]}

# Whether a subject is decided twice in one of these lists of decisions (one list per campaign).
decided_twice_in_one(campaigns) if {
	some decisions in campaigns
	count({d.subject_key | some d in decisions}) != count(decisions)
}
