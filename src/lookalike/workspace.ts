/**
 * The data a look-alike serves, in Segment's own shapes (camelCase, as the API answers; see wire.ts). A group
 * lists its members by user id; `memberCount` is derived. `fixtures/example/segment-workspace.json` is one of these.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { WireAuditEvent, WireLabel, WirePermission, WireRole, WireWorkspace } from './wire.js';

export const LookalikeWorkspace = z.object({
  workspace: WireWorkspace,
  roles: z.array(WireRole),
  labels: z.array(WireLabel),
  users: z.array(
    z.object({ id: z.string(), name: z.string(), email: z.string(), permissions: z.array(WirePermission) }),
  ),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      permissions: z.array(WirePermission),
      members: z.array(z.string()).describe('user ids'),
      invites: z.array(z.string()).describe('emails with a pending invite to the group'),
    }),
  ),
  invites: z.array(z.string()).describe('emails with a pending workspace invite'),
  auditEvents: z.array(WireAuditEvent),
  /** Display names of sources, warehouses, spaces and functions by id; an id without one gets "<Type> <id>". */
  resourceNames: z.record(z.string(), z.string()).optional(),
});

export type LookalikeWorkspace = z.infer<typeof LookalikeWorkspace>;
export type LookalikeUser = LookalikeWorkspace['users'][number];
export type LookalikeGroup = LookalikeWorkspace['groups'][number];
export type LookalikePermission = WirePermission;

export async function loadWorkspace(file: string): Promise<LookalikeWorkspace> {
  const parsed = LookalikeWorkspace.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: not a look-alike workspace (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return parsed.data;
}
