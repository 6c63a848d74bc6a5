/**
 * The worksheet of a new campaign: one row per user with the access the reviewer is shown, the proposed
 * reviewer, and empty decision, decided_at and justification cells. Column names are the reviews CSV's, so a
 * filled worksheet is a review file as it stands; the extra columns record what was shown.
 */
import type { AccessDocument } from '../model/document.js';
import type { WORKSHEET_CAMPAIGN_FIELDS, WORKSHEET_ROW_FIELDS } from '../model/worksheet.js';
import { compareText } from '../shared/order.js';
import { accessText, rolesText } from './access-text.js';
import { type ManagerOf, proposeReviewer, type ReviewerRules } from './reviewer.js';

/** The reviews CSV's columns, with the worksheet's own (src/model/worksheet.ts) where a reviewer reads them. */
export const WORKSHEET_COLUMNS = [
  'campaign',
  'campaign_started_at',
  'campaign_due_at',
  'snapshot_sha256',
  'workspace',
  'subject_email',
  'subject_name',
  'roles',
  'access',
  'reviewer_email',
  'reviewer_basis',
  'decision',
  'decided_at',
  'justification',
] as const satisfies readonly (
  | ReviewsColumn
  | (typeof WORKSHEET_CAMPAIGN_FIELDS)[number]
  | (typeof WORKSHEET_ROW_FIELDS)[number]
)[];

type ReviewsColumn =
  | 'campaign'
  | 'campaign_started_at'
  | 'campaign_due_at'
  | 'subject_email'
  | 'reviewer_email'
  | 'decision'
  | 'decided_at'
  | 'justification';

export interface CampaignHeader {
  id: string;
  started_at: string;
  due_at: string | null;
  /** SHA-256 of the snapshot the rows were built from: ties each decision to the access shown. */
  snapshot_sha256: string;
  /** The workspace slug. */
  workspace: string;
}

export interface WorksheetRow {
  subject_email: string;
  subject_name: string;
  roles: string;
  access: string;
  reviewer_email: string;
  reviewer_basis: string;
  decision: string;
  decided_at: string;
  justification: string;
}

export interface Worksheet {
  campaign: CampaignHeader;
  rows: WorksheetRow[];
}

export interface WorksheetOptions {
  campaign: Omit<CampaignHeader, 'workspace'>;
  reviewers: ReviewerRules;
  managerOf: ManagerOf;
}

export function buildWorksheet(doc: AccessDocument, options: WorksheetOptions): Worksheet {
  const rows = doc.users.map((user): WorksheetRow => {
    const reviewer = proposeReviewer(user, options.reviewers, options.managerOf);
    return {
      subject_email: user.email,
      subject_name: user.name,
      roles: rolesText(user),
      access: accessText(user),
      reviewer_email: reviewer.email ?? '',
      reviewer_basis: reviewer.basis,
      decision: '',
      decided_at: '',
      justification: '',
    };
  });
  // Grouped by reviewer (no reviewer last), then by subject: each reviewer's rows are together.
  rows.sort(
    (a, b) =>
      Number(a.reviewer_email === '') - Number(b.reviewer_email === '') ||
      compareText(a.reviewer_email.toLowerCase(), b.reviewer_email.toLowerCase()) ||
      compareText(a.subject_email.toLowerCase(), b.subject_email.toLowerCase()),
  );
  return { campaign: { ...options.campaign, workspace: doc.workspace.slug }, rows };
}

/** The rows per reviewer (key: the reviewer's email as written, "" for rows without one), in row order. */
export function splitByReviewer(sheet: Worksheet): Map<string, Worksheet> {
  const parts = new Map<string, Worksheet>();
  for (const row of sheet.rows) {
    const key = row.reviewer_email.trim().toLowerCase();
    let part = parts.get(key);
    if (!part) {
      part = { campaign: sheet.campaign, rows: [] };
      parts.set(key, part);
    }
    part.rows.push(row);
  }
  return parts;
}
