/** Where the data came from, what produced the report, and the hashes that tie it to the other files. */
import type { ReviewResult } from '../../model/result.js';
import { sortedBy } from '../../shared/order.js';
import { esc, linkOrText, table } from './escape.js';

export function provenanceSection(result: ReviewResult): string {
  const p = result.provenance;
  const s = p.source;
  const rows: [string, string][] = [
    ['Data', esc(s.description)],
    ['API base URL', s.api_url ? `<code>${esc(s.api_url)}</code>` : '—'],
    ['Segment API', s.api === 'segment' ? 'yes' : s.api === 'other' ? 'no (another address)' : '—'],
    ['Region', esc(s.region ?? '—')],
    ['Collected at', esc(s.collected_at)],
    ['Evaluated at', esc(result.evaluated_at)],
    ['Complete', result.complete ? 'yes: every page of every endpoint was read' : 'no'],
    ['uar-check', `${esc(p.tool.version)}${p.tool.commit ? ` (commit <code>${esc(p.tool.commit)}</code>)` : ''}`],
    ['OPA', esc(result.opa_version)],
  ];
  if (p.ci) {
    rows.push(
      ['CI run', linkOrText(p.ci.run_url || `run ${p.ci.run_id}`, p.ci.run_url)],
      ['Repository', esc(p.ci.repository)],
      ['Workflow', `<code>${esc(p.ci.workflow_ref)}</code>`],
      ['Commit', `<code>${esc(p.ci.sha)}</code> (${esc(p.ci.ref)})`],
      ['Actor / event', `${esc(p.ci.actor)} / ${esc(p.ci.event)}`],
    );
  }
  const hashes: [string, string][] = [
    ['snapshot.json (snapshot_sha256)', result.snapshot_sha256],
    ['policy bundle (bundle_sha256)', result.bundle_sha256],
    ...sortedBy(result.policy_files, (f) => [f.path]).map((f): [string, string] => [`policy ${f.path}`, f.sha256]),
    ...sortedBy(result.inputs, (i) => [i.kind, i.file]).map((i): [string, string] => [`${i.kind} ${i.file}`, i.sha256]),
  ];
  return `${table(
    'Provenance',
    ['Field', 'Value'],
    rows.map(([k, v]) => ({ cells: [esc(k), v] })),
  )}
${table(
  'SHA-256 of the data, policies and inputs (manifest.json lists every output file; check them with uar-check verify)',
  ['What', 'SHA-256'],
  hashes.map(([k, v]) => ({ cells: [esc(k), `<span class="hash">${esc(v)}</span>`] })),
)}`;
}
