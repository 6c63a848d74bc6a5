/**
 * The config file (`--config uar-check.yaml`), as written by users. Validated with zod; the loader
 * (config-file.ts) turns zod issues into "file:line: path: message" using the YAML node positions.
 */
import { z } from 'zod';

const Day = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD'));

export const ExceptionEntry = z.object({
  control: z.string().regex(/^[A-Z][A-Z0-9]*-\d{3,}$/, 'expected a control id such as UAR-011'),
  subject: z.string().min(1, 'expected an email, a user id, or "workspace"'),
  reason: z.string().trim().min(1, 'an exception needs a reason'),
  approved_by: z.string().trim().min(1, 'an exception needs approved_by'),
  expires: Day,
});

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

export const ConfigFile = z
  .object({
    params: z.record(z.string(), z.unknown()).default({}),
    exceptions: z.array(ExceptionEntry.strict()).default([]),
    controls: z.record(z.string(), z.object({ enabled: z.boolean() }).strict()).default({}),
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
export type HrMapping = z.infer<typeof HrMapping>;
