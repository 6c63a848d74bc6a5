/**
 * The output formats and their file names, and renderAll: every selected file rendered in memory first, so a
 * rendering error writes nothing (the CLI then writes `files` with writeFilesAtomically). `rendered(name)`
 * gives any format's text, selected or not (for `--stdout`), and the compact terminal summary.
 */
import type { AccessDocument } from '../model/document.js';
import type { ReviewResult } from '../model/result.js';
import { renderAccessList } from './access-list.js';
import { renderEvidence } from './evidence.js';
import { renderSummary } from './markdown.js';
import { renderSarif, type SarifOutput } from './sarif.js';
import { renderSnapshot } from './snapshot.js';

export const FORMATS = {
  evidence: 'evidence.json',
  sarif: 'results.sarif',
  summary: 'summary.md',
  'access-list': 'access-list.csv',
  snapshot: 'snapshot.json',
} as const;
export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export interface RenderAllOptions {
  /** Which files go into `files` (default all). */
  formats?: readonly FormatName[];
  /** SARIF runAutomationDetails category (default `uar-check/<workspace slug>/`). */
  sarifCategory?: string;
}

export interface RenderedOutputs {
  /** File name → text, for the selected formats, in FORMATS order. */
  files: Map<string, string>;
  /** Any format's text (selected or not), or the compact terminal summary. */
  rendered(name: FormatName | 'summary-compact'): string;
}

export function renderAll(
  result: ReviewResult,
  document: AccessDocument,
  options: RenderAllOptions = {},
): RenderedOutputs {
  const selected = new Set(options.formats ?? FORMAT_NAMES);
  let sarifOutput: SarifOutput | undefined;
  const sarif = () => (sarifOutput ??= renderSarif(result, { category: options.sarifCategory }));
  const sections: Record<string, unknown> = { ...result.sections };
  // When results.sarif is written, whether it was truncated goes into the evidence and the summary.
  const truncated = selected.has('sarif') ? sarif().truncated : null;
  if (selected.has('sarif')) {
    const total = result.controls.reduce((n, c) => n + (c.status === 'fail' ? c.findings.length : 0), 0);
    sections.sarif = { total, kept: truncated?.kept ?? total, truncated: truncated !== null };
  }
  const full: ReviewResult = { ...result, sections };

  const cache = new Map<string, string>();
  const render = (name: FormatName | 'summary-compact'): string => {
    switch (name) {
      case 'evidence':
        return renderEvidence(full, { document });
      case 'sarif':
        return sarif().text;
      case 'summary':
        return renderSummary(full, { sarifTruncated: truncated });
      case 'summary-compact':
        return renderSummary(full, { sarifTruncated: truncated, compact: true });
      case 'access-list':
        return renderAccessList(document);
      case 'snapshot':
        return renderSnapshot(document);
    }
  };
  const rendered = (name: FormatName | 'summary-compact'): string => {
    let text = cache.get(name);
    if (text === undefined) {
      text = render(name);
      cache.set(name, text);
    }
    return text;
  };
  const files = new Map(FORMAT_NAMES.filter((n) => selected.has(n)).map((n) => [FORMATS[n], rendered(n)] as const));
  return { files, rendered };
}
