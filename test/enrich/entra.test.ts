import { describe, expect, it } from 'vitest';
import { combineSource } from '../../src/enrich/identity/combine.js';
import { parseEntraCsv } from '../../src/enrich/identity/entra.js';
import { parseEntraMfa, parseEntraSignIns } from '../../src/enrich/identity/entra-graph.js';
import { errorOf, fixture } from './helpers.js';

describe('Entra ID', () => {
  it('reads the Download users CSV: addresses, status, id; no MFA or sign-in', () => {
    const rows = parseEntraCsv('e.csv', fixture('ref-entra-users.csv'));
    expect(rows.map((r) => [r.id, r.primary, r.status, r.mfa, r.last_sign_in])).toEqual([
      [
        '6f1c2b7e-2d4a-4c8e-9b1f-0a3d5e7c9b21',
        ['ana.silva@example.com', 'Ana.Silva@example.com'],
        'active',
        'unknown',
        null,
      ],
      [
        '0b7e5d2a-91c4-4f36-8d2e-5c1a7f3e6b90',
        ['bcho@example.onmicrosoft.com', 'ben.cho@example.com'],
        'active',
        'unknown',
        null,
      ],
      [
        'c3d9a0f4-7e21-4b5c-a6d8-2f9e1b4c7a53',
        ['chloe.martin@example.com', 'chloe.martin@example.com'],
        'inactive',
        'unknown',
        null,
      ],
      [
        '9a4e6c1d-3b8f-4d27-b0e5-7c2a9f1d3e64',
        ['sam.lee_partner.example#EXT#@example.onmicrosoft.com', 'sam.lee@partner.example'],
        'active',
        'unknown',
        null,
      ],
      ['e5b1f7c3-0d6a-4e92-8c4b-1a7d3f9e2b08', ['scanner-3f@example.com'], 'active', 'unknown', null],
    ]);
  });

  it('reports [object Object]-style cells and unknown accountEnabled values', () => {
    const head = 'userPrincipalName,accountEnabled,signInActivity';
    expect(errorOf(() => parseEntraCsv('e.csv', `${head}\na@x.com,True,[object Object]\n`))).toMatch(
      /^e\.csv:2:3: signInActivity holds "\[object Object\]", an object flattened/,
    );
    expect(
      errorOf(() =>
        parseEntraCsv(
          'e.csv',
          `${head}\na@x.com,True,Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInActivity\n`,
        ),
      ),
    ).toMatch(/^e\.csv:2:3: signInActivity holds "Microsoft\.Graph/);
    expect(errorOf(() => parseEntraCsv('e.csv', `${head}\na@x.com,maybe,\n`))).toBe(
      'e.csv:2:2: accountEnabled "maybe" is not a known value; expected True or False',
    );
    expect(errorOf(() => parseEntraCsv('e.csv', 'mail,accountEnabled\na@x.com,True\n'))).toMatch(
      /^e\.csv:1: missing required column "userPrincipalName"/,
    );
  });

  it('reads registration details: absent users stay unknown', () => {
    const rows = parseEntraMfa('m.json', fixture('ref-entra-mfa.json'));
    expect(rows.map((r) => [r.principal, r.mfa])).toEqual([
      ['ana.silva@example.com', 'enrolled'],
      ['bcho@example.onmicrosoft.com', 'not_enrolled'],
      ['sam.lee_partner.example#EXT#@example.onmicrosoft.com', 'enrolled'],
      ['scanner-3f@example.com', 'not_enrolled'],
      ['maria.okafor@example.com', 'enrolled'],
    ]);
  });

  it('reads signInActivity: successful first, else the later attempt, all null → never', () => {
    const rows = parseEntraSignIns('s.json', fixture('ref-entra-signins.json'));
    expect(rows.map((r) => [r.principal, r.status, r.last_sign_in])).toEqual([
      ['ana.silva@example.com', 'active', '2024-05-03T06:01:10Z'],
      ['bcho@example.onmicrosoft.com', 'active', 'never'],
      ['chloe.martin@example.com', 'inactive', '2024-02-28T17:03:55Z'],
      ['sam.lee_partner.example#EXT#@example.onmicrosoft.com', 'active', '2024-04-11T10:02:44Z'],
      ['scanner-3f@example.com', 'active', '2024-05-03T07:45:00Z'],
    ]);
    const attempts = parseEntraSignIns(
      's.json',
      JSON.stringify({
        value: [
          {
            id: '1',
            userPrincipalName: 'a@x.com',
            signInActivity: {
              lastSignInDateTime: '2026-01-01T00:00:00Z',
              lastNonInteractiveSignInDateTime: '2026-02-01T00:00:00Z',
              lastSuccessfulSignInDateTime: null,
            },
          },
          {
            id: '2',
            userPrincipalName: 'b@x.com',
            proxyAddresses: ['SMTP:b@x.com', 'smtp:bee@x.com', 'X500:/o=x'],
            otherMails: ['b@home.example'],
          },
        ],
      }),
    );
    expect(attempts.map((r) => [r.last_sign_in, r.aliases])).toEqual([
      ['2026-02-01T00:00:00Z', []],
      [null, ['b@home.example', 'SMTP:b@x.com', 'smtp:bee@x.com']],
    ]);
  });

  it('combines the three files into one record per person (by object id, else UPN)', () => {
    const partials = [
      ...parseEntraCsv('entra-users.csv', fixture('ref-entra-users.csv')),
      ...parseEntraMfa('entra-mfa.json', fixture('ref-entra-mfa.json')),
      ...parseEntraSignIns('entra-signins.json', fixture('ref-entra-signins.json')),
    ];
    const records = combineSource(partials);
    const view = records.map((r) => [r.record_id, r.files.length, r.status, r.mfa, r.last_sign_in]);
    expect(view).toEqual([
      ['6f1c2b7e-2d4a-4c8e-9b1f-0a3d5e7c9b21', 3, 'active', 'enrolled', '2024-05-03T06:01:10Z'],
      ['0b7e5d2a-91c4-4f36-8d2e-5c1a7f3e6b90', 3, 'active', 'not_enrolled', 'never'],
      ['c3d9a0f4-7e21-4b5c-a6d8-2f9e1b4c7a53', 2, 'inactive', 'unknown', '2024-02-28T17:03:55Z'],
      ['9a4e6c1d-3b8f-4d27-b0e5-7c2a9f1d3e64', 3, 'active', 'enrolled', '2024-04-11T10:02:44Z'],
      ['e5b1f7c3-0d6a-4e92-8c4b-1a7d3f9e2b08', 3, 'active', 'not_enrolled', '2024-05-03T07:45:00Z'],
      ['1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 1, 'unknown', 'enrolled', null],
    ]);
    const ben = records[1]!;
    expect([...ben.keys.entries()]).toEqual([
      ['bcho@example.onmicrosoft.com', 'primary'],
      ['ben.cho@example.com', 'primary'],
    ]);
    // without object ids, the UPN ties the files together
    const byUpn = combineSource([
      ...parseEntraCsv('u.csv', 'userPrincipalName,accountEnabled\nA@x.com,False\n'),
      ...parseEntraMfa('m.json', '{"value":[{"userPrincipalName":"a@x.com","isMfaRegistered":true}]}'),
    ]);
    expect(byUpn.map((r) => [r.status, r.mfa, r.files])).toEqual([['inactive', 'enrolled', ['m.json', 'u.csv']]]);
  });

  it('reports malformed Graph JSON with the line', () => {
    expect(
      errorOf(() =>
        parseEntraMfa(
          'm.json',
          '{"value": [\n  {"id": "1", "userPrincipalName": "a@x.com",\n   "isMfaRegistered": "yes"}\n]}',
        ),
      ),
    ).toBe('m.json:3: value[0].isMfaRegistered is "yes"; expected true or false');
    expect(
      errorOf(() =>
        parseEntraSignIns(
          's.json',
          '{"value": [\n {"id": "1",\n  "signInActivity": {"lastSuccessfulSignInDateTime": "last week"}}]}',
        ),
      ),
    ).toBe(
      's.json:3: value[0].signInActivity.lastSuccessfulSignInDateTime "last week" is not an ISO-8601 time; expected e.g. 2024-05-03T06:01:10Z',
    );
    expect(errorOf(() => parseEntraMfa('m.json', '{"value": [1,'))).toMatch(/^m\.json:1:\d+: not valid JSON/);
    expect(errorOf(() => parseEntraMfa('m.json', '{"users": []}'))).toMatch(
      /^m\.json:1: \(top level\) is not a Graph userRegistrationDetails response/,
    );
  });
});
