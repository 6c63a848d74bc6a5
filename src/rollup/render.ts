/** The roll-up for people (Markdown: the run page, a terminal) and for machines (JSON, the project's JSON text). */
import { toJsonText } from '../shared/json-text.js';
import { type Rollup, type RollupCounts, SEVERITY_ORDER } from './rollup.js';

function md(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .trim();
}

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`;

function countCells(t: RollupCounts): string[] {
  return [
    String(t.controls.fail),
    String(t.findings.total),
    ...SEVERITY_ORDER.map((s) => String(t.findings[s])),
    String(t.excepted),
  ];
}

export function renderRollupMarkdown(r: Rollup): string {
  const t = r.totals;
  const verdicts = (['fail', 'error', 'incomplete', 'pass'] as const)
    .filter((v) => t[v] > 0)
    .map((v) => `${t[v]} ${v.toUpperCase()}`)
    .join(', ');
  const severities = SEVERITY_ORDER.filter((s) => t.findings[s] > 0)
    .map((s) => `${t.findings[s]} ${s}`)
    .join(', ');
  const head = [
    'Workspace',
    'Verdict',
    'Evaluated',
    'Failing controls',
    'Findings',
    'Critical',
    'High',
    'Medium',
    'Low',
    'Excepted',
  ];
  const out = [
    `## uar-check roll-up: ${plural(t.workspaces, 'workspace')}`,
    '',
    `**Verdict: ${r.verdict}**${verdicts ? ` — ${verdicts}` : ''}; ${plural(t.findings.total, 'finding')}${severities ? ` (${severities})` : ''}.`,
    '',
    `| ${head.join(' | ')} |`,
    `| --- | --- | --- | ${head
      .slice(3)
      .map(() => '---:')
      .join(' | ')} |`,
    ...r.workspaces.map(
      (w) =>
        `| ${md(w.workspace.name)} (${md(w.workspace.slug)}) | ${w.verdict}${w.complete ? '' : ' (incomplete data)'} | ${md(w.evaluated_at)} | ${countCells(w.totals).join(' | ')} |`,
    ),
    `| **Total** | | | ${countCells(t).join(' | ')} |`,
    '',
  ];
  if (r.worst_findings.length) {
    const shown =
      r.worst_findings.length < t.findings.total
        ? `The ${r.worst_findings.length} most severe of ${t.findings.total}; each workspace's evidence.json lists all.`
        : '';
    out.push(
      '### Worst findings',
      '',
      '| Severity | Workspace | Control | Subject | Finding |',
      '| --- | --- | --- | --- | --- |',
      ...r.worst_findings.map(
        (f) =>
          `| ${f.severity} | ${md(f.workspace)} | ${md(f.control)} ${md(f.title)} | ${md(f.subject)} | ${md(f.message)} |`,
      ),
      ...(shown ? ['', shown] : []),
      '',
    );
  }
  if (r.superseded.length)
    out.push(
      'Not counted (a newer evaluation of the same workspace was given):',
      '',
      ...r.superseded.map((x) => `- ${md(x.workspace)}: ${md(x.file)} (evaluated ${md(x.evaluated_at)})`),
      '',
    );
  return `${out.join('\n')}\n`;
}

export function renderRollupJson(r: Rollup): string {
  return toJsonText(r);
}
