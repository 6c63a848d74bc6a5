/**
 * All workspaces in one view: per workspace its verdict and totals (as the run's summary computes them), the
 * totals over all workspaces, and the most severe findings across them. A workspace given more than once counts
 * once, with its newest evaluation; the older files are listed as superseded.
 */
import { compareTuple } from '../shared/order.js';
import type { EvidenceForRollup, RollupSeverity } from './read-evidence.js';

export const SEVERITY_ORDER: RollupSeverity[] = ['critical', 'high', 'medium', 'low'];
export type RollupVerdict = 'FAIL' | 'ERROR' | 'INCOMPLETE' | 'PASS';

export interface RollupCounts {
  controls: { total: number; pass: number; fail: number; unknown: number; error: number; skipped: number };
  findings: { total: number } & Record<RollupSeverity, number>;
  excepted: number;
}

export interface RollupWorkspace {
  file: string;
  workspace: { id: string; name: string; slug: string };
  evaluated_at: string;
  complete: boolean;
  snapshot_sha256: string;
  verdict: RollupVerdict;
  totals: RollupCounts;
}

export interface RollupFinding {
  workspace: string; // slug
  control: string;
  title: string;
  severity: RollupSeverity;
  subject: string;
  message: string;
}

export interface Rollup {
  rollup_version: 1;
  verdict: RollupVerdict;
  workspaces: RollupWorkspace[];
  totals: RollupCounts & { workspaces: number } & Record<Lowercase<RollupVerdict>, number>;
  /** The most severe findings over all workspaces (at most `worst`); `findings_total` says how many exist. */
  worst_findings: RollupFinding[];
  /** Older evidence of a workspace given more than once (e.g. a re-run's first attempt): not counted. */
  superseded: { file: string; workspace: string; evaluated_at: string }[];
}

/** Which of two evidence files of one workspace is newer: evaluation time, then file name. */
const key = (e: { file: string; evidence: EvidenceForRollup }) => [Date.parse(e.evidence.evaluated_at), e.file];

const emptyCounts = (): RollupCounts => ({
  controls: { total: 0, pass: 0, fail: 0, unknown: 0, error: 0, skipped: 0 },
  findings: { total: 0, critical: 0, high: 0, medium: 0, low: 0 },
  excepted: 0,
});

function add(into: RollupCounts, from: RollupCounts): void {
  for (const k of Object.keys(into.controls) as (keyof RollupCounts['controls'])[])
    into.controls[k] += from.controls[k];
  for (const k of Object.keys(into.findings) as (keyof RollupCounts['findings'])[])
    into.findings[k] += from.findings[k];
  into.excepted += from.excepted;
}

/** The same rule as the run's summary verdict (src/report/verdict.ts), from the evidence. */
function verdictOf(e: EvidenceForRollup): RollupVerdict {
  const active = e.controls.filter((c) => c.status !== 'skipped');
  if (active.some((c) => c.findings.length > 0)) return 'FAIL';
  if (active.some((c) => c.status === 'error')) return 'ERROR';
  if (!e.complete || active.some((c) => c.status === 'unknown')) return 'INCOMPLETE';
  return 'PASS';
}

const RANK: Record<RollupVerdict, number> = { FAIL: 3, ERROR: 2, INCOMPLETE: 1, PASS: 0 };

export function buildRollup(all: { file: string; evidence: EvidenceForRollup }[], worst = 10): Rollup {
  // A re-run leaves one artifact per attempt: the newest evaluation of a workspace counts, the others are listed.
  const newest = new Map<string, { file: string; evidence: EvidenceForRollup }>();
  for (const entry of all) {
    const id = entry.evidence.workspace.id;
    const seen = newest.get(id);
    if (!seen || compareTuple(key(entry), key(seen)) > 0) newest.set(id, entry);
  }
  const files = [...newest.values()];
  const superseded = all
    .filter((e) => newest.get(e.evidence.workspace.id) !== e)
    .map((e) => ({ file: e.file, workspace: e.evidence.workspace.slug, evaluated_at: e.evidence.evaluated_at }))
    .sort((a, b) => compareTuple([a.workspace, a.evaluated_at, a.file], [b.workspace, b.evaluated_at, b.file]));
  const workspaces = files
    .map(({ file, evidence: e }): RollupWorkspace => {
      const totals = emptyCounts();
      for (const c of e.controls) {
        totals.controls.total += 1;
        totals.controls[c.status] += 1;
        totals.findings.total += c.findings.length;
        totals.findings[c.severity] += c.findings.length;
        totals.excepted += c.excepted.length;
      }
      return {
        file,
        workspace: { id: e.workspace.id, name: e.workspace.name, slug: e.workspace.slug },
        evaluated_at: e.evaluated_at,
        complete: e.complete,
        snapshot_sha256: e.snapshot_sha256,
        verdict: verdictOf(e),
        totals,
      };
    })
    .sort((a, b) => compareTuple([a.workspace.slug, a.workspace.id], [b.workspace.slug, b.workspace.id]));

  const totals = { ...emptyCounts(), workspaces: workspaces.length, fail: 0, error: 0, incomplete: 0, pass: 0 };
  for (const w of workspaces) {
    add(totals, w.totals);
    totals[w.verdict.toLowerCase() as Lowercase<RollupVerdict>] += 1;
  }
  const findings: RollupFinding[] = files.flatMap(({ evidence: e }) =>
    e.controls
      .filter((c) => c.status !== 'skipped')
      .flatMap((c) =>
        c.findings.map((f) => ({
          workspace: e.workspace.slug,
          control: c.id,
          title: c.title,
          severity: c.severity,
          subject: f.subject.email ?? f.subject.id ?? f.subject.type,
          message: f.message,
        })),
      ),
  );
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareTuple([a.control, a.workspace, a.subject, a.message], [b.control, b.workspace, b.subject, b.message]),
  );
  const verdict = workspaces.reduce<RollupVerdict>((v, w) => (RANK[w.verdict] > RANK[v] ? w.verdict : v), 'PASS');
  return {
    rollup_version: 1,
    verdict: workspaces.length ? verdict : 'INCOMPLETE',
    workspaces,
    totals,
    worst_findings: findings.slice(0, worst),
    superseded,
  };
}
