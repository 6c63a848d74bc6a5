/**
 * A realistic review of a small workspace for the report tests: every control status, findings and excepted
 * findings, unknown reasons, names with commas, quotes, newlines, formulas and non-ASCII text.
 */
import { createHash } from 'node:crypto';
import { summarizeAccess } from '../../src/changes/index.js';
import type { AccessDocument, Permission, User } from '../../src/model/document.js';
import type { ControlResult, Exception, Finding, Review, ReviewResult, Subject } from '../../src/model/result.js';
import { hashText } from '../../src/shared/hashed-text.js';
import { toJsonText } from '../../src/shared/json-text.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
export const WORKSPACE = { id: 'ws_7Qe2xK', name: 'Acme, Inc. "Data" Ünit', slug: 'acme-data', region: 'eu' as const };

export function fingerprint(control: string, subject: Subject): string {
  return sha(`${control}|${WORKSPACE.id}|${subject.type}:${subject.id ?? subject.email ?? ''}`);
}

const ws = { type: 'WORKSPACE', id: WORKSPACE.id, labels: [] };
const perm = (
  role: string,
  resources: Permission['resources'],
  via: Permission['via'] = { type: 'direct' },
): Permission => ({
  role_id: `r_${role.toLowerCase().replace(/\W+/g, '_')}`,
  role_name: role,
  resources,
  labels: [],
  via,
});
const dataGroup = { type: 'group' as const, group_id: 'g_data', group_name: 'Data, Eng' };
const ownersGroup = { type: 'group' as const, group_id: 'g_owners', group_name: 'Owners' };
const identity = (status: 'active' | 'inactive', mfa: 'enrolled' | 'not_enrolled', last: string | null) => ({
  status,
  mfa,
  last_sign_in: last,
  sources: [
    {
      source: 'okta' as const,
      files: ['okta-users.csv'],
      record_id: null,
      matched_by: 'primary' as const,
      status,
      mfa,
      last_sign_in: last,
    },
  ],
});
const hr = (status: 'active' | 'leave' | 'terminated', termination: string | null = null) => ({
  employment_status: status,
  termination_date: termination,
  employee_id: null,
  manager_email: null,
  worker_type: 'employee',
  file: 'roster.csv',
});

function user(id: string, email: string, name: string, permissions: Permission[], extra: Partial<User> = {}): User {
  const roles = [...new Set(permissions.map((p) => p.role_name))].sort();
  const groups = [
    ...new Map(
      permissions.flatMap((p) =>
        p.via.type === 'group' ? [[p.via.group_id, { id: p.via.group_id, name: p.via.group_name }] as const] : [],
      ),
    ).values(),
  ];
  const isOwner = roles.includes('Workspace Owner');
  return {
    id,
    email,
    email_key: email.trim().normalize('NFC').toLowerCase(),
    name,
    permissions,
    groups,
    effective_roles: roles,
    is_owner: isOwner,
    is_admin: isOwner || roles.some((r) => r.endsWith(' Admin')),
    identity: null,
    hr: null,
    last_activity: null,
    ...extra,
  };
}

export function makeDocument(): AccessDocument {
  const web = {
    type: 'SOURCE',
    id: 'src_web',
    name: 'Web <script>alert(1)</script> site',
    labels: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'web, mobile' },
    ],
  };
  const ios = { type: 'SOURCE', id: 'src_ios', labels: [{ key: 'env', value: 'prod' }] };
  return {
    document_version: 1,
    workspace: WORKSPACE,
    collected_at: '2026-11-27T09:00:00Z',
    source: { kind: 'api', api_url: 'http://127.0.0.1:4010' },
    complete: true,
    coverage: {
      users: true,
      groups: 'complete',
      invites: true,
      audit: 'not_requested',
      identity: true,
      identity_sources: ['okta'],
      hr: true,
      reviews: true,
    },
    roles: [
      { id: 'r_workspace_owner', name: 'Workspace Owner', description: 'Full access' },
      { id: 'r_source_admin', name: 'Source Admin', description: 'Manage sources' },
      { id: 'r_source_read_only', name: 'Source Read-only', description: 'Read sources' },
    ],
    labels: [{ key: 'env', value: 'prod' }],
    users: [
      user(
        'u_sean',
        'sean.obrien@acme.example',
        'O\'Brien, Seán "the Admin"',
        [perm('Source Admin', [web], dataGroup)],
        {
          identity: identity('active', 'enrolled', '2026-05-01T08:00:00Z'),
          hr: hr('terminated', '2026-10-31'),
        },
      ),
      user('u_ana', 'Ana.Mueller@acme.example', 'Ana Müller', [perm('Workspace Owner', [ws])], {
        identity: identity('active', 'not_enrolled', '2026-11-20T10:00:00Z'),
        hr: hr('active'),
      }),
      user('u_formula', 'eve@acme.example', '=HYPERLINK("http://evil.example","click")', []),
      user(
        'u_li',
        'li.lei@acme.example',
        '李雷',
        [perm('Source Read-only', [web, ios]), perm('Workspace Member', [ws])],
        { hr: hr('leave') },
      ),
      user('u_bob', 'bob@contractor.example', 'Bob\nBuilder', [perm('Workspace Owner', [ws], ownersGroup)], {
        identity: identity('inactive', 'enrolled', 'never'),
      }),
    ],
    groups: [
      {
        id: 'g_data',
        name: 'Data, Eng',
        member_count: 1,
        members: [{ id: 'u_sean', email: 'sean.obrien@acme.example' }],
        permissions: [{ role_id: 'r_source_admin', role_name: 'Source Admin', resources: [web], labels: [] }],
        invites: ['temp@acme.example'],
      },
      {
        id: 'g_owners',
        name: 'Owners',
        member_count: 1,
        members: [{ id: 'u_bob', email: 'bob@contractor.example' }],
        permissions: [{ role_id: 'r_workspace_owner', role_name: 'Workspace Owner', resources: [ws], labels: [] }],
        invites: [],
      },
    ],
    invites: [
      { email: 'temp@acme.example', email_key: 'temp@acme.example', via: dataGroup },
      { email: 'new.hire@acme.example', email_key: 'new.hire@acme.example', via: { type: 'direct' } },
    ],
    reviews: {
      campaigns: [
        {
          id: 'c-2026-q2',
          started_at: '2026-04-01T00:00:00Z',
          due_at: null,
          decisions: [
            {
              subject_email: 'li.lei@acme.example',
              subject_key: 'li.lei@acme.example',
              reviewer_email: 'cto@acme.example',
              reviewer_key: 'cto@acme.example',
              decision: 'keep',
              decided_at: '2026-04-03T00:00:00Z',
              justification: null,
            },
          ],
        },
        {
          id: 'c-2026-q3',
          started_at: '2026-09-01T00:00:00Z',
          due_at: '2026-09-30T00:00:00Z',
          decisions: [
            {
              subject_email: 'ana.mueller@acme.example',
              subject_key: 'ana.mueller@acme.example',
              reviewer_email: 'cto@acme.example',
              reviewer_key: 'cto@acme.example',
              decision: 'keep',
              decided_at: '2026-09-05T12:00:00Z',
              justification: 'Founder',
            },
            {
              subject_email: 'sean.obrien@acme.example',
              subject_key: 'sean.obrien@acme.example',
              reviewer_email: 'ana.mueller@acme.example',
              reviewer_key: 'ana.mueller@acme.example',
              decision: 'modify',
              decided_at: '2026-09-07T12:00:00Z',
              justification: 'Reduce to read-only',
            },
            {
              subject_email: 'sean.obrien@acme.example',
              subject_key: 'sean.obrien@acme.example',
              reviewer_email: 'cto@acme.example',
              reviewer_key: 'cto@acme.example',
              decision: 'revoke',
              decided_at: '2026-09-08T12:00:00Z',
              justification: null,
            },
          ],
        },
      ],
    },
  };
}

const subj = (id: string, email: string): Subject => ({ type: 'user', id, email });
export function finding(
  control: string,
  subject: Subject,
  message: string,
  facts: Record<string, unknown> = {},
): Finding {
  return { control, subject, message, facts, fingerprint: fingerprint(control, subject) };
}

function control(
  meta: Partial<ControlResult> & Pick<ControlResult, 'id' | 'name' | 'title' | 'severity' | 'status'>,
): ControlResult {
  const pkg = meta.name.replace(/-/g, '_');
  return {
    package: `uar.controls.${pkg}`,
    description: `${meta.title}.`,
    frameworks: ['SOC 2 CC6.2', 'ISO/IEC 27001:2022 A.5.18'],
    remediation: 'Remove the access or record an exception.',
    needs: [],
    file: `policies/${pkg}.rego`,
    line: 3,
    population: 5,
    findings: [],
    excepted: [],
    unknown: [],
    error: null,
    disabled: null,
    ...meta,
  };
}

export const breakGlass: Exception = {
  control: 'UAR-001',
  subject: 'bob@contractor.example',
  reason: 'Break-glass account, "sealed" envelope',
  approved_by: 'ciso@acme.example',
  approved_at: '2026-08-01',
  ticket: 'https://tickets.acme.example/browse/SEC-1234',
  expires: '2027-01-31',
};

export function makeControls(): ControlResult[] {
  const ana = subj('u_ana', 'Ana.Mueller@acme.example');
  const sean = subj('u_sean', 'sean.obrien@acme.example');
  const bob = subj('u_bob', 'bob@contractor.example');
  return [
    control({
      id: 'UAR-001',
      name: 'stale-admin',
      title: 'Stale admin',
      severity: 'high',
      status: 'fail',
      description: 'An admin who has not signed in for more than stale_days days, or never.',
      remediation: 'Remove the admin role, or confirm the person still needs it and sign in.',
      needs: ['identity'],
      line: 12,
      findings: [
        finding('UAR-001', sean, 'sean.obrien@acme.example holds Source Admin and last signed in 210 days ago.', {
          last_sign_in: '2026-05-01T08:00:00Z',
          days: 210,
          roles: ['Source Admin'],
        }),
      ],
      excepted: [
        {
          ...finding('UAR-001', bob, 'bob@contractor.example is an owner and never signed in.', {
            last_sign_in: 'never',
          }),
          exception: breakGlass,
        },
      ],
    }),
    control({
      id: 'UAR-002',
      name: 'owner-without-mfa',
      title: 'Owner without MFA, "enrolled" per the IdP',
      severity: 'critical',
      status: 'fail',
      remediation: 'Enrol MFA in the IdP (Okta → Security → Multifactor), then re-run.',
      frameworks: ['SOC 2 CC6.1'],
      needs: ['identity'],
      line: 7,
      population: 2,
      findings: [
        finding('UAR-002', ana, 'Ana.Mueller@acme.example is a Workspace Owner without MFA (Okta: not_enrolled).', {
          mfa: 'not_enrolled',
          source: 'okta',
        }),
      ],
    }),
    control({
      id: 'UAR-003',
      name: 'terminated-with-access',
      title: 'Terminated employee with access',
      severity: 'critical',
      status: 'pass',
      needs: ['hr'],
      population: 4,
      excepted: [
        {
          ...finding('UAR-003', sean, 'sean.obrien@acme.example was terminated on 2026-10-31 and still has access.'),
          exception: {
            control: 'UAR-003',
            subject: 'sean.obrien@acme.example',
            reason: 'Offboarding ticket OPS-1234 in progress',
            approved_by: 'hr-lead@acme.example',
            expires: '2026-12-15',
          },
        },
      ],
    }),
    control({
      id: 'UAR-005',
      name: 'unreviewed-access',
      title: 'Access without a review decision',
      severity: 'medium',
      status: 'unknown',
      needs: ['reviews'],
      population: null,
      unknown: [
        { subject: subj('u_li', 'li.lei@acme.example'), reason: 'no identity record for this user' },
        { subject: subj('u_formula', 'eve@acme.example'), reason: 'no identity record for this user' },
        { reason: 'audit trail not requested (--audit)' },
      ],
    }),
    control({
      id: 'UAR-006',
      name: 'label-scoped-admin',
      title: 'Admin without label scope',
      severity: 'low',
      status: 'skipped',
      population: null,
      disabled: {
        reason: 'Labels are not used in this workspace | yet',
        approved_by: 'ciso@acme.example',
        ticket: 'SEC-<1240>',
        expires: '2027-06-30',
        expired: false,
      },
    }),
    control({
      id: 'UAR-007',
      name: 'shared-accounts',
      title: 'Shared accounts | aliases',
      severity: 'medium',
      status: 'error',
      population: null,
      error: 'eval_error: object insert conflict at policies/shared_accounts.rego:21',
    }),
    control({
      id: 'UAR-009',
      name: 'excessive-owners',
      title: 'Excessive owners',
      severity: 'medium',
      status: 'pass',
      population: 2,
      frameworks: [],
      disabled: {
        reason: 'Owner clean-up in progress',
        approved_by: 'cto@acme.example',
        ticket: null,
        expires: '2026-10-31',
        expired: true,
      },
    }),
  ];
}

export function makeResult(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    tool: { name: 'uar-check', version: '0.1.0' },
    evaluated_at: '2026-11-28T12:00:00Z',
    workspace: WORKSPACE,
    obtained: 'snapshot',
    provenance: {
      source: {
        obtained: 'snapshot',
        api_url: 'https://api.segmentapis.com',
        api: 'segment',
        region: 'us',
        collected_at: '2026-11-28T11:58:00Z',
        snapshot_file: 'snapshot.json',
        description:
          "read from the snapshot file snapshot.json, collected at 2026-11-28T11:58:00Z from Segment's Public API at https://api.segmentapis.com (region us)",
      },
      tool: { name: 'uar-check', version: '0.1.0', commit: '0123456789abcdef0123456789abcdef01234567' },
      ci: {
        provider: 'github-actions',
        server_url: 'https://github.com',
        repository: 'acme/access-reviews',
        run_id: '9876543210',
        run_attempt: '2',
        run_url: 'https://github.com/acme/access-reviews/actions/runs/9876543210/attempts/2',
        workflow_ref: 'acme/access-reviews/.github/workflows/uar.yml@refs/heads/main',
        ref: 'refs/heads/main',
        sha: 'fedcba9876543210fedcba9876543210fedcba98',
        actor: 'octo-<b>cat</b>',
        event: 'schedule',
      },
    },
    complete: true,
    snapshot_sha256: sha('snapshot'),
    opa_version: '1.22.3',
    bundle_sha256: sha('bundle'),
    policy_files: [
      { path: 'policies/stale_admin.rego', sha256: sha('stale') },
      { path: 'policies/owner_without_mfa.rego', sha256: sha('mfa') },
    ],
    inputs: [
      { kind: 'identity', file: 'fixtures/example/okta-users.csv', format: 'okta', sha256: sha('okta') },
      { kind: 'hr', file: 'fixtures/example/roster.csv', format: null, sha256: sha('hr') },
      { kind: 'config', file: 'uar-check.yaml', format: null, sha256: sha('config') },
    ],
    params: { stale_days: 90, max_owners: 3, allowed_domains: ['acme.example'] },
    controls: makeControls(),
    exceptions: {
      expired: [
        {
          control: 'UAR-002',
          subject: 'ops@acme.example',
          reason: 'Migration week',
          approved_by: 'ciso@acme.example',
          expires: '2026-10-01',
        },
      ],
      unused: [
        {
          control: 'UAR-009',
          subject: 'workspace',
          reason: 'Temporary fourth owner',
          approved_by: 'cto@acme.example',
          expires: '2027-03-31',
        },
      ],
    },
    // A re-run from a snapshot without input files: the document keeps its facts, nothing was joined this run.
    join: { users: makeDocument().users.length, identity: null, hr: null, reviews: null },
    access: summarizeAccess(makeDocument()),
    changes: null,
    ...overrides,
  };
}

/** makeResult() with makeDocument(), as runReview returns them. */
export function makeReview(result: ReviewResult = makeResult()): Review {
  const document = makeDocument();
  return { result, document, snapshot: hashText(toJsonText(document)) };
}

/** A result whose UAR-001 (high) and UAR-002 (critical) together hold `n` findings, for the SARIF limits. */
export function makeLargeResult(n: number): ReviewResult {
  const result = makeResult();
  const [stale, mfa] = result.controls;
  stale!.findings = [];
  mfa!.findings = [];
  for (let i = 0; i < n; i += 1) {
    const s = subj(`u_${String(i).padStart(6, '0')}`, `user${i}@acme.example`);
    const target = i % 3 === 0 ? mfa! : stale!;
    target.findings.push(finding(target.id, s, `user${i}@acme.example matches ${target.title}.`, { index: i }));
  }
  return result;
}

/** Collection notes with one of each kind of gap, and one resource-name read that succeeded. */
export function collectionNotes(): NonNullable<ReviewResult['collection']> {
  return {
    unavailable: [{ feature: 'audit', endpoint: 'GET /audit-events', status: 403, message: 'plan' }],
    incomplete: [{ endpoint: 'GET /users', reason: '2 of 3 pages' }],
    removed_during_collection: [],
    users_without_permissions_field: 0,
    user_permissions: null,
    audit_days: null,
    resource_names: [
      { type: 'SOURCE', endpoint: 'GET /sources', read: false, status: 403, message: 'forbidden: no' },
      { type: 'WAREHOUSE', endpoint: 'GET /warehouses', read: true, status: 200, message: '' },
    ],
  };
}
