/**
 * manifest.json: what a run wrote, so a reader can tell that the files in front of them are the files the tool
 * wrote. Every output file with its size and SHA-256 (of the exact bytes written), and the evidence's
 * `snapshot_sha256` and `bundle_sha256` so the manifest ties the files to the data and policies evaluated.
 * The manifest does not list itself. Deterministic: the same files give the same manifest.
 */
import { createHash } from 'node:crypto';
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

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest of `files` (file name → text, written as UTF-8). */
export function buildManifest(files: ReadonlyMap<string, string>, options: ManifestOptions): Manifest {
  const entries = [...files]
    .filter(([name]) => name !== MANIFEST_FILE)
    .map(([name, text]) => {
      const bytes = Buffer.from(text, 'utf8');
      return { name, bytes: bytes.length, sha256: sha256Hex(bytes) };
    })
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

export function renderManifest(files: ReadonlyMap<string, string>, options: ManifestOptions): string {
  return `${JSON.stringify(buildManifest(files, options), null, 2)}\n`;
}

/** `files` plus manifest.json, in one map: written together, all or nothing. */
export function withManifest(files: ReadonlyMap<string, string>, options: ManifestOptions): Map<string, string> {
  const out = new Map(files);
  out.delete(MANIFEST_FILE);
  out.set(MANIFEST_FILE, renderManifest(files, options));
  return out;
}
