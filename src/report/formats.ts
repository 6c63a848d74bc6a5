/**
 * The output formats and their file names, and renderAll: every selected file rendered in memory first, so a
 * rendering error writes nothing (the CLI then writes `files` with writeFilesAtomically). `rendered(name)`
 * gives any format's text, selected or not (for `--stdout`), and the compact terminal summary. Rendering reads
 * the Review and never changes it. snapshot.json is the Review's snapshot, in the chunks the review hashed;
 * the access list and report.html are hashed in the chunks they are made in, never joined into one string.
 */
import type { AccessDocument } from '../model/document.js';
import type { Review } from '../model/result.js';
import { type HashedText, hashText, joinText } from '../shared/hashed-text.js';
import { accessListChunks } from './access-list.js';
import { buildEvidence, evidenceTextPieces } from './evidence.js';
import { htmlReportChunks } from './html/index.js';
import { renderSummary } from './markdown.js';
import { renderSarif, type SarifLocation, type SarifOutput } from './sarif.js';

export const FORMATS = {
  evidence: 'evidence.json',
  sarif: 'results.sarif',
  summary: 'summary.md',
  'access-list': 'access-list.csv',
  snapshot: 'snapshot.json',
  report: 'report.html',
} as const;
export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export interface RenderAllOptions {
  /** Which files go into `files` (default all). */
  formats?: readonly FormatName[];
  /** SARIF runAutomationDetails category (default `uar-check/<workspace slug>/`). */
  sarifCategory?: string;
  /** Per control id, where its SARIF results point (a file of the reviewing repository); default its policy file. */
  sarifLocations?: Record<string, SarifLocation>;
  /** access-list.csv rendered already (renderAccessListFile of the same document: run.ts, during the evaluation). */
  accessList?: HashedText;
}

/** A rendered file: its text, or its text in chunks already hashed (snapshot.json, evidence.json, the access list, report.html). */
export type RenderedFile = string | HashedText;

export interface RenderedOutputs {
  /** File name → contents, for the selected formats, in FORMATS order. */
  files: Map<string, RenderedFile>;
  /** Any format's text (selected or not), or the compact terminal summary. */
  rendered(name: FormatName | 'summary-compact'): string;
}

/** access-list.csv, in the chunks it is made in, hashed: it depends on the document alone. */
export function renderAccessListFile(document: AccessDocument): HashedText {
  return hashText(accessListChunks(document));
}

export function renderAll(review: Review, options: RenderAllOptions = {}): RenderedOutputs {
  const { result, document } = review;
  const selected = new Set(options.formats ?? FORMAT_NAMES);
  let sarifOutput: SarifOutput | undefined;
  const sarif = () =>
    (sarifOutput ??= renderSarif(result, { category: options.sarifCategory, locations: options.sarifLocations }));
  // When results.sarif is written, what it kept goes into the evidence and the summary.
  const written = selected.has('sarif') ? sarif() : null;
  const truncated = written?.truncated ?? null;

  const render = (name: FormatName | 'summary-compact'): RenderedFile => {
    switch (name) {
      case 'evidence':
        return hashText(evidenceTextPieces(buildEvidence(result, { sarif: written?.outcome })));
      case 'sarif':
        return sarif().hashed;
      case 'summary':
        return renderSummary(result, { sarifTruncated: truncated });
      case 'summary-compact':
        return renderSummary(result, { sarifTruncated: truncated, compact: true });
      case 'access-list':
        return options.accessList ?? renderAccessListFile(document);
      case 'snapshot':
        return review.snapshot;
      case 'report':
        return hashText(htmlReportChunks(review));
    }
  };
  const cache = new Map<string, RenderedFile>();
  const file = (name: FormatName | 'summary-compact'): RenderedFile => {
    let contents = cache.get(name);
    if (contents === undefined) {
      contents = render(name);
      cache.set(name, contents);
    }
    return contents;
  };
  const files = new Map(FORMAT_NAMES.filter((n) => selected.has(n)).map((n) => [FORMATS[n], file(n)] as const));
  const rendered = (name: FormatName | 'summary-compact') => {
    const contents = file(name);
    return typeof contents === 'string' ? contents : joinText(contents);
  };
  return { files, rendered };
}
