import { describe, expect, it } from 'vitest';
import type { ReviewResult } from '../../src/model/result.js';
import { renderEvidence, validateEvidence } from '../../src/report/index.js';
import { makeResult } from './fixtures.js';

/** The same result with every array reversed: the evidence must not depend on input order. */
function shuffled(result: ReviewResult): ReviewResult {
  return {
    ...result,
    policy_files: [...result.policy_files].reverse(),
    inputs: [...result.inputs].reverse(),
    controls: [...result.controls]
      .reverse()
      .map((c) => ({ ...c, findings: [...c.findings].reverse(), unknown: [...c.unknown].reverse() })),
    params: Object.fromEntries(Object.entries(result.params).reverse()),
  };
}

describe('renderEvidence', () => {
  const text = renderEvidence(makeResult());

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./__golden__/evidence.json');
  });

  it('validates against schemas/evidence.v1.schema.json', () => {
    expect(validateEvidence(text)).toEqual({ valid: true, errors: [] });
  });

  it('rejects evidence that breaks the schema', () => {
    const broken = JSON.parse(text);
    broken.controls[0].status = 'maybe';
    delete broken.controls[1].findings[0].subject.type;
    const v = validateEvidence(broken);
    expect(v.valid).toBe(false);
    expect(v.errors.join('\n')).toMatch(/\/controls\/0\/status/);
    expect(validateEvidence('{not json')).toMatchObject({ valid: false });
  });

  it('is byte-identical for identical inputs, whatever their order', () => {
    expect(renderEvidence(makeResult())).toBe(text);
    expect(renderEvidence(shuffled(makeResult()))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps the keys others rely on', () => {
    const evidence = JSON.parse(text);
    expect(evidence.evidence_version).toBe(1);
    const stale = evidence.controls.find((c: { id: string }) => c.id === 'UAR-001');
    expect(stale).toMatchObject({ id: 'UAR-001', status: 'fail', severity: 'high' });
    expect(stale.findings[0].subject).toEqual({ type: 'user', id: 'u_sean', email: 'sean.obrien@acme.example' });
    expect(stale.findings[0].message).toContain('Source Admin');
    expect(stale.excepted[0].exception).toMatchObject({
      reason: expect.stringContaining('Break-glass'),
      approved_by: 'ciso@acme.example',
      expires: '2027-01-31',
    });
    expect(evidence.totals.controls).toEqual({ total: 7, pass: 2, fail: 2, unknown: 1, error: 1, skipped: 1 });
    expect(evidence.totals.findings).toEqual({ total: 2, critical: 1, high: 1, medium: 0, low: 0 });
    expect(evidence.controls.map((c: { id: string }) => c.id)).toEqual(
      [...evidence.controls.map((c: { id: string }) => c.id)].sort(),
    );
    expect(evidence.access.users).toHaveLength(5);
    expect(Object.keys(evidence.params)).toEqual(['allowed_domains', 'max_owners', 'stale_days']);
  });
});
