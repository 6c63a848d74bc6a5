# Email helpers: domain and local part of an address, and allowed-domain matching (subdomains included).
package uar.lib

# The part after the last "@", trimmed and lower-cased ("" when there is no "@").
# Clauses with `else`, so only one runs; the usual address (one "@") without arithmetic, which is big-number
# arithmetic in WASM.
email_domain(email) := lower(trim_space(parts[1])) if {
	parts := split(email, "@")
	not parts[2]
} else := lower(trim_space(parts[count(parts) - 1])) if {
	parts := split(email, "@")
	count(parts) > 2
} else := ""

# The part before the last "@", cut at the first "+", trimmed and lower-cased.
local_part(email) := lower(trim_space(split(before_last_at(split(email, "@")), "+")[0]))

# The parts of an address split at "@" joined again but for the last one (the whole text when there is no "@").
# With one "@" (nearly every address) the first part, without building a new text.
before_last_at(parts) := parts[0] if {
	not parts[2]
} else := concat("@", array.slice(parts, 0, count(parts) - 1))

# True when `domain` is an allowed domain or a subdomain of one. Checks each suffix of the domain against
# the allowed set, so the cost does not grow with the number of allowed domains; the whole domain first, so an
# allowed domain itself (the usual case) costs one set lookup.
domain_allowed(domain) if {
	allowed_domains[domain] # a set lookup, not a scan
} else if {
	labels := split(domain, ".")
	some i, _ in labels
	allowed_domains[concat(".", array.slice(labels, i, count(labels)))]
}
