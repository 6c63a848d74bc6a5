import { describe, expect, it } from 'vitest';
import type { ReviewResult } from '../../src/model/result.js';
import { buildEvidence, evidenceTextPieces } from '../../src/report/evidence.js';
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

  it('is the same text in pieces (what renderAll writes), also with a character beyond Latin-1 in a control', () => {
    expect([...evidenceTextPieces(buildEvidence(makeResult()))].join('')).toBe(text);
    const result = makeResult();
    const wide = { ...result, controls: result.controls.map((c) => ({ ...c, description: `${c.description} (…) 𝒜` })) };
    expect([...evidenceTextPieces(buildEvidence(wide))].join('')).toBe(renderEvidence(wide));
  });

  it('validates against schemas/evidence.v1.schema.json', () => {
    expect(validateEvidence(text)).toEqual({ valid: true, errors: [] });
  });

  it('declares every section: join with every input given, and the collection notes', () => {
    const record = { record_id: 'r1', origin: 'hr.csv:3', address: 'a@acme.example' };
    const sides = {
      matched: 1,
      probable: [{ email: 'b@acme.example', user_id: 'u_b', rule: 'plus-tag' as const, candidates: [record] }],
      conflicts: [{ email: 'c@acme.example', user_id: 'u_c', records: [record, record] }],
      unmatched_users: ['d@acme.example'],
      unmatched_records: 2,
    };
    const result: ReviewResult = {
      ...makeResult(),
      join: {
        users: 4,
        identity: {
          sources: [{ ...sides, source: 'okta', files: ['okta.json'], formats: ['okta'], records: 3, via_alias: [] }],
          matched_any: 1,
          unmatched_users: ['d@acme.example'],
        },
        hr: { ...sides, file: 'hr.csv', format: 'csv', rows: 3, rows_without_email: 0 },
        reviews: {
          file: 'reviews.yaml',
          format: 'yaml',
          campaigns: [{ id: 'q4', started_at: '2026-10-01', decisions: 3 }],
          decisions: 3,
          subjects_not_in_workspace: [],
        },
      },
      collection: {
        unavailable: [{ feature: 'groups', endpoint: 'GET /groups', status: 403, message: 'Forbidden' }],
        incomplete: [{ endpoint: 'GET /users', reason: 'fewer items than announced' }],
        removed_during_collection: [{ type: 'user', id: 'u_x', email: 'x@acme.example', endpoint: 'GET /users/{id}' }],
        users_without_permissions_field: 1,
        user_permissions: { read_from: 'list', sample: 5, sample_differed: false },
        audit_days: 30,
        resource_names: [{ type: 'SOURCE', endpoint: 'GET /sources', read: false, status: 403, message: 'Forbidden' }],
      },
    };
    expect(validateEvidence(renderEvidence(result))).toEqual({ valid: true, errors: [] });
    const extra = JSON.parse(renderEvidence(result));
    extra.sections.surprise = {};
    expect(validateEvidence(extra).valid).toBe(false);
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
