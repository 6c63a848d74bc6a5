/**
 * results.sarif for GitHub code scanning. One run, one rule per control, one result per failing,
 * non-excepted finding, anchored to the control's policy file and line, with the finding's own fingerprint
 * (control + workspace + subject) so alerts stay matched across runs and close as "fixed" when gone.
 *
 * GitHub rejects more than 25,000 results per run or more than 10 MB gzipped: beyond either, the most severe
 * results are kept (severity, then control id, subject, fingerprint) and `truncated` says how many.
 */
import { gzipSync } from 'node:zlib';
import type { ControlResult, Finding, ReviewResult } from '../model/result.js';
import { type HashedText, hashText } from '../shared/hashed-text.js';
import { sortedBy } from '../shared/order.js';
import { severityOrder, subjectKey } from './canonical.js';
import { LEVEL, policyUri, sarifRule } from './sarif-rules.js';

export const SARIF_MAX_RESULTS = 25_000;
/** 10 MB gzipped is GitHub's hard limit; stay a little under it. */
export const SARIF_MAX_GZIP_BYTES = 10 * 1000 * 1000;
export const INFORMATION_URI = 'https://www.npmjs.com/package/uar-check';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export interface SarifOptions {
  /** runAutomationDetails category; default `uar-check/<workspace slug>`. */
  category?: string;
  /** Per control id, where its results point instead of its policy file (see src/cli/sarif-anchor.ts). */
  locations?: Record<string, SarifLocation>;
}
/** A file of the reviewing repository (relative to its root) and a line in it. */
export interface SarifLocation {
  file: string;
  line: number;
}
export interface SarifTruncation {
  total: number;
  kept: number;
}
/** How many results the file holds, of how many failing findings (evidence.json's `sections.sarif`). */
export interface SarifOutcome {
  total: number;
  kept: number;
  truncated: boolean;
}
export interface SarifOutput {
  text: string;
  /** The same text, with its UTF-8 size and hash (what renderAll writes). */
  hashed: HashedText;
  /** Non-null when results were left out. */
  truncated: SarifTruncation | null;
  outcome: SarifOutcome;
}

interface Entry {
  control: ControlResult;
  index: number;
  finding: Finding;
}

function toResult({ control, index, finding }: Entry, locations: Record<string, SarifLocation> = {}) {
  const s = finding.subject;
  const at = locations[control.id] ?? { file: control.file, line: control.line };
  return {
    ruleId: control.id,
    ruleIndex: index,
    level: LEVEL[control.severity],
    message: { text: finding.message.trim() || control.title },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: policyUri(at.file) },
          region: { startLine: Math.max(1, at.line) },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint },
    properties: { subject: { type: s.type, id: s.id, email: s.email } },
  };
}

function notifications(result: ReviewResult, truncated: SarifTruncation | null) {
  const out: { level: 'error' | 'warning'; message: { text: string } }[] = [];
  for (const c of result.controls) {
    if (c.status === 'error')
      out.push({ level: 'error', message: { text: `${c.id} could not be evaluated: ${c.error ?? 'error'}` } });
  }
  if (truncated) {
    out.push({
      level: 'warning',
      message: {
        text: `Results truncated to GitHub's limits: kept the ${truncated.kept} most severe of ${truncated.total}. See evidence.json for all.`,
      },
    });
  }
  return out;
}

function category(result: ReviewResult, options: SarifOptions): string {
  const base = options.category?.trim() || `uar-check/${result.workspace.slug || result.workspace.id}`;
  return base.endsWith('/') ? base : `${base}/`;
}

function log(
  result: ReviewResult,
  options: SarifOptions,
  controls: ControlResult[],
  entries: Entry[],
  truncated: SarifTruncation | null,
) {
  const version = result.tool.version;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version,
            ...(SEMVER.test(version) ? { semanticVersion: version } : {}),
            informationUri: INFORMATION_URI,
            rules: controls.map(sarifRule),
          },
        },
        automationDetails: { id: category(result, options) },
        invocations: [
          {
            executionSuccessful: !controls.some((c) => c.status === 'error'),
            toolExecutionNotifications: notifications(result, truncated),
          },
        ],
        results: entries.map((e) => toResult(e, options.locations)),
        properties: {
          workspace: { id: result.workspace.id, slug: result.workspace.slug },
          evaluatedAt: result.evaluated_at,
        },
      },
    ],
  };
}

/**
 * Whether the text's gzip is certainly within SARIF_MAX_GZIP_BYTES without compressing it: deflate never grows
 * data by more than a few bytes per 16 KB (stored blocks; zlib's deflateBound), far less than an eighth, and the
 * gzip wrapper is 18 bytes. A text too large for that is compressed to know. `utf8Bytes`: the text's UTF-8 size
 * when already known.
 */
export function fitsGzipped(text: string, utf8Bytes?: number): boolean {
  if (text.length * 3 + (text.length * 3) / 8 + 1024 <= SARIF_MAX_GZIP_BYTES) return true; // ≤ 3 bytes per unit
  const bytes = utf8Bytes ?? Buffer.byteLength(text, 'utf8');
  return bytes + bytes / 8 + 1024 <= SARIF_MAX_GZIP_BYTES;
}

export function renderSarif(result: ReviewResult, options: SarifOptions = {}): SarifOutput {
  const controls = sortedBy(result.controls, (c) => [c.id]);
  const all: Entry[] = [];
  controls.forEach((control, index) => {
    if (control.status !== 'fail') return;
    for (const finding of control.findings) all.push({ control, index, finding });
  });
  const ordered = sortedBy(all, (e) => [
    severityOrder(e.control.severity),
    e.control.id,
    ...subjectKey(e.finding.subject),
    e.finding.fingerprint,
  ]);
  let kept = Math.min(ordered.length, SARIF_MAX_RESULTS);
  for (;;) {
    const truncated = kept < ordered.length ? { total: ordered.length, kept } : null;
    // toJsonText's text, as the JSON and its newline: hashed (and so measured) without copying the JSON.
    const json = JSON.stringify(log(result, options, controls, ordered.slice(0, kept), truncated), null, 2);
    const hashed = hashText([json, '\n']);
    const text = `${json}\n`;
    const size = fitsGzipped(text, hashed.bytes) ? 0 : gzipSync(text).length;
    if (size <= SARIF_MAX_GZIP_BYTES || kept === 0) {
      return { text, hashed, truncated, outcome: { total: ordered.length, kept, truncated: truncated !== null } };
    }
    kept = Math.floor((kept * SARIF_MAX_GZIP_BYTES * 0.95) / size);
  }
}
