/**
 * Separation of duties for exceptions: nobody approves their own exception. An exception whose `approved_by`
 * is its own `subject` (compared trimmed and case-insensitively; `Name <email>` compares by the email) is
 * refused with a ConfigError naming the file and the entry, e.g.
 *   uar-check.yaml: exceptions[2]: approved_by ops@acme.com is the exception's own subject; an exception must be
 *   approved by someone else
 * The config loader calls it after validation, so a self-approved exception stops the run (exit 2) instead of
 * silently hiding a finding.
 */
import { ConfigError } from '../errors.js';

export interface ExceptionApproval {
  control: string;
  subject: string;
  approved_by: string;
}

/** Problems shown in full; the rest are counted ("; and 2 more"), like the config loader does. */
const SHOWN = 3;

/**
 * Throws a ConfigError when any exception is approved by its own subject.
 * `aliases` may return other names of a subject (e.g. the email of a subject given as a Segment user id).
 */
export function checkSelfApproval(
  exceptions: readonly ExceptionApproval[],
  file: string,
  aliases?: (subject: string) => readonly string[],
): void {
  const problems: string[] = [];
  exceptions.forEach((exception, index) => {
    const approver = identityKey(exception.approved_by);
    if (approver === '') return;
    const subjects = [exception.subject, ...(aliases?.(exception.subject) ?? [])].map(identityKey);
    if (!subjects.includes(approver)) return;
    problems.push(
      `${file}: exceptions[${index}]: approved_by ${exception.approved_by.trim()} is the exception's own subject; ` +
        'an exception must be approved by someone else',
    );
  });
  if (problems.length === 0) return;
  const more = problems.length - SHOWN;
  throw new ConfigError(
    problems.slice(0, SHOWN).join('; ') +
      (more > 0 ? `; and ${more} more self-approved exception${more === 1 ? '' : 's'}` : ''),
  );
}

/** "  Ops Team <OPS@acme.com> " → "ops@acme.com"; "U123" → "u123". */
function identityKey(value: string): string {
  const trimmed = value.trim();
  const bracketed = /<([^<>]+)>\s*$/.exec(trimmed)?.[1];
  return (bracketed ?? trimmed).trim().toLowerCase();
}
