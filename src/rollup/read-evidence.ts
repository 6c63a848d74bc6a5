/**
 * The part of an evidence.json (schemas/evidence.v1.schema.json) a roll-up needs, validated: evidence files come
 * from other jobs' artifacts, so a file of the wrong kind is refused with its name, not half-read.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

const Severity = z.enum(['critical', 'high', 'medium', 'low']);

const EvidenceForRollup = z.object({
  evidence_version: z.literal(1),
  evaluated_at: z.string(),
  workspace: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  complete: z.boolean(),
  snapshot_sha256: z.string(),
  controls: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: Severity,
      status: z.enum(['pass', 'fail', 'unknown', 'error', 'skipped']),
      findings: z.array(
        z.object({
          subject: z.object({ type: z.string(), id: z.string().nullish(), email: z.string().nullish() }),
          message: z.string(),
        }),
      ),
      excepted: z.array(z.unknown()),
      unknown: z.array(z.unknown()),
    }),
  ),
});

export type EvidenceForRollup = z.infer<typeof EvidenceForRollup>;
export type RollupSeverity = z.infer<typeof Severity>;

export function parseEvidenceForRollup(file: string, text: string): EvidenceForRollup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError(
      file,
      `not valid JSON (${(cause as Error).message}); expected an evidence.json of uar-check run`,
      {
        cause,
      },
    );
  }
  const parsed = EvidenceForRollup.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the top level';
    throw new InputError(
      file,
      `not a uar-check evidence file v1 (${where}: ${issue.message}); expected the evidence.json a run wrote`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
