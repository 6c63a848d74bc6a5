/**
 * `campaign status` for people: plain text for the terminal, Markdown for a summary (e.g. $GITHUB_STEP_SUMMARY).
 * Emails and campaign ids come from files people edit: the Markdown escapes them.
 */
import type { CampaignStatus } from './status.js';

const MAX_LIST = 50;

function md(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .trim();
}

const who = (email: string) => email || '(no reviewer)';
const due = (s: CampaignStatus) =>
  s.campaign.due_at ? `due ${s.campaign.due_at}${s.overdue ? ' (OVERDUE)' : ''}` : 'no due date';

function headline(s: CampaignStatus): string {
  const t = s.totals;
  return `${t.decided} of ${t.rows} decided, ${t.pending} pending (keep ${t.keep}, revoke ${t.revoke}, modify ${t.modify})`;
}

function capped<T>(items: T[]): { shown: T[]; more: number } {
  return { shown: items.slice(0, MAX_LIST), more: Math.max(0, items.length - MAX_LIST) };
}

export function renderStatusText(s: CampaignStatus): string {
  const lines = [
    `Campaign ${s.campaign.id}: started ${s.campaign.started_at}, ${due(s)}; ${headline(s)}`,
    ...s.reviewers.map(
      (r) =>
        `  ${who(r.reviewer)}: ${r.decided}/${r.rows} decided, ${r.pending} pending${r.overdue ? ', OVERDUE' : ''}`,
    ),
  ];
  if (s.revocations_pending === null) lines.push('Revocations: not checked (give --snapshot or fetch live)');
  else {
    lines.push(`Revocations waiting to be enforced: ${s.revocations_pending.length}`);
    for (const r of capped(s.revocations_pending).shown)
      lines.push(
        `  ${r.subject_email} (revoked by ${who(r.reviewer_email)}${r.decided_at ? ` on ${r.decided_at}` : ''})`,
      );
  }
  if (s.changed !== null) {
    lines.push(`Decisions on access that changed since the worksheet: ${s.changed.length}`);
    for (const c of capped(s.changed).shown)
      lines.push(`  ${c.subject_email}: ${c.decision} by ${who(c.reviewer_email)}; now ${c.now ?? 'no access'}`);
  }
  if (s.other_campaigns.length)
    lines.push(`Older campaigns in the files (not counted): ${s.other_campaigns.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function renderStatusMarkdown(s: CampaignStatus): string {
  const out = [
    `## Review campaign ${md(s.campaign.id)}`,
    '',
    `Started ${md(s.campaign.started_at)}, ${md(due(s))}: **${headline(s)}**.`,
    '',
    '| Reviewer | Rows | Decided | Pending | Overdue |',
    '| --- | ---: | ---: | ---: | --- |',
    ...s.reviewers.map(
      (r) => `| ${md(who(r.reviewer))} | ${r.rows} | ${r.decided} | ${r.pending} | ${r.overdue ? 'yes' : ''} |`,
    ),
    '',
  ];
  const list = <T>(items: T[], line: (item: T) => string) => {
    const { shown, more } = capped(items);
    return [...shown.map((i) => `- ${line(i)}`), ...(more ? [`- … and ${more} more`] : []), ''];
  };
  if (s.revocations_pending === null)
    out.push('Revocations waiting to be enforced: not checked (no current access given).', '');
  else if (s.revocations_pending.length === 0) out.push('Revocations waiting to be enforced: none.', '');
  else
    out.push(
      `Revocations waiting to be enforced (${s.revocations_pending.length}):`,
      '',
      ...list(s.revocations_pending, (r) => `${md(r.subject_email)}, revoked by ${md(who(r.reviewer_email))}`),
    );
  if (s.changed?.length)
    out.push(
      `Decisions on access that changed since the worksheet (${s.changed.length}):`,
      '',
      ...list(
        s.changed,
        (c) =>
          `${md(c.subject_email)}: ${c.decision} by ${md(who(c.reviewer_email))}; shown ${md(c.shown || 'no grants')}; now ${md(c.now ?? 'no access')}`,
      ),
    );
  return `${out.join('\n')}\n`;
}
