/**
 * Who should review a user's access. In order: the user's manager from the HR roster (`manager_email`); else the
 * reviewer the config names for one of the user's groups, else for one of their roles (groups and roles taken in
 * name order); with none of those, the config's default. Never the user themselves: when the chosen person is
 * the user, the proposal climbs the HR manager chain (the manager's manager, …) and then takes the default, and
 * `basis` says so. With nobody left, no reviewer is proposed and `basis` says what to configure.
 */
import { emailKey, type User } from '../model/document.js';
import { compareText } from '../shared/order.js';

/** The config file's `reviewers:` section. */
export interface ReviewerRules {
  default?: string;
  groups?: Record<string, string>;
  roles?: Record<string, string>;
}

export interface ReviewerProposal {
  email: string | null;
  /** Why this reviewer (or why none): written to the worksheet's reviewer_basis column. */
  basis: string;
}

/** An email's manager per the HR roster (any roster row, not only Segment users), or null. */
export type ManagerOf = (emailKey: string) => string | null;

const MAX_CHAIN = 20;

type Candidate = { email: string; basis: string };

export function proposeReviewer(user: User, rules: ReviewerRules, managerOf: ManagerOf): ReviewerProposal {
  const subject = user.email_key;
  const isSubject = (email: string) => emailKey(email) === subject;
  const manager = user.hr?.manager_email?.trim() || managerOf(subject);
  const first = manager ? { email: manager, basis: 'HR manager_email' } : configured(user, rules);
  if (first && !isSubject(first.email)) return first;

  const why = first ? `${first.basis} names the user themselves` : 'no HR manager_email and no group or role reviewer';
  const above = climb(manager ?? subject, subject, managerOf);
  if (first && above) return { email: above.email, basis: `${why}; ${above.basis}` };
  const fallback = rules.default?.trim();
  if (fallback && !isSubject(fallback)) return { email: fallback, basis: `${why}; reviewers.default` };
  const missing = fallback ? 'reviewers.default is the user themselves' : 'no reviewers.default';
  return { email: null, basis: `${why}; ${missing}: fill reviewer_email, or set reviewers in the config` };
}

/** The first reviewer the config names for the user's groups, then roles. */
function configured(user: User, rules: ReviewerRules): Candidate | null {
  const lookup = (table: Record<string, string> | undefined, names: string[], kind: string) => {
    for (const name of [...new Set(names)].sort(compareText)) {
      const email = table?.[name]?.trim();
      if (email) return { email, basis: `reviewers.${kind}["${name}"]` };
    }
    return null;
  };
  return (
    lookup(
      rules.groups,
      user.groups.map((g) => g.name),
      'groups',
    ) ?? lookup(rules.roles, user.effective_roles, 'roles')
  );
}

/** The first person above `start` in the HR manager chain who is not the subject (cycles end the climb). */
function climb(start: string, subject: string, managerOf: ManagerOf): Candidate | null {
  const seen = new Set<string>([emailKey(start)]);
  let current = emailKey(start);
  for (let level = 1; level <= MAX_CHAIN; level += 1) {
    const next = managerOf(current)?.trim();
    if (!next) return null;
    const key = emailKey(next);
    if (key !== subject)
      return {
        email: next,
        basis: level === 1 ? "the manager's manager (HR)" : `the HR manager ${level + 1} levels up`,
      };
    if (seen.has(key)) return null;
    seen.add(key);
    current = key;
  }
  return null;
}
