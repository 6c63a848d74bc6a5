/**
 * Separation of duties for exceptions: nobody approves their own exception. People are compared, not strings
 * (person.ts): invisible characters, case, Unicode form and `+tags` do not make a different person, and a
 * Segment user id is the same person as that user's email. A self-approved exception is refused with a
 * ConfigError naming the file and the entry, e.g.
 *   uar-check.yaml: exceptions[2]: approved_by ops@acme.com is the exception's own subject; an exception must be
 *   approved by someone else
 * Two checks share this code: the config loader runs `checkSelfApproval` without users (addresses and ids as
 * written), and the review runs `checkSelfApprovalByUserId` once the users are collected, which also resolves a
 * user id to its email and back. Either stops the run (exit 2) instead of silently hiding a finding.
 */
import { ConfigError } from '../errors.js';
import { emailPersonKey, normalizeName, PersonDirectory, parsePerson } from './person.js';

export interface ExceptionApproval {
  control: string;
  subject: string;
  approved_by: string;
}

/** Problems shown in full; the rest are counted ("; and 2 more"), like the config loader does. */
const SHOWN = 3;

/** At config load: refuses an exception whose approver is its subject as written. */
export function checkSelfApproval(exceptions: readonly ExceptionApproval[], file: string): void {
  report(findSelfApprovals(exceptions, file, new PersonDirectory([])));
}

/** After collection: refuses an exception whose approver is its subject through a Segment user id. */
export function checkSelfApprovalByUserId(
  exceptions: readonly ExceptionApproval[],
  file: string,
  users: readonly { id: string; email: string }[],
): void {
  if (exceptions.length === 0) return; // nothing to check: the users are not indexed for nothing
  report(findSelfApprovals(exceptions, file, new PersonDirectory(named(exceptions, users))));
}

/**
 * The users an approver or a subject names, by user id or by email key: the only ones the directory can resolve
 * those references to, so the only ones it needs (a workspace's other users cost an index entry each).
 */
function named<U extends { id: string; email: string }>(exceptions: readonly ExceptionApproval[], users: readonly U[]) {
  const ids = new Set<string>();
  const emails = new Set<string>();
  for (const exception of exceptions) {
    for (const ref of references(exception)) {
      if ('problem' in ref) continue;
      if (ref.kind === 'id') ids.add(ref.id);
      else emails.add(ref.key);
    }
  }
  return users.filter((user) => ids.has(user.id.toLowerCase()) || emails.has(emailPersonKey(user.email)));
}

/** The exception's approver and subject, as people (or why not). */
function references(exception: ExceptionApproval): [ReturnType<typeof parsePerson>, ReturnType<typeof parsePerson>] {
  return [parsePerson(exception.approved_by), parsePerson(exception.subject.replace(/^\s*mailto:/i, ''))];
}

function findSelfApprovals(exceptions: readonly ExceptionApproval[], file: string, people: PersonDirectory): string[] {
  const problems: string[] = [];
  exceptions.forEach((exception, index) => {
    const [approver, subject] = references(exception);
    if ('problem' in approver || 'problem' in subject) return; // the schema refuses a bad approver
    const subjectKeys = people.keys(subject);
    if (![...people.keys(approver)].some((key) => subjectKeys.has(key))) return;
    problems.push(
      `${file}: exceptions[${index}]: approved_by ${normalizeName(exception.approved_by)} is the exception's own subject; ` +
        'an exception must be approved by someone else',
    );
  });
  return problems;
}

function report(problems: string[]): void {
  if (problems.length === 0) return;
  const more = problems.length - SHOWN;
  throw new ConfigError(
    problems.slice(0, SHOWN).join('; ') +
      (more > 0 ? `; and ${more} more self-approved exception${more === 1 ? '' : 's'}` : ''),
  );
}
