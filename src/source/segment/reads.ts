/** The reads one collection makes, each a function of the API; per-item reads start as soon as their page arrives. */
import { z } from 'zod';
import type { SegmentApi } from './api.js';
import { PlanUnavailableError } from './http-errors.js';
import type { RawGroupData } from './normalize.js';
import { paginate, readAll } from './paginate.js';
import {
  LabelsData,
  RawAuditEvent,
  RawGroup,
  type RawLabel,
  RawMinimalUser,
  RawRole,
  RawUser,
  UserData,
} from './schema.js';

export interface ReadHooks {
  pageSize: number;
  onUsersListed?: (n: number) => void;
  onUserRead?: () => void;
  onGroupsListed?: (n: number) => void;
  onGroupRead?: () => void;
}

export function readRoles(api: SegmentApi, h: ReadHooks): Promise<Array<z.infer<typeof RawRole>>> {
  return readAll(api, { endpoint: 'GET /roles', path: '/roles', key: 'roles', item: RawRole, pageSize: h.pageSize });
}

export function readInvites(api: SegmentApi, h: ReadHooks): Promise<string[]> {
  return readAll(api, {
    endpoint: 'GET /invites',
    path: '/invites',
    key: 'invites',
    item: z.string(),
    pageSize: h.pageSize,
  });
}

export async function readLabels(api: SegmentApi): Promise<RawLabel[]> {
  return (await api.get('GET /labels', '/labels', LabelsData, 'high')).labels;
}

/** Every user, each as `GET /users/{id}` describes it (with direct permissions), in list order. */
export async function readUsers(api: SegmentApi, h: ReadHooks): Promise<RawUser[]> {
  const details: Array<Promise<RawUser>> = [];
  for await (const page of paginate(api, {
    endpoint: 'GET /users',
    path: '/users',
    key: 'users',
    item: RawUser,
    pageSize: h.pageSize,
  })) {
    h.onUsersListed?.(page.length);
    for (const u of page) {
      details.push(
        background(
          api.get('GET /users/{id}', `/users/${encodeURIComponent(u.id)}`, UserData).then((d) => {
            h.onUserRead?.();
            return d.user;
          }),
        ),
      );
    }
  }
  return Promise.all(details);
}

/** Every group with its members and pending invites; null when the plan has no user groups. */
export async function readGroups(api: SegmentApi, h: ReadHooks): Promise<RawGroupData[] | null> {
  const details: Array<Promise<RawGroupData>> = [];
  try {
    for await (const page of paginate(api, {
      endpoint: 'GET /groups',
      path: '/groups',
      key: 'userGroups',
      item: RawGroup,
      pageSize: h.pageSize,
    })) {
      h.onGroupsListed?.(page.length);
      for (const group of page) details.push(background(readGroup(api, group, h)));
    }
  } catch (thrown) {
    if (thrown instanceof PlanUnavailableError && details.length === 0) return null;
    throw thrown;
  }
  return Promise.all(details);
}

async function readGroup(api: SegmentApi, group: z.infer<typeof RawGroup>, h: ReadHooks): Promise<RawGroupData> {
  const id = encodeURIComponent(group.id);
  const [members, invites] = await Promise.all([
    readAll(api, {
      endpoint: 'GET /groups/{id}/users',
      path: `/groups/${id}/users`,
      key: 'users',
      item: RawMinimalUser,
      pageSize: h.pageSize,
    }),
    readAll(api, {
      endpoint: 'GET /groups/{id}/invites',
      path: `/groups/${id}/invites`,
      key: 'emails',
      item: z.string(),
      pageSize: h.pageSize,
    }),
  ]);
  h.onGroupRead?.();
  return { group, members, invites };
}

/** Audit events since `startTime`; 'unavailable_plan' when the plan has no audit trail. */
export async function readAudit(
  api: SegmentApi,
  startTime: string,
  h: ReadHooks,
): Promise<RawAuditEvent[] | 'unavailable_plan'> {
  try {
    return await readAll(api, {
      endpoint: 'GET /audit-events',
      path: '/audit-events',
      key: 'events',
      item: RawAuditEvent,
      pageSize: h.pageSize,
      query: { startTime },
      paginationOptional: true,
    });
  } catch (thrown) {
    if (thrown instanceof PlanUnavailableError) return 'unavailable_plan';
    throw thrown;
  }
}

/** A promise that is awaited later: mark it handled now so an early rejection is not reported as unhandled. */
function background<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
