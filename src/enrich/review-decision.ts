/** One review decision, as both review file formats produce it. */
import type { Decision } from '../model/document.js';
import { emailKey } from '../model/document.js';

export const DECISIONS = ['keep', 'revoke', 'modify'] as const;
export const DATE_EXPECTED = 'expected YYYY-MM-DD or an RFC 3339 time such as 2026-10-05T14:00:00Z';

export function decisionWord(text: string): Decision['decision'] | null {
  const word = text.trim().toLowerCase();
  return (DECISIONS as readonly string[]).includes(word) ? (word as Decision['decision']) : null;
}

export function makeDecision(
  subject: string,
  reviewer: string,
  decision: Decision['decision'],
  decidedAt: string,
  justification: string | null,
): Decision {
  return {
    subject_email: subject.trim(),
    subject_key: emailKey(subject),
    reviewer_email: reviewer.trim(),
    reviewer_key: emailKey(reviewer),
    decision,
    decided_at: decidedAt,
    justification: justification?.trim() || null,
  };
}
