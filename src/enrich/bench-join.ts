/**
 * Benchmark of the identity join (issue 4): N Segment users against N identity rows, generated in memory.
 * Parse time (CSV/JSON → records, files of one source combined) is measured separately from the join itself.
 * Run with `npm run build && node bench/join.mjs [N]`.
 */
import { emailKey, type User } from '../model/document.js';
import { combineSource } from './identity/combine.js';
import { parseGenericCsv } from './identity/generic-csv.js';
import { parseOktaUsers } from './identity/okta.js';
import { joinIdentity } from './join.js';

export interface JoinBenchResult {
  users: number;
  rows: number;
  parse_generic_csv_ms: number;
  parse_okta_json_ms: number;
  join_one_source_ms: number;
  join_two_sources_ms: number;
  matched_any: number;
  via_alias: number;
  probable: number;
  conflicts: number;
}

export function runJoinBench(n = 100_000): JoinBenchResult {
  const users = Array.from({ length: n }, (_, i) => benchUser(i));
  const csv = ['email,status,mfa_enrolled,last_sign_in,aliases'];
  const okta: unknown[] = [];
  for (let i = 0; i < n; i++) {
    // every 10th person is known by an alias, every 100th only by a +tag (probable), every 1000th twice (conflict)
    const primary = i % 10 === 3 ? `p${i}@acme.com` : i % 100 === 7 ? `User${i}+idp@Acme.com` : `User${i}@Acme.com`;
    const aliases = i % 10 === 3 ? `user${i}@acme.com;u${i}@acme.com` : i % 1000 === 11 ? `user${i - 1}@acme.com` : '';
    csv.push(
      `${primary},${i % 50 === 0 ? 'inactive' : 'active'},${i % 3 === 0},2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,"${aliases}"`,
    );
    okta.push({
      id: `00u${i}`,
      status: 'ACTIVE',
      lastLogin: i % 9 === 0 ? null : '2026-10-01T00:00:00.000Z',
      profile: { login: `user${i}@acme.com`, email: `user${i}@acme.com`, secondEmail: null },
    });
  }
  const csvText = csv.join('\n');
  const oktaText = JSON.stringify(okta);

  collect();
  let t = performance.now();
  const generic = combineSource(parseGenericCsv('bench.csv', csvText));
  const parseCsv = performance.now() - t;
  t = performance.now();
  const oktaRecords = combineSource(parseOktaUsers('bench.json', oktaText));
  const parseJson = performance.now() - t;

  collect();
  t = performance.now();
  const one = joinIdentity(users, [
    { source: 'generic', files: ['bench.csv'], formats: ['generic'], records: generic },
  ]);
  const joinOne = performance.now() - t;
  collect();
  t = performance.now();
  joinIdentity(users, [
    { source: 'generic', files: ['bench.csv'], formats: ['generic'], records: generic },
    { source: 'okta', files: ['bench.json'], formats: ['okta'], records: oktaRecords },
  ]);
  const joinTwo = performance.now() - t;

  const s = one.summary.sources[0]!;
  return {
    users: n,
    rows: n,
    parse_generic_csv_ms: Math.round(parseCsv),
    parse_okta_json_ms: Math.round(parseJson),
    join_one_source_ms: Math.round(joinOne),
    join_two_sources_ms: Math.round(joinTwo),
    matched_any: one.summary.matched_any,
    via_alias: s.via_alias.length,
    probable: s.probable.length,
    conflicts: s.conflicts.length,
  };
}

/** A full GC before each timed section when node runs with --expose-gc (less noise from earlier phases). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function benchUser(i: number): User {
  const email = `user${i}@acme.com`;
  return {
    id: `u${i}`,
    email,
    email_key: emailKey(email),
    name: `User ${i}`,
    permissions: [],
    groups: [],
    effective_roles: [],
    is_owner: false,
    is_admin: false,
    identity: null,
    hr: null,
    last_activity: null,
  };
}
