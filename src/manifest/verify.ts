/**
 * `uar-check verify DIR`: recompute every hash in DIR/manifest.json. A file that is missing, has another size
 * or another SHA-256 is named; so is an evidence.json or snapshot.json that does not match the manifest's
 * `snapshot_sha256` / `bundle_sha256`. Files in DIR that the manifest does not list are reported as notes
 * (the tool did not write them) but do not fail the check.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { compareText } from '../shared/order.js';
import { readTextOr } from '../shared/read-file.js';
import { MANIFEST_FILE, MANIFEST_SCHEMA_ID, type Manifest } from './manifest.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in lower-case hex');

const ManifestSchema = z.object({
  $schema: z.literal(MANIFEST_SCHEMA_ID),
  manifest_version: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string() }),
  snapshot_sha256: Sha256,
  bundle_sha256: Sha256,
  files: z.array(
    z.object({
      name: z
        .string()
        .regex(/^[^/\\]+$/, 'expected a plain file name')
        .refine((n) => n !== '.' && n !== '..', 'expected a plain file name'),
      bytes: z.number().int().nonnegative(),
      sha256: Sha256,
    }),
  ),
});

export interface Verification {
  ok: boolean;
  /** One line per file that does not match, naming it. */
  problems: string[];
  /** Files present in DIR but not listed (not written by the tool). */
  unlisted: string[];
  checked: number;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  const text = await readTextOr(
    file,
    (reason, cause) =>
      new InputError(file, `cannot read the manifest (${reason}); give the --out-dir of a uar-check run`, { cause }),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InputError(file, 'not valid JSON; the manifest was changed or is not a uar-check manifest', { cause });
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(top level)';
    throw new InputError(file, `${path}: ${issue?.message}; the manifest was changed or is not a uar-check manifest`, {
      cause: parsed.error,
    });
  }
  return parsed.data as Manifest;
}

export async function verifyDir(dir: string): Promise<Verification> {
  const manifest = await readManifest(dir);
  const problems: string[] = [];
  const hashes = new Map<string, string>(); // file name → SHA-256 of its bytes, for the files that could be read
  for (const entry of manifest.files) {
    let read: { bytes: number; sha256: string };
    try {
      read = await hashFile(join(dir, entry.name));
    } catch {
      problems.push(`${entry.name}: missing`);
      continue;
    }
    hashes.set(entry.name, read.sha256);
    if (read.bytes !== entry.bytes) {
      problems.push(`${entry.name}: changed (${read.bytes} bytes, the manifest says ${entry.bytes})`);
    } else if (read.sha256 !== entry.sha256) {
      problems.push(`${entry.name}: changed (SHA-256 differs from the manifest)`);
    }
  }
  const snapshot = hashes.get('snapshot.json');
  if (snapshot !== undefined && snapshot !== manifest.snapshot_sha256) {
    problems.push("snapshot.json: its SHA-256 is not the manifest's snapshot_sha256");
  }
  const evidence = hashes.has('evidence.json') ? await readFile(join(dir, 'evidence.json')).catch(() => null) : null;
  if (evidence) {
    const fields = evidenceHashes(evidence);
    if (fields.snapshot_sha256 !== manifest.snapshot_sha256 || fields.bundle_sha256 !== manifest.bundle_sha256) {
      problems.push("evidence.json: its snapshot_sha256 or bundle_sha256 is not the manifest's");
    }
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  const unlisted = (await readdir(dir))
    .filter((name) => name !== MANIFEST_FILE && !listed.has(name) && !name.startsWith('.'))
    .sort(compareText);
  return { ok: problems.length === 0, problems, unlisted, checked: manifest.files.length };
}

function evidenceHashes(bytes: Buffer): { snapshot_sha256?: unknown; bundle_sha256?: unknown } {
  try {
    const value = JSON.parse(bytes.toString('utf8'));
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** A file's size and SHA-256, read as a stream (a snapshot of 100,000 users is 240 MB, never held whole). */
async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
