/**
 * Builds policies into a bundle unless an identical build is cached. The key hashes every policy file
 * (path and content), the OPA version, the capabilities and the runner's version. A cached bundle that cannot
 * be read (truncated by a crash or a full disk) is removed and rebuilt, never trusted and never fatal.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BundleMetadata, buildBundle, ruleNames } from './build.js';
import { readBundle } from './bundle-file.js';
import { readControlMeta } from './inspect.js';
import { RUNNER_VERSION } from './main-rego.js';
import type { OpaBinary } from './opa-binary.js';
import { listPolicyFiles } from './policy-files.js';

export interface CachedBuild {
  file: string;
  cached: boolean;
}

export async function buildCached(options: {
  opa: OpaBinary;
  policyDirs: string[];
  capabilitiesFile: string;
  cacheDir: string;
  baseDir: string;
}): Promise<CachedBuild> {
  const files = await listPolicyFiles(options.policyDirs, options.baseDir);
  const hash = createHash('sha256');
  hash
    .update(`opa ${options.opa.version}\nrunner ${RUNNER_VERSION}\n`)
    .update(await readFile(options.capabilitiesFile));
  for (const f of files) hash.update(`\n${f.path}\n`).update(f.content);
  const file = join(options.cacheDir, 'bundles', `${hash.digest('hex')}.tar.gz`);
  if (existsSync(file)) {
    const usable = await readBundle(file).then(
      () => true,
      () => false,
    );
    if (usable) return { file, cached: true };
    await rm(file, { force: true }); // truncated or corrupt: rebuilt below
  }

  const inspection = await readControlMeta(options.opa, options.policyDirs, options.baseDir);
  const metadata: BundleMetadata = {
    bundle_version: 2,
    opa_version: options.opa.version,
    controls: inspection.controls,
    problems: inspection.problems,
    scopes: inspection.scopes,
    rules: Object.fromEntries(
      inspection.controls.map((c) => [
        c.id,
        ruleNames(files.find((f) => f.path === c.file)?.content.toString('utf8') ?? ''),
      ]),
    ),
    policy_files: files
      .filter((f) => f.path.endsWith('.rego') && !f.path.endsWith('_test.rego'))
      .map(({ path, sha256 }) => ({ path, sha256 })),
  };
  await mkdir(join(options.cacheDir, 'bundles'), { recursive: true });
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await buildBundle({ opa: options.opa, files, capabilitiesFile: options.capabilitiesFile, metadata, out: partial });
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return { file, cached: false };
}
