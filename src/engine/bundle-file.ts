/** Reads what the runner needs out of an `opa build` bundle (a gzipped tar): policy.wasm and data.json. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { BundleMetadata } from './build.js';
import { readTarGz } from './tar-gz.js';

export interface BundleContents {
  wasm: Buffer;
  data: Record<string, unknown>;
  metadata: BundleMetadata;
  /** sha256 of policy.wasm: what was evaluated (tar timestamps do not change it). */
  sha256: string;
}

const Metadata = z.object({
  uar_check: z.object({
    bundle_version: z.literal(2),
    opa_version: z.string(),
    controls: z.array(z.any()),
    problems: z.record(z.string(), z.string()),
    rules: z.record(z.string(), z.array(z.string())),
    scopes: z
      .record(z.string(), z.object({ scope: z.literal('user').optional(), reads: z.array(z.string()).optional() }))
      .optional(),
    policy_files: z.array(z.object({ path: z.string(), sha256: z.string() })),
  }),
});

export async function readBundle(file: string): Promise<BundleContents> {
  const { files, sha256 } = await bundleFiles(file);
  const wasm = files.get('policy.wasm');
  const rawData = files.get('data.json');
  if (!wasm || !rawData || !sha256)
    throw new InputError(file, 'bundle has no policy.wasm: build it with `uar-check build`');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(rawData.toString('utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new InputError(file, 'the bundle’s data.json is not JSON (a truncated file?): build it again', { cause });
  }
  const parsed = Metadata.safeParse(data);
  if (!parsed.success) {
    throw new InputError(
      file,
      'bundle was not built by this version of `uar-check build` (no control metadata): build it again',
    );
  }
  const { uar_check: metadata, ...policyData } = data;
  return {
    wasm,
    data: policyData,
    metadata: parsed.data.uar_check as BundleMetadata,
    sha256,
  };
}

/**
 * The last bundle's files, reused while the file is the same (device, inode, size, time): `run` reads the
 * built-in bundle to check that it is current, then to load it. The contents are parsed again by each caller, so
 * none shares objects with another.
 */
interface BundleFiles {
  files: Map<string, Buffer>;
  /** sha256 of policy.wasm, when there is one. */
  sha256?: string;
}

let last: { path: string; key: string; read: BundleFiles } | undefined;

async function bundleFiles(file: string): Promise<BundleFiles> {
  const path = resolve(file);
  // Read at once (a bundle is a few hundred kB): at start-up, each asynchronous step would wait its turn.
  const s = statOrUndefined(path);
  const key = s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}` : '';
  if (s && last?.path === path && last.key === key) return last.read;
  let entries: Map<string, Buffer>;
  try {
    entries = readTarGz(readFileSync(path));
  } catch (cause) {
    throw new InputError(file, 'not a readable policy bundle (expected a .tar.gz written by `uar-check build`)', {
      cause,
    });
  }
  const wasm = entries.get('policy.wasm');
  const read = { files: entries, sha256: wasm && createHash('sha256').update(wasm).digest('hex') };
  if (s) last = { path, key, read };
  return read;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined; // reported by the read below
  }
}

/** True when two bundles hold the same policy.wasm and the same data (tar timestamps aside). */
export async function sameBundle(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readBundle(a), readBundle(b)]);
  return x.sha256 === y.sha256 && JSON.stringify([x.data, x.metadata]) === JSON.stringify([y.data, y.metadata]);
}
