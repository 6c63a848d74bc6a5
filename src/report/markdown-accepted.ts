/**
 * Summary section "Accepted risks": the paper trail of every exception that covered a finding this run and of
 * every control the config turns off (or did, until an expiry day that has passed).
 */
import type { ControlDisable, Exception, ReviewResult } from '../model/result.js';
import { sortedBy } from '../shared/order.js';
import { capped, md, plural } from './markdown-text.js';

const MAX_LIST = 50;

/** "approved by X on D, ticket T, expires E": every piece the config gave, nothing invented. */
export function exceptionTrail(e: Exception): string {
  return [
    `approved by ${md(e.approved_by)}${e.approved_at ? ` on ${md(e.approved_at)}` : ''}`,
    ...(e.ticket ? [`ticket ${md(e.ticket)}`] : []),
    `expires ${md(e.expires)}`,
  ].join(', ');
}

export function disableTrail(d: ControlDisable): string {
  return [
    `approved by ${md(d.approved_by)}`,
    ...(d.ticket ? [`ticket ${md(d.ticket)}`] : []),
    d.expires ? `${d.expired ? 'expired' : 'until'} ${md(d.expires)}` : 'no expiry day',
  ].join(', ');
}

export function acceptedRisksSection(result: ReviewResult): string[] {
  const used = new Map<string, { e: Exception; findings: number }>();
  for (const c of result.controls) {
    for (const f of c.excepted) {
      const key = JSON.stringify([f.exception.control, f.exception.subject, f.exception.expires, f.exception.reason]);
      const entry = used.get(key) ?? { e: f.exception, findings: 0 };
      entry.findings += 1;
      used.set(key, entry);
    }
  }
  const disabled = sortedBy(
    result.controls.filter((c) => c.disabled),
    (c) => [c.id],
  );
  if (used.size === 0 && disabled.length === 0) return [];
  const exceptions = sortedBy([...used.values()], ({ e }) => [e.control, e.subject, e.expires]);
  const { shown, more } = capped(exceptions, MAX_LIST);
  return [
    '## Accepted risks',
    '',
    ...(exceptions.length
      ? [
          'Exceptions applied this run:',
          '',
          ...shown.map(
            ({ e, findings }) =>
              `- ${md(e.control)} for ${md(e.subject)} (${plural(findings, 'finding')}): ${md(e.reason)} — ${exceptionTrail(e)}`,
          ),
          ...(more ? [`- … and ${more} more (see evidence.json)`] : []),
          '',
        ]
      : []),
    ...(disabled.length
      ? [
          'Controls turned off in the config:',
          '',
          ...disabled.map((c) => {
            const d = c.disabled as ControlDisable;
            const state = d.expired ? 'the disable has expired, so the control ran again' : 'skipped';
            return `- **${md(c.id)}** ${md(c.title)}: ${state}. ${md(d.reason)} — ${disableTrail(d)}`;
          }),
          '',
        ]
      : []),
  ];
}
