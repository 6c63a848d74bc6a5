/**
 * What a review produces: control metadata (from the policies' METADATA), each control's outcome, the run's
 * provenance, and what the enrich and changes stages computed. src/review.ts returns a Review (this result, the
 * document evaluated and its snapshot text); src/report renders a Review and nothing else.
 */
import { z } from 'zod';
import type { HashedText } from '../shared/hashed-text.js';
import type { AccessSummary, Changes } from './changes.js';
import type { AccessDocument, Coverage } from './document.js';
import type { JoinSummary } from './join-summary.js';
import type { Provenance } from './provenance.js';
import type { DecisionOnChangedAccess } from './worksheet.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Higher is more severe. */
export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export const ControlStatus = z.enum(['pass', 'fail', 'unknown', 'error', 'skipped']);
export type ControlStatus = z.infer<typeof ControlStatus>;

/** Read from a control's package-level `# METADATA` (opa inspect -a). */
export interface ControlMeta {
  id: string; // "UAR-001", stable, never reused
  name: string; // "stale-admin" (the package's last segment, "_" → "-")
  package: string; // "uar.controls.stale_admin"
  title: string;
  description: string;
  severity: Severity;
  frameworks: string[]; // e.g. "SOC 2 CC6.2", "ISO/IEC 27001:2022 A.5.18"
  remediation: string;
  needs: string[]; // data the control needs, e.g. ["identity"]
  file: string; // policy file, relative to the working directory (repository-relative in CI)
  line: number; // line of the package statement
}

/** A finding's subject: a user, an invited email, or the workspace. */
export const Subject = z.object({
  type: z.enum(['user', 'invite', 'workspace']),
  id: z.string().optional(),
  email: z.string().optional(),
});
export type Subject = z.infer<typeof Subject>;

/** One control's raw output, as the policy returns it (validated: policies are untrusted). */
export const PolicyOutput = z.object({
  findings: z.array(
    z.object({
      subject: Subject,
      message: z.string(),
      facts: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  unknown: z.array(z.object({ subject: Subject.optional(), reason: z.string() })),
  population: z.number().int().nonnegative().nullable(),
});
export type PolicyOutput = z.infer<typeof PolicyOutput>;

export interface Finding {
  control: string; // control id
  subject: Subject;
  message: string;
  facts: Record<string, unknown>;
  /** sha256(control + workspace id + subject key): stable across runs, distinct across subjects. */
  fingerprint: string;
}

export interface Exception {
  control: string;
  subject: string; // an email, a user id, or "workspace"
  reason: string;
  approved_by: string;
  approved_at?: string; // YYYY-MM-DD, when given
  ticket?: string; // a ticket URL or id, when given
  expires: string; // YYYY-MM-DD, covers findings until the end of this day, UTC
}

/**
 * A control turned off in the config, with its paper trail. While `expired` is false the control is skipped;
 * once its `expires` day has passed it runs again and this stays on the result as a note.
 */
export interface ControlDisable {
  reason: string;
  approved_by: string;
  ticket: string | null;
  expires: string | null; // YYYY-MM-DD: disabled until the end of this day, UTC; null = until changed
  expired: boolean;
}

export interface ExceptedFinding extends Finding {
  exception: Exception;
}

export interface ControlResult extends ControlMeta {
  status: ControlStatus;
  population: number | null;
  findings: Finding[]; // not covered by a live exception
  excepted: ExceptedFinding[];
  unknown: { subject?: Subject; reason: string }[];
  error: string | null;
  /** Set when the config turns the control off (status skipped), or did until an expiry day that has passed. */
  disabled: ControlDisable | null;
}

export interface InputFile {
  kind: 'identity' | 'hr' | 'reviews' | 'config' | 'baseline' | 'snapshot';
  file: string;
  format: string | null;
  sha256: string;
}

export interface ReviewResult {
  tool: { name: 'uar-check'; version: string };
  evaluated_at: string;
  workspace: { id: string; name: string; slug: string; region: 'us' | 'eu' | null };
  obtained: 'live' | 'snapshot';
  /** Where the data came from and what produced this result (the fields that may differ between re-runs). */
  provenance: Provenance;
  complete: boolean;
  snapshot_sha256: string;
  opa_version: string;
  bundle_sha256: string;
  policy_files: { path: string; sha256: string }[];
  inputs: InputFile[];
  params: Record<string, unknown>;
  controls: ControlResult[]; // sorted by id
  exceptions: { expired: Exception[]; unused: Exception[] };
  /** How the identity, HR and review inputs matched the document's users (the enrich stage). */
  join: JoinSummary;
  /** The evaluated document's access in short: what a later run's `--baseline evidence.json` diffs against. */
  access: AccessSummary;
  /** Changes since `--baseline`; null without one. */
  changes: Changes | null;
  /** With a campaign worksheet as --reviews: decisions on access that changed since the worksheet was made. */
  worksheet?: { changed: DecisionOnChangedAccess[] };
  /** What the Segment read recorded besides the access (from the document's coverage); absent in older results. */
  collection?: CollectionNotes;
}

/** The document's coverage notes that a reader of the evidence must see: what the plan refused, what was cut short. */
export interface CollectionNotes {
  unavailable: NonNullable<Coverage['unavailable']>;
  incomplete: NonNullable<Coverage['incomplete']>;
  removed_during_collection: NonNullable<Coverage['removed_during_collection']>;
  users_without_permissions_field: number;
  user_permissions: Coverage['user_permissions'] | null;
  audit_days: number | null;
  /** Where resource names came from; an entry with `read: false` means those resources show by id only. */
  resource_names: NonNullable<Coverage['resource_names']>;
}

/** One review, as src/review.ts returns it and src/report renders it. */
export interface Review {
  result: ReviewResult;
  /** The document evaluated (after enrichment). */
  document: AccessDocument;
  /** snapshot.json: the document's canonical JSON text, in chunks; `result.snapshot_sha256` is its SHA-256. */
  snapshot: HashedText;
}
