/** Whether a config exception is live at a time, and whether it names a finding's subject. */
import { emailKey } from '../model/document.js';
import type { Exception, Subject } from '../model/result.js';

const DAY_MS = 86_400_000;

/** Live while `now` is before the end of the expiry day (UTC). A malformed day is never live. */
export function isLive(exception: Pick<Exception, 'expires'>, now: Date): boolean {
  const start = Date.parse(`${exception.expires}T00:00:00Z`);
  return Number.isFinite(start) && now.getTime() < start + DAY_MS;
}

/** The exception's subject is the finding's email (case-insensitive), its id, or "workspace" for the workspace. */
export function namesSubject(exception: Exception, subject: Subject): boolean {
  const wanted = exception.subject.trim();
  if (subject.type === 'workspace' && wanted.toLowerCase() === 'workspace') return true;
  if (subject.id !== undefined && subject.id === wanted) return true;
  return subject.email !== undefined && emailKey(subject.email) === emailKey(wanted);
}
