import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { runnerBuiltins } from '../../src/engine/builtins/index.js';
import { findOpa, type OpaBinary } from '../../src/engine/index.js';

const NOW = new Date('2026-11-28T10:20:30.123Z');
const builtins = runnerBuiltins(() => NOW);
let opa: OpaBinary;

beforeAll(async () => {
  opa = await findOpa();
});

/** What OPA's own evaluator answers for `name(args…)` (undefined when the call is undefined or errors). */
function opaEval(name: string, args: unknown[]): unknown {
  const query = `x := ${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
  const out = execFileSync(opa.path, ['eval', '--format', 'json', query], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as { result?: { bindings: { x: unknown } }[] };
  return parsed.result?.[0]?.bindings.x;
}

const T = 1764325230123000000; // 2025-11-28T10:20:30.123Z in ns (exact in a double up to µs)

describe('time builtins match OPA', () => {
  it.each([
    ['time.parse_rfc3339_ns', ['2026-01-01T00:00:00Z']],
    ['time.parse_rfc3339_ns', ['2026-03-04T05:06:07.5+02:00']],
    ['time.parse_rfc3339_ns', ['not a time']],
    ['time.parse_rfc3339_ns', ['2026-01-01']],
    ['time.add_date', [T, 0, 0, 90]],
    ['time.add_date', [T, 1, -13, 0]],
    ['time.add_date', [1769904000000000000, 0, 1, 0]], // 31 Jan + 1 month normalises like Go
    ['time.date', [T]],
    ['time.date', [[T, 'UTC']]],
    ['time.clock', [T]],
    ['time.weekday', [T]],
    ['time.parse_duration_ns', ['1h30m']],
    ['time.parse_duration_ns', ['-1.5h']],
    ['time.parse_duration_ns', ['90d']],
  ])('%s(%j)', (name, args) => {
    const ours = builtins[name]?.(...args);
    const theirs = opaEval(name, args);
    if (typeof theirs === 'number') expect(Math.abs((ours as number) - theirs)).toBeLessThan(1000);
    else expect(ours).toEqual(theirs);
  });

  it('time.now_ns returns the injected evaluation time', () => {
    expect(builtins['time.now_ns']?.()).toBe(NOW.getTime() * 1e6);
  });
});
