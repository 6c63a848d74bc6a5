import { describe, expect, it } from 'vitest';
import { applyNeeds, missingNeed, NEEDS } from '../../src/exceptions/needs.js';
import type { Coverage } from '../../src/model/document.js';
import type { ControlResult } from '../../src/model/result.js';

const full: Coverage = {
  users: true,
  groups: 'complete',
  invites: true,
  audit: 'complete',
  identity: true,
  identity_sources: ['okta'],
  hr: true,
  reviews: true,
};
const team: Coverage = {
  ...full,
  groups: 'unavailable_plan',
  audit: 'unavailable_plan',
  unavailable: [
    {
      feature: 'groups',
      endpoint: 'GET /groups',
      status: 400,
      message: 'bad-request: Your plan does not include User Groups',
    },
  ],
};
const control = (
  status: ControlResult['status'],
  needs: string[],
  extra: Partial<ControlResult> = {},
): ControlResult => ({
  id: 'ACME-001',
  name: 'x',
  package: 'uar.controls.x',
  title: 'X',
  description: '',
  severity: 'high',
  frameworks: [],
  remediation: '',
  needs,
  file: 'custom/x.rego',
  line: 12,
  status,
  population: 3,
  findings: [],
  excepted: [],
  unknown: [],
  error: null,
  disabled: null,
  ...extra,
});

describe('the runner applies METADATA needs', () => {
  it('every item is there on a full document: nothing changes', () => {
    for (const need of NEEDS) expect(missingNeed(need, full)).toBeNull();
    const c = control('pass', [...NEEDS]);
    expect(applyNeeds(c, full)).toBe(c);
  });

  it('a pass needing groups on a plan without them is unknown, the reason naming the plan in Segment’s words', () => {
    const out = applyNeeds(control('pass', ['groups']), team);
    expect(out.status).toBe('unknown');
    expect(out.unknown).toEqual([
      {
        reason:
          "needs user groups, which this workspace's Segment plan does not include (Segment said: bad-request: Your plan does not include User Groups)",
      },
    ]);
  });

  it('a control that needs nothing, or data that is there, still passes on the Team plan', () => {
    expect(applyNeeds(control('pass', []), team).status).toBe('pass');
    expect(applyNeeds(control('pass', ['identity', 'hr']), team).status).toBe('pass');
  });

  it('findings stay a fail (with the reason added); error and skipped are untouched', () => {
    const finding = {
      control: 'ACME-001',
      subject: { type: 'user' as const, id: 'u1' },
      message: 'm',
      facts: {},
      fingerprint: 'f',
    };
    const failed = applyNeeds(control('fail', ['audit'], { findings: [finding] }), team);
    expect(failed.status).toBe('fail');
    expect(failed.unknown.map((u) => u.reason)).toEqual([expect.stringMatching(/^needs the audit trail/)]);
    const errored = control('error', ['groups'], { error: 'boom' });
    expect(applyNeeds(errored, team)).toBe(errored);
  });

  it.each([
    ['identity', { identity: false }, 'needs an identity export, and none was given (--identity)'],
    ['hr', { hr: false }, 'needs an HR roster, and none was given (--hr)'],
    ['reviews', { reviews: false }, 'needs review decisions, and none were given (--reviews)'],
    ['audit', { audit: 'not_requested' }, 'needs the audit trail, which was not requested (--audit-days)'],
    ['groups', { groups: 'not_read' }, 'needs user groups, which were not read'],
    ['invites', { invites: false }, 'needs pending invites, which were not read completely'],
  ] as const)('%s missing: unknown with its reason', (need, change, reason) => {
    const out = applyNeeds(control('pass', [need]), { ...full, ...change } as Coverage);
    expect(out.status).toBe('unknown');
    expect(out.unknown).toEqual([{ reason }]);
  });

  it('an item outside the vocabulary makes the control an error naming the file', () => {
    const out = applyNeeds(control('pass', ['grups']), full);
    expect(out.status).toBe('error');
    expect(out.error).toBe(
      'METADATA needs names "grups", which the runner does not know; use audit, groups, hr, identity, invites, reviews (custom/x.rego:12)',
    );
  });
});
