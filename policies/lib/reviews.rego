# Review decisions: whether any were given, the newest campaign, and each subject's latest decision.
package uar.lib

# True when review decisions were given (a reviews file with at least one campaign).
reviews_given if count(input.reviews.campaigns) > 0

# The campaign that started last (on a tie, the later one in the file).
newest_campaign := input.reviews.campaigns[newest[1]] if {
	newest := max([[timestamp_ns(c.started_at), i] | some i, c in input.reviews.campaigns])
}

# Email keys of the subjects decided in the newest campaign.
newest_subject_keys := {d.subject_key | some d in newest_campaign.decisions}

# Every decision as [subject key, decided_at in ns, campaign index, decision index], sorted: each subject's
# decisions are adjacent, the latest last (on a tie, the later one in the file). A sort and one pass keep this
# linear in decisions for WASM and OPA's evaluator alike; grouping with a partial rule (`by_key[k] contains d`)
# is quadratic in OPA's evaluator.
decision_order := sort([[d.subject_key, timestamp_ns(d.decided_at), ci, di] |
	some ci, c in input.reviews.campaigns
	some di, d in c.decisions
])

# Each subject's latest decision (newest `decided_at` over all campaigns), by subject email key.
latest_decision := {entry[0]: input.reviews.campaigns[entry[2]].decisions[entry[3]] |
	some i, entry in decision_order
	not decision_order[i + 1][0] == entry[0]
}
