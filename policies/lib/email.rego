# Email helpers: domain and local part of an address, and allowed-domain matching (subdomains included).
package uar.lib

# The part after the last "@", trimmed and lower-cased ("" when there is no "@").
email_domain(email) := lower(trim_space(parts[count(parts) - 1])) if {
	parts := split(email, "@")
	count(parts) > 1
}

email_domain(email) := "" if not contains(email, "@")

# The part before the last "@", cut at the first "+", trimmed and lower-cased.
local_part(email) := lower(trim_space(split(whole, "+")[0])) if {
	parts := split(email, "@")
	whole := concat("@", array.slice(parts, 0, max([count(parts) - 1, 1])))
}

# True when `domain` is an allowed domain or a subdomain of one. Checks each suffix of the domain against
# the allowed set, so the cost does not grow with the number of allowed domains.
domain_allowed(domain) if {
	labels := split(domain, ".")
	some i, _ in labels
	allowed_domains[concat(".", array.slice(labels, i, count(labels)))] # a set lookup, not a scan
}
