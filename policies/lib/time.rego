# Time helpers. `time.now_ns()` is the run's evaluation time (`--now`), so results are reproducible.
package uar.lib

day_ns := 86400000000000

# Nanoseconds since the epoch of an RFC 3339 time; undefined for null, "never" or anything else that is not
# a time (checked before parsing, because a failing builtin aborts a WASM evaluation).
timestamp_ns(ts) := time.parse_rfc3339_ns(ts) if {
	is_string(ts)
	regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, ts)
}

# Whole days between the RFC 3339 time `ts` and now.
days_since(ts) := floor((time.now_ns() - timestamp_ns(ts)) / day_ns)

# True when the RFC 3339 time `ts` lies more than `days` days before now.
more_than_days_ago(ts, days) if timestamp_ns(ts) < time.now_ns() - (days * day_ns)

# True when the calendar day `day` (YYYY-MM-DD) has started by now (UTC).
day_reached(day) if timestamp_ns(sprintf("%sT00:00:00Z", [day])) <= time.now_ns()
