/** A one-line progress display for a terminal (the CLI decides whether to use it; the library never prints). */
import type { Progress } from './progress-types.js';

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
  if (p.waiting) parts.push(`waiting ${(p.waiting.ms / 1000).toFixed(1)} s (${p.waiting.reason})`);
  return `Segment: ${parts.join(', ')}`;
}
