import { describe, expect, it } from 'vitest';
import { applyExceptions, type RawControl } from '../../src/exceptions/apply.js';
import { controlDisables } from '../../src/exceptions/disabled.js';
import { fingerprint } from '../../src/exceptions/fingerprint.js';
import type { Exception, PolicyOutput, Subject } from '../../src/model/result.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const WS = 'ws-1';

function control(id: string, output: PolicyOutput | null, error: string | null = null): RawControl {
  return {
    id,
    name: `control-${id}`,
    package: `uar.controls.c${id}`,
    title: id,
    description: '',
    severity: 'high',
    frameworks: [],
    remediation: '',
    needs: [],
    file: 'policies/x.rego',
    line: 1,
    output,
    error,
  };
}

const user = (id: string, email: string): Subject => ({ type: 'user', id, email });
const workspace: Subject = { type: 'workspace', id: WS };
const finding = (subject: Subject, message = 'm') => ({ subject, message, facts: { a: 1 } });
const out = (findings: PolicyOutput['findings'], unknown: PolicyOutput['unknown'] = []): PolicyOutput => ({
  findings,
  unknown,
  population: 3,
});
const exception = (control: string, subject: string, expires = '2027-03-31'): Exception => ({
  control,
  subject,
  reason: 'accepted',
  approved_by: 'ciso@acme.com',
  expires,
});

const off = { reason: 'r', approved_by: 'ciso@acme.com', ticket: null, expires: null, expired: false };
const offMap = (ids: string[]) => new Map(ids.map((id) => [id, off] as const));

describe('applyExceptions: status', () => {
  it.each([
    ['pass', out([]), null, false, 'pass'],
    ['fail', out([finding(user('u1', 'a@acme.com'))]), null, false, 'fail'],
    ['unknown', out([], [{ reason: 'no identity export was given' }]), null, false, 'unknown'],
    ['fail beats unknown', out([finding(user('u1', 'a@acme.com'))], [{ reason: 'x' }]), null, false, 'fail'],
    ['error', null, 'WASM evaluation failed', false, 'error'],
    ['no output', null, null, false, 'error'],
    ['skipped', out([finding(user('u1', 'a@acme.com'))]), null, true, 'skipped'],
  ] as const)('%s', (_name, output, error, isDisabled, status) => {
    const disabled = offMap(isDisabled ? ['UAR-001'] : []);
    const [result] = applyExceptions([control('UAR-001', output, error)], [], NOW, disabled, WS).controls;
    expect(result?.status).toBe(status);
    if (status === 'skipped' || status === 'error') {
      expect(result?.findings).toEqual([]);
      expect(result?.population).toBeNull();
    }
  });
});

describe('applyExceptions: exceptions', () => {
  const findings = out([
    finding(user('u2', 'Ops@Acme.com'), 'shared'),
    finding(user('u1', 'ann@acme.com'), 'z'),
    finding({ type: 'invite', email: 'vendor@partner.io' }),
  ]);

  it.each([
    ['email, case-insensitive', exception('UAR-011', ' OPS@acme.com'), ['u1', 'vendor@partner.io'], 'fail'],
    ['user id', exception('UAR-011', 'u1'), ['u2', 'vendor@partner.io'], 'fail'],
    ['invite email', exception('UAR-011', 'Vendor@Partner.io'), ['u1', 'u2'], 'fail'],
    ['another control', exception('UAR-001', 'u1'), ['u1', 'u2', 'vendor@partner.io'], 'fail'],
    ['expires today: still live', exception('UAR-011', 'u1', '2026-11-28'), ['u2', 'vendor@partner.io'], 'fail'],
    ['expired yesterday', exception('UAR-011', 'u1', '2026-11-27'), ['u1', 'u2', 'vendor@partner.io'], 'fail'],
  ])('matches by %s', (_name, ex, remaining, status) => {
    const result = applyExceptions([control('UAR-011', findings)], [ex], NOW, offMap([]), WS);
    const c = result.controls[0];
    expect(c?.findings.map((f) => f.subject.id ?? f.subject.email)).toEqual(remaining);
    expect(c?.status).toBe(status);
    expect(c?.excepted.every((f) => f.exception === ex)).toBe(true);
  });

  it('a workspace finding is covered by "workspace" and the control passes', () => {
    const result = applyExceptions(
      [control('UAR-009', out([finding(workspace)]))],
      [exception('UAR-009', 'Workspace')],
      NOW,
      offMap([]),
      WS,
    );
    const c = result.controls[0];
    expect(c?.status).toBe('pass');
    expect(c?.findings).toEqual([]);
    expect(c?.excepted).toHaveLength(1);
    expect(c?.excepted[0]?.exception.reason).toBe('accepted');
    expect(c?.excepted[0]?.fingerprint).toBe(fingerprint('UAR-009', WS, workspace));
    expect(result.unused).toEqual([]);
  });

  it('excepted findings with unknowns left give unknown', () => {
    const output = out(
      [finding(user('u1', 'a@acme.com'))],
      [{ subject: user('u9', 'x@acme.com'), reason: 'no identity record' }],
    );
    const result = applyExceptions([control('UAR-002', output)], [exception('UAR-002', 'u1')], NOW, offMap([]), WS);
    expect(result.controls[0]?.status).toBe('unknown');
  });

  it('lists expired exceptions once and unused live ones', () => {
    const expired = exception('UAR-011', 'u1', '2026-01-01');
    const unused = exception('UAR-011', 'nobody@acme.com');
    const unknownControl = exception('UAR-999', 'u1');
    const used = exception('UAR-011', 'u2');
    const result = applyExceptions(
      [control('UAR-011', findings)],
      [expired, { ...expired }, unused, unknownControl, used],
      NOW,
      offMap([]),
      WS,
    );
    expect(result.expired).toEqual([expired]);
    expect(result.unused).toEqual([unused, unknownControl]);
  });

  it('exceptions of skipped or failed controls are not reported unused', () => {
    const result = applyExceptions(
      [control('UAR-010', out([])), control('UAR-012', null, 'boom')],
      [exception('UAR-010', 'a@acme.com'), exception('UAR-012', 'a@acme.com')],
      NOW,
      offMap(['UAR-010']),
      WS,
    );
    expect(result.unused).toEqual([]);
  });
});

describe('applyExceptions: order and fingerprints', () => {
  it('sorts controls by id, findings by subject key then message', () => {
    const output = out([
      finding(user('u2', 'b@acme.com'), 'b'),
      finding({ type: 'user', email: 'Gone@acme.com' }, 'x'),
      finding(user('u1', 'a@acme.com'), 'b'),
      finding(user('u1', 'a@acme.com'), 'a'),
    ]);
    const result = applyExceptions([control('UAR-002', out([])), control('UAR-001', output)], [], NOW, offMap([]), WS);
    expect(result.controls.map((c) => c.id)).toEqual(['UAR-001', 'UAR-002']);
    const first = result.controls[0];
    expect(first?.findings.map((f) => `${f.subject.id ?? f.subject.email}/${f.message}`)).toEqual([
      'Gone@acme.com/x',
      'u1/a',
      'u1/b',
      'u2/b',
    ]);
    expect(first?.findings[0]).toMatchObject({ control: 'UAR-001', facts: { a: 1 } });
    expect(first?.population).toBe(3);
  });

  it('sorts unknowns deterministically', () => {
    const output = out(
      [],
      [
        { subject: user('u2', 'b@acme.com'), reason: 'r' },
        { reason: 'whole' },
        { subject: user('u1', 'a@acme.com'), reason: 'r' },
      ],
    );
    const [c] = applyExceptions([control('UAR-001', output)], [], NOW, offMap([]), WS).controls;
    expect(c?.unknown.map((u) => u.subject?.id ?? '-')).toEqual(['-', 'u1', 'u2']);
  });
});

describe('controlDisables', () => {
  const settings = {
    'UAR-010': {
      enabled: false,
      reason: 'SSO only',
      approved_by: 'ciso@acme.com',
      ticket: 'SEC-1',
      expires: '2026-11-27',
    },
    'UAR-011': { enabled: false, reason: 'paused', approved_by: 'ciso@acme.com', expires: '2026-11-28' },
    'UAR-012': { enabled: true },
  };

  it('keeps the paper trail; a disable is live until the end of its expiry day (UTC), then expired', () => {
    const now = new Date('2026-11-28T23:59:59Z');
    const disables = controlDisables(settings, now);
    expect([...disables.keys()]).toEqual(['UAR-010', 'UAR-011']);
    expect(disables.get('UAR-010')).toEqual({
      reason: 'SSO only',
      approved_by: 'ciso@acme.com',
      ticket: 'SEC-1',
      expires: '2026-11-27',
      expired: true,
    });
    expect(disables.get('UAR-011')?.expired).toBe(false);
    expect(disables.get('UAR-011')?.ticket).toBeNull();
  });

  it('an expired disable lets the control run again and stays on the result as a note', () => {
    const disables = controlDisables(settings, new Date('2026-11-28T12:00:00Z'));
    const output = out([finding(user('u1', 'a@acme.com'))]);
    const [ran, skipped] = applyExceptions(
      [control('UAR-010', output), control('UAR-011', output)],
      [],
      NOW,
      disables,
      WS,
    ).controls;
    expect(ran?.status).toBe('fail');
    expect(ran?.disabled?.expired).toBe(true);
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.disabled?.reason).toBe('paused');
  });
});
