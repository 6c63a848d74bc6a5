/**
 * The campaign worksheet's extra fields (src/campaign writes them; the review file readers in src/enrich accept
 * and ignore them). A worksheet is a review file: it carries every column of the reviews CSV
 * (`campaign,campaign_started_at,campaign_due_at,subject_email,reviewer_email,decision,decided_at,justification`)
 * plus these, which record what the reviewer was shown.
 */

/** Per campaign (a CSV column repeated on every row; a key of the campaign in YAML). */
export const WORKSHEET_CAMPAIGN_FIELDS = ['snapshot_sha256', 'workspace'] as const;

/** Per reviewed user (CSV columns; keys of a decision in YAML). */
export const WORKSHEET_ROW_FIELDS = ['subject_name', 'roles', 'access', 'reviewer_basis'] as const;

/** A decision taken on access that is no longer what its worksheet row showed (`campaign status`, `run --reviews`). */
export interface DecisionOnChangedAccess {
  campaign: string;
  subject_email: string;
  reviewer_email: string;
  decision: 'keep' | 'revoke' | 'modify';
  decided_at: string | null;
  /** The grants on the worksheet. */
  shown: string;
  /** The grants now; null when the user no longer has access. */
  now: string | null;
}
