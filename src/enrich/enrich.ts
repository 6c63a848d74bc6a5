/**
 * The enrich stage: read identity exports, an HR roster and review decisions, join them to the document's
 * users by email key, and return a new document (the input is not mutated), the join summary for the evidence,
 * and the input files with their sha256. Every time a control compares gets its `_ns` twin (time-ns.ts, which
 * also puts the joins' members in place: each user is copied once). An input kind that is not given leaves the document's existing data
 * (e.g. from a snapshot) untouched; a given kind is recomputed from scratch.
 */
import type { AccessDocument, AmbiguousIdentity, HrRecord, Identity } from '../model/document.js';
import type { JoinSummary } from '../model/join-summary.js';
import type { InputFile } from '../model/result.js';
import { compareText } from '../shared/order.js';
import { type HrMapping, parseHr } from './hr.js';
import { combineSource } from './identity/combine.js';
import { parseIdentity } from './identity/detect.js';
import { IDENTITY_FORMATS, type PartialRecord, type SourceName } from './identity/record.js';
import { joinIdentity, type SourceInput } from './join.js';
import { joinHr, summariseReviews } from './join-hr.js';
import { readInput } from './read-input.js';
import { parseReviews } from './reviews.js';
import { withTimeNs } from './time-ns.js';

export type { JoinSummary } from '../model/join-summary.js';
export type { HrMapping } from './hr.js';

export interface EnrichInputs {
  identity: { file: string; format?: string }[];
  hr?: { file: string; mapping?: HrMapping };
  reviews?: { file: string };
}

export async function enrichDocument(
  doc: AccessDocument,
  inputs: EnrichInputs,
): Promise<{ document: AccessDocument; join: JoinSummary; inputs: InputFile[] }> {
  const files: InputFile[] = [];
  const join: JoinSummary = { users: doc.users.length, identity: null, hr: null, reviews: null };
  const coverage = { ...doc.coverage };
  let identities: (Identity | null)[] | null = null;
  let ambiguous: AmbiguousIdentity[][] | null = null;
  let hr: (HrRecord | null)[] | null = null;
  let reviews = doc.reviews;

  if (inputs.identity.length > 0) {
    const bySource = new Map<SourceName, SourceInput & { partials: PartialRecord[] }>();
    for (const input of inputs.identity) {
      const loaded = await readInput(input.file);
      const { format, records } = parseIdentity(input.file, loaded.text, loaded.name, input.format);
      files.push({ kind: 'identity', file: input.file, format, sha256: loaded.sha256 });
      const source = IDENTITY_FORMATS[format];
      const entry = bySource.get(source) ?? { source, files: [], formats: [], records: [], partials: [] };
      entry.files.push(loaded.name);
      if (!entry.formats.includes(format)) entry.formats.push(format);
      for (const record of records) entry.partials.push(record); // push(...records) overflows the stack on big exports
      bySource.set(source, entry);
    }
    const sources = [...bySource.values()].map(({ partials, ...rest }) => ({
      ...rest,
      records: combineSource(partials),
    }));
    const result = joinIdentity(doc.users, sources);
    identities = result.identities;
    ambiguous = result.ambiguous;
    join.identity = result.summary;
    coverage.identity = true;
    coverage.identity_sources = sources.map((s) => s.source).sort(compareText);
  }

  if (inputs.hr) {
    const loaded = await readInput(inputs.hr.file);
    const roster = parseHr(inputs.hr.file, loaded.text, loaded.name, inputs.hr.mapping);
    files.push({ kind: 'hr', file: inputs.hr.file, format: roster.format, sha256: loaded.sha256 });
    const result = joinHr(doc.users, roster, loaded.name);
    hr = result.records;
    join.hr = result.summary;
    coverage.hr = true;
  }

  if (inputs.reviews) {
    const loaded = await readInput(inputs.reviews.file);
    const parsed = parseReviews(inputs.reviews.file, loaded.text);
    files.push({ kind: 'reviews', file: inputs.reviews.file, format: parsed.format, sha256: loaded.sha256 });
    reviews = { campaigns: parsed.campaigns };
    join.reviews = summariseReviews(doc.users, parsed.campaigns, loaded.name, parsed.format);
    coverage.reviews = true;
  }

  // Identity exports given: this join decides identity and ambiguity (a snapshot's earlier values go).
  const document = withTimeNs({ ...doc, coverage, reviews }, { identities, ambiguous, hr });
  return { document, join, inputs: files };
}
