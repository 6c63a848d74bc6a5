/**
 * `time.*` builtins for WASM, which has none natively (reference/opa-wasm.md §2). They follow OPA's
 * semantics for UTC values. Times are nanoseconds since the epoch as JSON numbers, so values beyond 2^53
 * lose sub-microsecond precision — irrelevant for day-level access-review arithmetic.
 * A builtin returns `undefined` on bad input: the Rego expression is then undefined, as in OPA.
 */
const NS_PER_MS = 1e6;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 6e10,
  h: 3.6e12,
  d: 8.64e13,
};

export function parseRfc3339Ns(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(value.replace(/\.\d+/, ''));
  if (Number.isNaN(ms)) return undefined;
  const fraction = m[7] ? Number(m[7].slice(1).padEnd(9, '0')) : 0;
  return ms * NS_PER_MS + fraction;
}

function toDate(ns: unknown): Date | undefined {
  const value = Array.isArray(ns) ? ns[0] : ns; // time.date([ns, "UTC"]) form
  if (Array.isArray(ns) && ns[1] !== undefined && ns[1] !== '' && ns[1] !== 'UTC') return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? new Date(Math.floor(value / NS_PER_MS)) : undefined;
}

function addDate(ns: unknown, years: unknown, months: unknown, days: unknown): number | undefined {
  const d = toDate(ns);
  if (!d || typeof ns !== 'number' || ![years, months, days].every(Number.isInteger)) return undefined;
  const ms = Date.UTC(
    d.getUTCFullYear() + (years as number),
    d.getUTCMonth() + (months as number),
    d.getUTCDate() + (days as number),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  return ms * NS_PER_MS + (ns % NS_PER_MS);
}

function parseDurationNs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const sign = value.startsWith('-') ? -1 : 1;
  const body = value.replace(/^[+-]/, '');
  if (body === '0') return 0;
  let total = 0;
  let rest = body;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * Math.round(total);
}

export function timeBuiltins(now: () => Date): Record<string, (...args: unknown[]) => unknown> {
  return {
    'time.now_ns': () => now().getTime() * NS_PER_MS,
    'time.parse_rfc3339_ns': parseRfc3339Ns,
    'time.add_date': addDate,
    'time.parse_duration_ns': parseDurationNs,
    'time.date': (ns) => {
      const d = toDate(ns);
      return d && [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    },
    'time.clock': (ns) => {
      const d = toDate(ns);
      return d && [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
    },
    'time.weekday': (ns) => {
      const d = toDate(ns);
      return d && WEEKDAYS[d.getUTCDay()];
    },
  };
}
