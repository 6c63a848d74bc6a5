import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, subjectKey } from '../../src/exceptions/fingerprint.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('fingerprint', () => {
  it.each([
    [{ type: 'user', id: 'u1', email: 'A@acme.com' }, 'u1'],
    [{ type: 'user', email: ' A@Acme.com ' }, 'a@acme.com'],
    [{ type: 'invite', email: 'Vendor@Partner.io' }, 'vendor@partner.io'],
    [{ type: 'workspace', id: 'ws-1' }, 'ws-1'],
    [{ type: 'workspace' }, 'workspace'],
  ] as const)('subject %j has key %s', (subject, key) => {
    expect(subjectKey(subject)).toBe(key);
    expect(fingerprint('UAR-001', 'ws-1', subject)).toBe(sha(`UAR-001\nws-1\n${key}`));
  });

  it('differs across controls, workspaces and subjects, and is stable', () => {
    const s = { type: 'user', id: 'u1' } as const;
    const all = [
      fingerprint('UAR-001', 'ws-1', s),
      fingerprint('UAR-002', 'ws-1', s),
      fingerprint('UAR-001', 'ws-2', s),
      fingerprint('UAR-001', 'ws-1', { type: 'user', id: 'u2' }),
    ];
    expect(new Set(all).size).toBe(4);
    expect(fingerprint('UAR-001', 'ws-1', s)).toBe(all[0]);
    expect(all[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
