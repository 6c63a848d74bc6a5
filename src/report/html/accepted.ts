/** Accepted risks (exceptions applied, with their expiry countdown; disabled controls), expired and unused exceptions. */
import type { ControlDisable, Exception, ReviewResult } from '../../model/result.js';
import { sortedBy } from '../../shared/order.js';
import { esc, linkOrText, table } from './escape.js';

const DAY_MS = 86_400_000;

/** Whole days from `now` to the end of `day` (UTC): "in 12 days", "today", or "3 days ago". */
export function countdown(day: string, now: string): string {
  const end = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
  const days = Math.floor((end - Date.parse(now)) / DAY_MS);
  if (!Number.isFinite(days)) return '';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  if (end > Date.parse(now)) return 'today';
  const ago = Math.max(1, Math.ceil((Date.parse(now) - end) / DAY_MS));
  return `${ago} day${ago === 1 ? '' : 's'} ago`;
}

const ticket = (t: string | null | undefined) => (t ? linkOrText(t, t) : '—');

function exceptionRows(list: { e: Exception; findings?: number }[], now: string) {
  return sortedBy(list, ({ e }) => [e.expires, e.control, e.subject]).map(({ e, findings }) => ({
    cells: [
      `<code>${esc(e.control)}</code>`,
      esc(e.subject),
      esc(e.reason),
      esc(e.approved_by),
      esc(e.approved_at ?? '—'),
      ticket(e.ticket),
      `<span data-sort="${esc(e.expires)}">${esc(e.expires)}<br><small>${esc(countdown(e.expires, now))}</small></span>`,
      ...(findings === undefined ? [] : [String(findings)]),
    ],
  }));
}

const HEAD = ['Control', 'Subject', 'Reason', 'Approved by', 'Approved on', 'Ticket', 'Expires'];

export function acceptedSection(result: ReviewResult): string {
  const now = result.evaluated_at;
  const used = new Map<string, { e: Exception; findings: number }>();
  for (const c of result.controls)
    for (const f of c.excepted) {
      const e = f.exception;
      const key = JSON.stringify([e.control, e.subject, e.expires, e.reason]);
      const entry = used.get(key) ?? { e, findings: 0 };
      entry.findings += 1;
      used.set(key, entry);
    }
  const parts: string[] = [];
  parts.push(
    used.size
      ? table(
          'Exceptions applied this run (soonest expiry first)',
          [...HEAD, 'Findings covered'],
          exceptionRows([...used.values()], now),
          {
            id: 'exceptions',
            sortable: true,
            numeric: [7],
          },
        )
      : '<p>No exception covered a finding this run.</p>',
  );
  const disabled = sortedBy(
    result.controls.filter((c) => c.disabled),
    (c) => [c.id],
  );
  if (disabled.length)
    parts.push(
      table(
        'Controls turned off in the config',
        ['Control', 'State', 'Reason', 'Approved by', 'Ticket', 'Until'],
        disabled.map((c) => {
          const d = c.disabled as ControlDisable;
          return {
            cells: [
              `<code>${esc(c.id)}</code> ${esc(c.title)}`,
              d.expired ? 'disable expired: the control ran again' : 'skipped',
              esc(d.reason),
              esc(d.approved_by),
              ticket(d.ticket),
              d.expires ? `${esc(d.expires)}<br><small>${esc(countdown(d.expires, now))}</small>` : 'no expiry day',
            ],
          };
        }),
      ),
    );
  const { expired, unused } = result.exceptions;
  if (expired.length)
    parts.push(
      table(
        'Expired exceptions (no longer applied)',
        HEAD,
        exceptionRows(
          expired.map((e) => ({ e })),
          now,
        ),
      ),
    );
  if (unused.length)
    parts.push(
      table(
        'Unused exceptions (matched no finding; remove them)',
        HEAD,
        exceptionRows(
          unused.map((e) => ({ e })),
          now,
        ),
      ),
    );
  return parts.join('\n');
}
