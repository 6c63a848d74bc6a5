import { describe, expect, it } from 'vitest';
import type { ControlResult, ControlStatus, Severity } from '../../src/model/result.js';
import { exitCodeFor } from '../../src/report/index.js';
import { finding, makeResult } from './fixtures.js';

/** One control of `severity` with `status` (and one finding when it fails). */
function single(severity: Severity, status: ControlStatus, complete = true) {
  const result = makeResult({ complete });
  const c: ControlResult = { ...result.controls[0]!, severity, status, excepted: [], unknown: [], error: null };
  c.findings = status === 'fail' ? [finding(c.id, { type: 'user', id: 'u1', email: 'a@b.c' }, 'x')] : [];
  if (status === 'error') c.error = 'boom';
  return { ...result, controls: [c] };
}

describe('exitCodeFor', () => {
  it.each`
    severity      | status       | failOn        | failOnUnknown | expected
    ${'low'}      | ${'fail'}    | ${'low'}      | ${false}      | ${1}
    ${'low'}      | ${'fail'}    | ${'medium'}   | ${false}      | ${0}
    ${'medium'}   | ${'fail'}    | ${'medium'}   | ${false}      | ${1}
    ${'high'}     | ${'fail'}    | ${'critical'} | ${false}      | ${0}
    ${'critical'} | ${'fail'}    | ${'critical'} | ${false}      | ${1}
    ${'critical'} | ${'pass'}    | ${'low'}      | ${true}       | ${0}
    ${'high'}     | ${'unknown'} | ${'low'}      | ${false}      | ${0}
    ${'high'}     | ${'unknown'} | ${'low'}      | ${true}       | ${1}
    ${'low'}      | ${'unknown'} | ${'high'}     | ${true}       | ${0}
    ${'high'}     | ${'error'}   | ${'low'}      | ${false}      | ${1}
    ${'high'}     | ${'error'}   | ${'high'}     | ${true}       | ${1}
    ${'low'}      | ${'error'}   | ${'high'}     | ${false}      | ${0}
    ${'critical'} | ${'skipped'} | ${'low'}      | ${true}       | ${0}
  `(
    '$status $severity control, --fail-on $failOn, fail-on-unknown $failOnUnknown → $expected',
    ({ severity, status, failOn, failOnUnknown, expected }) => {
      expect(exitCodeFor(single(severity, status), failOn, failOnUnknown)).toBe(expected);
    },
  );

  it('ignores excepted findings', () => {
    const result = single('critical', 'pass');
    result.controls[0]!.excepted = [
      {
        ...finding('UAR-001', { type: 'user', id: 'u1' }, 'x'),
        exception: { control: 'UAR-001', subject: 'u1', reason: 'r', approved_by: 'a', expires: '2099-01-01' },
      },
    ];
    expect(exitCodeFor(result, 'low', false)).toBe(0);
  });

  it('treats an incomplete collection as unknown', () => {
    expect(exitCodeFor(single('low', 'pass', false), 'low', false)).toBe(0);
    expect(exitCodeFor(single('low', 'pass', false), 'low', true)).toBe(1);
  });

  it('gives 1 for the fixture review at the default --fail-on low', () => {
    expect(exitCodeFor(makeResult(), 'low', false)).toBe(1);
    expect(exitCodeFor(makeResult(), 'critical', false)).toBe(1);
  });
});
