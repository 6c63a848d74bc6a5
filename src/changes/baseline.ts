/**
 * `--baseline FILE`: a previous snapshot (an access document) or a previous evidence.json (its `access`
 * section). Both become an AccessSummary, which src/review.ts diffs against this run's (diff.ts).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { AccessSummary } from '../model/changes.js';
import { AccessDocument } from '../model/document.js';
import { safeParseUnchanged } from '../model/unchanged.js';
import { readBytesOr } from '../shared/read-file.js';
import { decodeText, jsonProblem } from '../shared/text-input.js';
import { summarizeAccess } from './access-summary.js';

const Ref = z.object({ id: z.string(), name: z.string() });
const AccessSummarySchema = z.object({
  workspace_id: z.string(),
  collected_at: z.string().nullable(),
  users: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
      groups: z.array(Ref),
      is_owner: z.boolean(),
      is_admin: z.boolean(),
    }),
  ),
  groups: z.array(Ref.extend({ member_count: z.number() })),
});

/** AccessDocument.safeParse without its copy of a document it would return unchanged (model/unchanged.ts). */
const parseDocument = safeParseUnchanged(AccessDocument);

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
}

/** Parse baseline text (a snapshot or an evidence file). `file` is only used in error messages. */
export function parseBaseline(text: string, file: string): AccessSummary {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    const { reason, line, column } = jsonProblem(text.replace(/^\uFEFF/, ''), cause);
    throw new InputError(
      file,
      `baseline is not valid JSON (${reason}); pass a previous snapshot.json or evidence.json`,
      { cause, line, column },
    );
  }
  const record = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if ('document_version' in record) {
    const doc = parseDocument(json);
    if (!doc.success)
      throw new InputError(file, `baseline snapshot does not match the access document v1: ${issue(doc.error)}`);
    return summarizeAccess(doc.data);
  }
  if ('evidence_version' in record) {
    if (record.access === null || record.access === undefined) {
      throw new InputError(file, 'baseline evidence has no access section; pass the snapshot.json of that run instead');
    }
    const access = AccessSummarySchema.safeParse(record.access);
    if (!access.success)
      throw new InputError(file, `baseline evidence access section is invalid: ${issue(access.error)}`);
    return access.data;
  }
  throw new InputError(file, 'not a uar-check snapshot or evidence file (no document_version or evidence_version)');
}

export async function readBaseline(file: string): Promise<AccessSummary> {
  const text = decodeText(
    await readBytesOr(file, (reason, cause) => new InputError(file, `cannot read baseline: ${reason}`, { cause })),
  );
  return parseBaseline(text, file);
}
