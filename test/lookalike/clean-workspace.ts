/**
 * A small workspace with nothing wrong, and the identity, HR, review and config files that let every built-in
 * control decide: against it every control passes, except where the plan hides the data a control needs.
 * Team plan: Alice holds Workspace Owner directly (no groups exist). Business plan: through the "Owners" group.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LookalikeWorkspace } from '../../src/lookalike/workspace.js';

export const CLEAN_NOW = '2026-11-28T00:00:00Z';
const OWNER = { roleId: '1WDUuRLxv84rrfCNUwvkrRtkxnS', roleName: 'Workspace Owner' };
const WS_ID = 'cLeAnWoRkSpAcE000000001';
const ownerGrant = { ...OWNER, resources: [{ id: WS_ID, type: 'WORKSPACE' as const, labels: [] }] };
const sourceAdmin = {
  roleId: '1bSrcAdm9aQ2LkP4mN7xR5tV8wZ',
  roleName: 'Source Admin',
  resources: [{ id: 'srcWebsite01', type: 'SOURCE' as const, labels: [] }],
};
const sourceRead = {
  roleId: '1cSrcRdo3hJ6kL9pQ2sT5vX8yB1',
  roleName: 'Source Read-only',
  resources: [
    {
      id: 'srcWebsite01',
      type: 'SOURCE' as const,
      labels: [{ key: 'environment', value: 'prod', description: 'Production' }],
    },
  ],
};

export const CLEAN_USERS = {
  alice: 'aLiCeCleanUser00000001',
  bob: 'bObCleanUser0000000002',
  carol: 'cArOlCleanUser00000003',
};

export function cleanWorkspace(plan: 'team' | 'business'): LookalikeWorkspace {
  const viaGroup = plan === 'business';
  return {
    workspace: { id: WS_ID, name: 'Clean Co', slug: 'clean-co' },
    roles: [
      { ...{ id: OWNER.roleId, name: OWNER.roleName }, description: 'Owners have full access.' },
      { id: sourceAdmin.roleId, name: sourceAdmin.roleName, description: 'Edit access to assigned Sources.' },
      { id: sourceRead.roleId, name: sourceRead.roleName, description: 'Read access to assigned Sources.' },
    ],
    labels: [{ key: 'environment', value: 'prod', description: 'Production' }],
    users: [
      {
        id: CLEAN_USERS.alice,
        name: 'Alice Nguyen',
        email: 'alice@clean.example',
        permissions: viaGroup ? [] : [ownerGrant],
      },
      { id: CLEAN_USERS.bob, name: 'Bob Martin', email: 'bob@clean.example', permissions: [sourceAdmin] },
      { id: CLEAN_USERS.carol, name: 'Carol Diaz', email: 'carol@clean.example', permissions: [sourceRead] },
    ],
    groups: viaGroup
      ? [
          {
            id: 'gOwnersClean000000001',
            name: 'Owners',
            permissions: [ownerGrant],
            members: [CLEAN_USERS.alice],
            invites: [],
          },
        ]
      : [],
    invites: [],
    auditEvents: [
      {
        id: 'events/1',
        timestamp: '2026-11-20T10:00:00Z',
        type: 'Source Modified',
        actor: `user/${CLEAN_USERS.bob}`,
        actorEmail: 'bob@clean.example',
        resourceId: 'srcWebsite01',
        resourceType: 'source',
        resourceName: 'Website',
      },
    ],
  };
}

/** Writes the side inputs into `dir`; returns the `run` flags that use them. */
export async function cleanInputs(dir: string): Promise<string[]> {
  const people = ['alice', 'bob', 'carol'];
  const identity = join(dir, 'identity.csv');
  const hr = join(dir, 'hr.csv');
  const reviews = join(dir, 'reviews.csv');
  const config = join(dir, 'uar-check.yaml');
  await writeFile(
    identity,
    `email,status,mfa_enrolled,last_sign_in,aliases\n${people.map((p) => `${p}@clean.example,active,true,2026-11-20T09:00:00Z,`).join('\n')}\n`,
  );
  await writeFile(
    hr,
    `work_email,employee_id,employment_status,termination_date,manager_email,worker_type\n${people
      .map((p, i) => `${p}@clean.example,${100 + i},active,,,employee`)
      .join('\n')}\n`,
  );
  const reviewer = (p: string) => (p === 'alice' ? 'bob' : 'alice');
  await writeFile(
    reviews,
    `campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification,campaign_due_at\n${people
      .map((p) => `2026-Q4,2026-11-01,${p}@clean.example,${reviewer(p)}@clean.example,keep,2026-11-05,,2026-11-30`)
      .join('\n')}\n`,
  );
  await writeFile(config, 'params:\n  allowed_domains: [clean.example]\n');
  return ['--identity', identity, '--hr', hr, '--reviews', reviews, '--config', config, '--now', CLEAN_NOW];
}
