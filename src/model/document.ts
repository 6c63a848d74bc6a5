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
    .describe(`${of} as integer nanoseconds since the epoch (set by uar-check; null when not a time)`);
/** A calendar day, "YYYY-MM-DD". */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('calendar day YYYY-MM-DD');

export const Label = z.object({
  key: z.string(),
  value: z.string(),
  description: z.string().optional(),
});

export const Resource = z.object({
  type: z.enum(['WORKSPACE', 'SOURCE', 'SPACE', 'WAREHOUSE', 'FUNCTION']).or(z.string()),
  id: z.string(),
  name: z
    .string()
    .nullable()
    .optional()
    .describe("the resource's name when it was read (best effort); absent or null: only the id is known"),
  labels: z.array(Label),
});

/** How a permission reaches a user: directly, or through a group it belongs to. */
export const Grant = z.discriminatedUnion('type', [
  z.object({ type: z.literal('direct') }),
  z.object({ type: z.literal('group'), group_id: z.string(), group_name: z.string() }),
]);

export const Permission = z.object({
  role_id: z.string(),
  role_name: z.string(),
  resources: z.array(Resource),
  labels: z.array(Label),
  via: Grant,
});

/** One source's view of a person (one identity export, after files of one source were combined). */
export const IdentityFact = z.object({
  source: z.enum(['google', 'entra', 'okta', 'jumpcloud', 'generic']),
  files: z.array(z.string()).describe('file names (not paths) the record came from'),
  record_id: z.string().nullable().describe("the provider's id for the person, when the export has one"),
  matched_by: z.enum(['primary', 'alias']),
  status: z.enum(['active', 'inactive', 'unknown']),
  mfa: z.enum(['enrolled', 'not_enrolled', 'unknown']),
  last_sign_in: z.string().nullable().describe('RFC 3339 time, "never", or null when unknown'),
});

/** The identity facts of all sources combined (design: inactive wins, enrolled wins, latest sign-in wins). */
export const Identity = z.object({
  status: z.enum(['active', 'inactive', 'unknown']),
  mfa: z.enum(['enrolled', 'not_enrolled', 'unknown']),
  last_sign_in: z.string().nullable().describe('RFC 3339 time, "never", or null when unknown'),
  last_sign_in_ns: Nanos('last_sign_in'),
  sources: z.array(IdentityFact),
});

export const HrRecord = z.object({
  employment_status: z.enum(['active', 'leave', 'terminated']),
  termination_date: Day.nullable(),
  termination_date_ns: Nanos('termination_date (midnight UTC)'),
  employee_id: z.string().nullable(),
  manager_email: z.string().nullable(),
  worker_type: z.string().nullable(),
  file: z.string(),
});

/** Two or more records of one identity export claim the user's address: which one is the person is unknown. */
export const AmbiguousIdentity = z.object({
  source: IdentityFact.shape.source,
  records: z
    .array(z.object({ record_id: z.string().nullable(), origin: z.string().describe('"file:line", or the file') }))
    .describe('the records claiming the address, sorted by origin'),
});

export const MinimalGroup = z.object({ id: z.string(), name: z.string() });

export const User = z.object({
  id: z.string(),
  email: z.string(),
  email_key: z.string().describe('email trimmed, NFC-normalised, lower-cased: the join key'),
  name: z.string(),
  permissions: z.array(Permission).describe('direct permissions plus those of every group the user is in'),
  groups: z.array(MinimalGroup),
  effective_roles: z.array(z.string()).describe('sorted, unique role names over all permissions'),
  is_owner: z.boolean().describe('holds Workspace Owner, directly or via a group'),
  is_admin: z.boolean().describe('an owner, or holds a role whose name ends in " Admin"'),
  identity: Identity.nullable().describe('null when no identity export has exactly one record for this user'),
  hr: HrRecord.nullable().describe('null when no HR roster row matches this user'),
  last_activity: Timestamp.nullable().describe('latest audit-trail event by this user, when the audit trail was read'),
  last_activity_ns: Nanos('last_activity'),
  identity_ambiguous: z
    .array(AmbiguousIdentity)
    .optional()
    .describe(
      'exports in which two or more records claim this address (ambiguous, not absent); absent when there are none',
    ),
});

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  member_count: z.number().int(),
  members: z.array(z.object({ id: z.string(), email: z.string() })),
  permissions: z.array(Permission.omit({ via: true })),
  invites: z.array(z.string()).describe('emails with a pending invite to this group'),
});

export const Invite = z.object({
  email: z.string(),
  email_key: z.string(),
  via: Grant.describe('direct = a workspace invite; group = a pending invite to that group'),
});

export const Role = z.object({ id: z.string(), name: z.string(), description: z.string() });

export const Decision = z.object({
  subject_email: z.string(),
  subject_key: z.string(),
  reviewer_email: z.string(),
  reviewer_key: z.string(),
  decision: z.enum(['keep', 'revoke', 'modify']),
  decided_at: Timestamp,
  decided_at_ns: Nanos('decided_at'),
  justification: z.string().nullable(),
});

export const Campaign = z.object({
  id: z.string(),
  started_at: Timestamp,
  started_at_ns: Nanos('started_at'),
  due_at: Timestamp.nullable(),
  due_at_ns: Nanos('due_at'),
  decisions: z.array(Decision),
});

/** A feature the workspace's plan (or add-ons) does not offer, in Segment's own words. */
export const Unavailable = z.object({
  feature: z.enum(['groups', 'audit']),
  endpoint: z.string(),
  status: z.number().int(),
  message: z.string().describe('Segment\'s error type and message, "" when the answer had none'),
});

/** A user or group an earlier list returned that was gone (404) when its own endpoint was read. */
export const RemovedSubject = z.object({
  type: z.enum(['user', 'group']),
  id: z.string(),
  email: z.string().nullable(),
  endpoint: z.string(),
});

/** What was available this run. A control whose data is missing says unknown instead of pass. */
export const Coverage = z.object({
  users: z.boolean().describe('every page of users and each user’s permissions was read'),
  groups: z.enum(['complete', 'unavailable_plan', 'not_read']),
  invites: z.boolean(),
  audit: z.enum(['complete', 'unavailable_plan', 'not_requested']),
  identity: z.boolean().describe('at least one identity export was given'),
  identity_sources: z.array(z.string()),
  hr: z.boolean().describe('an HR roster was given'),
  reviews: z.boolean().describe('review decisions were given'),
  unavailable: z
    .array(Unavailable)
    .optional()
    .describe('features the plan does not offer (not incompleteness: nobody can hold access through them)'),
  audit_days: z.number().int().nullable().optional().describe('days of audit trail requested (at most 90)'),
  incomplete: z
    .array(z.object({ endpoint: z.string(), reason: z.string() }))
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
        type: z.enum(['SOURCE', 'WAREHOUSE', 'SPACE', 'FUNCTION']),
        endpoint: z.string(),
        read: z.boolean(),
        status: z.number().int().nullable(),
        message: z.string().describe('why the names could not be read ("" when read)'),
      }),
    )
    .optional()
    .describe('where resource names came from, best effort: a refusal leaves the ids and is recorded here'),
  user_permissions: z
    .object({
      read_from: z.enum(['list', 'per_user']),
      sample: z.number().int().describe('users read one by one to check the list’s permissions'),
      sample_differed: z.boolean(),
    })
    .optional()
    .describe('where direct permissions came from: GET /users (after a checked sample) or GET /users/{id}'),
});

export const AccessDocument = z.object({
  document_version: z.literal(DOCUMENT_VERSION),
  workspace: z.object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    region: z.enum(['us', 'eu']).nullable(),
  }),
  collected_at: Timestamp,
  collected_at_ns: Nanos('collected_at'),
  source: z.object({
    kind: z.enum(['api', 'file']),
    api_url: z.string().nullable(),
  }),
  complete: z
    .boolean()
    .describe('true only when every read the plan offers succeeded in full (plan-unavailable features excepted)'),
  coverage: Coverage,
  roles: z.array(Role),
  labels: z.array(Label),
  users: z.array(User),
  groups: z.array(Group),
  invites: z.array(Invite),
  reviews: z.object({ campaigns: z.array(Campaign) }).nullable(),
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
