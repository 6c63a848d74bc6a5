/**
 * evidence.json: the primary record for auditors. Stable key order (built literally here; free-form maps such
 * as params, facts and sections have their keys sorted), sorted arrays, 2-space JSON with a trailing newline:
 * identical inputs give a byte-identical file. Its schema is schemas/evidence.v1.schema.json.
 */
import type { Provenance } from '../model/provenance.js';
import type { ControlResult, Exception, Finding, ReviewResult, Subject } from '../model/result.js';
import { jsonTextPiecesWithElements, toJsonText } from '../shared/json-text.js';
import { compareText, sortedBy, sortKeys } from '../shared/order.js';
import { subjectKey } from './canonical.js';
import { computeTotals } from './evidence-totals.js';
import type { SarifOutcome } from './sarif.js';

export const EVIDENCE_VERSION = 1 as const;
/** The `$id` of schemas/evidence.v1.schema.json; evidence files name it in `$schema`. */
export const EVIDENCE_SCHEMA_ID = 'urn:uar-check:schema:evidence:v1';

export interface EvidenceOptions {
  /** What renderSarif kept, when results.sarif is written alongside: recorded as `sections.sarif`. */
  sarif?: SarifOutcome;
}

const subject = (s: Subject | undefined) => (s ? { type: s.type, id: s.id ?? null, email: s.email ?? null } : null);

const finding = (f: Finding) => ({
  subject: subject(f.subject),
  message: f.message,
  facts: sortKeys(f.facts ?? {}),
  fingerprint: f.fingerprint,
});

const exception = (e: Exception) => ({
  control: e.control,
  subject: e.subject,
  reason: e.reason,
  approved_by: e.approved_by,
  approved_at: e.approved_at ?? null,
  ticket: e.ticket ?? null,
  expires: e.expires,
});

const findingOrder = (f: Finding) => [...subjectKey(f.subject), f.message, f.fingerprint];
const exceptionOrder = (e: Exception) => [e.control, e.subject, e.expires, e.approved_by, e.reason, e.ticket ?? ''];

function control(c: ControlResult) {
  return {
    id: c.id,
    name: c.name,
    title: c.title,
    description: c.description,
    severity: c.severity,
    frameworks: [...c.frameworks].sort(compareText),
    needs: [...c.needs].sort(compareText),
    policy: { package: c.package, file: c.file, line: c.line },
    status: c.status,
    population: c.population,
    error: c.error,
    counts: { findings: c.findings.length, excepted: c.excepted.length, unknown: c.unknown.length },
    findings: sortedBy(c.findings, findingOrder).map(finding),
    excepted: sortedBy(c.excepted, findingOrder).map((f) => ({ ...finding(f), exception: exception(f.exception) })),
    unknown: sortedBy(c.unknown, (u) => [...subjectKey(u.subject), u.reason]).map((u) => ({
      subject: subject(u.subject),
      reason: u.reason,
    })),
    disabled: c.disabled
      ? {
          reason: c.disabled.reason,
          approved_by: c.disabled.approved_by,
          ticket: c.disabled.ticket,
          expires: c.disabled.expires,
          expired: c.disabled.expired,
        }
      : null,
    remediation: c.remediation,
  };
}

function provenance(p: Provenance) {
  const s = p.source;
  return {
    source: {
      obtained: s.obtained,
      api_url: s.api_url,
      api: s.api,
      region: s.region,
      collected_at: s.collected_at,
      snapshot_file: s.snapshot_file,
      description: s.description,
    },
    tool: { name: p.tool.name, version: p.tool.version, commit: p.tool.commit },
    ci: p.ci
      ? {
          provider: p.ci.provider,
          server_url: p.ci.server_url,
          repository: p.ci.repository,
          run_id: p.ci.run_id,
          run_attempt: p.ci.run_attempt,
          run_url: p.ci.run_url,
          workflow_ref: p.ci.workflow_ref,
          ref: p.ci.ref,
          sha: p.ci.sha,
          actor: p.ci.actor,
          event: p.ci.event,
        }
      : null,
  };
}

/** The evidence object (before serialisation), for callers that want to embed or inspect it. */
export function buildEvidence(result: ReviewResult, options: EvidenceOptions = {}) {
  return {
    $schema: EVIDENCE_SCHEMA_ID,
    evidence_version: EVIDENCE_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    evaluated_at: result.evaluated_at,
    workspace: {
      id: result.workspace.id,
      name: result.workspace.name,
      slug: result.workspace.slug,
      region: result.workspace.region,
    },
    obtained: result.obtained,
    provenance: provenance(result.provenance),
    complete: result.complete,
    snapshot_sha256: result.snapshot_sha256,
    opa_version: result.opa_version,
    bundle_sha256: result.bundle_sha256,
    policy_files: sortedBy(result.policy_files, (p) => [p.path]).map((p) => ({ path: p.path, sha256: p.sha256 })),
    inputs: sortedBy(result.inputs, (i) => [i.kind, i.file]).map((i) => ({
      kind: i.kind,
      file: i.file,
      format: i.format,
      sha256: i.sha256,
    })),
    params: sortKeys(result.params),
    totals: computeTotals(result),
    controls: sortedBy(result.controls, (c) => [c.id]).map(control),
    exceptions: {
      expired: sortedBy(result.exceptions.expired, exceptionOrder).map(exception),
      unused: sortedBy(result.exceptions.unused, exceptionOrder).map(exception),
    },
    sections: sortKeys({
      join: result.join,
      changes: result.changes ?? undefined,
      sarif: options.sarif,
      collection: result.collection,
      worksheet: result.worksheet,
    }),
    access: result.access,
  };
}

export function renderEvidence(result: ReviewResult, options: EvidenceOptions = {}): string {
  return toJsonText(buildEvidence(result, options));
}

/**
 * renderEvidence's text in pieces (the same text), for renderAll to hash and write: each top-level member on its
 * own and each control on its own, so the file is never one string of many MB, and a character beyond Latin-1
 * (e.g. an ellipsis in one control's description) makes only that control's text a two-byte string, not the whole.
 */
export function* evidenceTextPieces(evidence: ReturnType<typeof buildEvidence>): Generator<string> {
  for (const piece of jsonTextPiecesWithElements(evidence, 'controls', 1)) yield piece.text;
}
