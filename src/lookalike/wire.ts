/**
 * Segment Public API shapes as the look-alike serves them, written from the OpenAPI spec (v32.0.5,
 * `components.schemas`) and its examples — never taken from the client (src/source), so a wrong assumption in
 * the client cannot hide in a shared schema. Optional fields are optional here as in the spec.
 */
import { z } from 'zod';

/** AllowedLabelBeta: `key`, `value` required; `description` optional. */
export const WireLabel = z.object({ key: z.string(), value: z.string(), description: z.string().optional() });
/** PermissionResourceV1: `id`, `type` required; `labels` optional ("exclusive to Workspace-level permissions"). */
export const WireResource = z.object({
  id: z.string(),
  type: z.enum(['FUNCTION', 'SOURCE', 'SPACE', 'WAREHOUSE', 'WORKSPACE']),
  labels: z.array(WireLabel).optional(),
});
/** PermissionV1: `roleId`, `roleName`, `resources` required; `labels` optional. */
export const WirePermission = z.object({
  roleId: z.string(),
  roleName: z.string(),
  resources: z.array(WireResource),
  labels: z.array(WireLabel).optional(),
});
/** RoleV1: all required. */
export const WireRole = z.object({ id: z.string(), name: z.string(), description: z.string() });
/** WorkspaceV1: all required. */
export const WireWorkspace = z.object({ id: z.string(), name: z.string(), slug: z.string() });
/** AuditEventV1 (plus `actorEmail?`, added to the API in Dec 2023). */
export const WireAuditEvent = z.object({
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  actor: z.string(),
  actorEmail: z.string().optional(),
  resourceId: z.string(),
  resourceType: z.string(),
  resourceName: z.string(),
});

export type WireLabel = z.infer<typeof WireLabel>;
export type WirePermission = z.infer<typeof WirePermission>;
export type WireRole = z.infer<typeof WireRole>;
export type WireWorkspace = z.infer<typeof WireWorkspace>;
export type WireAuditEvent = z.infer<typeof WireAuditEvent>;

/** UserV1: `id`, `name`, `email` required; `permissions` optional. MinimalUserV1 has no `permissions`. */
export interface WireUser {
  id: string;
  name: string | null;
  email: string;
  permissions?: WirePermission[];
}
export interface WireMinimalUser {
  id: string;
  name: string | null;
  email: string;
}
/** UserGroupV1: `id`, `name`, `memberCount` required; `permissions` optional. */
export interface WireUserGroup {
  id: string;
  name: string | null;
  memberCount: number;
  permissions?: WirePermission[];
}
/** PaginationOutput: `current` required; `next`/`previous` optional and nullable; `totalEntries` optional. */
export interface WirePagination {
  current: string;
  next?: string | null;
  previous?: string | null;
  totalEntries?: number;
}
/** RequestError inside RequestErrorEnvelope `{errors: [...]}`: `type` required, the rest optional. */
export interface WireRequestError {
  type: string;
  message?: string;
  field?: string;
  data?: unknown;
  status?: number;
}
export const errorEnvelope = (...errors: WireRequestError[]): { errors: WireRequestError[] } => ({ errors });
