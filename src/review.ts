/**
 * The pipeline, as one library call: collect → enrich → evaluate → apply exceptions → changes → Review.
 * The stages meet here (and in src/cli); the CLI and the tests call this. It never touches process, stdout or
 * output files, and never renders: src/report renders the Review it returns.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { changedDecisions } from './campaign/changed.js';
import { isWorksheet, readWorksheet } from './campaign/read-worksheet.js';
import { diffBaseline, readBaseline, summarizeAccess } from './changes/index.js';
import type { ConfigFile } from './config/config-schema.js';
import { checkSelfApprovalByUserId } from './config/self-approval.js';
import type { PolicySet } from './engine/index.js';
import { type EnrichInputs, enrichDocument } from './enrich/enrich.js';
import { applyExceptions } from './exceptions/apply.js';
import { controlDisables } from './exceptions/disabled.js';
import { applyNeeds } from './exceptions/needs.js';
import type { AccessSummary, Changes } from './model/changes.js';
import type { AccessDocument } from './model/document.js';
import type { CiProvenance } from './model/provenance.js';
import type { CollectionNotes, ControlResult, InputFile, Review, ReviewResult } from './model/result.js';
import { describeSource } from './provenance/index.js';
import { HashedJsonText } from './shared/hashed-json-text.js';
import { sortedBy } from './shared/order.js';
import type { CollectOptions } from './source/segment/index.js';
import { readSnapshotHashed } from './source/snapshot.js';

export type ReviewSource = ({ kind: 'api' } & CollectOptions) | { kind: 'snapshot'; file: string };

export interface ReviewOptions {
  source: ReviewSource;
  policies: PolicySet;
  config: ConfigFile;
  enrich: EnrichInputs;
  /** Evaluation time; default: the document's collected_at. */
  now?: Date;
  toolVersion: string;
  /** The tool's own commit when known, and the CI run (from the CLI's environment); both default to null. */
  toolCommit?: string | null;
  ci?: CiProvenance | null;
  /** A previous snapshot or evidence file: adds "changes since the last review". */
  baseline?: string;
  /** Hashed into the evidence's inputs (the config file the options came from). */
  configFile?: string;
  /** Control ids (a team's own) cross-checked with OPA's strict builtin errors after WASM (engine/strict-check.ts). */
  crossCheck?: string[];
  /** Called as each stage ends (bench/phases.mjs times the stages with it). */
  onStage?: (stage: 'read' | 'enrich' | 'evaluate' | 'review') => void;
  /**
   * The caller's own work that needs only the document (the CLI renders access-list.csv): done while the
   * evaluation threads run, after the review's own; what it throws fails the review.
   */
  whileEvaluating?: (document: AccessDocument) => void;
}

export async function collect(source: ReviewSource): Promise<AccessDocument> {
  return (await collectHashed(source)).document;
}

/** The document, and a snapshot file's hash for the evidence's inputs (the file is read once, not again to hash it). */
async function collectHashed(source: ReviewSource): Promise<{ document: AccessDocument; file: InputFile | null }> {
  if (source.kind === 'snapshot') {
    const { document, sha256 } = await readSnapshotHashed(source.file);
    return { document, file: { kind: 'snapshot', file: basename(source.file), format: null, sha256 } };
  }
  const { kind: _kind, ...options } = source;
  const { collectSegment } = await import('./source/segment/index.js'); // not loaded for a snapshot
  return { document: await collectSegment(options), file: null };
}

/**
 * Collect, then enrich. In a function of its own so that the document as collected is not held by runReview for
 * the whole run once the enriched copy exists.
 */
async function collectAndEnrich(options: ReviewOptions, stage: NonNullable<ReviewOptions['onStage']>) {
  const collected = await collectHashed(options.source);
  stage('read');
  const { users } = collected.document;
  // The config loader compared approvers as written; now a user id and that user's email are one person.
  checkSelfApprovalByUserId(options.config.exceptions, options.configFile ?? 'config', users);
  const enriched = await enrichDocument(collected.document, options.enrich);
  return { enriched, snapshotFile: collected.file };
}

export async function runReview(options: ReviewOptions): Promise<Review> {
  // A bad baseline is refused before the (possibly long) collection, not after it.
  const baseline = options.baseline ? await readBaseline(options.baseline) : null;
  const stage = options.onStage ?? (() => {});
  // A large snapshot has its evaluation thread started now, so starting it overlaps reading the file.
  if (options.source.kind === 'snapshot') options.policies.warmUp(await fileSize(options.source.file));
  const { enriched, snapshotFile } = await collectAndEnrich(options, stage);
  const document = enriched.document;
  const now = options.now ?? new Date(document.collected_at);
  stage('enrich');

  // The evaluation runs in its own thread; meanwhile this one does the work that does not depend on it.
  const abandon = new AbortController();
  // The snapshot file's text is made once: the evaluation cuts its slices of users from it as it goes.
  const snapshotText = new HashedJsonText(document, 'users');
  const evaluating = options.policies.evaluate(document, options.config.params, now, {
    signal: abandon.signal,
    usersText: snapshotText.elements(),
  });
  evaluating.catch(() => {}); // awaited below; a failure here first must not leave it unhandled
  let independent: Awaited<ReturnType<typeof independentWork>>;
  try {
    independent = await independentWork(options, document, baseline, snapshotFile);
  } catch (error) {
    abandon.abort(); // its result is not wanted any more: the thread ends now instead of evaluating on
    throw error;
  }
  const wasm = await evaluating;
  const snapshot = snapshotText.done();
  const evaluation = options.crossCheck?.length
    ? await options.policies.crossCheck(wasm, document, options.config.params, options.crossCheck)
    : wasm;
  stage('evaluate');
  const { inputs, access, changes, worksheet } = independent;
  inputs.push(...enriched.inputs);
  const disabled = controlDisables(options.config.controls, now);
  const applied = applyExceptions(
    options.policies.controls.map((meta) => ({
      ...meta,
      output: evaluation.outputs.get(meta.id) ?? null,
      error: evaluation.errors.get(meta.id) ?? null,
    })),
    options.config.exceptions,
    now,
    disabled,
    document.workspace.id,
  );

  const obtained = options.source.kind === 'api' ? 'live' : 'snapshot';
  const result: ReviewResult = {
    tool: { name: 'uar-check', version: options.toolVersion },
    evaluated_at: now.toISOString(),
    workspace: document.workspace,
    obtained,
    provenance: {
      source: describeSource({
        obtained,
        document: document.source,
        region: document.workspace.region,
        collected_at: document.collected_at,
        snapshotFile: options.source.kind === 'snapshot' ? basename(options.source.file) : null,
      }),
      tool: { name: 'uar-check', version: options.toolVersion, commit: options.toolCommit ?? null },
      ci: options.ci ?? null,
    },
    complete: document.complete,
    snapshot_sha256: snapshot.sha256,
    opa_version: options.policies.opaVersion,
    bundle_sha256: options.policies.bundleSha256,
    policy_files: options.policies.policyFiles,
    inputs: sortedBy(inputs, (i) => [i.kind, i.file]),
    params: evaluation.params,
    controls: applied.controls
      .map((c) => applyNeeds(c, document.coverage))
      .map((c) => (document.complete ? c : neverPassOnPartialData(c))),
    exceptions: { expired: applied.expired, unused: applied.unused },
    join: enriched.join,
    access,
    changes,
    collection: collectionNotes(document.coverage),
    ...(worksheet ? { worksheet } : {}),
  };
  stage('review');
  return { result, document, snapshot };
}

/**
 * What the review holds that does not depend on the evaluation: the hashed input files, the access summary and
 * the changes since the baseline, the worksheet's changed decisions; then the caller's whileEvaluating.
 */
async function independentWork(
  options: ReviewOptions,
  document: AccessDocument,
  baseline: AccessSummary | null,
  snapshotFile: InputFile | null,
) {
  const inputs: InputFile[] = [];
  if (options.configFile) inputs.push(await hashInput('config', options.configFile));
  const access = summarizeAccess(document);
  let changes: Changes | null = null;
  if (options.baseline && baseline) {
    inputs.push(await hashInput('baseline', options.baseline));
    changes = diffBaseline(access, baseline, options.baseline);
  }
  if (snapshotFile) inputs.push(snapshotFile);
  const worksheet = options.enrich.reviews ? await worksheetChanges(options.enrich.reviews.file, document) : null;
  options.whileEvaluating?.(document);
  return { inputs, access, changes, worksheet };
}

/** A campaign worksheet given as the review file: the decisions whose row's grants are not the user's grants now. */
async function worksheetChanges(file: string, document: AccessDocument): Promise<ReviewResult['worksheet'] | null> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (!isWorksheet(text)) return null;
  return { changed: changedDecisions(readWorksheet(file, text), document) };
}

function collectionNotes(c: AccessDocument['coverage']): CollectionNotes {
  return {
    unavailable: c.unavailable ?? [],
    incomplete: c.incomplete ?? [],
    removed_during_collection: c.removed_during_collection ?? [],
    users_without_permissions_field: c.users_without_permissions_field ?? 0,
    user_permissions: c.user_permissions ?? null,
    audit_days: c.audit_days ?? null,
    resource_names: c.resource_names ?? [],
  };
}

/** A run that could not read everything never reports a pass. */
function neverPassOnPartialData(control: ControlResult): ControlResult {
  if (control.status !== 'pass') return control;
  return {
    ...control,
    status: 'unknown',
    unknown: [...control.unknown, { reason: 'the Segment data is incomplete (not every page was read)' }],
  };
}

/** 0 when the file cannot be read (readSnapshot then says why). */
async function fileSize(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** The file's SHA-256, read as a stream: never held whole. */
async function hashInput(kind: InputFile['kind'], file: string): Promise<InputFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { kind, file: basename(file), format: null, sha256: hash.digest('hex') };
}
