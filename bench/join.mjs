// Issue 4 identity-join benchmark. Run from the repository root:
//   npm run build && node --expose-gc bench/join.mjs [N]
// (N Segment users against N generated identity rows; default 100,000). Parse and join are timed separately.
import { runJoinBench } from '../dist/enrich/bench-join.js';

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
