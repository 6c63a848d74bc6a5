import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/config-file.js';
import { ConfigError } from '../../src/errors.js';

const valid = `params:
  stale_days: 60
  allowed_domains: [acme.com]
exceptions:
  - control: UAR-011
    subject: ops@acme.com          # an email, a user id, or "workspace"
    reason: Break-glass account kept in the vault, reviewed monthly
    approved_by: ciso@acme.com
    approved_at: 2026-09-30
    ticket: https://tickets.acme.example/SEC-1234
    expires: 2027-03-31
controls:
  UAR-010:
    enabled: false
    reason: SSO-only workspace
    approved_by: ciso@acme.com
    ticket: SEC-1240
    expires: 2027-06-30
  UAR-012: { enabled: true }
`;

describe('parseConfig', () => {
  it('reads a valid file with defaults filled in', () => {
    const config = parseConfig(valid, 'uar-check.yaml');
    expect(config.params).toEqual({ stale_days: 60, allowed_domains: ['acme.com'] });
    expect(config.exceptions).toEqual([
      {
        control: 'UAR-011',
        subject: 'ops@acme.com',
        reason: 'Break-glass account kept in the vault, reviewed monthly',
        approved_by: 'ciso@acme.com',
        approved_at: '2026-09-30',
        ticket: 'https://tickets.acme.example/SEC-1234',
        expires: '2027-03-31',
      },
    ]);
    expect(config.controls).toEqual({
      'UAR-010': {
        enabled: false,
        reason: 'SSO-only workspace',
        approved_by: 'ciso@acme.com',
        ticket: 'SEC-1240',
        expires: '2027-06-30',
      },
      'UAR-012': { enabled: true },
    });
    expect(config.inputs).toEqual({ identity: [] });
  });

  it('treats an empty file as all defaults', () => {
    expect(parseConfig('', 'c.yaml')).toEqual({ params: {}, exceptions: [], controls: {}, inputs: { identity: [] } });
  });

  it('keeps unknown params for custom controls', () => {
    expect(parseConfig('params:\n  team_limit: 4\n', 'c.yaml').params).toEqual({ team_limit: 4 });
  });

  const exception = (lines: string[]) => `exceptions:\n  - ${lines.join('\n    ')}\n`;
  const base = [
    'control: UAR-011',
    'subject: ops@acme.com',
    'reason: vault',
    'approved_by: ciso@acme.com',
    'expires: 2027-03-31',
  ];
  const without = (key: string) => base.filter((l) => !l.startsWith(`${key}:`));

  it.each([
    [
      'missing approved_by',
      exception(without('approved_by')),
      'c.yaml:2: exceptions[0].approved_by: an exception needs approved_by',
    ],
    [
      'empty approved_by',
      exception([...without('approved_by'), 'approved_by:']),
      'c.yaml:6: exceptions[0].approved_by: an exception needs approved_by',
    ],
    ['missing reason', exception(without('reason')), 'c.yaml:2: exceptions[0].reason: an exception needs a reason'],
    [
      'blank reason',
      exception([...without('reason'), 'reason: "  "']),
      'c.yaml:6: exceptions[0].reason: an exception needs a reason',
    ],
    [
      'missing expires',
      exception(without('expires')),
      'c.yaml:2: exceptions[0].expires: an exception needs expires (YYYY-MM-DD)',
    ],
    [
      'bad expiry',
      exception([...without('expires'), 'expires: next year']),
      'c.yaml:6: exceptions[0].expires: expected a day as YYYY-MM-DD',
    ],
    [
      'impossible day',
      exception([...without('expires'), 'expires: 2027-02-30']),
      'c.yaml:6: exceptions[0].expires: not a calendar day',
    ],
    [
      'bad control id',
      exception([...without('control'), 'control: stale']),
      'c.yaml:6: exceptions[0].control: expected a control id such as UAR-011',
    ],
    [
      'unknown exception key',
      exception([...base, 'aproved: x']),
      'c.yaml:7: exceptions[0].aproved: unknown key; allowed keys: control, subject, reason, approved_by, approved_at, ticket, expires',
    ],
    [
      'unknown top-level key',
      'params: {}\nexcpetions: []\n',
      'c.yaml:2: excpetions: unknown key; allowed keys: params, exceptions, controls, reviewers, control_prefix, inputs',
    ],
    [
      'approved_at not a day',
      exception([...base, 'approved_at: last week']),
      'c.yaml:7: exceptions[0].approved_at: expected a day as YYYY-MM-DD',
    ],
    [
      'approved_at after expires',
      exception([...base, 'approved_at: 2027-04-01']),
      'c.yaml:7: exceptions[0].approved_at: approved_at is after expires',
    ],
    [
      'disabled control without a reason',
      'controls:\n  UAR-010:\n    enabled: false\n    approved_by: ciso@acme.com\n',
      'c.yaml:3: controls.UAR-010.reason: a disabled control needs a reason',
    ],
    [
      'disabled control without an approver',
      'controls:\n  UAR-010: { enabled: false, reason: SSO only }\n',
      'c.yaml:2: controls.UAR-010.approved_by: a disabled control needs approved_by',
    ],
    [
      'disabled control with a bad expiry day',
      'controls:\n  UAR-010: { enabled: false, reason: x, approved_by: y, expires: 2027-02-30 }\n',
      'c.yaml:2: controls.UAR-010.expires: not a calendar day',
    ],
    [
      'wrong param type',
      'params:\n  stale_days: ninety\n',
      'c.yaml:2: params.stale_days: Invalid input: expected number, received string',
    ],
    [
      'negative param',
      'params:\n  max_owners: 2\n  stale_days: -1\n',
      'c.yaml:3: params.stale_days: expected a number of days ≥ 0',
    ],
    [
      'disabled control not boolean',
      'controls:\n  UAR-010:\n    enabled: "no"\n',
      'c.yaml:3: controls.UAR-010.enabled: Invalid input: expected boolean, received string',
    ],
    [
      'unknown control setting',
      'controls:\n  UAR-010: { enabled: false, reason: x, approved_by: y, mode: x }\n',
      'c.yaml:2: controls.UAR-010.mode: unknown key; allowed keys: enabled, reason, approved_by, ticket, expires',
    ],
    ['malformed YAML', 'params:\n  stale_days: [1, 2\nexceptions: []\n', /^c\.yaml:3: /],
    ['duplicate key', 'params: {}\nparams: {}\n', /^c\.yaml:2: Map keys must be unique/],
  ])('%s', (_name, text, expected) => {
    let error: unknown;
    try {
      parseConfig(text, 'c.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).not.toContain('\n');
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('joins the first three problems on one line', () => {
    const text = 'exceptions:\n  - control: UAR-001\n  - control: UAR-002\n';
    const message = (() => {
      try {
        parseConfig(text, 'c.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(
      /^c\.yaml:2: exceptions\[0\]\.subject: an exception needs a subject; c\.yaml:2: .*; and \d+ more problems$/,
    );
  });
});

describe('loadConfig', () => {
  it('reads a file and names it in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-config-'));
    const good = join(dir, 'uar-check.yaml');
    await writeFile(good, valid);
    expect((await loadConfig(good)).exceptions).toHaveLength(1);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, valid.replace('    approved_by: ciso@acme.com\n', ''));
    await expect(loadConfig(bad)).rejects.toThrow(
      `${bad}:5: exceptions[0].approved_by: an exception needs approved_by`,
    );
  });

  it('reports an unreadable file', async () => {
    await expect(loadConfig('/nonexistent/uar-check.yaml')).rejects.toThrow(
      '/nonexistent/uar-check.yaml: cannot read the config file: no such file',
    );
  });
});
