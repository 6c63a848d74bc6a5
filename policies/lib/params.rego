# Parameters every control reads: the defaults below, overridden key by key by `data.params`
# (the config file's `params`).
package uar.lib

default_params := {
	"stale_days": 90,
	"allowed_domains": [],
	"max_owners": 3,
	"revoke_grace_days": 7,
	"review_interval_days": 90,
	"generic_local_parts": [
		"admin", "administrator", "root", "info", "team", "support", "dev", "ops", "it", "security",
		"analytics", "marketing", "data", "segment", "test", "shared", "noreply", "no-reply", "service", "bot",
	],
}

default given_params := {}

given_params := data.params if is_object(data.params)

# The effective parameters: defaults merged with what the config file gives.
params := object.union(default_params, given_params)

# Allowed email domains, trimmed and lower-cased (empty when none are configured).
allowed_domains := {x |
	some d in params.allowed_domains
	x := lower(trim_space(d))
	x != ""
}

# Generic local parts (shared mailboxes), lower-cased.
generic_local_parts := {lower(trim_space(p)) | some p in params.generic_local_parts}
