/**
 * Deterministic ordering helpers shared by the renderers. Comparisons are by UTF-16 code units, never by
 * locale, so output does not depend on the machine's language settings.
 */
import { type Severity, type Subject, severityRank } from '../model/result.js';

/** Locale-independent string comparison. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compare tuples of strings/numbers element by element. */
export function compareTuple(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    if (c !== 0) return c;
  }
  return 0;
}

/** Sorted copy. */
export function sortedBy<T>(items: readonly T[], key: (item: T) => (string | number)[]): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => compareTuple(a.k, b.k))
    .map((e) => e.item);
}

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

/** Copy of a JSON-like value with object keys sorted recursively (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** 2-space JSON with a trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
