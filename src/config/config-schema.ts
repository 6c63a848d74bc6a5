/**
 * The config file (`--config uar-check.yaml`), as written by users. Validated with zod; the loader
 * (config-file.ts) turns zod issues into "file:line: path: message" using the YAML node positions.
 */
import { z } from 'zod';
import { parsePerson } from './person.js';

/** A calendar day: YAML may give a string or (in YAML 1.1 documents) a date. */
const day = (missing: string) =>
  z
    .union([z.string(), z.date()], { error: (issue) => (issue.input == null ? missing : undefined) })
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
        .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isCalendarDay(d), 'not a calendar day')
        .refine(
          (d) => !isCalendarDay(d) || isSaneYear(Number(d.slice(0, 4))),
          `expected a year from ${SANE_YEARS.min} to ${SANE_YEARS.max}`,
        ),
    );

/** Years a review can be about: a date outside is a typo or a way to make an exception permanent. */
export const SANE_YEARS = { min: 2000, max: 2099 } as const;

export function isSaneYear(year: number): boolean {
  return year >= SANE_YEARS.min && year <= SANE_YEARS.max;
}

export function isCalendarDay(d: string): boolean {
  const time = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === d;
}

/** A required string whose absence reads as the given sentence (e.g. "an exception needs a reason"). */
const required = (missing: string) =>
  z.string({ error: (issue) => (issue.input == null ? missing : 'expected a string') });

const ControlId = z.string().regex(/^[A-Z][A-Z0-9]*-\d{3,}$/, 'expected a control id such as UAR-011');

/** The approver must be a person: an email or a Segment user id. */
function approverCheck(value: string, ctx: z.RefinementCtx): void {
  const person = parsePerson(value);
  if ('problem' in person)
    ctx.addIssue({
      code: 'custom',
      message: `${person.problem}; expected the approver's email or Segment user id`,
    });
}

/** A change ticket: a URL or an id such as SEC-1234. */
const ticket = z.string().trim().min(1, 'expected a ticket URL or id such as SEC-1234');

export const ExceptionEntry = z
  .object({
    control: required('an exception needs a control').pipe(ControlId),
    subject: required('an exception needs a subject').min(1, 'expected an email, a user id, or "workspace"'),
    reason: required('an exception needs a reason').trim().min(1, 'an exception needs a reason'),
    approved_by: required('an exception needs approved_by')
      .trim()
      .min(1, 'an exception needs approved_by')
      .superRefine(approverCheck),
    approved_at: day('approved_at: expected a day as YYYY-MM-DD').optional(),
    ticket: ticket.optional(),
    expires: day('an exception needs expires (YYYY-MM-DD)'),
  })
  .strict()
  .refine((e) => !e.approved_at || !/^\d{4}-\d{2}-\d{2}$/.test(e.approved_at) || e.approved_at <= e.expires, {
    message: 'approved_at is after expires',
    path: ['approved_at'],
  });

/**
 * A control's setting. Turning one off is an accepted risk like an exception: it needs a reason and an approver,
 * and takes a ticket and an expiry day (after which the control runs again, with a note).
 */
export const ControlSetting = z
  .object({
    enabled: z.boolean({ error: (issue) => (issue.input == null ? 'a control setting needs enabled' : undefined) }),
    reason: z.string().trim().min(1, 'a disabled control needs a reason').optional(),
    approved_by: z.string().trim().min(1, 'a disabled control needs approved_by').superRefine(approverCheck).optional(),
    ticket: ticket.optional(),
    expires: day('expires: expected a day as YYYY-MM-DD').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.enabled) return;
    if (!c.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a disabled control needs a reason' });
    if (!c.approved_by)
      ctx.addIssue({ code: 'custom', path: ['approved_by'], message: 'a disabled control needs approved_by' });
  });

const days = z.number().int('expected a whole number of days').nonnegative('expected a number of days ≥ 0');

/** The built-in controls' parameters (policies/lib/params.rego). Other keys pass through for custom controls. */
export const Params = z
  .object({
    stale_days: days.optional(),
    allowed_domains: z.array(z.string().min(1, 'expected a domain such as acme.com')).optional(),
    max_owners: z.number().int('expected a whole number').nonnegative().optional(),
    revoke_grace_days: days.optional(),
    review_interval_days: days.optional(),
    generic_local_parts: z.array(z.string().min(1)).optional(),
  })
  .catchall(z.unknown());

/** Column mapping for HR rosters in other layouts (BambooHR, Rippling, Workday reports). */
export const HrMapping = z.object({
  columns: z
    .object({
      work_email: z.string(),
      employee_id: z.string().optional(),
      employment_status: z.string(),
      termination_date: z.string().optional(),
      manager_email: z.string().optional(),
      worker_type: z.string().optional(),
    })
    .strict(),
  /** Words in the file → active | leave | terminated, matched case-insensitively. */
  status_synonyms: z.record(z.string(), z.enum(['active', 'leave', 'terminated'])).default({}),
});

const email = z.string().trim().min(1, 'expected an email address');

/** Who reviews whom in a campaign (`uar-check campaign start`), after the HR roster's manager_email. */
export const Reviewers = z
  .object({
    /** Last resort, and the fallback when the chosen reviewer is the reviewed user. */
    default: email.optional(),
    /** Group name → reviewer. */
    groups: z.record(z.string(), email).default({}),
    /** Role name → reviewer. */
    roles: z.record(z.string(), email).default({}),
  })
  .strict();

export const ConfigFile = z
  .object({
    params: Params.default({}),
    exceptions: z.array(ExceptionEntry).default([]),
    controls: z.record(ControlId, ControlSetting).default({}),
    reviewers: Reviewers.optional(),
    /** The id prefix `uar-check new-control` gives the team's own controls (ACME → ACME-001); never UAR. */
    control_prefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, 'use capital letters and digits, starting with a letter, e.g. ACME')
      .refine((p) => p !== 'UAR', 'UAR- ids are reserved for the built-in controls; use your own prefix, e.g. ACME')
      .optional(),
    inputs: z
      .object({
        identity: z.array(z.string()).default([]),
        identity_format: z.string().optional(),
        hr: z.string().optional(),
        hr_mapping: HrMapping.optional(),
        reviews: z.string().optional(),
      })
      .strict()
      .default({ identity: [] }),
  })
  .strict();

export type ConfigFile = z.infer<typeof ConfigFile>;
export type Params = z.infer<typeof Params>;
export type ControlSetting = z.infer<typeof ControlSetting>;
export type HrMapping = z.infer<typeof HrMapping>;
export type Reviewers = z.infer<typeof Reviewers>;
