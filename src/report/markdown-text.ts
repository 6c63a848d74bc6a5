/** Markdown building blocks: escaping of untrusted text (names, emails, messages) and tables. */
import { SEVERITIES, type Severity } from '../model/result.js';

/** Escape text for inline Markdown (and table cells): no emphasis, links, HTML or column breaks. */
export function md(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .trim();
}

export function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** "and 12 more" lists. */
export function capped<T>(items: T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** "2 critical, 1 high" (severities with a count only). */
export function bySeverity(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
