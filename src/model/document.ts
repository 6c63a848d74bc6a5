/**
 * The access document, version 1: the one JSON document every policy sees as `input`.
 *
 * Defined once here; `uar-check schema` exports it as JSON Schema and `opa check --schema` type-checks the
 * policies against it. Field names are snake_case because Rego authors read them.
 *
 * Rules: Segment cannot tell MFA, last sign-in or account status. Those come only from identity/HR exports
 * (the `identity` and `hr` members of a user) and are `null` / "unknown" when nobody told us. Never invent them.
 */
import { z } from 'zod';

export const DOCUMENT_VERSION = 1 as const;

/** RFC 3339 timestamp in UTC, e.g. "2026-11-28T12:00:00Z". */
const Timestamp = z.string().describe('RFC 3339 timestamp (UTC)');
/**
 * The same instant as integer nanoseconds since the epoch, next to a time or day (`<name>_ns` beside `<name>`).
 * uar-check computes it from the text on every run (the enrich stage), so policies compare numbers instead of
 * parsing text per user (in WASM each parse is a round trip to JavaScript); `lib.time_ns(obj, "<name>")` reads
 * it. Exact for millisecond times (all uar-check writes), null when the text is not a time ("never", null).
 * Optional in documents read from files: it is recomputed from the text, never trusted.
 */
const Nanos = (of: string) =>
  z
    .number()
    .nullable()
    .optional()
    .describe(
      `${of} as integer nanoseconds since the Unix epoch (UTC), computed by uar-check from the text on every run (a value read from a file is recomputed, never trusted); null when the text is not a time (null, "never"); read it with lib.time_ns`,
    );
/** A calendar day, "YYYY-MM-DD". */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('calendar day YYYY-MM-DD');

export const Label = z.object({
  key: z.string().describe('the label\'s key, e.g. "environment" (Segment: AllowedLabelBeta.key)'),
  value: z.string().describe('the label\'s value, e.g. "prod"; a label is the pair key:value'),
  description: z
    .string()
    .optional()
    .describe('what the label means, as written in Segment; absent when Segment gave none'),
});

export const Resource = z.object({
  type: z
    .enum(['WORKSPACE', 'SOURCE', 'SPACE', 'WAREHOUSE', 'FUNCTION'])
    .or(z.string())
    .describe(
      'what the role is granted on. WORKSPACE: every resource of the workspace the role applies to (for "Source Admin", ' +
        'all current and future sources); with labels, only the resources carrying those labels. SOURCE, SPACE, ' +
        'WAREHOUSE, FUNCTION: that one resource. Another string: a type Segment added later, kept as given',
    ),
  id: z
    .string()
    .describe("Segment's id of the resource (for WORKSPACE, the workspace id); the join key to Segment's own lists"),
  name: z
    .string()
    .nullable()
    .optional()
    .describe(
      "the resource's name when it was read (best effort; for WORKSPACE, the workspace's name). Absent: the " +
        'collector did not read names (an older snapshot, a hand-written document). null: names were read but not ' +
        "this one (the list endpoint refused, see coverage.resource_names, or the resource was not listed). Show it as 'name (id)', else the id",
    ),
  labels: z
    .array(Label)
    .describe(
      'labels that narrow a WORKSPACE-scoped grant to the resources carrying them (e.g. environment:prod: only ' +
        'production sources); Segment allows them on workspace-level grants only. [] = no narrowing',
    ),
});

/** How a permission reaches a user: directly, or through a group it belongs to. */
export const Grant = z.discriminatedUnion('type', [
  z.object({ type: z.literal('direct').describe('granted to the user (or invite) itself') }),
  z.object({
    type: z.literal('group').describe('granted through membership of (or a pending invite to) a user group'),
    group_id: z.string().describe("the group's Segment id"),
    group_name: z.string().describe("the group's name"),
  }),
]);

export const Permission = z.object({
  role_id: z.string().describe("the role's Segment id (see roles[])"),
  role_name: z
    .string()
    .describe('the role\'s name, e.g. "Workspace Owner", "Source Admin"; controls match roles by this name'),
  resources: z
    .array(Resource)
    .describe('what the role is granted on; one permission may cover several resources. [] = none listed'),
  labels: z
    .array(Label)
    .describe('labels attached to the permission itself (Segment: PermissionV1.labels); [] when there are none'),
  via: Grant.describe('how the user holds this permission: directly, or through a group'),
});

/** One source's view of a person (one identity export, after files of one source were combined). */
export const IdentityFact = z.object({
  source: z
    .enum(['google', 'entra', 'okta', 'jumpcloud', 'generic'])
    .describe('the identity provider (export format family) this record came from'),
  files: z.array(z.string()).describe('file names (not paths) the record came from'),
  record_id: z
    .string()
    .nullable()
    .describe("the provider's id for the person, when the export has one; null otherwise"),
  matched_by: z
    .enum(['primary', 'alias'])
    .describe("how the user's email_key matched the record: its primary address, or one of its aliases"),
  status: z
    .enum(['active', 'inactive', 'unknown'])
    .describe(
      'the account state this source reports (inactive: suspended, disabled, deprovisioned, locked out, deleted); unknown when it does not say',
    ),
  mfa: z
    .enum(['enrolled', 'not_enrolled', 'unknown'])
    .describe('multi-factor enrolment this source reports; unknown when it does not say'),
  last_sign_in: z
    .string()
    .nullable()
    .describe('RFC 3339 time of the last sign-in this source reports, "never", or null when it does not say'),
});

/** The identity facts of all sources combined (design: inactive wins, enrolled wins, latest sign-in wins). */
export const Identity = z.object({
  status: z
    .enum(['active', 'inactive', 'unknown'])
    .describe('inactive if any source says inactive, else active if any says active, else unknown'),
  mfa: z
    .enum(['enrolled', 'not_enrolled', 'unknown'])
    .describe('enrolled if any source says enrolled, not_enrolled if every source that knows says so, else unknown'),
  last_sign_in: z
    .string()
    .nullable()
    .describe(
      'the latest sign-in any source reports (RFC 3339); "never" only if every source that knows says never; null when no source knows',
    ),
  last_sign_in_ns: Nanos('last_sign_in'),
  sources: z.array(IdentityFact).describe("each matching source's own facts, sorted by source"),
});

export const HrRecord = z.object({
  employment_status: z
    .enum(['active', 'leave', 'terminated'])
    .describe("the roster's status, after the config's status_synonyms mapped the file's words"),
  termination_date: Day.nullable().describe(
    'last day of employment (YYYY-MM-DD); null when the roster gives none (for a terminated person: unknown, not "never")',
  ),
  termination_date_ns: Nanos('termination_date (midnight UTC)'),
  employee_id: z.string().nullable().describe("the roster's employee id; null when the column is absent or empty"),
  manager_email: z
    .string()
    .nullable()
    .describe("the person's manager (campaign worksheets pick them as reviewer); null when not given"),
  worker_type: z
    .string()
    .nullable()
    .describe('free text from the roster (e.g. employee, contractor); null when not given'),
  file: z.string().describe('file name (not path) of the roster the row came from'),
});

/** Two or more records of one identity export claim the user's address: which one is the person is unknown. */
export const AmbiguousIdentity = z.object({
  source: IdentityFact.shape.source.describe('the identity export in which the records conflict'),
  records: z
    .array(
      z.object({
        record_id: z.string().nullable().describe("the record's id in the provider; null when the export has none"),
        origin: z.string().describe('"file:line", or the file'),
      }),
    )
    .describe('the records claiming the address, sorted by origin'),
});

export const MinimalGroup = z.object({
  id: z.string().describe("the group's Segment id"),
  name: z.string().describe("the group's name"),
});

export const User = z.object({
  id: z.string().describe("Segment's user id"),
  email: z.string().describe('the email address as Segment lists it'),
  email_key: z.string().describe('email trimmed, NFC-normalised, lower-cased: the join key'),
  name: z.string().describe('display name as Segment lists it; may be "" (Segment allows an empty name)'),
  permissions: z.array(Permission).describe('direct permissions plus those of every group the user is in'),
  groups: z
    .array(MinimalGroup)
    .describe('the user groups the user belongs to, sorted by name; [] when none (or groups were not read)'),
  effective_roles: z.array(z.string()).describe('sorted, unique role names over all permissions'),
  is_owner: z.boolean().describe('holds Workspace Owner, directly or via a group'),
  is_admin: z.boolean().describe('an owner, or holds a role whose name ends in " Admin"'),
  identity: Identity.nullable().describe(
    "the identity exports' facts about this user, combined; null when no export was given (coverage.identity) or none has exactly one record for the address (see identity_ambiguous)",
  ),
  hr: HrRecord.nullable().describe(
    "the HR roster's row for this user; null when no roster was given (coverage.hr) or no row matches the address",
  ),
  last_activity: Timestamp.nullable().describe(
    'latest audit-trail event by this user (RFC 3339, UTC); null when the audit trail was not read (coverage.audit) or has no event by them',
  ),
  last_activity_ns: Nanos('last_activity'),
  identity_ambiguous: z
    .array(AmbiguousIdentity)
    .optional()
    .describe(
      'exports in which two or more records claim this address (ambiguous, not absent); absent when there are none',
    ),
});

export const Group = z.object({
  id: z.string().describe("the group's Segment id"),
  name: z.string().describe("the group's name"),
  member_count: z.number().int().describe('the member count Segment reports for the group (memberCount)'),
  members: z
    .array(
      z.object({
        id: z.string().describe("the member's Segment user id"),
        email: z.string().describe("the member's email address"),
      }),
    )
    .describe('the members read from the group, sorted by email key'),
  permissions: z
    .array(Permission.omit({ via: true }))
    .describe("the group's permissions; every member holds them (listed again under each user with via.type group)"),
  invites: z.array(z.string()).describe('emails with a pending invite to this group'),
});

export const Invite = z.object({
  email: z.string().describe('the invited address as Segment lists it'),
  email_key: z.string().describe('email trimmed, NFC-normalised, lower-cased: the join key'),
  via: Grant.describe('direct = a workspace invite; group = a pending invite to that group'),
});

export const Role = z.object({
  id: z.string().describe("the role's Segment id"),
  name: z.string().describe('the role\'s name, e.g. "Source Admin"'),
  description: z.string().describe("Segment's description of the role"),
});

export const Decision = z.object({
  subject_email: z.string().describe('the reviewed person, as written in the review file'),
  subject_key: z.string().describe('subject_email trimmed, NFC-normalised, lower-cased: joins to users[].email_key'),
  reviewer_email: z.string().describe('who decided, as written in the review file'),
  reviewer_key: z.string().describe('reviewer_email trimmed, NFC-normalised, lower-cased'),
  decision: z
    .enum(['keep', 'revoke', 'modify'])
    .describe('keep the access, revoke it (UAR-005 checks it is gone after revoke_grace_days), or modify it'),
  decided_at: Timestamp.describe('when the decision was made (RFC 3339, UTC)'),
  decided_at_ns: Nanos('decided_at'),
  justification: z.string().nullable().describe("the reviewer's reason; null when none was written"),
});

export const Campaign = z.object({
  id: z.string().describe('the campaign\'s name in the review file, e.g. "2026-Q3"'),
  started_at: Timestamp.describe('when the campaign started (RFC 3339, UTC); the newest start is the current campaign'),
  started_at_ns: Nanos('started_at'),
  due_at: Timestamp.nullable().describe('when decisions are due (RFC 3339, UTC); null when the file gives no due date'),
  due_at_ns: Nanos('due_at'),
  decisions: z.array(Decision).describe('the decisions recorded in this campaign; [] when none yet'),
});

/** A feature the workspace's plan (or add-ons) does not offer, in Segment's own words. */
export const Unavailable = z.object({
  feature: z.enum(['groups', 'audit']).describe('groups: user groups; audit: the audit trail'),
  endpoint: z.string().describe('the request that was refused, e.g. "GET /groups"'),
  status: z.number().int().describe('the HTTP status Segment answered'),
  message: z.string().describe('Segment\'s error type and message, "" when the answer had none'),
});

/** A user or group an earlier list returned that was gone (404) when its own endpoint was read. */
export const RemovedSubject = z.object({
  type: z.enum(['user', 'group']).describe('what was removed'),
  id: z.string().describe('its Segment id'),
  email: z.string().nullable().describe("the user's email from the earlier list; null for a group"),
  endpoint: z.string().describe('the read that answered 404, e.g. "GET /users/{id}"'),
});

/** What was available this run. A control whose data is missing says unknown instead of pass. */
export const Coverage = z.object({
  users: z.boolean().describe('every page of users and each user’s permissions was read'),
  groups: z
    .enum(['complete', 'unavailable_plan', 'not_read'])
    .describe(
      "complete: every group, its members and invites were read; unavailable_plan: the workspace's plan has no user groups (nobody can hold access through one); not_read: groups were not read, so grants via groups are unknown",
    ),
  invites: z.boolean().describe('every pending invite (workspace and group) was read; false: invites are unknown'),
  audit: z
    .enum(['complete', 'unavailable_plan', 'not_requested'])
    .describe(
      'complete: the audit trail was read for audit_days days (last_activity is set); unavailable_plan: the plan has no audit trail; not_requested: not asked for (no --audit-days), last_activity is null',
    ),
  identity: z.boolean().describe('at least one identity export was given'),
  identity_sources: z
    .array(z.string())
    .describe('the identity sources given (google, entra, okta, jumpcloud, generic), sorted; [] when none'),
  hr: z.boolean().describe('an HR roster was given'),
  reviews: z.boolean().describe('review decisions were given'),
  unavailable: z
    .array(Unavailable)
    .optional()
    .describe('features the plan does not offer (not incompleteness: nobody can hold access through them)'),
  audit_days: z.number().int().nullable().optional().describe('days of audit trail requested (at most 90)'),
  incomplete: z
    .array(
      z.object({
        endpoint: z.string().describe('the read cut short, e.g. "GET /users"'),
        reason: z.string().describe('what was missing, e.g. fewer items than the server announced'),
      }),
    )
    .optional()
    .describe('reads that returned less than the server announced; any entry makes the document incomplete'),
  removed_during_collection: z
    .array(RemovedSubject)
    .optional()
    .describe('subjects removed while the collection ran: dropped, the rest of the read is unaffected'),
  users_without_permissions_field: z
    .number()
    .int()
    .optional()
    .describe('users whose GET /users/{id} had no permissions member: read as no direct grants'),
  resource_names: z
    .array(
      z.object({
        type: z.enum(['SOURCE', 'WAREHOUSE', 'SPACE', 'FUNCTION']).describe('the kind of resource'),
        endpoint: z.string().describe('the list endpoint read, e.g. "GET /sources"'),
        read: z.boolean().describe('true: the names were read; false: refused, those resources keep only their id'),
        status: z.number().int().nullable().describe('the HTTP status of the answer; null when there was none'),
        message: z.string().describe('why the names could not be read ("" when read)'),
      }),
    )
    .optional()
    .describe('where resource names came from, best effort: a refusal leaves the ids and is recorded here'),
  user_permissions: z
    .object({
      read_from: z
        .enum(['list', 'per_user'])
        .describe("list: from GET /users (the checked sample agreed); per_user: from each user's GET /users/{id}"),
      sample: z.number().int().describe('users read one by one to check the list’s permissions'),
      sample_differed: z
        .boolean()
        .describe('true when the sample disagreed with the list, so every user was read one by one'),
    })
    .optional()
    .describe('where direct permissions came from: GET /users (after a checked sample) or GET /users/{id}'),
});

export const AccessDocument = z.object({
  document_version: z.literal(DOCUMENT_VERSION).describe('the document format version; 1'),
  workspace: z
    .object({
      id: z.string().describe("Segment's workspace id"),
      name: z.string().describe("the workspace's display name"),
      slug: z.string().describe("the workspace's slug (as in app.segment.com/<slug>)"),
      region: z
        .enum(['us', 'eu'])
        .nullable()
        .describe(
          "the Segment region the API address belongs to; null when the address is not Segment's (a proxy, the look-alike)",
        ),
    })
    .describe('the Segment workspace reviewed'),
  collected_at: Timestamp.describe('when the access was read from Segment (RFC 3339, UTC)'),
  collected_at_ns: Nanos('collected_at'),
  source: z
    .object({
      kind: z
        .enum(['api', 'file'])
        .describe('api: read from the Public API; file: a document written by hand or another tool'),
      api_url: z.string().nullable().describe('the API base URL read from (never the token); null for kind file'),
    })
    .describe('where the access came from'),
  complete: z
    .boolean()
    .describe('true only when every read the plan offers succeeded in full (plan-unavailable features excepted)'),
  coverage: Coverage.describe(
    'what was read and what was given this run; a control whose data is missing says unknown, never pass',
  ),
  roles: z.array(Role).describe("the workspace's roles, sorted by name"),
  labels: z.array(Label).describe('the labels defined in the workspace (GET /labels)'),
  users: z.array(User).describe('every workspace member, sorted by email key'),
  groups: z.array(Group).describe('every user group, sorted by name; [] when groups are unavailable (coverage.groups)'),
  invites: z
    .array(Invite)
    .describe('pending invites: to the workspace (via direct) and to groups (via group), sorted by email key'),
  reviews: z
    .object({
      campaigns: z.array(Campaign).describe('the campaigns of the review file, each with its decisions'),
    })
    .nullable()
    .describe('access-review decisions (--reviews); null when no review file was given (coverage.reviews false)'),
});

export type Label = z.infer<typeof Label>;
export type Resource = z.infer<typeof Resource>;
export type Grant = z.infer<typeof Grant>;
export type Permission = z.infer<typeof Permission>;
export type IdentityFact = z.infer<typeof IdentityFact>;
export type Identity = z.infer<typeof Identity>;
export type AmbiguousIdentity = z.infer<typeof AmbiguousIdentity>;
export type HrRecord = z.infer<typeof HrRecord>;
export type User = z.infer<typeof User>;
export type Group = z.infer<typeof Group>;
export type Invite = z.infer<typeof Invite>;
export type Role = z.infer<typeof Role>;
export type Decision = z.infer<typeof Decision>;
export type Campaign = z.infer<typeof Campaign>;
export type Coverage = z.infer<typeof Coverage>;
export type Unavailable = z.infer<typeof Unavailable>;
export type RemovedSubject = z.infer<typeof RemovedSubject>;
export type AccessDocument = z.infer<typeof AccessDocument>;

/** The join key of an address: trimmed, NFC-normalised, lower-cased (no dot-folding, no plus-stripping). */
export function emailKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/** JSON Schema of the document (draft-07, which `opa check --schema` reads). */
export function documentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AccessDocument, { target: 'draft-7' }) as Record<string, unknown>;
}
