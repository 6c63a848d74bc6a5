/**
 * manifest.json: what a run wrote, so a reader can tell that the files in front of them are the files the tool
 * wrote. Every output file with its size and SHA-256 (of the exact bytes written), and the evidence's
 * `snapshot_sha256` and `bundle_sha256` so the manifest ties the files to the data and policies evaluated.
 * The manifest does not list itself. Deterministic: the same files give the same manifest.
 */
import { createHash } from 'node:crypto';
import { type HashedText, hashText } from '../shared/hashed-text.js';
import { compareText } from '../shared/order.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1 as const;
export const MANIFEST_SCHEMA_ID = 'urn:uar-check:schema:manifest:v1';

export interface ManifestEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  $schema: typeof MANIFEST_SCHEMA_ID;
  manifest_version: typeof MANIFEST_VERSION;
  tool: { name: string; version: string };
  snapshot_sha256: string;
  bundle_sha256: string;
  files: ManifestEntry[];
}

export interface ManifestOptions {
  tool: { name: string; version: string };
  snapshot_sha256: string;
  bundle_sha256: string;
}

/** A file's contents: text written as UTF-8, one string or chunks already hashed. */
export type FileContents = string | HashedText;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Text in chunks with its hash (a string is cut into slices, not copied). */
const hashed = (contents: FileContents): HashedText => (typeof contents === 'string' ? hashText(contents) : contents);

/** The manifest of `files` (file name → contents). */
export function buildManifest(files: ReadonlyMap<string, FileContents>, options: ManifestOptions): Manifest {
  return manifestOf(new Map([...files].map(([name, contents]) => [name, hashed(contents)])), options);
}

function manifestOf(files: ReadonlyMap<string, HashedText>, options: ManifestOptions): Manifest {
  const entries = [...files]
    .filter(([name]) => name !== MANIFEST_FILE)
    .map(([name, h]) => ({ name, bytes: h.bytes, sha256: h.sha256 }))
    .sort((a, b) => compareText(a.name, b.name));
  return {
    $schema: MANIFEST_SCHEMA_ID,
    manifest_version: MANIFEST_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    snapshot_sha256: options.snapshot_sha256,
    bundle_sha256: options.bundle_sha256,
    files: entries,
  };
}

export function renderManifest(files: ReadonlyMap<string, FileContents>, options: ManifestOptions): string {
  return `${JSON.stringify(buildManifest(files, options), null, 2)}\n`;
}

/**
 * `files` plus manifest.json, in one map: written together, all or nothing. Each file is hashed once, from the
 * UTF-8 of the text the writer writes (text already hashed, such as the snapshot, keeps its hash).
 */
export function withManifest(
  files: ReadonlyMap<string, FileContents>,
  options: ManifestOptions,
): Map<string, FileContents> {
  const out = new Map<string, HashedText>();
  for (const [name, contents] of files) if (name !== MANIFEST_FILE) out.set(name, hashed(contents));
  const all = new Map<string, FileContents>(out);
  all.set(MANIFEST_FILE, `${JSON.stringify(manifestOf(out, options), null, 2)}\n`);
  return all;
}
