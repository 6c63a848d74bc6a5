/** Sort keys and labels the renderers share (general ordering is src/shared/order.ts). */
import { type Severity, type Subject, severityRank } from '../model/result.js';

/** A subject's sort key: type, then id, then email. */
export function subjectKey(subject: Subject | undefined): string[] {
  return subject ? [subject.type, subject.id ?? '', subject.email ?? ''] : ['', '', ''];
}

/** A subject as people read it: the email, else the id, else its type. */
export function subjectLabel(subject: Subject | undefined): string {
  if (!subject) return 'workspace';
  return subject.email ?? subject.id ?? subject.type;
}

/** Most severe first. */
export function severityOrder(severity: Severity): number {
  return -severityRank[severity];
}
