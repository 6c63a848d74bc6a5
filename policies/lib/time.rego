# Time helpers. `time.now_ns()` is the run's evaluation time (`--now`), so results are reproducible.
package uar.lib

day_ns := 86400000000000

# The evaluation time, read once per evaluation: in WASM each `time.now_ns()` call is a round trip to JavaScript.
now_ns := time.now_ns()

# Nanoseconds since the epoch of an RFC 3339 time; undefined for null, "never" or anything else that is not
# a time (checked before parsing, because a failing builtin aborts a WASM evaluation).
# The length is checked first: a pattern test costs ~15 µs in WASM, and "never" cannot match.
timestamp_ns(ts) := time.parse_rfc3339_ns(ts) if {
	is_string(ts)
	count(ts) >= 20 # the shortest RFC 3339 time: 2026-11-28T00:00:00Z
	regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, ts)
}

# Nanoseconds of the time member `key` of `obj` (an RFC 3339 time, or a "YYYY-MM-DD" day read as midnight UTC).
# uar-check puts an integer `<key>_ns` next to each time of the access document (parsed once, in JavaScript:
# no round trip per user); a document without it (written by hand, a test fixture) has the text parsed here.
# Undefined when the member is not a time (null, "never").
# One clause with `else`: the text is looked at only when the number is missing (two clauses would both run).
# A reference, not `object.get` (a builtin call per user): `obj[name]` is undefined, never an error, when `obj` is
# null (a user without identity data) or not an object, also in OPA's strict mode.
time_ns(obj, key) := ns if {
	ns := obj[concat("", [key, "_ns"])]
	is_number(ns)
} else := text_ns(obj[key])

# A day is read as midnight UTC, anything else as RFC 3339 (`else`: one pattern test less per text).
text_ns(day) := timestamp_ns(concat("", [day, "T00:00:00Z"])) if {
	is_day(day)
} else := timestamp_ns(day)

# Checks the type first: a builtin given `null` is an error in OPA's strict mode (the cross-check of custom controls).
is_day(text) if {
	is_string(text)
	count(text) == 10
	regex.match(`^\d{4}-\d{2}-\d{2}$`, text)
}

# Whole days between the RFC 3339 time `ts` and now.
days_since(ts) := days_since_ns(timestamp_ns(ts))

# True when the RFC 3339 time `ts` lies more than `days` days before now.
more_than_days_ago(ts, days) if older_than_days_ns(timestamp_ns(ts), days)

# True when the calendar day `day` (YYYY-MM-DD) has started by now (UTC).
day_reached(day) if {
	is_string(day)
	timestamp_ns(concat("", [day, "T00:00:00Z"])) <= now_ns
}

# The same arithmetic on nanoseconds (from `time_ns`).
days_since_ns(ns) := floor((now_ns - ns) / day_ns) if is_number(ns)

older_than_days_ns(ns, days) if {
	is_number(ns)
	ns < now_ns - (days * day_ns)
}
