/**
 * How the CLI shows the collection's progress events: a live line on a terminal, and separate lines for what a
 * reader must not miss (a server that asked for a longer wait than allowed, a subject removed during the run).
 */
import type { Progress } from '../source/segment/index.js';

export interface ProgressLine {
  update(p: Progress): void;
  /** Clear the line (call before printing anything else). */
  done(): void;
}

/** `write` is e.g. `(s) => process.stderr.write(s)`; updates are drawn at most every `intervalMs`. */
export function progressLine(
  write: (text: string) => void,
  intervalMs = 100,
  now: () => number = Date.now,
): ProgressLine {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (p.phase !== 'done' && t - last < intervalMs) return;
      last = t;
      drawn = true;
      write(`\r\u001b[2K${formatProgress(p)}`);
    },
    done() {
      if (drawn) write('\r\u001b[2K');
      drawn = false;
    },
  };
}

export function formatProgress(p: Progress): string {
  const parts = [
    `users ${p.usersRead}/${p.usersListed}`,
    `groups ${p.groupsRead}/${p.groupsListed}`,
    `${p.requests} requests`,
  ];
  if (p.retries) parts.push(`${p.retries} retries (${p.throttled} rate-limited)`);
  if (p.removed) parts.push(`${p.removed} removed during the run`);
  if (p.waiting) parts.push(`waiting ${seconds(p.waiting.ms)} (${p.waiting.reason})`);
  return `Segment: ${parts.join(', ')}`;
}

/** A line worth printing on its own for this event, or undefined. */
export function noticeFor(p: Progress): string | undefined {
  if (p.waiting?.askedMs !== undefined) {
    const where = p.waiting.endpoint ? `${p.waiting.endpoint}: ` : '';
    return `${where}Segment asked to wait ${seconds(p.waiting.askedMs)}; waiting ${seconds(p.waiting.ms)} instead (the cap, --max-wait)`;
  }
  if (p.removedSubject) {
    const s = p.removedSubject;
    return `${s.endpoint}: ${s.type} ${s.id}${s.email ? ` (${s.email})` : ''} was removed during the collection; left out`;
  }
  return undefined;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
