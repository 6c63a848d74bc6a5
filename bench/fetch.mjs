// Issue 3 "Speed" benchmark. Run from the repository root: `npm run build && node bench/fetch.mjs [case ...]`
// where a case is `speed` (10,000 users, 100 groups, 20 ms latency) or `rate` (600 requests/minute).
import { DEFAULT_CASES, formatResult, runBenchCase } from '../dist/lookalike/bench-fetch.js';

const wanted = process.argv.slice(2);
const cases = DEFAULT_CASES.filter((_, i) => wanted.length === 0 || wanted.includes(i === 0 ? 'speed' : 'rate'));
for (const c of cases) {
  const result = await runBenchCase(c);
  console.log(formatResult(result));
}
