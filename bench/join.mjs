// Issue 4 identity-join benchmark: N Segment users against N identity rows, generated in memory. Parse time
// (CSV/JSON → records, files of one source combined) is measured separately from the join itself.
//   npm run build && node --expose-gc bench/join.mjs [N]      (default 100,000)

import { combineSource } from '../dist/enrich/identity/combine.js';
import { parseGenericCsv } from '../dist/enrich/identity/generic-csv.js';
import { parseOktaUsers } from '../dist/enrich/identity/okta.js';
import { joinIdentity } from '../dist/enrich/join.js';
import { emailKey } from '../dist/model/document.js';

const n = Number(process.argv[2] ?? 100_000);
runJoinBench(Math.min(n, 20_000)); // warm-up (JIT)
const r = runJoinBench(n);
console.log(
  `identity join: ${r.users.toLocaleString('en-US')} users × ${r.rows.toLocaleString('en-US')} identity rows`,
);
console.log(`  parse generic CSV (${r.rows} rows) : ${r.parse_generic_csv_ms} ms`);
console.log(`  parse Okta Users JSON (${r.rows} users): ${r.parse_okta_json_ms} ms`);
console.log(`  join, one source                  : ${r.join_one_source_ms} ms`);
console.log(`  join, two sources                 : ${r.join_two_sources_ms} ms`);
console.log(`  matched ${r.matched_any}, via alias ${r.via_alias}, probable ${r.probable}, conflicts ${r.conflicts}`);

function runJoinBench(count) {
  const users = Array.from({ length: count }, (_, i) => benchUser(i));
  const csv = ['email,status,mfa_enrolled,last_sign_in,aliases'];
  const okta = [];
  for (let i = 0; i < count; i++) {
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

  const genericSource = { source: 'generic', files: ['bench.csv'], formats: ['generic'], records: generic };
  collect();
  t = performance.now();
  const one = joinIdentity(users, [genericSource]);
  const joinOne = performance.now() - t;
  collect();
  t = performance.now();
  joinIdentity(users, [
    genericSource,
    { source: 'okta', files: ['bench.json'], formats: ['okta'], records: oktaRecords },
  ]);
  const joinTwo = performance.now() - t;

  const s = one.summary.sources[0];
  return {
    users: count,
    rows: count,
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
function collect() {
  globalThis.gc?.();
}

function benchUser(i) {
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
