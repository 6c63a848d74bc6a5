import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config-file.js';
import { PersonDirectory, parsePerson } from '../../src/config/person.js';
import { checkSelfApproval, checkSelfApprovalByUserId } from '../../src/config/self-approval.js';
import { ConfigError } from '../../src/errors.js';

const entry = (subject: string, approved_by: string, control = 'UAR-011') => ({
  control,
  subject,
  approved_by,
  reason: 'Break-glass account kept in the vault',
  expires: '2027-03-31',
});

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkSelfApproval', () => {
  it('accepts exceptions approved by someone else, and an empty list', () => {
    expect(() => checkSelfApproval([], 'uar-check.yaml')).not.toThrow();
    expect(() =>
      checkSelfApproval(
        [entry('ops@acme.com', 'ciso@acme.com'), entry('workspace', 'ciso@acme.com', 'UAR-009')],
        'uar-check.yaml',
      ),
    ).not.toThrow();
  });

  it('refuses an exception approved by its own subject, naming the file and the entry', () => {
    const exceptions = [
      entry('alice@acme.com', 'ciso@acme.com'),
      entry('bob@acme.com', 'ciso@acme.com'),
      entry('ops@acme.com', 'ops@acme.com'),
    ];
    const error = thrown(() => checkSelfApproval(exceptions, 'uar-check.yaml'));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).message).toBe(
      "uar-check.yaml: exceptions[2]: approved_by ops@acme.com is the exception's own subject; an exception must be approved by someone else",
    );
  });

  it('compares trimmed and case-insensitively', () => {
    const error = thrown(() => checkSelfApproval([entry(' Ops@Acme.com', 'OPS@ACME.COM  ')], 'cfg.yaml'));
    expect((error as Error).message).toBe(
      "cfg.yaml: exceptions[0]: approved_by OPS@ACME.COM is the exception's own subject; an exception must be approved by someone else",
    );
  });

  it('compares "Name <email>" approvers by their email', () => {
    expect(() => checkSelfApproval([entry('ops@acme.com', 'Ops Team <OPS@acme.com>')], 'cfg.yaml')).toThrow(
      ConfigError,
    );
    expect(() => checkSelfApproval([entry('ops@acme.com', 'Ops Team <ciso@acme.com>')], 'cfg.yaml')).not.toThrow();
  });

  it('resolves user ids both ways once the users are known', () => {
    const users = [
      { id: 'oPsShArEd8Gh1Ij4Kl7Mn0c', email: 'Ops@acme.com' },
      { id: 'cIsO0000000000000000000', email: 'ciso@acme.com' },
    ];
    expect(() => checkSelfApproval([entry('oPsShArEd8Gh1Ij4Kl7Mn0c', 'ops@acme.com')], 'cfg.yaml')).not.toThrow();
    for (const [subject, approver] of [
      ['oPsShArEd8Gh1Ij4Kl7Mn0c', 'ops@acme.com'], // subject by id, approver by email
      ['ops@acme.com', 'oPsShArEd8Gh1Ij4Kl7Mn0c'], // subject by email, approver by id
      ['ops+oncall@acme.com', 'opsshared8gh1ij4kl7mn0c'], // +tag and id case
    ] as const) {
      expect(() => checkSelfApprovalByUserId([entry(subject, approver)], 'cfg.yaml', users)).toThrow(
        /exceptions\[0\]: approved_by \S+ is the exception's own subject/,
      );
    }
    expect(() =>
      checkSelfApprovalByUserId([entry('oPsShArEd8Gh1Ij4Kl7Mn0c', 'cIsO0000000000000000000')], 'cfg.yaml', users),
    ).not.toThrow();
    expect(() => checkSelfApprovalByUserId([entry('workspace', 'ciso@acme.com')], 'cfg.yaml', users)).not.toThrow();
  });

  it.each([
    ['ops+vault@acme.com', 'ops@acme.com'],
    ['ops@acme.com', 'OPS+approvals@ACME.com'],
    ['ops@acme.com', 'ops\u200b@acme.com'],
    ['ops@acme.com', '\u2060ops@acme.com\ufeff'],
    ['zoe\u0301@acme.com', 'zoé@acme.com'],
    ['mailto:ops@acme.com', 'ops@acme.com'],
    ['ops@acme.com', 'Ops Team <ops+x@acme.com>'],
  ])('compares people, not strings: subject %j, approver %j', (subject, approver) => {
    expect(() => checkSelfApproval([entry(subject, approver)], 'cfg.yaml')).toThrow(/own subject/);
  });

  it('reports every self-approved exception in one error, the first three in full', () => {
    const exceptions = ['a', 'b', 'c', 'd', 'e'].map((n) => entry(`${n}@acme.com`, `${n}@acme.com`));
    const message = (thrown(() => checkSelfApproval(exceptions, 'cfg.yaml')) as Error).message;
    expect(message.split('; an exception must').length - 1).toBe(3);
    expect(message).toContain('exceptions[0]');
    expect(message).toContain('exceptions[2]');
    expect(message).not.toContain('exceptions[3]');
    expect(message).toMatch(/; and 2 more self-approved exceptions$/);
  });

  it('is enforced by the config loader', () => {
    const text = `exceptions:
  - control: UAR-011
    subject: ops@acme.com
    reason: Shared account for on-call
    approved_by: ops@acme.com
    expires: 2027-03-31
`;
    expect(() => parseConfig(text, 'uar-check.yaml')).toThrow(
      "uar-check.yaml: exceptions[0]: approved_by ops@acme.com is the exception's own subject",
    );
  });

  it.each([
    ['mailto:ops@acme.com', 'is a mailto: link'],
    ['Security Team', 'is not an email address or a Segment user id'],
    ['ops@acme.com, ciso@acme.com', 'is not a valid email address'],
    ['ops@', 'is not a valid email address'],
  ])('the config loader refuses approved_by %j with its line', (approver, why) => {
    const text = `exceptions:
  - control: UAR-011
    subject: ops@acme.com
    reason: Shared account for on-call
    approved_by: "${approver}"
    expires: 2027-03-31
`;
    expect(() => parseConfig(text, 'uar-check.yaml')).toThrow(`uar-check.yaml:5: exceptions[0].approved_by: ${why}`);
  });
});

/** The entries refused with every user in the directory (the check before it indexed only the users named). */
function refusedBefore(exceptions: ReturnType<typeof entry>[], users: { id: string; email: string }[]): number[] {
  const people = new PersonDirectory(users);
  const refused: number[] = [];
  exceptions.forEach((exception, index) => {
    const approver = parsePerson(exception.approved_by);
    const subject = parsePerson(exception.subject.replace(/^\s*mailto:/i, ''));
    if ('problem' in approver || 'problem' in subject) return;
    const subjectKeys = people.keys(subject);
    if ([...people.keys(approver)].some((key) => subjectKeys.has(key))) refused.push(index);
  });
  return refused;
}

describe('checkSelfApprovalByUserId with the users named only', () => {
  it('refuses the entries the check with every user refused', () => {
    const ids = ['oPs1', 'ops1', 'Ciso2', 'x_3'];
    const emails = [
      'ops@acme.com',
      'Ops+t@acme.com',
      'ops\u200b@acme.com',
      'ciso@acme.com',
      'zoé@acme.com',
      'zoe\u0301@acme.com',
    ];
    const person = fc.constantFrom(...ids, ...emails, 'workspace', 'mailto:ops@acme.com', 'Ops Team <ciso@acme.com>');
    const users = fc.array(fc.record({ id: fc.constantFrom(...ids), email: fc.constantFrom(...emails) }), {
      maxLength: 6,
    });
    const exceptions = fc.array(
      fc.tuple(person, person).map(([subject, approver]) => entry(subject, approver)),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(exceptions, users, (list, people) => {
        const error = thrown(() => checkSelfApprovalByUserId(list, 'cfg.yaml', people));
        const refused = error
          ? [...(error as Error).message.matchAll(/exceptions\[(\d+)\]/g)].map((m) => Number(m[1]))
          : [];
        expect(refused).toEqual(refusedBefore(list, people));
      }),
      { numRuns: 2000 },
    );
  });
});
