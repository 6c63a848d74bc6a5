import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeReviewer, type ReviewerRules } from '../../src/campaign/index.js';
import { emailKey, type HrRecord, type User } from '../../src/model/document.js';
import { makeOwner, makeUser } from '../helpers/document.js';

const hr = (manager: string | null): HrRecord => ({
  employment_status: 'active',
  termination_date: null,
  employee_id: null,
  manager_email: manager,
  worker_type: null,
  file: 'hr.csv',
});
const managers = (pairs: Record<string, string>) => (key: string) => pairs[key] ?? null;
const none = () => null;

describe('proposeReviewer', () => {
  it('takes the HR manager first, then a group reviewer, then a role reviewer, then the default', () => {
    const rules: ReviewerRules = {
      default: 'sec@x.com',
      groups: { Data: 'lead@x.com' },
      roles: { 'Workspace Owner': 'cto@x.com' },
    };
    const inData = { groups: [{ id: 'g', name: 'Data' }] };
    expect(proposeReviewer(makeOwner('a@x.com', { hr: hr('m@x.com'), ...inData }), rules, none)).toEqual({
      email: 'm@x.com',
      basis: 'HR manager_email',
    });
    expect(proposeReviewer(makeOwner('a@x.com', inData), rules, none)).toEqual({
      email: 'lead@x.com',
      basis: 'reviewers.groups["Data"]',
    });
    expect(proposeReviewer(makeOwner('a@x.com'), rules, none)).toEqual({
      email: 'cto@x.com',
      basis: 'reviewers.roles["Workspace Owner"]',
    });
    expect(proposeReviewer(makeUser('a@x.com'), rules, none)).toEqual({
      email: 'sec@x.com',
      basis: 'no HR manager_email and no group or role reviewer; reviewers.default',
    });
    // the roster's manager also counts for a user HR did not join (e.g. matched under another address)
    expect(proposeReviewer(makeUser('a@x.com'), rules, managers({ 'a@x.com': 'm@x.com' })).email).toBe('m@x.com');
  });

  it('never proposes the user: climbs to the manager’s manager, then the default, and says so', () => {
    const boss = makeUser('Boss@x.com', { hr: hr('boss@X.com ') });
    expect(proposeReviewer(boss, { default: 'sec@x.com' }, managers({ 'boss@x.com': 'boss@x.com' }))).toEqual({
      email: 'sec@x.com',
      basis: 'HR manager_email names the user themselves; reviewers.default',
    });
    // the HR record says the user manages themselves, but the roster knows someone above
    const climbing = managers({ 'a@x.com': 'a@x.com', 'A@x.com': 'a@x.com' });
    expect(proposeReviewer(makeUser('a@x.com', { hr: hr('a@x.com') }), {}, climbing)).toEqual({
      email: null,
      basis:
        'HR manager_email names the user themselves; no reviewers.default: fill reviewer_email, or set reviewers in the config',
    });
    const owner = makeOwner('cto@x.com');
    expect(proposeReviewer(owner, { roles: { 'Workspace Owner': 'CTO@x.com' }, default: 'cto@x.com' }, none)).toEqual({
      email: null,
      basis:
        'reviewers.roles["Workspace Owner"] names the user themselves; reviewers.default is the user themselves: fill reviewer_email, or set reviewers in the config',
    });
  });

  it('climbs the HR chain past the user', () => {
    // a's record names a as manager; the roster (another row for a's alias) knows b above
    const chain = managers({ 'a@x.com': 'b@x.com' });
    expect(proposeReviewer(makeUser('a@x.com', { hr: hr('a@x.com') }), {}, chain)).toEqual({
      email: 'b@x.com',
      basis: "HR manager_email names the user themselves; the manager's manager (HR)",
    });
  });

  it('property: whatever the roster and config say, the proposal is never the user', () => {
    const people = ['a@x.com', 'B@x.com', 'c@x.com', 'd@x.com'];
    const person = fc.constantFrom(...people);
    fc.assert(
      fc.property(
        person,
        fc.option(person, { nil: null }),
        fc.dictionary(fc.constantFrom(...people.map(emailKey)), person),
        fc.option(person, { nil: undefined }),
        fc.dictionary(fc.constantFrom('G1', 'G2'), person),
        fc.dictionary(fc.constantFrom('Workspace Owner', 'Source Admin'), person),
        fc.subarray(['G1', 'G2']),
        (subject, manager, roster, fallback, groups, roles, memberOf) => {
          const user: User = makeOwner(subject, {
            hr: manager === null ? null : hr(manager),
            groups: memberOf.map((name) => ({ id: name, name })),
          });
          const proposal = proposeReviewer(user, { default: fallback, groups, roles }, (key) => roster[key] ?? null);
          if (proposal.email !== null) expect(emailKey(proposal.email)).not.toBe(emailKey(subject));
          else expect(proposal.basis).toMatch(/fill reviewer_email/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
