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
import { type HashedText, hashText, joinText } from '../shared/hashed-text.js';
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

/** The log, its results given as they are serialised (an array, or RESULTS standing for them: see sarifPieces). */
function log(
  result: ReviewResult,
  options: SarifOptions,
  controls: ControlResult[],
  results: unknown,
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
        results,
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
  return fitsUnits(text.length, utf8Bytes ?? (() => Buffer.byteLength(text, 'utf8')));
}

/** fitsGzipped of a text `units` UTF-16 units long, of `bytes` UTF-8 bytes (given, or counted when needed). */
function fitsUnits(units: number, bytes: number | (() => number)): boolean {
  if (units * 3 + (units * 3) / 8 + 1024 <= SARIF_MAX_GZIP_BYTES) return true; // ≤ 3 bytes per unit
  const size = typeof bytes === 'number' ? bytes : bytes();
  return size + size / 8 + 1024 <= SARIF_MAX_GZIP_BYTES;
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
    const pieces = sarifPieces(result, options, controls, ordered.slice(0, kept), truncated);
    const hashed = hashText(pieces);
    const units = pieces.reduce((n, piece) => n + piece.length, 0);
    const size = fitsUnits(units, hashed.bytes) ? 0 : gzipSync(utf8Of(pieces, hashed.bytes)).length;
    if (size <= SARIF_MAX_GZIP_BYTES || kept === 0) {
      return {
        get text() {
          return joinText(hashed);
        },
        hashed,
        truncated,
        outcome: { total: ordered.length, kept, truncated: truncated !== null },
      };
    }
    kept = Math.floor((kept * SARIF_MAX_GZIP_BYTES * 0.95) / size);
  }
}

/** Stands for the results while the rest of the log is serialised: a text no value of the log holds. */
const RESULTS = '\u0000uar-check results\u0000';
const RESULTS_MEMBER = `"results": ${JSON.stringify(RESULTS)}`;
/** Results serialised together. */
const SLICE = 256;
/** What JSON.stringify([[[[…]]]], null, 2) writes around elements at the depth of the results' (8 spaces). */
const OPEN = '[\n  [\n    [\n      [\n';
const CLOSE = '\n      ]\n    ]\n  ]\n]';

/**
 * toJsonText(log(…)) in pieces: the log around its results, then the results SLICE at a time, so the text is
 * never one string of many MB and a character beyond Latin-1 in a rule (e.g. an ellipsis in a description) makes
 * only the small piece that holds it a two-byte string. Results are made a slice at a time too.
 */
function sarifPieces(
  result: ReviewResult,
  options: SarifOptions,
  controls: ControlResult[],
  entries: Entry[],
  truncated: SarifTruncation | null,
): string[] {
  const whole = () => [
    JSON.stringify(
      log(
        result,
        options,
        controls,
        entries.map((e) => toResult(e, options.locations)),
        truncated,
      ),
      null,
      2,
    ),
    '\n',
  ];
  if (entries.length === 0) return whole();
  const around = JSON.stringify(log(result, options, controls, RESULTS, truncated), null, 2);
  const at = around.indexOf(RESULTS_MEMBER);
  if (at < 0 || at !== around.lastIndexOf(RESULTS_MEMBER)) return whole(); // not the results' own place: cannot say
  const pieces = [around.slice(0, at), '"results": [\n'];
  for (let start = 0; start < entries.length; start += SLICE) {
    const slice = entries.slice(start, start + SLICE).map((e) => toResult(e, options.locations));
    if (start > 0) pieces.push(',\n');
    pieces.push(JSON.stringify([[[slice]]], null, 2).slice(OPEN.length, -CLOSE.length));
  }
  pieces.push('\n      ]', around.slice(at + RESULTS_MEMBER.length), '\n');
  return pieces;
}

/** The UTF-8 of the pieces (`bytes` long), in one buffer. */
function utf8Of(pieces: readonly string[], bytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const piece of pieces) at += buffer.write(piece, at, 'utf8');
  return buffer;
}
