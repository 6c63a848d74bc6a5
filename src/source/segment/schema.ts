/**
 * zod schemas of Segment Public API responses (the `data` member of a 200 body). Unknown keys are ignored.
 * Display-only fields (user and group `name`, label `description`) read null as empty; identity fields (ids,
 * emails, role ids and names, resource ids and types) must be there, or the answer is refused naming the field.
 */
import { z } from 'zod';

/** A display-only string: null reads as "". */
const display = z
  .string()
  .nullable()
  .transform((v) => v ?? '');

export const RawLabel = z.object({
  key: z.string(),
  value: z.string(),
  description: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});
export const RawResource = z.object({ id: z.string(), type: z.string(), labels: z.array(RawLabel).optional() });
export const RawPermission = z.object({
  roleId: z.string(),
  roleName: z.string(),
  resources: z.array(RawResource),
  labels: z.array(RawLabel).optional(),
});
export const RawMinimalUser = z.object({ id: z.string(), name: display, email: z.string() });
export const RawUser = RawMinimalUser.extend({ permissions: z.array(RawPermission).optional() });
export const RawGroup = z.object({
  id: z.string(),
  name: display,
  memberCount: z.number(),
  permissions: z.array(RawPermission).optional(),
});
export const RawRole = z.object({ id: z.string(), name: z.string(), description: display });
/**
 * Segment's workspace slugs are URL-friendly: lower-case letters, digits, `-` and `_`. Any other answer is refused,
 * so a slug is safe in file and artifact names, SARIF categories and CI logs.
 */
export const WORKSPACE_SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;
export const RawWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string().regex(WORKSPACE_SLUG, 'not a Segment workspace slug (lower-case letters, digits, - and _)'),
});
export const RawAuditEvent = z.object({
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  actor: z.string(),
  actorEmail: z.string().optional(),
  resourceId: z.string(),
  resourceType: z.string(),
  resourceName: z.string(),
});
export const RawPagination = z.object({
  current: z.string(),
  next: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  totalEntries: z.number().optional(),
});

export const WorkspaceData = z.object({ workspace: RawWorkspace });
export const UserData = z.object({ user: RawUser });
export const GroupData = z.object({ userGroup: RawGroup });
export const LabelsData = z.object({ labels: z.array(RawLabel) });

/** The body of an error answer: `{"errors":[{type, message?, data?}]}`. */
export const ErrorEnvelope = z.object({
  errors: z.array(z.object({ type: z.string(), message: z.string().optional(), data: z.unknown().optional() }).loose()),
});

export type RawLabel = z.output<typeof RawLabel>;
export type RawResource = z.infer<typeof RawResource>;
export type RawPermission = z.infer<typeof RawPermission>;
export type RawMinimalUser = z.infer<typeof RawMinimalUser>;
export type RawUser = z.infer<typeof RawUser>;
export type RawGroup = z.infer<typeof RawGroup>;
export type RawRole = z.infer<typeof RawRole>;
export type RawWorkspace = z.infer<typeof RawWorkspace>;
export type RawAuditEvent = z.infer<typeof RawAuditEvent>;
export type RawPagination = z.infer<typeof RawPagination>;
