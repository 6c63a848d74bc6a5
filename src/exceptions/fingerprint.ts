/**
 * A finding's fingerprint: stable across runs for the same control, workspace and subject, distinct across
 * subjects. Reporters use it too (SARIF partialFingerprints, baseline diffs).
 */
import { createHash } from 'node:crypto';
import { emailKey } from '../model/document.js';
import type { Subject } from '../model/result.js';

/** The subject's id, else its email key, else "workspace". */
export function subjectKey(subject: Subject): string {
  if (subject.id !== undefined && subject.id !== '') return subject.id;
  if (subject.email !== undefined && subject.email !== '') return emailKey(subject.email);
  return 'workspace';
}

/** sha256(control id + "\n" + workspace id + "\n" + subject key), hex. */
export function fingerprint(controlId: string, workspaceId: string, subject: Subject): string {
  return createHash('sha256')
    .update(`${controlId}\n${workspaceId}\n${subjectKey(subject)}`)
    .digest('hex');
}
