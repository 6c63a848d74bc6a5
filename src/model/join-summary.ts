/**
 * The enrich stage's join summary (`ReviewResult.join`, `sections.join` in the evidence). JSON-friendly and
 * deterministic: sources sorted by name, email lists sorted, conflicts and probable matches sorted by email.
 * `null` members mean that input was not given this run.
 */
import type { IdentityFact } from './document.js';

/** One identity record or HR row, as the summary names it. */
export interface RecordRef {
  record_id: string | null;
  /** "file:line" when the row has a line, else the file name. */
  origin: string;
  /** The record's address that the (stripped) key matched. */
  address: string;
}

/** Found only by dropping a `+tag` from either side: reported, never used as a match. */
export interface ProbableMatch {
  email: string;
  user_id: string;
  rule: 'plus-tag';
  candidates: RecordRef[];
}

/** One email matched two or more records of the same source: that source tells nothing about the user. */
export interface JoinConflict {
  email: string;
  user_id: string;
  records: RecordRef[];
}

export interface SideCounts {
  /** Segment users matched exactly (by primary address or alias). */
  matched: number;
  probable: ProbableMatch[];
  conflicts: JoinConflict[];
  /** Emails of Segment users this input does not describe (no match, probable only, or conflict). */
  unmatched_users: string[];
  /** Records / rows no Segment user matched. */
  unmatched_records: number;
}

export interface SourceJoin extends SideCounts {
  source: IdentityFact['source'];
  files: string[];
  formats: string[];
  /** Records after the source's files were combined (one per person). */
  records: number;
  /** Emails of Segment users matched through an alias rather than a primary address. */
  via_alias: string[];
}

export interface IdentityJoin {
  sources: SourceJoin[];
  /** Segment users matched by at least one source. */
  matched_any: number;
  /** Emails of Segment users no source matched (orphaned accounts). */
  unmatched_users: string[];
}

export interface HrJoin extends SideCounts {
  file: string;
  format: string;
  rows: number;
  rows_without_email: number;
}

export interface ReviewsJoin {
  file: string;
  format: string;
  campaigns: { id: string; started_at: string; decisions: number }[];
  decisions: number;
  /** Subjects of decisions that are not (or no longer) Segment users, sorted. */
  subjects_not_in_workspace: string[];
}

export interface JoinSummary {
  /** Segment users in the document. */
  users: number;
  identity: IdentityJoin | null;
  hr: HrJoin | null;
  reviews: ReviewsJoin | null;
}
